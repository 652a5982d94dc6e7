"""Permanent short links: /q/<id>/ for every question id and every former id.

Each is a small static page that carries the question as title, description
and Open Graph tags (so chat previews show it), forwards to the question's
current place, and keeps a plain link for readers without script.
"""
from pathlib import Path

from . import plaintext
from .bank import Bank, Question
from .render import TEMPLATES


def pages(bank: Bank) -> dict[str, Question]:
    """Short-link id -> the question it leads to (current ids and aliases)."""
    links = {qid: question for qid, question in bank.questions.items()}
    links.update({alias: bank.questions[qid] for alias, qid in bank.aliases.items()})
    return links


def page_html(question: Question, site_name: str) -> str:
    return TEMPLATES.get_template("shortlink.html.j2").render(
        question=plaintext.plain(question.question),
        description=plaintext.summary(question.answer),
        target=f"../../{question.topic}/#{question.id}",
        site_name=site_name,
    )


def write_pages(site_dir: Path, bank: Bank, site_name: str) -> None:
    """Every short link page into the built site (at the end of the build: no page links to them)."""
    for link_id, question in pages(bank).items():
        folder = site_dir / "q" / link_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(page_html(question, site_name), encoding="utf-8")
