"""MkDocs hook: wire the question bank (hooks/handbook) into the build.

- on_config: read data/ and start validating it in a second process (any
  problem fails the build, listing all of them, in on_post_build or, when
  invalid data broke the build first, in on_build_error); give mkdocs-macros
  the rendering functions and the bank;
- on_files: one generated page per topic file (no stub in docs/), and with
  HANDBOOK_BOOK set the one-page book that `make pdf` prints;
- on_nav: Home, the topics grouped by section in their order, then the rest;
- on_page_content: the toolbar and question meta lines go in (raw HTML kept
  out of Markdown, which parses it slowly); formulas and the "Answer" label
  are kept out of search previews; code drops the spans that draw nothing;
- on_page_context (after search has indexed the page): a topic page ranks
  below its own questions in search;
- on_post_page: TeX placeholders become MathML, figure placeholders inline SVG;
- on_post_build: the validation's verdict; then the exports (handbook.json,
  the Anki notes cut from the topic pages' content) and the short links
  /q/<id>/ are written straight into the site.

data/ is only read, never written.
"""
import datetime
import os
import sys
from pathlib import Path

# mkdocs serve re-executes this file on every rebuild; drop the cached package
# so that edits under hooks/handbook/ take effect without a restart.
for _name in [m for m in sys.modules if m == "handbook" or m.startswith("handbook.")]:
    del sys.modules[_name]

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.nav import Navigation, Section  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from handbook import (  # noqa: E402
    bank as bank_module, downloads, exports, figures, highlight, loader, mathml, render, search_index, shortlinks)

_bank: bank_module.Bank | None = None  # read in on_config, on every (re)build
_validation: loader.Validation | None = None  # running beside the build; judged before it ends
_topic_pages: dict[str, Page] = {}  # topic id -> its page, whose content the Anki export reads


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bank, _validation
    _topic_pages.clear()
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        _bank, _validation = loader.read_while_validating(data_dir)
    except loader.InvalidBank as err:
        raise PluginError(f"data/ is not valid:\n{err}") from None
    macros = config.plugins["macros"]
    macros.register_variables({"bank": _bank, "difficulties": bank_module.DIFFICULTIES,
                               "downloads": downloads.available(os.environ.get("HANDBOOK_DOWNLOADS"))})
    macros.register_macros({
        "topic_page": lambda topic_id: render.topic_page(_bank.topic(topic_id), _bank),
        "topics_table": lambda: render.topics_table(_bank),
        "tags_index": lambda: render.tags_index(_bank),
        "book_page": lambda: render.book_page(_bank, datetime.date.today().isoformat()),
    })
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for topic in _bank.topics:
        files.append(File.generated(config, f"{topic.id}.md", content=render.topic_source(topic)))
    for name in (exports.JSON_NAME, exports.ANKI_NAME):  # written in on_post_build; known to link checks
        files.append(File.generated(config, name, content=""))
    if os.environ.get("HANDBOOK_BOOK"):  # make pdf prints this page
        files.append(File.generated(config, "book.md", content=BOOK_SOURCE))
    for name, found in downloads.available(os.environ.get("HANDBOOK_DOWNLOADS")).items():
        files.append(File.generated(config, name, abs_src_path=str(found["path"])))  # make build
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    pages = {page.file.src_uri: page for page in nav.pages}
    items, order = [pages.pop("index.md")], []
    for section, topics in _bank.sections.items():
        children = [pages.pop(f"{topic.id}.md") for topic in topics]
        if section:
            group = Section(section, children)
            for child in children:
                child.parent = group
            items.append(group)
        else:
            items.extend(children)
    items.extend(sorted(pages.values(), key=lambda page: (PAGE_ORDER.get(page.file.src_uri, 99), page.file.src_uri)))
    for item in items:
        order.extend(item.children if isinstance(item, Section) else [item])
    for previous, page, following in zip([None, *order], order, [*order[1:], None]):
        page.previous_page, page.next_page = previous, following
    return Navigation(items, order)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == "book.md":
        return highlight.unwrap_unstyled_tokens(mathml.hide_from_search(render.links_inside_book(html, _bank)))
    html = render.fill_parts(html, _bank)
    if exports.ANSWER_END in html:  # a topic page: the Anki export reads its content at the end
        _topic_pages[_topic_id(page)] = page
    html = html.replace(ANSWER_SUMMARY, ANSWER_SUMMARY.replace("<summary>", "<summary data-search-exclude>"))
    return highlight.unwrap_unstyled_tokens(mathml.hide_from_search(html))


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    output = figures.draw_in_html(output.replace(exports.ANSWER_END, ""), _figures_of)
    return mathml.render_math_in_html(output)


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    search = config.plugins.get("material/search")  # its on_page_context has just indexed the page
    if search is not None and _topic_pages.get(_topic_id(page)) is page:
        search_index.demote_page(search.search_index.entries, page.url)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    _fail_if_invalid()
    site_dir = Path(config.site_dir)
    with open(site_dir / exports.JSON_NAME, "w", encoding="utf-8") as out:
        exports.write_bank_file(out, _bank)
    with open(site_dir / exports.ANKI_NAME, "w", encoding="utf-8", newline="") as out:
        exports.write_anki_notes(out, _bank, config.site_name, _anki_answers, config.site_url)
    shortlinks.write_pages(site_dir, _bank, config.site_name)


def _anki_answers(topic_id: str) -> dict[str, tuple[str, str]]:
    """A topic's questions and answers as its page rendered them, with figures, math as TeX."""
    answers = exports.rendered_answers(mathml.unhide_from_search(_topic_pages[topic_id].content))
    return {qid: (question, figures.draw_in_html(answer, _figures_of)) for qid, (question, answer) in answers.items()}


def on_build_error(*, error: Exception) -> None:
    """A build that broke on invalid data ends by saying what is wrong with the data."""
    if _validation is not None:
        _fail_if_invalid()


def _fail_if_invalid() -> None:
    problems = _validation.problems()
    if problems:
        raise PluginError(f"data/ is not valid:\n{loader.InvalidBank(problems)}")


def _topic_id(page: Page) -> str:
    """The topic a generated topic page shows (its source is <topic id>.md)."""
    return page.file.src_uri.removesuffix(".md")


def _figures_of(question_id: str) -> tuple[dict, ...]:
    return _bank.questions[question_id].figures


ANSWER_SUMMARY = "<summary>Answer</summary>"  # kept out of search previews
BOOK_SOURCE = "---\ntitle: Book\nsearch:\n  exclude: true\nhide: [navigation, toc]\n---\n\n{{ book_page() }}\n"
PAGE_ORDER = {"practice.md": 0, "review.md": 1, "tags.md": 2, "exports.md": 3}  # after the topics; others follow
