"""The whole bank as downloadable files, rebuilt on every build.

- handbook.json: machine-readable bank (shape documented on docs/exports.md);
- handbook-anki.txt: a note file that Anki's File > Import reads directly
  (Basic note type, HTML fields, math as \\(...\\) and \\[...\\] for Anki's MathJax,
  the question id as GUID so re-importing updates cards instead of duplicating).
  Its fields are the HTML of the topic pages, taken as they are rendered (before
  math becomes MathML), so no answer is converted from Markdown twice.
"""
import csv
import io
import json

from .bank import Bank, Question

JSON_NAME = "handbook.json"
ANKI_NAME = "handbook-anki.txt"
FORMAT_VERSION = 1

QUESTION_START = '<h2 class="hb-question" id="'
ANSWER_START = "<summary>Answer</summary>\n"
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


def anki_notes(bank: Bank, deck: str, rendered: dict[str, tuple[str, str]], site_url: str) -> str:
    """The note file; `rendered` holds every question (see rendered_answers).

    Links in answers are relative to a topic page (../<page>/#id); on a card
    they point to the site at site_url instead.
    """
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n#notetype:Basic\n")
    out.write(f"#deck:{deck}\n#columns:Front\tBack\tTags\tGUID\n#tags column:3\n#guid column:4\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for topic in bank.topics:
        for q in topic.questions:
            question, answer = rendered[q.id]
            tags = " ".join([f"dl-handbook::{topic.id}", f"difficulty::{q.difficulty}", *q.tags])
            answer = answer.replace('href="../', f'href="{site_url}')
            writer.writerow([question, answer, tags, f"dl-handbook-{q.id}"])
    return out.getvalue()


def bank_file(bank: Bank) -> str:
    """The content of handbook.json."""
    return json.dumps(bank_json(bank), ensure_ascii=False, indent=1) + "\n"
