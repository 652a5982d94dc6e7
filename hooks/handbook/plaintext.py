"""Plain text from answer Markdown, for link previews and flashcard fronts."""
import re

LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")


def first_paragraph(markdown: str) -> str:
    return markdown.strip().split("\n\n", 1)[0]


def plain(markdown: str) -> str:
    """Markdown without markup; formulas keep their TeX between the dollars removed."""
    text = re.sub(r"\$\$?(.+?)\$\$?", r"\1", markdown, flags=re.S)
    text = LINK.sub(r"\1", text)
    text = EMPHASIS.sub("", text)
    return " ".join(text.split())


def summary(markdown: str, limit: int = 200) -> str:
    """The first paragraph as plain text, cut at a word boundary."""
    text = plain(first_paragraph(markdown))
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"

