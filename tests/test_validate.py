"""Every validation rule, each with a bad input and the message it must produce."""
import copy
import hashlib
import json
from pathlib import Path

import pytest

from handbook import bank, published, validate

GOOD = {
    "$schema": "./schema.json",
    "id": "topic-a",
    "title": "Topic A",
    "questions": [
        {"id": "first-question", "question": "What is first?", "answer": "The first answer, $x^2$.",
         "difficulty": "basic", "tags": ["fundamentals"], "related": ["second-question"]},
        {"id": "second-question", "question": "What is second?", "answer": "The second answer.",
         "difficulty": "advanced", "tags": ["fundamentals"]},
    ],
}


def write(folder: Path, files: dict[str, object]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content, indent=2)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems(tmp_path: Path, files: dict[str, object]) -> list[str]:
    return [str(p) for p in validate.check(write(tmp_path / "data", files))]


def mutated(change) -> dict:
    doc = copy.deepcopy(GOOD)
    change(doc)
    return doc


def q(doc: dict, index: int = 0) -> dict:
    return doc["questions"][index]


def test_good_bank_has_no_problem(tmp_path):
    assert problems(tmp_path, {"topic-a.json": GOOD}) == []


def test_real_bank_is_valid():
    assert [str(p) for p in validate.check(Path("data"))] == []


def test_malformed_json_gives_line_and_column(tmp_path):
    text = json.dumps(GOOD, indent=2).replace('"title": "Topic A",', '"title": "Topic A"', 1)
    [message] = problems(tmp_path, {"topic-a.json": text})
    assert message.startswith("data/topic-a.json: -: -: malformed JSON at line 5, column 3")
    assert "— fix the syntax" in message and message.endswith("[json-syntax]")


def test_missing_field(tmp_path):
    doc = mutated(lambda d: q(d).pop("difficulty"))
    assert problems(tmp_path, {"topic-a.json": doc}) == [
        "data/topic-a.json: first-question: -: missing required field 'difficulty' — add \"difficulty\" [missing-field]"]


def test_unknown_field(tmp_path):
    doc = mutated(lambda d: q(d).update(anwser="typo"))
    [message] = problems(tmp_path, {"topic-a.json": doc})
    assert message.startswith("data/topic-a.json: first-question: -: unknown field anwser — remove it or fix its spelling")


def test_wrong_difficulty(tmp_path):
    doc = mutated(lambda d: q(d).update(difficulty="hard"))
    assert problems(tmp_path, {"topic-a.json": doc}) == [
        "data/topic-a.json: first-question: difficulty: 'hard' is not allowed — "
        "use one of basic | intermediate | advanced [bad-value]"]


def test_empty_answer(tmp_path):
    doc = mutated(lambda d: q(d).update(answer="  \n "))
    assert problems(tmp_path, {"topic-a.json": doc}) == [
        "data/topic-a.json: first-question: answer: is empty — write the text (Markdown) [empty-text]"]


def test_id_not_kebab_case(tmp_path):
    doc = mutated(lambda d: q(d, 1).update(id="Second_Question"))
    doc["questions"][0]["related"] = []
    [message] = problems(tmp_path, {"topic-a.json": doc})
    assert message.startswith("data/topic-a.json: Second_Question: id: 'Second_Question' is not a kebab-case id")


def test_topic_id_differs_from_file_name(tmp_path):
    assert problems(tmp_path, {"topic-b.json": GOOD}) == [
        "data/topic-b.json: -: id: topic id 'topic-a' differs from the file name — "
        "rename the file to topic-a.json or set \"id\": \"topic-b\" [topic-id]"]


def test_reserved_topic_id(tmp_path):
    doc = mutated(lambda d: d.update(id="tags"))
    [message] = problems(tmp_path, {"tags.json": doc})
    assert message.startswith("data/tags.json: -: id: 'tags' is reserved for a page of the site")


def test_duplicate_id_across_files(tmp_path):
    other = mutated(lambda d: d.update(id="topic-b"))
    other["questions"] = [copy.deepcopy(GOOD["questions"][1])]
    assert problems(tmp_path, {"topic-a.json": GOOD, "topic-b.json": other}) == [
        "data/topic-b.json: second-question: id: 'second-question' is already used by question "
        "'second-question' in data/topic-a.json — choose another id; ids and aliases are unique "
        "across all files [duplicate-id]"]


def test_alias_clashing_with_an_id(tmp_path):
    doc = mutated(lambda d: q(d, 1).update(aliases=["first-question"]))
    [message] = problems(tmp_path, {"topic-a.json": doc})
    assert message.startswith("data/topic-a.json: second-question: aliases: 'first-question' is already used")


def test_related_pointing_nowhere(tmp_path):
    doc = mutated(lambda d: q(d).update(related=["no-such-question"]))
    assert problems(tmp_path, {"topic-a.json": doc}) == [
        "data/topic-a.json: first-question: related: 'no-such-question' is not a question id — "
        "use the id of an existing question (check the spelling) [related-missing]"]


def test_related_to_a_former_id(tmp_path):
    doc = mutated(lambda d: q(d, 1).update(aliases=["old-second"]))
    doc["questions"][0]["related"] = ["old-second"]
    assert problems(tmp_path, {"topic-a.json": doc}) == [
        "data/topic-a.json: first-question: related: 'old-second' is a former id — "
        "link to its current id 'second-question' [related-alias]"]


@pytest.mark.parametrize("written, command", [
    ("\\frac{1}{2}", "frac"), ("\\beta", "beta"), ("\\tanh x", "tanh"), ("\\rho", "rho")])
def test_latex_backslash_eaten_by_json(tmp_path, written, command):
    text = json.dumps(GOOD).replace("$x^2$", f"${written}$")  # single backslash in the JSON text
    [message] = problems(tmp_path, {"topic-a.json": text})
    assert message.startswith("data/topic-a.json: first-question: answer: control character U+")
    assert f"JSON read \"\\{command}\" as an escape — write \\\\{command}" in message


def test_nabla_eaten_by_json_newline(tmp_path):
    text = json.dumps(GOOD).replace("$x^2$", "$\\nabla f$")
    [message] = problems(tmp_path, {"topic-a.json": text})
    assert "before 'abla': JSON read \"\\nabla\" as an escape — write \\\\nabla" in message


def test_math_that_cannot_render(tmp_path):
    doc = mutated(lambda d: q(d).update(answer="Broken: $\\fraction{1}{2}$."))
    [message] = problems(tmp_path, {"topic-a.json": doc})
    assert message.startswith("data/topic-a.json: first-question: answer: math cannot render: $\\fraction{1}{2}$")
    assert message.endswith("[math]")


def test_unclosed_dollar(tmp_path):
    doc = mutated(lambda d: q(d).update(answer="Costs $5 or the formula $x + y is open."))
    [message] = problems(tmp_path, {"topic-a.json": doc})
    assert message.endswith("[math-delimiter]")


def test_math_in_question_title(tmp_path):
    doc = mutated(lambda d: q(d).update(question="Why divide by $\\sqrt{d_k}$?"))
    [message] = problems(tmp_path, {"topic-a.json": doc})
    assert message.startswith("data/topic-a.json: first-question: question: math in a question title")


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "<iframe src=//evil></iframe>"])
def test_raw_html_that_could_run_script(tmp_path, html):
    doc = mutated(lambda d: q(d).update(answer=f"Answer {html} here."))
    found = problems(tmp_path, {"topic-a.json": doc})
    assert found and all(m.startswith("data/topic-a.json: first-question: answer: raw HTML") for m in found)


def test_javascript_link(tmp_path):
    doc = mutated(lambda d: q(d).update(answer="[click](javascript:alert(1))"))
    [message] = problems(tmp_path, {"topic-a.json": doc})
    assert message.endswith("[unsafe-link]")


def test_html_like_text_in_code_and_math_is_fine(tmp_path):
    answer = "Use `<div>` in code and $a < b$ in math:\n\n```html\n<script></script>\n```"
    assert problems(tmp_path, {"topic-a.json": mutated(lambda d: q(d).update(answer=answer))}) == []


def test_heading_inside_an_answer(tmp_path):
    doc = mutated(lambda d: q(d).update(answer="Intro.\n\n## Details\n\nMore."))
    [message] = problems(tmp_path, {"topic-a.json": doc})
    assert message.startswith("data/topic-a.json: first-question: answer: Markdown heading '## Details'")


def test_every_problem_is_reported_at_once(tmp_path):
    def break_all(d):
        q(d).update(difficulty="hard", related=["nowhere"])
        q(d, 1).update(answer="")
    found = problems(tmp_path, {"topic-a.json": mutated(break_all), "broken.json": "{"})
    assert len(found) == 4


def test_validation_never_writes_to_data(tmp_path):
    folder = write(tmp_path / "data", {"topic-a.json": mutated(lambda d: q(d).update(difficulty="x")),
                                       "broken.json": "{"})
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    validate.check(folder)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert before == after


def test_command_line_exit_status(tmp_path, capsys):
    folder = write(tmp_path / "data", {"topic-a.json": mutated(lambda d: q(d).update(difficulty="x"))})
    assert validate.main(["validate", str(folder)]) == 1
    assert "[bad-value]" in capsys.readouterr().err
    good = write(tmp_path / "good", {"topic-a.json": GOOD})
    assert validate.main(["validate", str(good)]) == 0


def test_published_id_that_vanished(tmp_path):
    folder = write(tmp_path / "data", {"topic-a.json": GOOD, "published-ids.txt": "# list\nfirst-question\nold-name\n"})
    assert [str(p) for p in validate.check(folder)] == [
        "data/published-ids.txt: old-name: -: this published id is no longer a question id or alias — "
        "add it to the aliases of the question that replaces it, or restore the question [published-id]"]
    renamed = mutated(lambda d: q(d).update(aliases=["old-name"]))
    write(folder, {"topic-a.json": renamed})
    assert validate.check(folder) == []


def test_every_current_id_is_published():
    """New questions must be added to the list (`make ids`), so that removing them later is caught."""
    listed = set(published.read(Path("data")))
    current = {q["id"] for path in bank.topic_files(Path("data"))
               for q in json.loads(path.read_text(encoding="utf-8"))["questions"]}
    assert not sorted(current - listed), "run `make ids` and commit data/published-ids.txt"


@pytest.mark.parametrize("answer", ["**Pros**\n- fast\n- simple", "Compare:\n| a | b |\n|---|---|\n| 1 | 2 |"])
def test_list_or_table_without_blank_line(tmp_path, answer):
    [message] = problems(tmp_path, {"topic-a.json": mutated(lambda d: q(d).update(answer=answer))})
    assert message.startswith("data/topic-a.json: first-question: answer: no blank line before")
    assert message.endswith("[blank-line]")


def test_lists_and_tables_as_blocks_are_fine(tmp_path):
    answer = "**Pros**\n\n- fast\n  and lazy\n- simple\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```text\nx = 1\n- not a list\n```"
    assert problems(tmp_path, {"topic-a.json": mutated(lambda d: q(d).update(answer=answer))}) == []


def test_topic_files_are_in_canonical_layout():
    from handbook import canonical
    drifted = [path.name for path in bank.topic_files(Path("data"))
               if canonical.canonical_text(path.read_text(encoding="utf-8")) != path.read_text(encoding="utf-8")]
    assert not drifted, f"run `make format`: {drifted}"


def test_canonical_layout_orders_keys_like_the_schema():
    from handbook import canonical
    text = json.dumps({"questions": [{"tags": ["x"], "id": "a", "answer": "b"}], "id": "t", "title": "T"})
    assert list(json.loads(canonical.canonical_text(text))) == ["id", "title", "questions"]
    assert list(json.loads(canonical.canonical_text(text))["questions"][0]) == ["id", "answer", "tags"]


def test_related_to_itself(tmp_path):
    [message] = problems(tmp_path, {"topic-a.json": mutated(lambda d: q(d).update(related=["first-question"]))})
    assert message.endswith("links to itself — remove its own id from related [related-self]")


def test_file_that_is_not_utf8(tmp_path):
    folder = write(tmp_path / "data", {"topic-a.json": GOOD})
    (folder / "topic-a.json").write_bytes(json.dumps(GOOD).replace("first?", "fïrst?").encode("latin-1"))
    [message] = [str(p) for p in validate.check(folder)]
    assert message.startswith("data/topic-a.json: -: -: not UTF-8 text") and message.endswith("[encoding]")


def test_empty_data_folder(tmp_path):
    (tmp_path / "data").mkdir()
    assert [str(p) for p in validate.check(tmp_path / "data")] == [
        "data: -: -: no topic files found — add data/<topic-id>.json files [no-topics]"]


def test_question_title_on_two_lines(tmp_path):
    [message] = problems(tmp_path, {"topic-a.json": mutated(lambda d: q(d).update(question="What is\nfirst?"))})
    assert message == ("data/topic-a.json: first-question: question: must be a single line — "
                       "remove the line breaks [multi-line]")


def test_wrong_type(tmp_path):
    [message] = problems(tmp_path, {"topic-a.json": mutated(lambda d: q(d).update(tags="fundamentals"))})
    assert message == ("data/topic-a.json: first-question: tags: expected array, found str — "
                       "write a JSON array [wrong-type]")


def test_no_tags(tmp_path):
    [message] = problems(tmp_path, {"topic-a.json": mutated(lambda d: q(d).update(tags=[]))})
    assert message == "data/topic-a.json: first-question: tags: is empty — give at least 1 item(s) [empty-list]"


def test_same_tag_twice(tmp_path):
    [message] = problems(tmp_path, {"topic-a.json": mutated(lambda d: q(d).update(tags=["math", "math"]))})
    assert message.endswith("tags: lists the same item twice — remove the duplicate [duplicate-item]")


FENCE = "```"


@pytest.mark.parametrize("answer, expected", [
    (f"Code:\n\n{FENCE}\nx = 1\n{FENCE}", "code block 1: a code block without a language"),
    (f"{FENCE}python quick\nx = 1\n{FENCE}", "code block 1: unknown mark 'quick'"),
    (f'{FENCE}python skip=""\nx = 1\n{FENCE}', "code block 1: skip without a reason"),
    (f"{FENCE}text continued\nx\n{FENCE}", "code block 1: the mark 'continued' on a text block"),
    (f"{FENCE}python continued\nx = 1\n{FENCE}", "code block 1: marked continued, but no python block"),
    (f'{FENCE}python skip="GPU"\nx = 1\n{FENCE}\n\n{FENCE}python continued\ny = x\n{FENCE}',
     "code block 2: continues a skipped block"),
    (f"{FENCE}python\nx = = 1\n{FENCE}", "code block 1 line 1: not valid Python"),
    (f"{FENCE}python\nimport tensorflow as tf\n{FENCE}", "code block 1: imports tensorflow, which make check-code"),
    (f"{FENCE}python\nimport torch\ny = model(torch.ones(2))\n{FENCE}",
     "code block 1: uses model, which no line before defines"),
    (f"{FENCE}python\nimport torch\n{FENCE}\n\n{FENCE}python continued\ny = torch.ones(2) + z\n{FENCE}",
     "code block 2: uses z, which no line before defines"),
])
def test_code_block_that_neither_runs_nor_says_why(tmp_path, answer, expected):
    doc = mutated(lambda d: q(d).update(answer=answer))
    [message] = problems(tmp_path, {"topic-a.json": doc})
    assert message.startswith(f"data/topic-a.json: first-question: answer: {expected}")
    assert " — " in message and message.endswith("[code-block]")


def test_code_blocks_marked_right_pass(tmp_path):
    answer = (f"{FENCE}python\nimport torch\nx = torch.ones(2)\n{FENCE}\n\n"
              f"{FENCE}python continued\nprint(x.sum())  # tensor(2.)\n{FENCE}\n\n"
              f'{FENCE}python skip="downloads pretrained weights"\nimport torchvision\n{FENCE}\n\n'
              f"{FENCE}text\nnot code\n{FENCE}")
    doc = mutated(lambda d: q(d).update(answer=answer))
    doc["questions"][1]["follow_ups"] = [{"question": "And?", "answer": f"{FENCE}python\nimport math\n{FENCE}"}]
    assert problems(tmp_path, {"topic-a.json": doc}) == []


FIGURE = {"caption": "Sigmoid.", "alt": "An S-shaped curve from 0 to 1.", "x": {"label": "x", "range": [-6, 6]},
          "y": {"label": "σ(x)"}, "curves": [{"label": "σ", "expr": "sigmoid(x)"}],
          "checks": [{"curve": 0, "x": 0, "y": 0.5}]}


@pytest.mark.parametrize("change, expected", [
    (lambda f: f["curves"][0].update(expr="softplus(x)"),
     "figures[0]: unknown function 'softplus' in 'softplus(x)' (use exp, log"),
    (lambda f: f["curves"][0].update(expr="sqrt(x)"), "figures[0]: 'sqrt(x)' has no finite value at x = -6"),
    (lambda f: f["x"].update(range=[6, -6]), "figures[0]: the x range [6, -6] is empty or inverted"),
    (lambda f: f.pop("caption"), "figures[0]: missing required field 'caption'"),
    (lambda f: f.pop("x"), "figures[0]: missing required field 'x'"),
    (lambda f: f.update(alt=""), "figures[0].alt: is empty"),
    (lambda f: f["checks"][0].update(x=2), "figures[0]: 'sigmoid(x)' at x = 2 is 0.880797, not 0.5"),
    (lambda f: f["checks"][0].update(y=0.73, x=1),
     "figures[0]: checks y = 0.73, which the answer never states"),
])
def test_figure_that_cannot_be_drawn_or_disagrees_with_its_answer(tmp_path, change, expected):
    figure = copy.deepcopy(FIGURE)
    change(figure)
    doc = mutated(lambda d: q(d).update(answer="At 0 the sigmoid is 0.5.", figures=[figure]))
    found = problems(tmp_path, {"topic-a.json": doc})
    assert any(message.startswith(f"data/topic-a.json: first-question: {expected}") for message in found), found


def test_good_figure_passes(tmp_path):
    doc = mutated(lambda d: q(d).update(answer="At 0 the sigmoid is 0.5.", figures=[FIGURE]))
    assert problems(tmp_path, {"topic-a.json": doc}) == []


def test_search_term_already_in_the_text(tmp_path):
    doc = mutated(lambda d: q(d).update(search_terms=["reproducibility", "First Answer", "first ans"]))
    assert problems(tmp_path, {"topic-a.json": doc}) == [
        "data/topic-a.json: first-question: search_terms: 'First Answer' is already in the text — "
        "remove it: search finds the text itself [search-term]"]


def test_bench_synthetic_bank_is_valid(tmp_path):
    """make bench builds synthetic banks; they must pass every rule, or the bench stops."""
    import bench
    data = bench.synthetic_data(tmp_path / "data", 40, topics=4)
    assert [str(p) for p in validate.check(data)] == []
