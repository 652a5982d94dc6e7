"""Find the TeX in answer Markdown and turn it into MathML Core at build time.

Math is written as $inline$ and as $$display$$ paragraphs. The patterns are
pymdown-extensions' own (arithmatex), so validation sees exactly what the
build will render. Conversion uses math-core; the TeX stays in the page as an
<annotation> and in the `alttext` attribute.
"""
import html
import re
from functools import lru_cache
from typing import NamedTuple
from xml.etree import ElementTree

import math_core
from pymdownx.arithmatex import RE_SMART_DOLLAR_INLINE

FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
BLANK_LINE = re.compile(r"\n[ \t]*\n")
DISPLAY = re.compile(r"\A\s*\$\$(.+?)\$\$\s*\Z", re.S)
INLINE = re.compile(RE_SMART_DOLLAR_INLINE)
STRAY_DOLLAR = re.compile(r"(?<!\\)\$")

# What arithmatex (generic mode) leaves in the HTML for each formula, before and
# after hide_from_search has marked it.
HTML_INLINE = re.compile(r'<span class="arithmatex">(\\\(.*?\\\))</span>', re.S)
HTML_DISPLAY = re.compile(r'<div class="arithmatex">(\\\[.*?\\\])</div>', re.S)
HIDDEN = " data-search-exclude"
# Search previews skip the formulas (data-search-exclude); this stands in for them
# there, so that a sentence does not read "updated additively, , so". The page
# itself does not need it: render_math_in_html removes it with the TeX.
SEARCH_PLACEHOLDER = '<span class="hb-search-only" hidden>…</span>'
HIDDEN_INLINE = re.compile(rf'<span class="arithmatex"{HIDDEN}>\\\((.*?)\\\)</span>(?:{re.escape(SEARCH_PLACEHOLDER)})?', re.S)
HIDDEN_DISPLAY = re.compile(rf'<div class="arithmatex"{HIDDEN}>\\\[(.*?)\\\]</div>(?:{re.escape(SEARCH_PLACEHOLDER)})?', re.S)

_converter = math_core.LatexToMathML(annotation=False, fancy_error=False)


class Formula(NamedTuple):
    tex: str
    display: bool


@lru_cache(maxsize=4096)  # validation rules look at the same texts several times
def strip_code(markdown: str) -> str:
    """Blank out fenced code blocks and code spans (they hold no math or HTML)."""
    markdown = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    return CODE_SPAN.sub(" ", markdown)


@lru_cache(maxsize=4096)
def formulas(markdown: str) -> tuple[Formula, ...]:
    """Every formula in a Markdown text, in order."""
    found = []
    for block in BLANK_LINE.split(strip_code(markdown)):
        display = DISPLAY.match(block)
        if display:
            found.append(Formula(display.group(1).strip(), True))
            continue
        found.extend(Formula(match.group(3), False) for match in INLINE.finditer(block) if match.group(3))
    return tuple(found)


@lru_cache(maxsize=4096)
def prose(markdown: str) -> str:
    """The text with code and math removed: what remains is read as Markdown."""
    kept = []
    for block in BLANK_LINE.split(strip_code(markdown)):
        kept.append("" if DISPLAY.match(block) else INLINE.sub(" ", block))
    return "\n\n".join(kept)


def stray_dollars(markdown: str) -> int:
    """How many `$` are left that no formula consumed (they would show as text)."""
    return len(STRAY_DOLLAR.findall(prose(markdown)))


@lru_cache(maxsize=1024)  # pages repeat short formulas ($x$, $\eta$); validation runs in its own process
def to_mathml(tex: str, display: bool) -> str:
    """MathML Core for one formula; raises math_core.LatexError when it cannot render."""
    mathml = _converter.convert_with_local_state(tex, displaystyle=display)
    if any(prime in mathml for prime in PRIMES):
        mathml = primes_inline(mathml)
    alt = html.escape(tex, quote=True)
    return mathml.replace("<math", f'<math alttext="{alt}"', 1)


PRIMES = "′″‴"
HTML_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot|apos|#)\b)[A-Za-z][A-Za-z0-9]*;")  # &ApplyFunction; is not XML


def primes_inline(mathml: str) -> str:
    """Write f′ as <mrow>f ′</mrow>, not as a superscript.

    math-core writes f' as <msup><mi>f</mi><mo>′</mo></msup>, as TeX does. A Unicode
    math font's prime glyph is already drawn raised; Chromium ignores the font's
    script-size variant (ssty), so as a superscript it shows a tiny tick far above
    the letter. Next to the base it renders like TeX in Chromium and Firefox alike.
    """
    def is_prime(node: ElementTree.Element) -> bool:
        return node.tag == "mo" and bool(node.text) and set(node.text) <= set(PRIMES)

    root = ElementTree.fromstring(HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), mathml))
    for element in list(root.iter("msup")):
        base, script = list(element)
        if is_prime(script):  # f′
            element.tag = "mrow"
        elif script.tag == "mrow" and len(script) > 1 and is_prime(script[0]):  # f′², the prime moves down
            primed = ElementTree.Element("mrow")
            primed.extend([base, script[0]])
            script.remove(script[0])
            element[:] = [primed, script[0] if len(script) == 1 else script]
    return ElementTree.tostring(root, encoding="unicode")


def hide_from_search(page_html: str) -> str:
    """Mark each formula for search to skip, with "…" standing in for it.

    Material indexes a page before the MathML is put in (see render_math_in_html):
    parsing thousands of MathML elements would cost more than the rest of the page.
    """
    marked_inline = f'<span class="arithmatex"{HIDDEN}>{{}}</span>{SEARCH_PLACEHOLDER}'
    marked_display = f'<div class="arithmatex"{HIDDEN}>{{}}</div>{SEARCH_PLACEHOLDER}'
    page_html = HTML_DISPLAY.sub(lambda m: marked_display.format(m.group(1)), page_html)
    return HTML_INLINE.sub(lambda m: marked_inline.format(m.group(1)), page_html)


def unhide_from_search(html_text: str) -> str:
    """The inverse of hide_from_search: formulas as arithmatex wrote them."""
    html_text = HIDDEN_DISPLAY.sub(lambda m: f'<div class="arithmatex">\\[{m.group(1)}\\]</div>', html_text)
    return HIDDEN_INLINE.sub(lambda m: f'<span class="arithmatex">\\({m.group(1)}\\)</span>', html_text)


def render_math_in_html(page_html: str) -> str:
    """Replace the formulas that hide_from_search marked with MathML."""
    def inline(match: re.Match) -> str:
        return to_mathml(html.unescape(match.group(1)), display=False)

    def display(match: re.Match) -> str:
        return to_mathml(html.unescape(match.group(1)).strip(), display=True)

    return HIDDEN_INLINE.sub(inline, HIDDEN_DISPLAY.sub(display, page_html))
