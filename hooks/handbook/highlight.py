"""Lighter highlighted code: drop the spans that change no pixel.

Pygments wraps every token of a code block in a span. Material colours names
(`n`) and the constants True/False/None (`kc`) with `--md-code-hl-name-color`,
which is the code text colour itself, and gives no rule at all to whitespace
(`w`), string prefixes (`sa`), magic names (`fm`, `vm`) and the other name
variants below, so their spans (a tenth of a topic page) draw exactly what
plain text inside the code block draws. tests/test_highlight.py checks this
list against Material's stylesheet.
"""
import re

UNSTYLED_CLASSES = ("n", "kc", "w", "sa", "fm", "vm", "py", "nx", "pm")
UNSTYLED_TOKEN = re.compile(rf'<span class="(?:{"|".join(UNSTYLED_CLASSES)})">([^<]*)</span>')


def unwrap_unstyled_tokens(page_html: str) -> str:
    return UNSTYLED_TOKEN.sub(r"\1", page_html)
