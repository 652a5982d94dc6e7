"""axe-core (from the npm registry, see package.json) finds no serious or
critical violation on the real site's home, topic, practice and tags pages,
with every answer open, in light and dark mode."""
import pytest
from playwright.sync_api import expect

from conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "optimization/", "activation-functions/", "loss-functions/", "nlp/", "practice/", "tags/"]  # figures, code, math; nlp: wide tables


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


def test_every_practice_answer_keeps_its_scrollers_reachable(browser, server):
    """Every question the practice card can show, revealed at phone width: each code block
    or table that scrolls sideways is a Tab stop (Material only does this at page load)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    bank = context.request.get(server + "handbook.json").json()
    topics = [(topic["id"], len(topic["questions"])) for topic in bank["topics"]]
    # Practice shows pool[floor(random * len)], and Next leaves the current question out of
    # the pool: random = 0 on load, then these values walk each topic in order, once each.
    context.add_init_script("Math.random = () => window.__pick || 0;")
    unreachable, seen = [], set()
    for topic, count in topics:
        page.goto(f"{server}practice/?topic={topic}")
        for j in range(count):
            if j:
                page.evaluate(f"window.__pick = {(j - 0.5) / (count - 1)}")
                page.click(".hb-practice__next")
            expect(page.locator(".hb-practice__reveal")).to_be_enabled()
            page.click(".hb-practice__reveal")
            expect(page.locator(".hb-practice__answer")).to_be_visible()
            seen.add(page.locator(".hb-practice__card").get_attribute("data-qid"))
            unreachable += page.evaluate("""() => Array.from(document.querySelectorAll(
                '.hb-practice__answer pre > code, .hb-practice__answer .md-typeset__scrollwrap'))
                .filter(el => el.scrollWidth > el.clientWidth && el.tabIndex < 0)
                .map(el => document.querySelector('.hb-practice__card').dataset.qid)""")
    context.close()
    assert len(seen) == sum(count for _, count in topics)
    assert not unreachable, f"scrolling code or tables that Tab cannot reach: {sorted(set(unreachable))}"


def test_axe_reports_a_real_violation(browser):
    """The harness itself: an unlabeled button and low-contrast text are caught."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><button></button>'
                     '<p style="color:#bbb;background:#fff">faint</p></main></html>')
    ids = {v["id"] for v in axe_violations(page)}
    page.close()
    assert {"button-name", "color-contrast"} <= ids
