"""axe-core (from the npm registry, see package.json) finds no serious or
critical violation on the real site's home, topic, practice and tags pages,
with every answer open, in light and dark mode."""
import pytest
from playwright.sync_api import expect

from conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "optimization/", "nlp/", "practice/", "tags/"]  # optimization: code, math; nlp: wide tables


def axe_violations(page) -> list[dict]:
    assert AXE.is_file(), "axe-core is missing: run `make test` (it runs npm ci)"
    page.add_script_tag(path=AXE)
    return page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")


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
        page.keyboard.press("Space")
        expect(page.locator(".hb-practice__answer")).to_be_visible()  # the answer with its math
    violations = axe_violations(page)
    serious = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
               for v in violations if v["impact"] in ("serious", "critical")]
    context.close()
    assert not serious, serious


def test_axe_reports_a_real_violation(browser):
    """The harness itself: an unlabeled button and low-contrast text are caught."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><button></button>'
                     '<p style="color:#bbb;background:#fff">faint</p></main></html>')
    ids = {v["id"] for v in axe_violations(page)}
    page.close()
    assert {"button-name", "color-contrast"} <= ids
