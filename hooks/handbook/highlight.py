"""Lighter highlighted code: drop the spans that change no pixel.

Pygments wraps every name (`n`) and whitespace run (`w`) of a code block in a
span. Material colours names with `--md-code-hl-name-color`, which is the code
text colour itself, and whitespace has no colour, so these spans (a tenth of a
topic page) draw exactly what plain text inside the code block draws.
"""
import re

UNSTYLED_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def unwrap_unstyled_tokens(page_html: str) -> str:
    return UNSTYLED_TOKEN.sub(r"\1", page_html)
