"""MkDocs hook: wire the question bank (hooks/handbook) into the build.

- on_config: read data/ and start validating it in a second process (any
  problem fails the build, listing all of them, in on_post_build or, when
  invalid data broke the build first, in on_build_error); give mkdocs-macros
  the rendering functions and the bank;
- on_files: one generated page per topic file (no stub in docs/), the short
  links /q/<id>/ and the exports, all as generated files, and with
  HANDBOOK_BOOK set the one-page book that `make pdf` prints;
- on_nav: Home, the topics grouped by section in their order, then the rest;
- on_page_content: the toolbar and question meta lines go in (raw HTML kept
  out of Markdown, which parses it slowly); each topic page's rendered answers
  are kept for the Anki export; formulas and the "Answer" label are kept out of search previews;
  code drops the spans that draw nothing (before search parses the page);
- on_post_page (after search has indexed the page): TeX placeholders become
  MathML, figure placeholders inline SVG;
- on_env (after every page is rendered): the Anki export gets its content;
- on_post_build: topic pages rank below their questions in the search index.

data/ is only read, never written.
"""
import datetime
import json
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
_rendered: dict[str, tuple[str, str]] = {}  # question id -> (question, answer) HTML, for Anki


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bank, _validation
    _rendered.clear()
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
    for link_id, question in shortlinks.pages(_bank).items():
        files.append(File.generated(config, f"q/{link_id}/index.html",
                                    content=shortlinks.page_html(question, config.site_name)))
    files.append(File.generated(config, exports.JSON_NAME, content=exports.bank_file(_bank)))
    files.append(File.generated(config, exports.ANKI_NAME, content=""))  # filled in on_env
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
    if exports.ANSWER_END in html:
        _rendered.update(exports.rendered_answers(html))
        html = html.replace(exports.ANSWER_END, "")
    html = html.replace(ANSWER_SUMMARY, ANSWER_SUMMARY.replace("<summary>", "<summary data-search-exclude>"))
    return highlight.unwrap_unstyled_tokens(mathml.hide_from_search(html))


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return mathml.render_math_in_html(figures.draw_in_html(output, _figures_of))


def on_env(env, *, config: MkDocsConfig, files: Files):
    rendered = {qid: (question, figures.draw_in_html(answer, _figures_of))
                for qid, (question, answer) in _rendered.items()}
    notes = exports.anki_notes(_bank, config.site_name, rendered, config.site_url)
    files.get_file_from_path(exports.ANKI_NAME).content_string = notes
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    _fail_if_invalid()
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():  # search disabled
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    topic_pages = {f"{topic.id}/" for topic in _bank.topics}
    path.write_text(json.dumps(search_index.demote_pages(index, topic_pages), separators=(",", ":")),
                    encoding="utf-8")


def on_build_error(*, error: Exception) -> None:
    """A build that broke on invalid data ends by saying what is wrong with the data."""
    if _validation is not None:
        _fail_if_invalid()


def _fail_if_invalid() -> None:
    problems = _validation.problems()
    if problems:
        raise PluginError(f"data/ is not valid:\n{loader.InvalidBank(problems)}")


def _figures_of(question_id: str) -> tuple[dict, ...]:
    return _bank.questions[question_id].figures


ANSWER_SUMMARY = "<summary>Answer</summary>"  # kept out of search previews
BOOK_SOURCE = "---\ntitle: Book\nsearch:\n  exclude: true\nhide: [navigation, toc]\n---\n\n{{ book_page() }}\n"
PAGE_ORDER = {"practice.md": 0, "review.md": 1, "tags.md": 2, "exports.md": 3}  # after the topics; others follow
