"""The export files and the pure rendering functions, without MkDocs."""
import csv
import io
import json
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA

DECK = "Deep Learning Interview Handbook"  # site_name, for both builds
from handbook import exports, loader, mathml, render, shortlinks


@pytest.fixture(scope="module", params=["fixture", "real"])
def bank(request):
    return loader.load(FIXTURE_DATA if request.param == "fixture" else Path("data"))


def test_json_export_has_every_question(bank):
    out = io.StringIO()
    exports.write_bank_file(out, bank)
    data = json.loads(out.getvalue())
    ids = [q["id"] for topic in data["topics"] for q in topic["questions"]]
    assert sorted(ids) == sorted(bank.questions)
    assert data["format"] == 1
    first = data["topics"][0]["questions"][0]
    assert first["url"] == f"{data['topics'][0]['id']}/#{first['id']}" and first["short_url"] == f"q/{first['id']}/"


def anki_rows(text: str) -> list[list[str]]:
    body = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
    return list(csv.reader(io.StringIO(body), delimiter="\t"))


@pytest.mark.parametrize("built", ["fixture_site", "site"])
def test_anki_file_has_one_note_per_question(built, request):
    site = request.getfixturevalue(built)
    text = (site / exports.ANKI_NAME).read_text(encoding="utf-8")
    ids = [q["id"] for t in json.loads((site / exports.JSON_NAME).read_text())["topics"] for q in t["questions"]]
    header = [line for line in text.splitlines() if line.startswith("#")][:7]
    assert header == ["#separator:tab", "#html:true", "#notetype:Basic", f"#deck:{DECK}",
                      "#columns:Front\tBack\tTags\tGUID", "#tags column:3", "#guid column:4"]
    rows = anki_rows(text)
    assert [row[3] for row in rows] == [f"dl-handbook-{qid}" for qid in ids]
    assert all(len(row) == 4 and row[0] and row[1].startswith("<") for row in rows)
    assert not any("hb:end-answer" in row[1] or "<math" in row[1] or "Likely follow-ups" in row[1] for row in rows)
    assert not any('href="../' in row[1] for row in rows)  # links lead to the site, not nowhere


def test_anki_cards_are_the_rendered_answers(fixture_site):
    rows = {row[3]: row for row in anki_rows((fixture_site / exports.ANKI_NAME).read_text(encoding="utf-8"))}
    front, back, tags, _ = rows["dl-handbook-sigmoid-formula"]
    assert front == "What is the sigmoid function?"
    assert "\\(\\sigma'(0) = 0.25\\)" in back and "\\[" in back and "$\\" not in back  # MathJax delimiters
    assert tags.split()[:2] == ["dl-handbook::formulas", "difficulty::basic"]
    assert 'href="http://127.0.0.1:8000/' in rows["dl-handbook-what-is-a-neuron"][1]  # a related-question link


def test_rendered_answers_stop_at_the_end_marker():
    html = ('<h2 class="hb-question" id="a">Q <code>x</code>?</h2>\n<div class="hb-meta">m</div>\n'
            '<details class="answer">\n<summary>Answer</summary>\n<p>One.</p>\n' + exports.ANSWER_END +
            '\n<p><strong>Likely follow-ups</strong></p></details>\n'
            '<h2 class="hb-question" id="b">Two?</h2><details class="answer">\n<summary>Answer</summary>\n'
            '<p>Two.</p>\n\n' + exports.ANSWER_END)
    assert exports.rendered_answers(html) == {"a": ("Q <code>x</code>?", "<p>One.</p>"), "b": ("Two?", "<p>Two.</p>")}


def test_short_links_cover_ids_and_aliases():
    bank = loader.load(FIXTURE_DATA)
    links = shortlinks.pages(bank)
    assert set(links) == set(bank.questions) | {"artificial-neuron"}
    html = shortlinks.page_html(links["artificial-neuron"], "Handbook")
    assert 'content="0; url=../../basics/#what-is-a-neuron"' in html
    assert "<title>What is an artificial neuron? · Handbook</title>" in html


def test_topic_markdown_structure():
    bank = loader.load(FIXTURE_DATA)
    text = render.topic_page(bank.topic("basics"), bank)
    assert "## What is an artificial neuron? { #what-is-a-neuron .hb-question }" in text
    assert '??? answer "Answer"\n\n    A weighted sum' in text
    assert '    ??? follow-up "Why is a bias needed?"\n\n        ' in text
    assert "[What is the sigmoid function?](formulas.md#sigmoid-formula)" in text
    assert render.indent_block("a\n\n  b\n", 4) == "    a\n\n      b\n"
    assert '<a class="hb-tag" href="../tags/#capacity">capacity</a>' in render.fill_parts(text, bank)
    source = render.topic_source(bank.topic("basics"))
    assert source.endswith('{{ topic_page("basics") }}\n') and 'title: "Basics"' in source


def test_home_table_counts():
    bank = loader.load(FIXTURE_DATA)
    table = render.topics_table(bank)
    assert "| [Formulas](formulas.md) | 8 | 5 | 3 | 0 |" in table
    assert "### Showcase" in table


def test_tags_page_lists_questions_as_html():
    bank = loader.load(FIXTURE_DATA)
    assert render.inline_html("Is `a<b` & *c* code?") == "Is <code>a&lt;b</code> &amp; *c* code?"
    tags = render.tags_index(bank)
    assert '<li><a href="../basics/#what-is-a-neuron">What is an artificial neuron?</a>' in tags


def test_formulas_leave_search_then_become_mathml():
    page = '<p>a <span class="arithmatex">\\(x^2\\)</span> b</p>\n<div class="arithmatex">\\[y &lt; 1\\]</div>'
    hidden = mathml.hide_from_search(page)  # what Material's search indexes
    assert hidden.count('class="arithmatex" data-search-exclude>') == 2
    assert hidden.count(mathml.SEARCH_PLACEHOLDER) == 2
    final = mathml.render_math_in_html(hidden)
    assert "arithmatex" not in final and mathml.SEARCH_PLACEHOLDER not in final  # it served the index only
    assert '<math alttext="x^2"' in final and '<math alttext="y &lt; 1"' in final and 'display="block"' in final


def test_toolbar_and_meta_lines_fill_their_placeholders(bank):
    topic = bank.topics[0]
    source = render.topic_page(topic, bank)
    assert source.count("<!-- hb:meta ") == len(topic.questions) and "<div" not in source.split("??? answer")[0]
    html = render.fill_parts(source, bank)
    assert "<!-- hb:" not in html.replace("<!-- hb:end-answer -->", "").replace("<!-- hb:figure", "")
    assert html.count('<div class="hb-meta" data-search-exclude>') == len(topic.questions)
    assert html.count('<div class="hb-toolbar" data-search-exclude>') == 1
    first = topic.questions[0]
    assert f'<button type="button" class="hb-copy-link" data-qid="{first.id}"' in html


def test_formulas_hidden_from_search_come_back_for_the_cards():
    html = ('<p>a <span class="arithmatex">\\(x^2\\)</span> b</p>\n'
            '<div class="arithmatex">\\[\\frac{1}{2}\\]</div>')
    hidden = mathml.hide_from_search(html)
    assert hidden != html and mathml.unhide_from_search(hidden) == html
