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
    """Every question whose answer has code or a table (what can scroll sideways), revealed in
    practice at phone width: each block that scrolls is a Tab stop (Material makes code
    focusable only at page load, not in answers the practice card shows later)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    bank = context.request.get(server + "handbook.json").json()
    # Practice shows pool[floor(random * len)]; Next leaves the current question out of the
    # pool. So random = (index + 0.5) / len picks any question of the topic directly.
    context.add_init_script("Math.random = () => window.__pick || 0;")
    unreachable, seen, wanted = [], set(), set()
    for topic in bank["topics"]:
        ids = [q["id"] for q in topic["questions"]]
        targets = [i for i, q in enumerate(topic["questions"])
                   if "```" in q["answer"] or "\n|" in q["answer"]]
        wanted.update(ids[i] for i in targets)
        if not targets:
            continue
        page.goto(f"{server}practice/?topic={topic['id']}")
        expect(page.locator(".hb-practice__reveal")).to_be_enabled()
        current = 0  # random = 0 on load
        for target in targets:
            if target != current:
                index = target if target < current else target - 1
                page.evaluate(f"window.__pick = {(index + 0.5) / (len(ids) - 1)}")
                page.click(".hb-practice__next")
                expect(page.locator(".hb-practice__card")).to_have_attribute("data-qid", ids[target])
                current = target
            page.click(".hb-practice__reveal")
            expect(page.locator(".hb-practice__answer")).to_be_visible()
            seen.add(ids[target])
            unreachable += page.evaluate("""() => Array.from(document.querySelectorAll(
                '.hb-practice__answer pre > code, .hb-practice__answer .md-typeset__scrollwrap'))
                .filter(el => el.scrollWidth > el.clientWidth && el.tabIndex < 0)
                .map(el => document.querySelector('.hb-practice__card').dataset.qid)""")
    context.close()
    assert seen == wanted and len(wanted) > 100
    assert not unreachable, f"scrolling code or tables that Tab cannot reach: {sorted(set(unreachable))}"


def test_axe_reports_a_real_violation(browser):
    """The harness itself: an unlabeled button and low-contrast text are caught."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><button></button>'
                     '<p style="color:#bbb;background:#fff">faint</p></main></html>')
    ids = {v["id"] for v in axe_violations(page)}
    page.close()
    assert {"button-name", "color-contrast"} <= ids
