"""Privacy and offline: the real site loads nothing from another origin.

Each page type is opened in Chromium and used (answers opened, search typed,
practice revealed, scheme switched); the `watched` fixture fails the test on
any request that leaves 127.0.0.1 and on any console error. A static scan of
every built file catches what a visit might not trigger."""
import re

import pytest
from playwright.sync_api import expect


def use_topic(page):
    page.click("text=Expand all")
    page.keyboard.press("End")
    expect(page.locator("details.answer[open] math").first).to_be_visible()


def use_search(page):
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("vanishing gradient", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def use_practice(page):
    expect(page.locator(".hb-practice__card")).to_be_visible()  # a question is loaded
    expect(page.locator(".hb-practice__reveal")).to_be_enabled()
    page.keyboard.press("Space")
    expect(page.locator(".hb-practice__answer")).to_be_visible()


def switch_scheme(page):
    page.locator("label.md-header__button[for^=__palette]:visible").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


PAGE_TYPES = {  # path -> what a reader does there, and a file that must have been fetched
    "": (switch_scheme, "assets/javascripts/bundle"),
    "optimization/": (use_topic, "latinmodern-math.woff2"),
    "tags/": (None, "stylesheets/handbook.css"),
    "practice/": (use_practice, "handbook.json"),
    "exports/": (None, "javascripts/handbook.js"),
    "q/vanishing-exploding-gradients/": (None, "training-dynamics/"),
    "404.html": (None, "stylesheets/handbook.css"),
    "nlp/#search": (use_search, "search/search_index.json"),
}


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_type_makes_no_foreign_request(watched, server, path):
    action, fetched = PAGE_TYPES[path]
    page = watched.page
    page.goto(server + path.removesuffix("#search"))
    if action:
        action(page)
    page.wait_for_load_state("networkidle")
    assert any(fetched in url for url in watched.requests), (fetched, watched.requests)
    # the watched fixture now fails on any foreign request or console error


def test_built_files_reference_no_other_origin(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html, page
        assert not re.findall(r'src="(?:https?:)?//', html), page  # scripts, images, frames
        assert not re.findall(r'<link[^>]+rel="(?:stylesheet|preconnect|preload|icon)"[^>]+href="(?:https?:)?//',
                              html), page
    for css in site.rglob("*.css"):
        assert not re.findall(r'url\((["\']?)(?:https?:)?//', css.read_text(encoding="utf-8")), css
    for script in site.rglob("*.js"):
        assert not re.findall(r'importScripts\(["\'](?:https?:)?//', script.read_text(encoding="utf-8")), script
