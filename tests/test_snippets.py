"""Code blocks in answers: parsing, what readers see, and the runner behind `make check-code`."""
import ast
from pathlib import Path

import pytest

from handbook import snippets

FENCE = "```"
ANSWER = (f"Intro.\n\n- a list item:\n\n    {FENCE}python\n    import math\n    x = math.sqrt(4)\n    {FENCE}\n\n"
          f"{FENCE}python continued\nprint(x)  # 2.0\n{FENCE}\n\n"
          f'{FENCE}python skip="needs a GPU"\nimport torch\ntorch.ones(1).cuda()\n{FENCE}\n\n'
          f"{FENCE}text\nplain\n{FENCE}\n")


def test_blocks_are_found_with_language_mark_and_dedented_code():
    found = snippets.blocks(ANSWER)
    assert [(b.number, b.language, b.mark) for b in found] == [
        (1, "python", ""), (2, "python", "continued"), (3, "python", 'skip="needs a GPU"'), (4, "text", "")]
    assert found[0].code == "import math\nx = math.sqrt(4)\n"
    assert found[2].skip_reason == "needs a GPU" and found[1].continued


def test_chains_group_continued_blocks_and_leave_out_skipped_and_text():
    chains = snippets.chains(ANSWER)
    assert [[b.number for b in chain] for chain in chains] == [[1, 2]]


def test_readers_see_the_language_only():
    shown = snippets.for_readers(ANSWER)
    assert f"{FENCE}python\nprint(x)" in shown and f"{FENCE}python\nimport torch" in shown
    assert "continued" not in shown and "skip=" not in shown
    assert f"    {FENCE}python\n    import math" in shown


def test_shown_outputs_are_trailing_comments_of_print_lines():
    code = "x = 2  # a remark\nprint(x)  # 2\nprint(x,\n      x)  # 2 2\n# print(x)  # not code\nprint(x)\n"
    assert snippets.shown_outputs(code) == {range(2, 3): "2", range(3, 5): "2 2"}


@pytest.mark.parametrize("shown, printed, ok", [
    ("tensor([1., 2.])", "tensor([1., 2.])\n", True),
    ("tensor([[1, 2], [3, 4]])", "tensor([[1, 2],\n        [3, 4]])\n", True),
    ("tensor([0.80, ...])", "tensor([0.80, 0.79, 0.12])\n", True),
    ("0.417", "0.4170\n", False),
    ("a ... z", "a b c z", True),
    ("2", "", False),
])
def test_output_matches(shown, printed, ok):
    assert snippets.output_matches(shown, printed) is ok


def test_foreign_imports_name_what_the_check_environment_lacks():
    code = "import os, numpy as np\nfrom torch import nn\nimport tensorflow as tf\nfrom transformers import AutoModel\n"
    assert snippets.foreign_imports(code) == ["tensorflow", "transformers"]


def test_runnable_packages_are_in_the_pinned_code_requirements():
    pinned = Path("requirements-code.in").read_text(encoding="utf-8").lower()
    names = {"sklearn": "scikit-learn"}
    assert all(f"{names.get(p, p)}==" in pinned for p in snippets.RUNNABLE_PACKAGES)


def check_code():
    """The runner, which needs only the standard library to collect and run plain-Python chains."""
    from handbook import check_code as module
    return module


def chain_of(text: str):
    module = check_code()
    return module.Chain("data/t.json: q: answer", tuple(snippets.chains(text)[0]))


def test_a_passing_chain_has_no_problem():
    assert check_code().run_chain(chain_of(ANSWER)) == []


def test_a_wrong_shown_output_is_reported():
    text = f"{FENCE}python\nfor i in range(2):\n    print(i)  # 0 2\n{FENCE}"
    [problem] = check_code().run_chain(chain_of(text))
    assert problem.startswith("code block 1 line 2: shows '0 2' but prints '0 1'")


def test_a_raising_chain_is_reported_with_its_line():
    text = f"{FENCE}python\nx = 1\n{FENCE}\n\n{FENCE}python continued\ny = 1 / (x - 1)\n{FENCE}"
    [problem] = check_code().run_chain(chain_of(text))
    assert problem.startswith("code block 2 line 1: raises ZeroDivisionError")


def test_chains_run_in_forked_children_with_a_timeout(monkeypatch):
    module = check_code()
    monkeypatch.setattr(module, "TIMEOUT", 2)
    good, slow = chain_of(ANSWER), chain_of(f"{FENCE}python\nimport time\ntime.sleep(30)\n{FENCE}")
    results = module.run_all([good, slow])
    assert results[good] == [] and results[slow] == ["runs longer than 2 s — make the example smaller"]


def test_modules_import_in_one_order():
    """No import circle inside hooks/handbook: the data model, then rules, then what uses both."""
    package = Path("hooks/handbook")
    graph = {}
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                            and node.level == 1 and not node.module for alias in node.names}
    done, visiting = set(), []

    def visit(name):
        assert name not in visiting, f"import circle: {' -> '.join(visiting + [name])}"
        if name not in done:
            visiting.append(name)
            for imported in graph.get(name, ()):
                visit(imported)
            visiting.pop()
            done.add(name)

    for name in graph:
        visit(name)
