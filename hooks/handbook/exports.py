"""The whole bank as downloadable files, rebuilt on every build.

- handbook.json: machine-readable bank (shape documented on docs/exports.md);
- handbook-anki.txt: a note file that Anki's File > Import reads directly
  (Basic note type, HTML fields, math as \\(...\\) and \\[...\\] for Anki's MathJax,
  the question id as GUID so re-importing updates cards instead of duplicating).
"""
import csv
import io
import json

import markdown

from .bank import Bank, Question

JSON_NAME = "handbook.json"
ANKI_NAME = "handbook-anki.txt"
FORMAT_VERSION = 1

# Markdown -> HTML for flashcards: math is kept as \( \) / \[ \] for Anki's MathJax.
ANKI_MARKDOWN = {
    "extensions": ["tables", "fenced_code", "pymdownx.arithmatex"],
    "extension_configs": {"pymdownx.arithmatex": {"generic": True}},
}


def bank_json(bank: Bank) -> dict:
    return {
        "format": FORMAT_VERSION,
        "topics": [
            {
                "id": topic.id,
                "title": topic.title,
                "section": topic.section,
                "summary": topic.summary,
                "url": f"{topic.id}/",
                "questions": [question_json(q) for q in topic.questions],
            }
            for topic in bank.topics
        ],
    }


def question_json(question: Question) -> dict:
    return {
        "id": question.id,
        "question": question.question,
        "answer": question.answer,
        "difficulty": question.difficulty,
        "tags": list(question.tags),
        "related": list(question.related),
        "aliases": list(question.aliases),
        "follow_ups": [{"question": f.question, "answer": f.answer} for f in question.follow_ups],
        "url": f"{question.topic}/#{question.id}",
        "short_url": f"q/{question.id}/",
    }


def anki_notes(bank: Bank, site_name: str) -> str:
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n#notetype:Basic\n")
    out.write(f"#deck:{site_name}\n#columns:Front\tBack\tTags\tGUID\n#tags column:3\n#guid column:4\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    converter = markdown.Markdown(**ANKI_MARKDOWN)  # one instance: loading extensions is slow

    def to_html(text: str) -> str:
        return converter.reset().convert(text)

    for topic in bank.topics:
        for q in topic.questions:
            tags = " ".join([f"dl-handbook::{topic.id}", f"difficulty::{q.difficulty}", *q.tags])
            writer.writerow([to_html(q.question), to_html(q.answer), tags, f"dl-handbook-{q.id}"])
    return out.getvalue()


def files(bank: Bank, site_name: str) -> dict[str, str]:
    """File name -> content of every export."""
    return {
        JSON_NAME: json.dumps(bank_json(bank), ensure_ascii=False, indent=1) + "\n",
        ANKI_NAME: anki_notes(bank, site_name),
    }
