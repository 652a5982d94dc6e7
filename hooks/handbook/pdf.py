"""`make pdf`: print the one-page book of a built site to a PDF with headless Chromium.

    python -m handbook.pdf <site built with HANDBOOK_BOOK=1> <out.pdf>

The site is served on a free 127.0.0.1 port (fonts and styles load as online);
Chromium prints `book/` on A4 with page numbers, PDF bookmarks from the headings
(outline) and links between questions kept inside the document.
"""
import sys
from pathlib import Path

from .localsite import CHROMIUM_FLAGS, chromium_executable, serve

FOOTER = ('<div style="width:100%;font-size:8px;text-align:center;color:#666">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def print_book(site: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright
    httpd, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(url + "book/", wait_until="load", timeout=120_000)
            page.evaluate("document.fonts.ready.then(() => true)")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out), format="A4", margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                     display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
                     outline=True, tagged=True)
            browser.close()
    finally:
        httpd.shutdown()


def main(argv: list[str]) -> int:
    site, out = Path(argv[1]), Path(argv[2])
    if not (site / "book" / "index.html").is_file():
        print(f"{site}/book/ is missing: build the site with HANDBOOK_BOOK=1", file=sys.stderr)
        return 1
    print_book(site, out)
    print(f"{out}: {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
