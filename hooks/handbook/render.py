"""Markdown for the generated pages: pure functions from the Bank to text.

The HTML pieces live in templates/ next to this module; MkDocs-macros calls
these functions from the pages (see hooks/site.py), tests call them directly.
"""
import html
import re
from pathlib import Path

import jinja2

from . import figures
from .bank import DIFFICULTIES, Bank, Question, Topic

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def link_text(text: str) -> str:
    """Text safe inside [...] of a Markdown link."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def inline_html(text: str) -> str:
    """A question title as HTML: escaped, `code` spans kept (titles hold no other markup)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False))


def indent_block(text: str, spaces: int) -> str:
    """Markdown indented to sit inside a `???` details block (blank lines stay empty)."""
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def answer_markdown(question: Question) -> str:
    """The answer, with a placeholder for each figure after its first paragraph (the direct
    answer); figures.draw_in_html puts the SVG there once the page is rendered and indexed."""
    if not question.figures:
        return question.answer
    first, _, rest = question.answer.partition("\n\n")
    marks = "\n\n".join(figures.placeholder(question.id, n) for n in range(len(question.figures)))
    return f"{first}\n\n{marks}\n\n{rest}" if rest else f"{first}\n\n{marks}"


TEMPLATES.filters.update(link_text=link_text, inline_html=inline_html, indent_block=indent_block,
                         answer_markdown=answer_markdown)


def topic_page(topic: Topic, bank: Bank) -> str:
    """The whole Markdown body of a topic page."""
    return TEMPLATES.get_template("topic.md.j2").render(
        topic=topic, bank=bank, difficulties=DIFFICULTIES)


PART = re.compile(r"<!-- hb:(toolbar|meta) ([a-z0-9-]+) -->")


def fill_parts(page_html: str, bank: Bank) -> str:
    """Put the topic toolbar and each question's meta line (difficulty, tags, buttons) where
    topic.md.j2 left their placeholders: templates/topic_parts.html.j2 holds the HTML."""
    parts = TEMPLATES.get_template("topic_parts.html.j2").module

    def part(match: re.Match) -> str:
        if match.group(1) == "toolbar":
            return parts.toolbar(bank.topic(match.group(2)), DIFFICULTIES).rstrip("\n")
        return parts.meta(bank.questions[match.group(2)]).rstrip("\n")
    return PART.sub(part, page_html)


def topics_table(bank: Bank) -> str:
    """The home page's table of topics with counts and difficulty mix from data."""
    return TEMPLATES.get_template("topics.md.j2").render(bank=bank, difficulties=DIFFICULTIES)


def tags_index(bank: Bank) -> str:
    """Every tag with links to its questions."""
    return TEMPLATES.get_template("tags.md.j2").render(bank=bank)


def book_page(bank: Bank, date: str) -> str:
    """Every topic and question on one page, answers open, links between questions kept
    inside the page: what `make pdf` prints as the book."""
    return TEMPLATES.get_template("book.md.j2").render(bank=bank, date=date)


TOPIC_LINK = re.compile(r'href="\.\./[a-z0-9-]+/#([a-z0-9-]+)"')


def links_inside_book(page_html: str, bank: Bank) -> str:
    """The book page's links to questions on topic pages, pointed at the same question in the book."""
    def inside(match: re.Match) -> str:
        target = bank.aliases.get(match.group(1), match.group(1))
        return f'href="#{target}"' if target in bank.questions else match.group(0)
    return TOPIC_LINK.sub(inside, page_html)


def question_url(question: Question) -> str:
    """Site-relative URL of a question's place: <topic>/#<id>."""
    return f"{question.topic}/#{question.id}"


def topic_source(topic: Topic) -> str:
    """The generated Markdown file of a topic: front matter and one macro call.

    The page body comes from the `topic_page` macro, so answer text is never
    itself read as a Jinja template.
    """
    return TEMPLATES.get_template("topic_source.md.j2").render(topic=topic)
