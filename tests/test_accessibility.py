"""axe-core (bundled with axe-playwright-python) finds no serious or critical
violation on the real site's home, topic, practice and tags pages, with every
answer open, in light and dark mode."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

PAGES = ["", "optimization/", "nlp/", "practice/", "tags/"]  # optimization: code, math; nlp: wide tables


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_violation(browser, server, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + path)
    if page.locator(".hb-expand-all").count():
        page.click("text=Expand all")
    if path == "practice/":
        expect(page.locator(".hb-practice__card")).to_be_visible()
    violations = Axe().run(page).response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
               for v in violations if v["impact"] in ("serious", "critical")]
    context.close()
    assert not serious, serious
