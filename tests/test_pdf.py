"""The PDF book (`make pdf`): the fixture bank printed by headless Chromium, then read
back with pypdf: pages, every question (by its short link), embedded fonts, bookmarks,
and links between questions that stay inside the document."""
import json
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import FIXTURE_DATA, REPO, build, chromium_executable, make_project


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> PdfReader:
    if chromium_executable() is None:
        pytest.skip("no Chromium (run `make browser`)")
    project = make_project(tmp_path_factory.mktemp("book-project"), FIXTURE_DATA)
    site = tmp_path_factory.mktemp("book-site")
    result = build(project, site, HANDBOOK_BOOK="1")
    assert result.returncode == 0, result.stderr
    out = site.parent / "book.pdf"
    # As `make pdf` runs it; a process of its own, since Playwright's sync API does not nest
    # inside the browser fixture that other tests of the session keep open.
    printed = subprocess.run([sys.executable, "-m", "handbook.pdf", str(site), str(out)],
                             capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "hooks")})
    assert printed.returncode == 0, printed.stderr
    return PdfReader(str(out))


def fixture_questions() -> list[dict]:
    return [q for path in sorted(FIXTURE_DATA.glob("*.json"))
            for q in json.loads(path.read_text(encoding="utf-8"))["questions"]]


def test_cover_contents_and_every_question(book):
    text = "\n".join(page.extract_text() for page in book.pages)
    assert len(book.pages) >= 5  # cover, contents, and each topic from a new page
    assert "Deep Learning Interview Handbook" in book.pages[0].extract_text()
    assert "Contents" in book.pages[1].extract_text()
    for question in fixture_questions():
        assert f"q/{question['id']}/" in text, question["id"]


def test_fonts_are_embedded(book):
    fonts = {}
    for page in book.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font.get("/BaseFont", font.get("/Name", "Type3")))] = font
    assert fonts
    for name, font in fonts.items():
        if font["/Subtype"] == "/Type3":
            continue  # glyphs drawn by the PDF itself
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_bookmarks_and_links_inside_the_document(book):
    titles = {item.title for item in book.outline if not isinstance(item, list)}
    nested = [item for item in book.outline if isinstance(item, list)]
    assert "Contents" in " ".join(titles) or nested  # headings become bookmarks
    internal = external = 0
    for page in book.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if "/Dest" in annotation or (action and action.get("/S") == "/GoTo"):
                internal += 1
            elif action and action.get("/S") == "/URI":
                external += 1
    related = sum(len(q.get("related", [])) for q in fixture_questions())
    assert internal >= related + 2  # related links, the contents, an answer's own link
    assert external == 0  # nothing leads out of the book
