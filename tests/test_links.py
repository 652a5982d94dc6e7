"""Link integrity of the built real site: every internal link and #fragment
in every HTML file (pages, short links, 404) and the sitemap resolves, and
every page is reachable from the navigation."""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import REPO
from handbook import published

SITE_URL = "http://127.0.0.1:8000/"  # site_url when SITE_URL is unset (see mkdocs.yml)
LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "form": "action"}


class PageParser(HTMLParser):
    """Ids that a fragment can name, links with their attribute, and the primary nav's links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.nav_links: list[str] = []
        self._nav_depth = 0  # > 0 inside <nav class="md-nav md-nav--primary">

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "nav":
            if self._nav_depth or "md-nav--primary" in (attrs.get("class") or ""):
                self._nav_depth += 1
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.links.append(attrs["content"].split("url=", 1)[1])
        if (target := attrs.get(LINK_ATTRS.get(tag, ""))) is not None:
            self.links.append(target)
            if tag == "a" and self._nav_depth:
                self.nav_links.append(target)

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


def url_of(site: Path, path: Path) -> str:
    """The URL a file is served at, under SITE_URL."""
    relative = path.relative_to(site).as_posix()
    return SITE_URL + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def file_of(site: Path, url: str) -> Path | None:
    """The built file an internal URL points to, or None."""
    path = unquote(urlsplit(url).path)[len(urlsplit(SITE_URL).path):]
    target = site / path
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


@pytest.fixture(scope="module")
def parsed(site) -> dict[Path, PageParser]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    return pages


def broken_links(site: Path, parsed: dict[Path, PageParser]) -> list[str]:
    broken = []
    for path, parser in parsed.items():
        base = url_of(site, path)
        for link in parser.links:
            url = urljoin(base, link)
            if not url.startswith(SITE_URL):
                continue  # another origin: the privacy tests forbid loading any
            target = file_of(site, url)
            fragment = unquote(urlsplit(url).fragment)
            where = f"{path.relative_to(site)}: {link}"
            if target is None:
                broken.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in parsed[target].ids:
                broken.append(f"{where}: no element with id {fragment!r} in {target.relative_to(site)}")
    return broken


def test_every_internal_link_and_fragment_resolves(site, parsed):
    assert len(parsed) > 400  # pages, one short link per question, 404
    broken = broken_links(site, parsed)
    assert not broken, f"{len(broken)} broken links, e.g.:\n" + "\n".join(broken[:20])


def test_a_broken_link_or_fragment_is_reported(site, parsed):
    """The checker itself: a missing file and a missing fragment are both caught."""
    home = site / "index.html"
    probe = PageParser()
    probe.links = ["optimization/#no-such-question", "no-such-page/", "optimization/#" + next(
        iter(sorted(parsed[site / "optimization" / "index.html"].ids)))]
    broken = broken_links(site, {**parsed, home: probe})
    assert [b.split(": ", 2)[2] for b in broken] == [
        "no element with id 'no-such-question' in optimization/index.html", "no such file"]


def test_sitemap_lists_only_pages_that_exist(site):
    locations = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locations) > 20
    assert [loc for loc in locations if file_of(site, loc) is None] == []


def test_no_page_is_orphaned_from_the_navigation(site, parsed):
    """Every page built from docs/ or generated from data/ is reached by following the
    primary nav from home (it is pruned: a page lists its own section's pages and the
    other sections' first pages; short links under q/ are redirects, not pages)."""
    in_nav, todo = set(), [site / "index.html"]
    while todo:
        page = todo.pop()
        if page in in_nav or page not in parsed:
            continue
        in_nav.add(page)
        base = urljoin(SITE_URL, page.parent.relative_to(site).as_posix() + "/")
        todo += [file_of(site, urljoin(base, link)) for link in parsed[page].nav_links]
    pages = {path for path in parsed if path.name == "index.html" and path.parent.parent != site / "q"}
    orphans = sorted(str(p.relative_to(site)) for p in pages - in_nav)
    assert not orphans, f"pages missing from the navigation: {orphans}"
    topics = {p.stem for p in (REPO / "data").glob("*.json")} - {"schema"}
    assert {site / t / "index.html" for t in topics} <= in_nav


def test_every_published_id_has_a_short_link(site, parsed):
    ids = published.read(REPO / "data")
    assert len(ids) > 400
    assert [qid for qid in ids if site / "q" / qid / "index.html" not in parsed] == []
