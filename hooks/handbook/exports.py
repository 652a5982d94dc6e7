"""The whole bank as downloadable files, rebuilt on every build.

- handbook.json: machine-readable bank (shape documented on docs/exports.md);
- handbook-anki.txt: a note file that Anki's File > Import reads directly
  (Basic note type, HTML fields, math as \\(...\\) and \\[...\\] for Anki's MathJax,
  the question id as GUID so re-importing updates cards instead of duplicating).
  Its fields are the HTML of the topic pages, taken as they are rendered (before
  math becomes MathML), so no answer is converted from Markdown twice.

Both files, like the short links, are written straight into the site at the
end of the build, so that a bank of 10,000 questions is never held twice in
memory as text.
"""
import csv
import json
from typing import Callable, TextIO

from .bank import Bank, Question

JSON_NAME = "handbook.json"
ANKI_NAME = "handbook-anki.txt"
FORMAT_VERSION = 1

QUESTION_START = '<h2 class="hb-question" id="'
ANSWER_START = "Answer</summary>\n"  # <summary> may carry attributes
ANSWER_END = "<!-- hb:end-answer -->"  # templates/topic.md.j2 writes it after each answer


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


def rendered_answers(page_html: str) -> dict[str, tuple[str, str]]:
    """Question id -> (question, answer) HTML of a rendered topic page, math still \\( \\)."""
    answers = {}
    for part in page_html.split(QUESTION_START)[1:]:  # string search: a regex took 1 ms a page
        qid, _, part = part.partition('">')
        question, _, part = part.partition("</h2>")
        start, end = part.find(ANSWER_START), part.find(ANSWER_END)
        if 0 <= start < end:
            answers[qid] = (question, part[start + len(ANSWER_START):end].rstrip())
    return answers


def write_anki_notes(out: TextIO, bank: Bank, deck: str, rendered: Callable[[str], dict[str, tuple[str, str]]],
                     site_url: str) -> None:
    """The note file; rendered(topic id) gives that topic's questions (see rendered_answers).

    Links in answers are relative to a topic page (../<page>/#id); on a card
    they point to the site at site_url instead.
    """
    out.write("#separator:tab\n#html:true\n#notetype:Basic\n")
    out.write(f"#deck:{deck}\n#columns:Front\tBack\tTags\tGUID\n#tags column:3\n#guid column:4\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for topic in bank.topics:
        answers = rendered(topic.id)
        for q in topic.questions:
            question, answer = answers[q.id]
            tags = " ".join([f"dl-handbook::{topic.id}", f"difficulty::{q.difficulty}", *q.tags])
            answer = answer.replace('href="../', f'href="{site_url}')
            writer.writerow([question, answer, tags, f"dl-handbook-{q.id}"])


def write_bank_file(out: TextIO, bank: Bank) -> None:
    """handbook.json, streamed (the whole text of a large bank is never held at once)."""
    json.dump(bank_json(bank), out, ensure_ascii=False, indent=1)
    out.write("\n")
