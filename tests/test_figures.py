"""Figures declared in the data: the safe expression language, the checks, and the SVG."""
import math

import pytest

from handbook import bank, figures, render

SIGMOID = {
    "caption": "Sigmoid and its derivative.",
    "alt": "The sigmoid rises from 0 to 1; its derivative peaks at 0.25 at x = 0.",
    "x": {"label": "x", "range": [-6, 6]},
    "y": {"label": "value"},
    "curves": [{"label": "σ(x)", "expr": "sigmoid(x)"},
               {"label": "σ′(x)", "expr": "sigmoid(x) * (1 - sigmoid(x))"},
               {"label": "measured", "points": [[-2, 0.1], [0, 0.5], [2, 0.9]]}],
    "checks": [{"curve": 0, "x": 5, "y": 0.9933}, {"curve": 1, "x": 0, "y": 0.25}],
}


@pytest.mark.parametrize("expr, x, expected", [
    ("max(0, x)", -2, 0), ("max(0, x)", 3, 3),
    ("0.5*x**2 if abs(x) <= 1 else abs(x) - 0.5", 3, 2.5),
    ("0.5*x**2 if abs(x) <= 1 else abs(x) - 0.5", 0.5, 0.125),
    ("-log(x)", 0.5, math.log(2)), ("x % 3", 7, 1), ("x >= 0", 1, 1.0),
    ("0.5*x*(1 + erf(x/sqrt(2)))", 1, 0.8413447460685429),
    ("1e-3 * 0.5*(1 + cos(pi*x/100))", 50, 0.0005),
])
def test_expressions_evaluate(expr, x, expected):
    assert figures.compile_expr(expr)(x) == pytest.approx(expected)


@pytest.mark.parametrize("expr, message", [
    ("__import__('os').system('true')", "is not allowed"),
    ("__import__('os')", "unknown function '__import__'"),
    ("x.real", "'x.real' is not allowed"),
    ("lambda: 1", "is not allowed"),
    ("softplus(x)", "unknown function 'softplus'"),
    ("y + 1", "unknown name 'y'"),
    ("x +", "is not an expression"),
    ("[x]", "is not allowed"),
])
def test_anything_else_is_rejected_without_running_it(expr, message):
    with pytest.raises(figures.FigureError, match=message.replace("(", r"\(").replace(")", r"\)")):
        figures.compile_expr(expr)


def test_a_good_figure_has_no_problem():
    assert figures.problems(SIGMOID) == []


@pytest.mark.parametrize("change, problem", [
    (lambda f: f["curves"][0].update(expr="log(x)"), "'log(x)' has no finite value at x = -6"),
    (lambda f: f["curves"][0].update(expr="1 / x"), "'1 / x' has no finite value at x = 0"),
    (lambda f: f["x"].update(range=[2, 2]), "the x range [2, 2] is empty or inverted"),
    (lambda f: f["y"].update(range=[1, -1]), "the y range [1, -1] is empty or inverted"),
    (lambda f: f["checks"][0].update(y=0.9), "'sigmoid(x)' at x = 5 is 0.993307, not 0.9"),
    (lambda f: f["checks"][0].update(curve=2), "names no expression curve"),
])
def test_problems_name_what_to_change(change, problem):
    import copy
    figure = copy.deepcopy(SIGMOID)
    change(figure)
    assert problem in figures.problems(figure)[0]


def test_check_tolerance_follows_the_digits_stated():
    assert figures.tolerance(0.9933) == pytest.approx(0.00005)
    assert figures.tolerance(5) == pytest.approx(0.5)
    assert figures.number_text(5.0) == "5" and figures.number_text(0.25) == "0.25"


def test_svg_is_self_contained_accessible_and_labelled():
    out = figures.svg(SIGMOID, "fig-q-0")
    assert out.startswith('<figure class="hb-figure" id="fig-q-0" data-search-exclude>')
    assert 'role="img" aria-labelledby="fig-q-0-t"' in out
    assert f'<title id="fig-q-0-t">{SIGMOID["alt"]}</title>' in out
    assert "<figcaption>Sigmoid and its derivative.</figcaption>" in out
    assert out.count('class="hb-figure__curve hb-figure__curve--') == 6  # 3 paths + 3 legend lines
    assert out.count("<circle") == 3 and "σ′(x)" in out and "href" not in out and "<script" not in out
    assert 'stroke-dasharray="7 4"' in out  # curve 2 dashed, so print and colour-blind readers tell them apart


def test_curves_are_drawn_where_the_formula_says():
    """The path of sigmoid passes through (0, 0.5): map both through the plot's scale."""
    out = figures.svg({**SIGMOID, "y": {"label": "v", "range": [0, 1]}, "curves": SIGMOID["curves"][:1],
                       "checks": []}, "f")
    path = out.split('hb-figure__curve--1" fill="none"')[1].split('d="M')[1].split('"')[0]
    points = [tuple(map(float, p.split())) for p in path.split(" L")]
    x0 = figures.LEFT + (figures.WIDTH - figures.LEFT - figures.RIGHT) / 2
    (xa, ya), (xb, yb) = next((a, b) for a, b in zip(points, points[1:]) if a[0] <= x0 <= b[0])
    y0 = ya + (yb - ya) * (x0 - xa) / (xb - xa)
    plot_h = figures.HEIGHT - figures.TOP - figures.BOTTOM
    assert y0 == pytest.approx(figures.TOP + plot_h / 2, abs=0.5)


def test_straight_stretches_are_simplified_but_corners_kept():
    line = [(float(x), 0.0) for x in range(10)] + [(10.0, 5.0)]
    assert figures.simplified(line) == [(0.0, 0.0), (9.0, 0.0), (10.0, 5.0)]


def test_ticks_are_round_numbers_inside_the_range():
    assert figures.ticks(-6, 6) == [-6, -4, -2, 0, 2, 4, 6]
    assert figures.ticks(0, 1, 5) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


def test_figures_go_after_the_direct_answer_and_are_drawn_in_the_page():
    question = bank.Question("q-1", "t", "Why?", "Direct answer.\n\nMore text.", "basic", ("x",),
                             figures=(SIGMOID,))
    markdown = render.answer_markdown(question)
    assert markdown == "Direct answer.\n\n<!-- hb:figure q-1 0 -->\n\nMore text."
    html = figures.draw_in_html(f"<p>Direct answer.</p>\n{figures.placeholder('q-1', 0)}", lambda qid: (SIGMOID,))
    assert '<figure class="hb-figure" id="fig-q-1-0"' in html and "hb:figure" not in html
