"""The offline copy: a site built with mkdocs-offline.yml, made to work from disk.

Material's offline plugin turns directory URLs off (basics.html, not basics/), but
links that our templates write as HTML (tags page, tag links, short links) still
name directories, which file:// shows as a folder listing. `fix_links` points them
at the page files; `archive` zips the folder.

    python -m handbook.offline <built folder> <zip file>
"""
import os
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

HREF = re.compile(r'((?:href|src)="|url=|location\.replace\(")([^"#?]*/)(#[^"]*)?(?=["\)])')


def _page_for(html: Path, target: str, root: Path) -> str | None:
    """The page file a directory link means, as a link relative to html, or None.

    Our templates write links for the directory layout, where X.html was X/index.html,
    so a link is resolved from that folder."""
    if urlsplit(target).scheme or target.startswith("/"):
        return None
    base = html.parent if html.name == "index.html" else html.parent / html.stem
    folder = Path(os.path.normpath(base / unquote(target)))
    if folder == root or (folder / "index.html").is_file():
        page = folder / "index.html"
    elif folder.with_suffix(".html").is_file():
        page = folder.with_suffix(".html")
    else:
        return None
    return os.path.relpath(page, html.parent).replace(os.sep, "/")


def fix_links(site: Path) -> int:
    """Rewrite directory links in every HTML file; returns how many were changed."""
    site = site.resolve()
    changed = 0
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")

        def repl(match):
            nonlocal changed
            new = _page_for(html, match.group(2), site)
            if new is None:
                return match.group(0)
            changed += 1
            return match.group(1) + new + (match.group(3) or "")

        fixed = HREF.sub(repl, text)
        if fixed != text:
            html.write_text(fixed, encoding="utf-8")
    return changed


def archive(site: Path, zip_path: Path, folder: str = "dl-interview-handbook") -> None:
    """Zip site/ under one top folder; open <folder>/index.html to read."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive_file:
        for path in sorted(site.rglob("*")):
            if path.is_file() and path.name != "404.html":
                archive_file.write(path, f"{folder}/{path.relative_to(site).as_posix()}")


if __name__ == "__main__":
    built, target = Path(sys.argv[1]), Path(sys.argv[2])
    print(f"offline copy: {fix_links(built)} directory links pointed at pages")
    archive(built, target)
    print(f"offline copy: {target} ({target.stat().st_size / 1e6:.1f} MB)")
