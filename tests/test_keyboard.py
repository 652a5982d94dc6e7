"""Keyboard only, in Chromium on the real bank: every control is reachable with
Tab, usable with Enter / Space / arrows, and shows a visible focus indicator in
light and dark mode; the skip link, search and practice shortcuts work; the Tab
order has no trap and no invisible stop. No test clicks: all input goes
through page.keyboard."""
import re

import pytest
from conftest import Watched
from playwright.sync_api import expect

TOPIC = "optimization/"

# The element that shows focus: itself, or for Material's palette radio (0×0,
# opacity 0) the label after it.
PROXY = "el => el.matches('input.md-option') ? el.nextElementSibling : el"

# Focus indicator of the active element (or its proxy): an outline or a box-shadow,
# with the outline colour and the page background to check contrast.
INDICATOR = """() => {
    const el = document.activeElement;
    const shown = (%s)(el);
    const s = getComputedStyle(shown);
    return {
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
        shadow: s.boxShadow !== 'none',
        color: s.outlineColor,
        background: getComputedStyle(document.body).backgroundColor,
        what: el.tagName + '.' + el.className,
    };
}""" % PROXY

# Whether the active element (or its proxy) can be seen: a box, not hidden by
# opacity or visibility, inside the viewport, and on top (not under the sticky header
# or a floating button) at the centre of its visible part.
SEEN = """() => {
    const el = document.activeElement;
    const shown = (%s)(el);
    const r = shown.getBoundingClientRect();
    const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth);
    const y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);
    const hit = x1 > x0 && y1 > y0 ? document.elementFromPoint((x0 + x1) / 2, (y0 + y1) / 2) : null;
    return {
        box: r.width > 0 && r.height > 0,
        styled: shown.checkVisibility({opacityProperty: true, visibilityProperty: true}),
        inView: x1 > x0 && y1 > y0,
        uncovered: !!hit && (shown.contains(hit) || hit.contains(shown)),
        topmost: hit && (hit.tagName + "." + hit.className + " " + Math.round(y0) + "-" + Math.round(y1)),
        what: el.tagName + '.' + el.className + ' ' + (el.getAttribute('href') || el.textContent.trim().slice(0, 40)),
    };
}""" % PROXY


def answer_of(page, qid):
    return page.locator(f"h2#{qid} ~ details.answer").first


def tab_to(page, selector, limit=80, key="Tab"):
    """Press Tab (or Shift+Tab) until the active element matches selector."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} not reached after {limit} × {key}")


def luminance(css_color: str) -> tuple[float, float]:
    """Relative luminance and alpha of an rgb()/rgba() colour."""
    parts = [float(v) for v in re.findall(r"[\d.]+", css_color)]
    r, g, b = (c / 255 for c in parts[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2], parts[3] if len(parts) > 3 else 1.0


def contrast(a: str, b: str) -> float:
    (la, _), (lb, _) = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def assert_focus_visible(page, label):
    ring = page.evaluate(INDICATOR)
    assert ring["outline"] or ring["shadow"], f"{label}: no focus indicator on {ring['what']}"
    assert luminance(ring["background"])[1] == 1.0, ring["background"]
    if ring["outline"] and luminance(ring["color"])[1] == 1.0:
        ratio = contrast(ring["color"], ring["background"])
        assert ratio >= 3, f"{label}: focus ring {ring['color']} on {ring['background']} is {ratio:.2f}:1"


def first_question(page):
    qid = page.locator("h2.hb-question").first.get_attribute("id")
    meta = f"h2#{qid} + .hb-meta"
    return qid, meta


def topic_sequence(page):
    """The Tab stops from "Expand all" to the first question's answer, in order."""
    qid, meta = first_question(page)
    tags = page.locator(f"{meta} a.hb-tag")
    assert tags.count() >= 1
    return qid, ([("Expand all", page.locator(".hb-toolbar .hb-expand-all")),
                  ("Collapse all", page.locator(".hb-toolbar .hb-collapse-all"))]
                 + [(f"tag {i}", tags.nth(i)) for i in range(tags.count())]
                 + [("Copy link", page.locator(f"{meta} button.hb-copy-link")),
                    ("I know this", page.locator(f"{meta} .hb-known input[type=checkbox]")),
                    ("Review later", page.locator(f"{meta} button.hb-flag")),
                    ("Answer summary", answer_of(page, qid).locator("> summary"))])


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser):
    """A watched page in a light or dark colour-scheme context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    watched = Watched(context)
    yield watched.page, request.param
    context.close()
    assert not watched.errors, f"console errors: {watched.errors}"
    assert not watched.foreign, f"requests to other origins: {watched.foreign}"


# ------------------------------------------------------------------ topic page


def test_topic_controls_in_tab_order_and_usable(page, server):
    page.goto(server + TOPIC)
    qid, sequence = topic_sequence(page)
    questions = page.locator("h2.hb-question").count()
    tab_to(page, ".hb-expand-all")
    for name, control in sequence:
        expect(control, f"{name} is the next Tab stop").to_be_focused()
        if name != "Answer summary":
            page.keyboard.press("Tab")
    answer = answer_of(page, qid)

    # Summary: Enter and Space toggle the answer.
    expect(answer).not_to_have_attribute("open", "")
    page.keyboard.press("Enter")
    expect(answer).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(answer).not_to_have_attribute("open", "")
    page.keyboard.press("Enter")
    expect(answer).to_have_attribute("open", "")

    # "Review later": Enter flags the question, Space unflags it.
    page.keyboard.press("Shift+Tab")
    flag = page.locator(f"button.hb-flag[data-qid={qid}]")
    expect(flag).to_be_focused()
    page.keyboard.press("Enter")
    expect(flag).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Space")
    expect(flag).to_have_attribute("aria-pressed", "false")

    # "I know this": Space toggles it and the topic progress follows.
    page.keyboard.press("Shift+Tab")
    box = page.locator(f"input[data-qid={qid}]")
    expect(box).to_be_focused()
    progress = page.locator(".hb-toolbar .hb-progress")
    expect(progress).to_have_text(f"0 / {questions} known")
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(progress).to_have_text(f"1 / {questions} known")
    page.keyboard.press("Space")
    expect(box).not_to_be_checked()
    expect(progress).to_have_text(f"0 / {questions} known")

    # Copy link: Enter and Space copy the short link.
    page.keyboard.press("Shift+Tab")
    button = page.locator(f"button.hb-copy-link[data-qid={qid}]")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(button).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}q/{qid}/"
    page.evaluate("navigator.clipboard.writeText('')")
    page.keyboard.press("Space")
    page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}q/{qid}/"

    # Back to the toolbar: Enter on Expand all opens every answer, Space on Collapse all closes them.
    tab_to(page, ".hb-expand-all", limit=10, key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("details.answer[open]")).to_have_count(questions)
    page.keyboard.press("Tab")
    expect(page.locator(".hb-collapse-all")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("details.answer[open]")).to_have_count(0)

    # A tag link: Enter follows it.
    page.keyboard.press("Tab")
    tag = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{server}tags/#{tag}")
    expect(page.locator(f"[id='{tag}']")).to_be_in_viewport()


def test_palette_toggle_by_keyboard(page, server):
    page.goto(server + TOPIC)
    tab_to(page, "input.md-option", limit=5)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert_focus_visible(page, "palette toggle")
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate(SEEN)["box"]  # the focused radio's label (the sun icon) is shown


# --------------------------------------------------------------- focus visible


def test_focus_is_visible_on_every_control(scheme_page, server):
    page, scheme = scheme_page
    page.goto(server + TOPIC)
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate" if scheme == "dark" else "default")
    _, sequence = topic_sequence(page)
    tab_to(page, ".hb-expand-all")
    for name, control in sequence:
        expect(control).to_be_focused()
        assert_focus_visible(page, f"{scheme} {name}")
        page.keyboard.press("Tab")

    page.goto(server + "practice/")
    expect(page.locator(".hb-practice__card")).to_be_visible()
    tab_to(page, "select[name=topic]")
    for selector in ["select[name=difficulty]", "input[name=skip-known]", ".hb-practice__reveal",
                     ".hb-practice__next", ".hb-practice__open"]:
        assert_focus_visible(page, f"{scheme} practice")
        page.keyboard.press("Tab")
        expect(page.locator(selector)).to_be_focused()
    assert_focus_visible(page, f"{scheme} practice")


# -------------------------------------------------------------------- practice


def card_qid(page):
    return page.locator(".hb-practice__card").get_attribute("data-qid")


def choose(page, steps):
    """Open the focused <select> with Space, move down, pick with Enter."""
    page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def test_practice_by_keyboard(page, server):
    page.goto(server + "practice/")
    card = page.locator(".hb-practice__card")
    expect(card).to_be_visible()
    answer = page.locator(".hb-practice__answer")
    status = page.locator(".hb-practice__status")

    tab_to(page, "select[name=topic]")
    topic = page.locator("select[name=topic] option").nth(1)
    choose(page, 1)
    topic_id, topic_title = topic.get_attribute("value"), topic.text_content()
    expect(page).to_have_url(f"{server}practice/?topic={topic_id}")
    expect(page.locator(".hb-practice__meta")).to_have_text(re.compile(f"^{re.escape(topic_title)} · "))

    page.keyboard.press("Tab")
    expect(page.locator("select[name=difficulty]")).to_be_focused()
    choose(page, 1)
    expect(page).to_have_url(f"{server}practice/?topic={topic_id}&difficulty=basic")
    expect(page.locator(".hb-practice__meta")).to_have_text(f"{topic_title} · basic")
    expect(status).to_have_text(re.compile(r"^\d+ questions match\.$"))
    assert int(status.text_content().split()[0]) >= 3  # enough for "next" to change the card

    page.keyboard.press("Tab")
    skip = page.locator("input[name=skip-known]")
    expect(skip).to_be_focused()
    page.keyboard.press("Space")
    expect(skip).to_be_checked()
    expect(page).to_have_url(f"{server}practice/?topic={topic_id}&difficulty=basic&skip-known=1")

    # Reveal with Enter: the answer shows and focus goes on to "Next" (not lost to <body>).
    page.keyboard.press("Tab")
    reveal, after = page.locator(".hb-practice__reveal"), page.locator(".hb-practice__next")
    expect(reveal).to_be_focused()
    expect(answer).to_be_hidden()
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    expect(reveal).to_be_disabled()
    expect(after).to_be_focused()

    # Space on the focused "Next" button activates it (the Space shortcut must not take it over).
    first = card_qid(page)
    page.keyboard.press("Space")
    expect(card).not_to_have_attribute("data-qid", first)
    expect(answer).to_be_hidden()
    second = card_qid(page)
    page.keyboard.press("Enter")
    expect(card).not_to_have_attribute("data-qid", second)

    # Space on the focused "Reveal" button reveals.
    page.keyboard.press("Shift+Tab")
    expect(reveal).to_be_focused()
    page.keyboard.press("Space")
    expect(answer).to_be_visible()
    expect(after).to_be_focused()

    # "Open on its page" follows with Enter, to the open answer.
    qid = card_qid(page)
    page.keyboard.press("Tab")
    expect(page.locator(".hb-practice__open")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/#{qid}$"))
    expect(answer_of(page, qid)).to_have_attribute("open", "")


def test_practice_shortcuts_only_outside_form_fields(page, server):
    page.goto(server + "practice/")
    card = page.locator(".hb-practice__card")
    expect(card).to_be_visible()
    answer = page.locator(".hb-practice__answer")

    # Nothing focused: Space reveals, N goes to another question (not Material's "next page").
    page.keyboard.press("Space")
    expect(answer).to_be_visible()
    first = card_qid(page)
    page.keyboard.press("n")
    expect(card).not_to_have_attribute("data-qid", first)
    expect(answer).to_be_hidden()
    expect(page).to_have_url(f"{server}practice/")

    # In the search field, N and Space are typed.
    current = card_qid(page)
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    expect(page.locator("#__search")).to_be_checked()  # open once its index is loaded
    page.keyboard.type("n r n ")
    expect(search).to_have_value("n r n ")
    page.keyboard.press("Escape")
    expect(search).not_to_be_focused()
    assert card_qid(page) == current
    expect(answer).to_be_hidden()

    # On the checkbox, Space toggles it and N does nothing.
    tab_to(page, "input[name=skip-known]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=skip-known]")).to_be_checked()
    expect(answer).to_be_hidden()
    current = card_qid(page)
    page.keyboard.press("n")
    page.keyboard.press("r")
    page.wait_for_timeout(300)  # a reveal would fetch the topic page first
    assert card_qid(page) == current
    expect(answer).to_be_hidden()


# ---------------------------------------------------------------------- search


def test_search_by_keyboard_opens_the_answer(page, server):
    page.goto(server)
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    page.keyboard.type("Adam", delay=20)
    target = page.locator(".md-search-result__list a[href$='#adam-optimizer']").first
    expect(target).to_be_visible()
    for _ in range(8):  # ArrowDown walks the visible results
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.href || ''").endswith("#adam-optimizer"):
            break
    else:
        pytest.fail("ArrowDown never reached the Adam result")
    assert_focus_visible(page, "search result")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/optimization/(\?h=[^#]*)?#adam-optimizer$"))
    expect(answer_of(page, "adam-optimizer")).to_have_attribute("open", "")
    expect(page.locator("h2#adam-optimizer")).to_be_in_viewport()
    expect(page.locator("#__search")).not_to_be_checked()


def test_search_enter_opens_the_best_result_and_escape_closes(page, server):
    page.goto(server + TOPIC)
    search = page.locator("input.md-search__input")
    page.keyboard.press("s")
    expect(search).to_be_focused()
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.type("dropout", delay=20)
    expect(page.locator(".md-search-result__list a[href*='#']").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(search).not_to_be_focused()
    expect(page.locator(".md-search-result__list")).to_be_hidden()

    page.keyboard.press("/")
    expect(search).to_be_focused()
    expect(search).to_have_value("dropout")
    expect(page.locator(".md-search-result__list a[href$='#dropout']").first).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#dropout$"))
    expect(answer_of(page, "dropout")).to_have_attribute("open", "")


# ------------------------------------------------------------------- skip link


def test_skip_link_is_first_visible_and_skips_to_content(page, server):
    page.goto(server + TOPIC)
    page.keyboard.press("End")  # scrolled to the foot: the skip link must bring the content back
    page.wait_for_function("scrollY > 1000")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to content")
    expect(skip).to_have_css("opacity", "1")  # after its fade-in
    seen = page.evaluate(SEEN)
    assert seen["box"] and seen["styled"] and seen["inView"] and seen["uncovered"], seen
    assert_focus_visible(page, "skip link")
    heading = page.locator("h1").first
    assert skip.get_attribute("href").endswith("#" + heading.get_attribute("id"))
    page.keyboard.press("Enter")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    # The next Tab stop is the first control in the content, past header and sidebars.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert 'class="md-button hb-expand-all' in focused, focused


# ------------------------------------------------------------------- tab order


STEP = """() => {
    const el = document.activeElement;
    window.__kbSeen = window.__kbSeen || new WeakMap();
    if (!window.__kbSeen.has(el)) window.__kbSeen.set(el, window.__kbSeen.count = (window.__kbSeen.count || 0) + 1);
    return {id: window.__kbSeen.get(el), tag: el.tagName + '.' + el.className, ring: (%s)(), seen: (%s)()};
}""" % (INDICATOR, SEEN)


# Topic page: the whole cycle forward and a stretch backward (where the sticky header
# could hide the focused control). Practice: a short page, where Material's hidden
# "Back to top" button was still a Tab stop.
@pytest.mark.parametrize("path, forward, backward, stops", [(TOPIC, 250, 60, 100), ("practice/", 40, 15, 15)])
def test_tab_order_has_no_trap_and_no_invisible_stop(page, server, path, forward, backward, stops):
    page.goto(server + path)
    if path == "practice/":
        expect(page.locator(".hb-practice__card")).to_be_visible()
    problems, previous, wrapped = [], None, False
    for i in range(forward + backward):
        page.keyboard.press("Tab" if i < forward else "Shift+Tab")
        step = page.evaluate(STEP)
        assert previous is None or step["id"] != previous["id"], f"Tab {i}: focus stuck on {step['tag']}"
        if step["tag"] == "BODY.":  # past the last stop; the next Tab starts over
            previous = step
            continue
        if step["tag"].startswith("A.md-skip"):
            wrapped = wrapped or i > 10
            previous = step
            continue  # fades in on focus: test_skip_link_is_first_visible_and_skips_to_content
        if previous and previous["tag"].startswith("INPUT.md-search__input"):
            # Tab closed the search: let its overlay fade out (0.25 s), then look again.
            expect(page.locator("#__search")).not_to_be_checked()
            page.wait_for_timeout(300)
            step = page.evaluate(STEP)
        if step["tag"].startswith("INPUT.md-search__input"):
            expect(page.locator("#__search")).to_be_checked()  # its indicator: the opened search form
        elif not (step["ring"]["outline"] or step["ring"]["shadow"]):
            problems.append(f"Tab {i}: no focus indicator on {step['tag']}")
        seen = step["seen"]
        if not all(seen[k] for k in ("box", "styled", "inView", "uncovered")):
            problems.append(f"Tab {i}: not visible: {seen}")
        previous = step
    assert not problems, "\n".join(problems)
    assert wrapped, f"{forward} Tabs never came back round to the skip link"
    assert page.evaluate("window.__kbSeen.count") > stops  # distinct stops: the whole page, not a loop
