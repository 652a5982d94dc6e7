"""The built site in headless Chromium: every test also fails on a console
error or on any request that leaves 127.0.0.1 (see the `watched` fixture)."""
import re
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("fixture_server")


def answer_of(page, qid):
    return page.locator(f"h2#{qid} ~ details.answer").first


def test_deep_link_opens_the_answer(page, fixture_server):
    page.goto(f"{fixture_server}formulas/#adam-formula")
    expect(answer_of(page, "adam-formula")).to_have_attribute("open", "")
    expect(page.locator("h2#adam-formula")).to_be_in_viewport()
    expect(answer_of(page, "sigmoid-formula")).not_to_have_attribute("open", "")


def test_math_renders_with_size(page, fixture_server):
    page.goto(f"{fixture_server}formulas/")
    page.click("text=Expand all")
    formulas = page.locator("math[display=block]")
    expect(formulas).to_have_count(9)
    for i in range(9):
        box = formulas.nth(i).bounding_box()
        assert box and box["width"] > 40 and box["height"] > 15
    fraction = page.locator("math mfrac").first.bounding_box()
    assert fraction["height"] > 25  # numerator above denominator, not inline text
    font = page.evaluate("document.fonts.check('16px \"Latin Modern Math\"')")
    assert font


def test_primes_sit_beside_their_letter_like_tex(page, fixture_server):
    """f′ and σ″ as in TeX. As a superscript (math-core's MathML), Chromium draws the prime
    glyph at script size, 0.25 em tall, and raises it again: a tick far above the letter.
    Beside the letter it is at full size (0.32 em or more), raised by its own design,
    touching the letter."""
    page.goto(f"{fixture_server}formulas/#notation-formula")
    primes = page.locator("h2#notation-formula ~ details.answer mo", has_text=re.compile("^[′″]$"))
    expect(primes).to_have_count(4)  # f′, σ″, g′², and σ′ inline
    sizes = primes.evaluate_all("""ms => ms.map(m => {
        const r = m.getBoundingClientRect(), l = m.previousElementSibling.getBoundingClientRect();
        const em = parseFloat(getComputedStyle(m.closest('math')).fontSize);
        return {height: r.height / em, raised: r.bottom < (l.top + l.bottom) / 2, gap: (r.left - l.right) / em};
    })""")
    for size in sizes:
        assert size["height"] > 0.3 and size["raised"] and -0.1 < size["gap"] < 0.2, sizes


def test_search_finds_and_opens_a_question(page, fixture_server):
    page.goto(fixture_server)
    page.keyboard.press("/")
    # Inflected words that appear only in other forms: stemming must match them.
    page.locator("input.md-search__input").press_sequentially("normalizing averaging", delay=20)
    first = page.locator(".md-search-result__item a[href*='#']").first
    expect(first).to_have_attribute("href", re.compile(r"/formulas/(\?h=[^#]*)?#batch-norm-formula$"))
    first.click()
    expect(page).to_have_url(re.compile(r"/formulas/(\?h=[^#]*)?#batch-norm-formula$"))
    expect(answer_of(page, "batch-norm-formula")).to_have_attribute("open", "")


def test_instant_navigation_to_a_question_opens_it(page, fixture_server):
    page.goto(f"{fixture_server}basics/#what-is-a-neuron")
    page.get_by_role("link", name="sigmoid", exact=True).click()
    expect(page).to_have_url(re.compile(r"/formulas/#sigmoid-formula$"))
    expect(answer_of(page, "sigmoid-formula")).to_have_attribute("open", "")


def test_copy_link_copies_the_short_link(page, fixture_server):
    page.goto(f"{fixture_server}basics/")
    button = page.locator("button.hb-copy-link[data-qid=what-is-deep]")
    button.click()
    expect(button).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{fixture_server}q/what-is-deep/"


def test_short_link_lands_on_the_open_answer(page, fixture_server):
    page.goto(f"{fixture_server}q/softmax-formula/")
    expect(page).to_have_url(re.compile(r"/formulas/#softmax-formula$"))
    expect(answer_of(page, "softmax-formula")).to_have_attribute("open", "")


def test_short_link_of_a_former_id(page, fixture_server):
    page.goto(f"{fixture_server}q/artificial-neuron/")
    expect(page).to_have_url(re.compile(r"/basics/#what-is-a-neuron$"))
    expect(answer_of(page, "what-is-a-neuron")).to_have_attribute("open", "")


def test_short_link_works_without_script(browser, fixture_server):
    html = urllib.request.urlopen(f"{fixture_server}q/softmax-formula/").read().decode()
    assert "<title>What is softmax? · Deep Learning Interview Handbook</title>" in html
    assert '<meta property="og:title" content="What is softmax?">' in html
    assert '<meta name="description" content="Softmax turns logits into probabilities:">' in html
    assert '<a href="../../formulas/#softmax-formula">' in html
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{fixture_server}q/softmax-formula/")  # the meta refresh alone
    expect(page).to_have_url(re.compile(r"/formulas/#softmax-formula$"))
    context.close()


def test_moved_question_is_forwarded(page, fixture_server):
    page.goto(f"{fixture_server}formulas/#what-is-a-neuron")  # it lives on basics/
    expect(page).to_have_url(re.compile(r"/basics/#what-is-a-neuron$"))
    expect(answer_of(page, "what-is-a-neuron")).to_have_attribute("open", "")


def test_expand_and_collapse_all(page, fixture_server):
    page.goto(f"{fixture_server}formulas/")
    page.click("text=Expand all")
    expect(page.locator("details.answer[open]")).to_have_count(8)
    page.click("text=Collapse all")
    expect(page.locator("details.answer[open]")).to_have_count(0)


def test_print_shows_every_answer(page, fixture_server):
    page.goto(f"{fixture_server}formulas/")
    page.emulate_media(media="print")
    expect(page.get_by_text("running averages")).to_be_visible()
    expect(page.locator("button.hb-expand-all")).to_be_hidden()


def test_tags_page_links_to_questions(page, fixture_server):
    page.goto(f"{fixture_server}basics/")
    page.click("a.hb-tag >> text=capacity")
    expect(page).to_have_url(re.compile(r"/tags/#capacity$"))
    page.click("#capacity + ul a")
    expect(page).to_have_url(re.compile(r"/basics/#what-is-deep$"))
    expect(answer_of(page, "what-is-deep")).to_have_attribute("open", "")


def test_progress_survives_reload_and_resets(page, fixture_server):
    page.goto(f"{fixture_server}basics/")
    page.check("input[data-qid=what-is-deep]")
    expect(page.locator(".hb-toolbar .hb-progress")).to_have_text("1 / 2 known")
    page.reload()
    expect(page.locator("input[data-qid=what-is-deep]")).to_be_checked()
    page.goto(fixture_server)
    expect(page.locator(".hb-progress").first).to_have_text("1 / 2 known")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button.hb-reset-progress")
    expect(page.locator(".hb-progress").first).to_have_text("0 / 2 known")


def test_practice_reveal_next_filter_and_url(page, fixture_server):
    page.goto(f"{fixture_server}practice/?topic=formulas&difficulty=intermediate")
    card = page.locator(".hb-practice__card")
    expect(card).to_be_visible()
    expect(page.locator(".hb-practice__status")).to_have_text("3 questions match.")
    first = card.get_attribute("data-qid")
    assert first in {"adam-formula", "attention-formula", "batch-norm-formula"}
    answer = page.locator(".hb-practice__answer")
    expect(answer).to_be_hidden()
    page.keyboard.press("Space")
    expect(answer).to_be_visible()
    expect(answer.locator("math").first).to_be_visible()
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(r"/practice/\?topic=formulas&difficulty=intermediate$"))
    expect(card).not_to_have_attribute("data-qid", first)
    expect(answer).to_be_hidden()
    page.select_option("select[name=topic]", "basics")
    expect(page).to_have_url(re.compile(r"/practice/\?topic=basics&difficulty=intermediate$"))
    expect(page.locator(".hb-practice__status")).to_have_text("No question matches these filters.")


def test_practice_skips_known_questions(page, fixture_server):
    page.goto(f"{fixture_server}basics/")
    page.check("input[data-qid=what-is-deep]")
    page.goto(f"{fixture_server}practice/?topic=basics&skip-known=1")
    expect(page.locator(".hb-practice__card")).to_have_attribute("data-qid", "what-is-a-neuron")
    expect(page.locator(".hb-practice__status")).to_have_text("1 questions match.")


def test_copying_a_formula_copies_its_tex(page, fixture_server):
    page.goto(f"{fixture_server}formulas/#sigmoid-formula")
    page.evaluate("""() => {
        const p = document.querySelector('#sigmoid-formula ~ details.answer p');
        document.getSelection().selectAllChildren(p);
    }""")
    page.keyboard.press("Control+C")
    assert page.evaluate("navigator.clipboard.readText()") == "The sigmoid squashes any real number into $(0, 1)$:"


def test_related_link_on_the_same_page_opens_its_answer(page, fixture_server):
    page.goto(f"{fixture_server}formulas/#sigmoid-formula")
    page.locator("details.answer[open] a[href$='#softmax-formula']").first.click()
    expect(page).to_have_url(re.compile(r"/formulas/#softmax-formula$"))
    expect(answer_of(page, "softmax-formula")).to_have_attribute("open", "")
