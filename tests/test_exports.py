"""The export files and the pure rendering functions, without MkDocs."""
import csv
import io
import json
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA
from handbook import bank as bank_module, exports, render, shortlinks


@pytest.fixture(scope="module", params=["fixture", "real"])
def bank(request):
    return bank_module.load(FIXTURE_DATA if request.param == "fixture" else Path("data"))


def test_json_export_has_every_question(bank):
    data = json.loads(exports.files(bank, "Handbook")[exports.JSON_NAME])
    ids = [q["id"] for topic in data["topics"] for q in topic["questions"]]
    assert sorted(ids) == sorted(bank.questions)
    assert data["format"] == 1
    first = data["topics"][0]["questions"][0]
    assert first["url"] == f"{data['topics'][0]['id']}/#{first['id']}" and first["short_url"] == f"q/{first['id']}/"


def test_anki_file_has_one_note_per_question(bank):
    text = exports.files(bank, "Handbook")[exports.ANKI_NAME]
    header = [line for line in text.splitlines() if line.startswith("#")][:7]
    assert header == ["#separator:tab", "#html:true", "#notetype:Basic", "#deck:Handbook",
                      "#columns:Front\tBack\tTags\tGUID", "#tags column:3", "#guid column:4"]
    body = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
    rows = list(csv.reader(io.StringIO(body), delimiter="\t"))
    assert len(rows) == len(bank.questions)
    assert sorted(row[3] for row in rows) == sorted(f"dl-handbook-{qid}" for qid in bank.questions)
    assert all(len(row) == 4 and row[0] and row[1] for row in rows)


def test_anki_math_uses_mathjax_delimiters():
    bank = bank_module.load(FIXTURE_DATA)
    text = exports.files(bank, "Handbook")[exports.ANKI_NAME]
    assert "\\(\\sigma'(0) = 0.25\\)" in text and "\\[" in text and "$\\" not in text


def test_short_links_cover_ids_and_aliases():
    bank = bank_module.load(FIXTURE_DATA)
    links = shortlinks.pages(bank)
    assert set(links) == set(bank.questions) | {"artificial-neuron"}
    html = shortlinks.page_html(links["artificial-neuron"], "Handbook")
    assert 'content="0; url=../../basics/#what-is-a-neuron"' in html
    assert "<title>What is an artificial neuron? · Handbook</title>" in html


def test_topic_markdown_structure():
    bank = bank_module.load(FIXTURE_DATA)
    text = render.topic_page(bank.topic("basics"), bank)
    assert "## What is an artificial neuron? { #what-is-a-neuron .hb-question }" in text
    assert "//// details | Answer\n    type: answer" in text
    assert "/// details | Why is a bias needed?\n    type: follow-up" in text
    assert "[What is the sigmoid function?](formulas.md#sigmoid-formula)" in text
    assert "[capacity](tags.md#capacity){ .hb-tag }" in text
    source = render.topic_source(bank.topic("basics"))
    assert source.endswith('{{ topic_page("basics") }}\n') and 'title: "Basics"' in source


def test_home_table_counts():
    bank = bank_module.load(FIXTURE_DATA)
    table = render.topics_table(bank)
    assert "| [Formulas](formulas.md) | 7 | 4 | 3 | 0 |" in table
    assert "### Showcase" in table
