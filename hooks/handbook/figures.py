"""Plots declared in a question's `figures`, drawn at build time as inline SVG.

A figure names its axes (label and range), its curves (an expression of x from a
small vocabulary, or a short list of points), a caption and a text alternative.
Expressions are parsed with `ast` and evaluated by walking the tree: only numbers,
x, the constants and functions below, arithmetic, comparisons and `a if c else b`.
No `eval`. Colours come from the theme's CSS (handbook.css), so a figure follows
light and dark mode and prints in black with dash patterns telling curves apart.
"""
import ast
import html
import json
import math
import operator
import re
from functools import lru_cache
from typing import Callable

SAMPLES = 241
WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 12, 42  # plot margins inside the viewBox


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


FUNCTIONS: dict[str, Callable[..., float]] = {
    "exp": math.exp, "log": math.log, "log2": math.log2, "log10": math.log10, "sqrt": math.sqrt,
    "abs": abs, "tanh": math.tanh, "sin": math.sin, "cos": math.cos, "erf": math.erf,
    "sigmoid": _sigmoid, "floor": math.floor, "min": min, "max": max,
}
CONSTANTS = {"pi": math.pi, "e": math.e}
BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
          ast.Div: operator.truediv, ast.Pow: operator.pow, ast.Mod: operator.mod}
COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge}
UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}


PLACEHOLDER = re.compile(r"<!-- hb:figure ([a-z0-9-]+) (\d+) -->")


def placeholder(question_id: str, number: int) -> str:
    """What the Markdown holds where figure `number` of a question goes (an HTML comment)."""
    return f"<!-- hb:figure {question_id} {number} -->"


def draw_in_html(page_html: str, figures_of: Callable[[str], tuple[dict, ...]]) -> str:
    """Replace each placeholder with its figure's SVG; figures_of(question id) gives the figures."""
    def draw(match: re.Match) -> str:
        question_id, number = match.group(1), int(match.group(2))
        figure = json.dumps(figures_of(question_id)[number], sort_keys=True)
        return drawn(figure, f"fig-{question_id}-{number}")
    return PLACEHOLDER.sub(draw, page_html)


@lru_cache(maxsize=1024)  # a figure is drawn on its topic page and again on its Anki card
def drawn(figure_json: str, figure_id: str) -> str:
    return svg(json.loads(figure_json), figure_id)


class FigureError(ValueError):
    """A figure that cannot be drawn; the message says what to change."""


def compile_expr(text: str) -> Callable[[float], float]:
    """A function of x for an expression such as `max(0, x)` or `0.5*x**2 if abs(x) < 1 else abs(x) - 0.5`."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as err:
        raise FigureError(f"'{text}' is not an expression ({err.msg})") from None
    return _build(tree, text)


def _build(node: ast.AST, text: str) -> Callable[[float], float]:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        value = float(node.value)
        return lambda x: value
    if isinstance(node, ast.Name):
        if node.id == "x":
            return lambda x: x
        if node.id in CONSTANTS:
            value = CONSTANTS[node.id]
            return lambda x: value
        raise FigureError(f"unknown name '{node.id}' in '{text}' (use x, {', '.join(CONSTANTS)})")
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        op, left, right = BINARY[type(node.op)], _build(node.left, text), _build(node.right, text)
        return lambda x: op(left(x), right(x))
    if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY:
        op, operand = UNARY[type(node.op)], _build(node.operand, text)
        return lambda x: op(operand(x))
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARE:
        op, left, right = COMPARE[type(node.ops[0])], _build(node.left, text), _build(node.comparators[0], text)
        return lambda x: float(op(left(x), right(x)))
    if isinstance(node, ast.IfExp):
        test, body, orelse = _build(node.test, text), _build(node.body, text), _build(node.orelse, text)
        return lambda x: body(x) if test(x) else orelse(x)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        if node.func.id not in FUNCTIONS:
            raise FigureError(f"unknown function '{node.func.id}' in '{text}' (use {', '.join(FUNCTIONS)})")
        func, args = FUNCTIONS[node.func.id], [_build(arg, text) for arg in node.args]
        return lambda x: func(*(arg(x) for arg in args))
    raise FigureError(f"'{ast.unparse(node)}' is not allowed in '{text}' "
                      "(numbers, x, + - * / ** %, comparisons, 'a if c else b' and the listed functions)")


def xs(lo: float, hi: float, n: int = SAMPLES) -> list[float]:
    return [lo + (hi - lo) * i / (n - 1) for i in range(n)]


def evaluate(expr: str, at: list[float]) -> list[float]:
    """The expression at each x; FigureError naming the first x where it has no finite value."""
    func = compile_expr(expr)
    values = []
    for x in at:
        try:
            y = float(func(x))
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            y = math.nan
        if not math.isfinite(y):
            raise FigureError(f"'{expr}' has no finite value at x = {x:g}")
        values.append(y)
    return values


def curve_points(figure: dict) -> list[list[tuple[float, float]]]:
    """The (x, y) points of each curve: expressions sampled over the x range, point lists as given."""
    lo, hi = axis_range(figure["x"], "x")
    lines = []
    for curve in figure["curves"]:
        if "expr" in curve:
            at = xs(*curve.get("domain", (lo, hi)))
            lines.append(list(zip(at, evaluate(curve["expr"], at))))
        else:
            lines.append([(float(x), float(y)) for x, y in curve["points"]])
    return lines


def axis_range(axis: dict, name: str) -> tuple[float, float]:
    lo, hi = axis["range"]
    if not hi > lo:
        raise FigureError(f"the {name} range [{lo}, {hi}] is empty or inverted")
    return float(lo), float(hi)


def problems(figure: dict) -> list[str]:
    """Why a figure cannot be drawn (empty when it can); the schema has checked its shape,
    including that a caption and a text alternative are there."""
    found = []
    try:
        axis_range(figure["x"], "x")
        if "range" in figure["y"]:
            axis_range(figure["y"], "y")
        for curve in figure["curves"]:
            if "domain" in curve:
                lo, hi = axis_range({"range": curve["domain"]}, f"domain of '{curve['label']}'")
                x_lo, x_hi = axis_range(figure["x"], "x")
                if lo < x_lo or hi > x_hi:
                    raise FigureError(f"the domain of '{curve['label']}' leaves the x range")
        lines = curve_points(figure)
    except FigureError as err:
        return found + [str(err)]
    for check in figure.get("checks", []):
        curve = figure["curves"][check["curve"]] if check["curve"] < len(figure["curves"]) else None
        if curve is None or "expr" not in curve:
            found.append(f"check {check} names no expression curve")
            continue
        [value] = evaluate(curve["expr"], [check["x"]])
        if not math.isclose(value, check["y"], rel_tol=0, abs_tol=tolerance(check["y"])):
            found.append(f"'{curve['expr']}' at x = {check['x']:g} is {value:.6g}, not {check['y']:g}")
    if not any(lines):
        found.append("no points to draw")
    return found


def number_text(value: float) -> str:
    """A number as data writes it and an answer states it: 0.9933, 5, 1e-05."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def tolerance(stated: float) -> float:
    """Half a unit in the last decimal place a stated number shows."""
    text = number_text(stated)
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return 0.5 * 10 ** -decimals + 1e-12


def ticks(lo: float, hi: float, target: int = 6) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 times a power of ten) inside [lo, hi]."""
    raw = (hi - lo) / target
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    count = int(math.floor((hi - first) / step + 1e-9)) + 1
    return [round(first + i * step, 12) for i in range(count)]


def label(value: float) -> str:
    return f"{value:g}".replace("-", "\u2212")


def svg(figure: dict, figure_id: str) -> str:
    """The figure as an HTML <figure> with an inline, self-contained SVG."""
    lines = curve_points(figure)
    x_lo, x_hi = axis_range(figure["x"], "x")
    if "range" in figure["y"]:
        y_lo, y_hi = axis_range(figure["y"], "y")
    else:
        values = [y for line in lines for _, y in line]
        pad = (max(values) - min(values)) * 0.05 or 1
        y_lo, y_hi = min(values) - pad, max(values) + pad
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return round(LEFT + (x - x_lo) / (x_hi - x_lo) * plot_w, 1)

    def py(y: float) -> float:
        return round(TOP + (y_hi - y) / (y_hi - y_lo) * plot_h, 1)

    esc = html.escape
    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{figure_id}-t" '
             f'class="hb-figure__svg" xmlns="http://www.w3.org/2000/svg" fill="currentColor" font-size="13">',
             f'<title id="{figure_id}-t">{esc(figure["alt"])}</title>',
             f'<clipPath id="{figure_id}-c"><rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}"/></clipPath>',
             '<g class="hb-figure__grid" stroke="currentColor" stroke-opacity="0.12">']
    for x in ticks(x_lo, x_hi):
        parts.append(f'<line x1="{px(x)}" y1="{TOP}" x2="{px(x)}" y2="{TOP + plot_h}"/>')
    for y in ticks(y_lo, y_hi, 5):
        parts.append(f'<line x1="{LEFT}" y1="{py(y)}" x2="{LEFT + plot_w}" y2="{py(y)}"/>')
    parts.append("</g>")
    parts.append('<g class="hb-figure__axes" stroke="currentColor" stroke-opacity="0.55">')
    if x_lo < 0 < x_hi:
        parts.append(f'<line x1="{px(0)}" y1="{TOP}" x2="{px(0)}" y2="{TOP + plot_h}"/>')
    if y_lo < 0 < y_hi:
        parts.append(f'<line x1="{LEFT}" y1="{py(0)}" x2="{LEFT + plot_w}" y2="{py(0)}"/>')
    parts.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none"/></g>')
    parts.append('<g class="hb-figure__labels">')
    for x in ticks(x_lo, x_hi):
        parts.append(f'<text x="{px(x)}" y="{TOP + plot_h + 15}" text-anchor="middle">{label(x)}</text>')
    for y in ticks(y_lo, y_hi, 5):
        parts.append(f'<text x="{LEFT - 5}" y="{py(y) + 4}" text-anchor="end">{label(y)}</text>')
    parts.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 6}" text-anchor="middle">{esc(figure["x"]["label"])}</text>')
    parts.append(f'<text transform="translate(12 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">'
                 f'{esc(figure["y"]["label"])}</text></g>')
    parts.append(f'<g clip-path="url(#{figure_id}-c)">')
    for n, (curve, line) in enumerate(zip(figure["curves"], lines), start=1):
        screen = simplified([(px(x), py(y)) for x, y in line]) if "expr" in curve else [(px(x), py(y)) for x, y in line]
        d = "M" + " L".join(f"{x:g} {y:g}" for x, y in screen)
        parts.append(f'<path class="hb-figure__curve hb-figure__curve--{n}"{line_style(n)} d="{d}"/>')
        if "points" in curve:
            parts.extend(f'<circle class="hb-figure__point hb-figure__curve--{n}" cx="{px(x)}" cy="{py(y)}" r="3"/>'
                         for x, y in line)
    parts.append("</g>")
    parts.append(legend(figure["curves"], figure.get("legend", "top-right"), plot_w))
    parts.append("</svg>")
    caption = esc(figure["caption"])
    return (f'<figure class="hb-figure" id="{figure_id}" data-search-exclude>{"".join(parts)}'
            f"<figcaption>{caption}</figcaption></figure>")


def simplified(points: list[tuple[float, float]], tolerance: float = 0.3) -> list[tuple[float, float]]:
    """The polyline with points dropped that lie within `tolerance` px of it (Ramer–Douglas–Peucker)."""
    if len(points) < 3:
        return points
    (x0, y0), (x1, y1) = points[0], points[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1e-9
    distances = [abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / length for x, y in points[1:-1]]
    worst = max(range(len(distances)), key=distances.__getitem__)
    if distances[worst] <= tolerance:
        return [points[0], points[-1]]
    split = worst + 1
    return simplified(points[:split + 1], tolerance)[:-1] + simplified(points[split:], tolerance)


DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 2")  # curves stay apart in print and for colour-blind readers


def line_style(n: int) -> str:
    """Presentation attributes of curve n (CSS in handbook.css sets its colour)."""
    dash = DASHES[(n - 1) % len(DASHES)]
    return ' fill="none" stroke="currentColor" stroke-width="2.2"' + (f' stroke-dasharray="{dash}"' if dash else "")


def legend(curves: list[dict], place: str, plot_w: float) -> str:
    if len(curves) < 2 and not curves[0].get("label"):
        return ""
    width = 30 + 8.2 * max(len(c["label"]) for c in curves)  # room for the larger text on phones
    x = LEFT + 8 if place.endswith("left") else LEFT + plot_w - width - 8
    y = TOP + 8 if place.startswith("top") else TOP + (HEIGHT - TOP - BOTTOM) - 18 * len(curves) - 12
    rows = [f'<g class="hb-figure__legend" transform="translate({round(x, 1)} {y})">',
            f'<rect width="{round(width, 1)}" height="{18 * len(curves) + 6}" rx="3" fill="#fff" '
            'fill-opacity="0.85" stroke="currentColor" stroke-opacity="0.25"/>']
    for n, curve in enumerate(curves, start=1):
        row = 18 * n - 4
        rows.append(f'<line class="hb-figure__curve hb-figure__curve--{n}"{line_style(n)} x1="4" y1="{row - 4}" x2="26" y2="{row - 4}"/>'
                    f'<text x="30" y="{row}">{html.escape(curve["label"])}</text>')
    rows.append("</g>")
    return "".join(rows)
