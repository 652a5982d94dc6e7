"""Studying in the browser (issue 15): spaced repetition in practice mode (ts-fsrs,
shipped from our own site), due counts, review-later flags and the review page,
export / import / reset of the study state, and its migration from the old format.

The clock is Playwright's: `page.clock` fakes Date, so a graded question is shown
not to come back before its interval has passed, and to come back after."""
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from playwright.sync_api import expect

from conftest import REPO
from test_accessibility import axe_violations
from test_keyboard import assert_focus_visible, tab_to

START = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)
KEY = "dl-handbook:study"
VENDOR = REPO / "docs" / "javascripts" / "vendor" / "ts-fsrs"


def stored(page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}') || 'null')")


def due_of(page, qid) -> datetime:
    return datetime.fromisoformat(stored(page)["cards"][qid]["due"].replace("Z", "+00:00"))


def reveal_and_grade(page, key):
    card = page.locator(".hb-practice__card")
    qid = card.get_attribute("data-qid")
    page.click(".hb-practice__reveal")
    expect(page.locator(".hb-practice__answer")).to_be_visible()
    expect(page.locator(".hb-practice__grades")).to_be_visible()
    expect(page.locator(".hb-practice__next")).to_be_focused()
    page.keyboard.press(key)
    page.wait_for_function(f"() => (JSON.parse(localStorage.getItem('{KEY}') || '{{}}').cards || {{}})['{qid}']")
    return qid


# ------------------------------------------------------------ the shipped library


def test_shipped_ts_fsrs_is_the_pinned_package(fixture_site):
    pin = json.loads((REPO / "package.json").read_text())["devDependencies"]["ts-fsrs"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pin), f"ts-fsrs must be pinned exactly, not {pin!r}"
    lock = json.loads((REPO / "package-lock.json").read_text())["packages"]["node_modules/ts-fsrs"]
    assert lock["version"] == pin and lock["integrity"].startswith("sha512-")
    package = REPO / "node_modules" / "ts-fsrs"  # installed by `npm ci` from the lock, integrity checked
    assert json.loads((package / "package.json").read_text())["version"] == pin
    assert (VENDOR / "index.umd.js").read_bytes() == (package / "dist" / "index.umd.js").read_bytes()
    assert (VENDOR / "LICENSE.txt").read_bytes() == (package / "LICENSE").read_bytes()
    built = fixture_site / "javascripts" / "vendor" / "ts-fsrs"
    assert (built / "index.umd.js").read_bytes() == (package / "dist" / "index.umd.js").read_bytes()
    assert (built / "LICENSE.txt").is_file()
    exports = (fixture_site / "exports" / "index.html").read_text(encoding="utf-8")
    assert f"ts-fsrs</a> {pin}" in exports and "vendor/ts-fsrs/LICENSE.txt" in exports


# ------------------------------------------------------------------ scheduling


def test_graded_question_is_not_due_until_its_interval_has_passed(page, fixture_server):
    page.clock.install(time=START)
    page.goto(f"{fixture_server}practice/?topic=basics")
    expect(page.locator(".hb-practice__card")).to_be_visible()
    expect(page.locator(".hb-practice__queue")).to_have_text("0 due now · 2 new of 2 left today (20 a day)")
    qid = reveal_and_grade(page, "4")  # Easy
    expect(page.locator(".hb-practice__status")).to_have_text(re.compile(r"^Easy: back in \d+ days?\. "))
    due = due_of(page, qid)
    assert due - START >= timedelta(days=1)
    card = stored(page)["cards"][qid]
    assert card["reps"] == 1 and card["introduced"] == "2026-12-07"
    # the other question is shown next; the graded one is not due
    expect(page.locator(".hb-practice__card")).not_to_have_attribute("data-qid", qid)
    expect(page.locator(".hb-practice__queue")).to_have_text("0 due now · 1 new of 1 left today (20 a day)")

    page.goto(f"{fixture_server}basics/")
    expect(page.locator(".hb-toolbar .hb-due")).to_have_text("0 questions due")

    page.clock.set_system_time(due - timedelta(minutes=1))
    page.reload()
    expect(page.locator(".hb-toolbar .hb-due")).to_have_text("0 questions due")
    page.goto(fixture_server)
    expect(page.locator(".hb-due-total")).to_be_visible()
    expect(page.locator(".hb-due-total__count")).to_have_text("0 questions are")

    page.clock.set_system_time(due + timedelta(minutes=1))
    page.reload()
    expect(page.locator(".hb-due-total__count")).to_have_text("1 question is")
    expect(page.locator(f"tr:has(a[href$='/basics/']) .hb-due")).to_have_text("1")
    expect(page.locator(f"tr:has(a[href$='/formulas/']) .hb-due")).to_have_text("0")
    page.goto(f"{fixture_server}basics/")
    expect(page.locator(".hb-toolbar .hb-due")).to_have_text("1 question due")

    # Practice shows the due question first, and grading it again pushes it further out.
    page.goto(f"{fixture_server}practice/?topic=basics")
    expect(page.locator(".hb-practice__card")).to_have_attribute("data-qid", qid)
    expect(page.locator(".hb-practice__queue")).to_have_text(re.compile(r"^1 due now · "))
    reveal_and_grade(page, "3")
    card = stored(page)["cards"][qid]
    assert card["reps"] == 2 and due_of(page, qid) - (due + timedelta(minutes=1)) > due - START


def test_again_comes_back_within_minutes_and_daily_new_limit(page, fixture_server):
    page.clock.install(time=START)
    page.goto(f"{fixture_server}practice/?topic=formulas&difficulty=intermediate")
    expect(page.locator(".hb-practice__card")).to_be_visible()
    limit = page.locator("input[name=new-per-day]")
    expect(limit).to_have_value("20")
    limit.fill("1")
    limit.press("Tab")
    expect(page.locator(".hb-practice__queue")).to_have_text("0 due now · 1 new of 3 left today (1 a day)")
    qid = reveal_and_grade(page, "1")  # Again: a learning step of minutes
    assert timedelta(0) < due_of(page, qid) - START <= timedelta(minutes=10)
    # Nothing due, today's one new question is used: nothing to show, and why.
    expect(page.locator(".hb-practice__card")).to_be_hidden()
    expect(page.locator(".hb-practice__status")).to_have_text(
        re.compile(r"Nothing due now; the next review is on .*, and today's new questions are done\."))
    assert stored(page)["newPerDay"] == 1
    # The filters are still in the URL.
    expect(page).to_have_url(re.compile(r"/practice/\?topic=formulas&difficulty=intermediate$"))

    page.clock.set_system_time(due_of(page, qid) + timedelta(seconds=30))
    page.reload()
    expect(page.locator(".hb-practice__card")).to_have_attribute("data-qid", qid)
    # The next day brings new questions again.
    page.clock.set_system_time(START + timedelta(days=1))
    page.reload()
    expect(page.locator(".hb-practice__queue")).to_have_text(re.compile(r" · 1 new of 2 left today \(1 a day\)$"))


def test_grade_buttons_show_intervals_and_work_by_keyboard(page, fixture_server):
    page.clock.install(time=START)
    page.goto(f"{fixture_server}practice/?topic=formulas")
    expect(page.locator(".hb-practice__card")).to_be_visible()
    grades = page.locator(".hb-practice__grades")
    expect(grades).to_be_hidden()
    tab_to(page, ".hb-practice__reveal")
    page.keyboard.press("Enter")
    expect(grades).to_be_visible()
    expect(page.locator(".hb-practice__next")).to_be_focused()
    labels = [grades.locator(f"[data-grade='{g}']").text_content() for g in "1234"]
    assert [label.split()[0] for label in labels] == ["Again", "Hard", "Good", "Easy"]
    assert re.search(r"\d+ min$", labels[0]) and re.search(r"\d+ days?$", labels[3]), labels
    # Shift+Tab walks back through the grades; Enter on "Hard" grades it.
    for grade in "4321":
        page.keyboard.press("Shift+Tab")
        expect(grades.locator(f"[data-grade='{grade}']")).to_be_focused()
        assert_focus_visible(page, f"grade {grade}")
    page.keyboard.press("Tab")
    qid = page.locator(".hb-practice__card").get_attribute("data-qid")
    page.keyboard.press("Enter")
    expect(page.locator(".hb-practice__status")).to_have_text(re.compile(r"^Hard: back in "))
    assert stored(page)["cards"][qid]["reps"] == 1
    expect(page.locator(".hb-practice__reveal")).to_be_focused()  # focus stays on the card
    expect(grades).to_be_hidden()
    # Digits do nothing before the answer is revealed.
    page.keyboard.press("3")
    assert len(stored(page)["cards"]) == 1


# ------------------------------------------------------------------- migration


def test_known_list_of_the_old_format_is_migrated(page, fixture_server):
    page.goto(f"{fixture_server}basics/")
    page.evaluate("""() => { localStorage.clear();
        localStorage.setItem('dl-handbook:known', JSON.stringify(['what-is-deep'])); }""")
    page.reload()
    expect(page.locator("input[data-qid=what-is-deep]")).to_be_checked()
    expect(page.locator(".hb-toolbar .hb-progress")).to_have_text("1 / 2 known")
    state = stored(page)
    assert state["version"] == 2 and state["known"] == ["what-is-deep"]
    assert state["flags"] == {} and state["cards"] == {} and state["newPerDay"] == 20
    assert page.evaluate("localStorage.getItem('dl-handbook:known')") is None


def test_unreadable_state_is_kept_aside(page, fixture_server):
    page.goto(f"{fixture_server}basics/")
    page.evaluate(f"localStorage.setItem('{KEY}', '{{broken')")
    page.reload()
    expect(page.locator(".hb-toolbar .hb-progress")).to_have_text("0 / 2 known")
    assert page.evaluate(f"localStorage.getItem('{KEY}:unreadable')") == "{broken"
    assert stored(page)["version"] == 2


# ----------------------------------------------------------------- review later


def test_review_later_flags_and_review_page(page, fixture_server):
    page.clock.install(time=START)
    page.goto(f"{fixture_server}basics/")
    flag = page.locator("button.hb-flag[data-qid=what-is-deep]")
    expect(flag).to_have_attribute("aria-pressed", "false")
    flag.click()
    expect(flag).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(flag).to_have_attribute("aria-pressed", "true")

    # Flag from practice mode too.
    page.goto(f"{fixture_server}practice/?topic=formulas&difficulty=intermediate")
    card = page.locator(".hb-practice__card")
    expect(card).to_be_visible()
    practiced = card.get_attribute("data-qid")
    practice_flag = page.locator(".hb-practice__flag")
    expect(practice_flag).to_have_attribute("aria-pressed", "false")
    practice_flag.click()
    expect(practice_flag).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("n")
    expect(practice_flag).to_have_attribute("aria-pressed", "false")  # the next question is not flagged
    reveal_and_grade(page, "1")
    graded = [qid for qid in stored(page)["cards"]][0]

    page.clock.set_system_time(START + timedelta(hours=1))
    page.goto(f"{fixture_server}review/")
    flagged = page.locator(".hb-review__flagged li")
    expect(flagged).to_have_count(2)
    expect(flagged.first.locator("a")).to_have_attribute("href", re.compile(r"/basics/#what-is-deep$"))
    expect(flagged.first).to_contain_text("Basics")
    expect(page.locator(f".hb-review__flagged li[data-qid={practiced}]")).to_contain_text("Formulas")
    due = page.locator(".hb-review__due li")
    expect(due).to_have_count(1)
    expect(due.first).to_have_attribute("data-qid", graded)
    expect(page.locator(".hb-review__due-status")).to_have_text(re.compile(r"^1 question is due now\."))

    # Unflag from the review page, by keyboard; focus goes on to the next one.
    button = page.locator(".hb-unflag[data-qid=what-is-deep]")
    button.focus()
    assert_focus_visible(page, "Remove flag")
    page.keyboard.press("Enter")
    expect(flagged).to_have_count(1)
    expect(page.locator(f".hb-unflag[data-qid={practiced}]")).to_be_focused()
    page.keyboard.press("Space")
    expect(flagged).to_have_count(0)
    expect(page.locator(".hb-review__empty--flagged")).to_be_visible()
    page.goto(f"{fixture_server}basics/")
    expect(flag).to_have_attribute("aria-pressed", "false")


def test_flag_is_in_the_tab_order_of_a_question(page, fixture_server):
    page.goto(f"{fixture_server}basics/")
    page.locator("input[data-qid=what-is-a-neuron]").focus()
    page.keyboard.press("Tab")
    flag = page.locator("button.hb-flag[data-qid=what-is-a-neuron]")
    expect(flag).to_be_focused()
    assert_focus_visible(page, "Review later")
    page.keyboard.press("Space")
    expect(flag).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Enter")
    expect(flag).to_have_attribute("aria-pressed", "false")


# ---------------------------------------------------------- moving the progress


def study_in(page, fixture_server):
    page.clock.install(time=START)
    page.goto(f"{fixture_server}basics/")
    page.check("input[data-qid=what-is-deep]")
    page.click("button.hb-flag[data-qid=what-is-a-neuron]")
    page.goto(f"{fixture_server}practice/?topic=formulas&difficulty=intermediate")
    expect(page.locator(".hb-practice__card")).to_be_visible()
    return reveal_and_grade(page, "3")


def test_export_then_import_in_another_browser_merges(browser, page, fixture_server, tmp_path):
    graded = study_in(page, fixture_server)
    page.goto(f"{fixture_server}review/")
    with page.expect_download() as info:
        page.click("button.hb-export")
    download = info.value
    assert re.fullmatch(r"dl-handbook-progress-\d{4}-\d\d-\d\d\.json", download.suggested_filename)
    path = tmp_path / "progress.json"
    download.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["format"] == "dl-handbook-study" and exported["version"] == 2
    assert exported["known"] == ["what-is-deep"] and list(exported["flags"]) == ["what-is-a-neuron"]
    assert list(exported["cards"]) == [graded]

    # Another browser, with progress of its own: the import merges, nothing is lost.
    other = browser.new_context()
    page2 = other.new_page()
    page2.goto(f"{fixture_server}formulas/")
    page2.check("input[data-qid=sigmoid-formula]")
    page2.click("button.hb-flag[data-qid=softmax-formula]")
    page2.goto(f"{fixture_server}review/")
    page2.set_input_files("input.hb-import", path)
    expect(page2.locator(".hb-transfer__message")).to_have_text(
        re.compile(r"^Imported “progress\.json”: 1 more known, 1 more flagged, 1 questions scheduled in all\.$"))
    state = stored(page2)
    assert sorted(state["known"]) == ["sigmoid-formula", "what-is-deep"]
    assert sorted(state["flags"]) == ["softmax-formula", "what-is-a-neuron"]
    assert state["cards"][graded] == exported["cards"][graded]
    expect(page2.locator(".hb-review__flagged li")).to_have_count(2)
    # Importing the same file again changes nothing.
    page2.set_input_files("input.hb-import", path)
    expect(page2.locator(".hb-transfer__message")).to_have_text(re.compile(r": 0 more known, 0 more flagged, "))
    assert stored(page2) == state
    other.close()


def test_malformed_import_is_refused_with_a_clear_message(page, fixture_server):
    page.goto(f"{fixture_server}basics/")
    page.check("input[data-qid=what-is-deep]")
    page.goto(f"{fixture_server}review/")
    before = stored(page)
    message = page.locator(".hb-transfer__message")
    cases = [
        (b"{not json", r"^Could not import “bad\.json”: This file is not valid JSON \(.+\)\. Nothing was changed\.$"),
        (b'{"known": ["x"]}', r"not a study-progress file of this handbook"),
        (b'{"format": "dl-handbook-study", "version": 9}', r"written by a newer version of the handbook"),
        (b'{"format": "dl-handbook-study", "version": 2, "cards": {"x": {"due": "soon"}}}',
         r'card "x" has no valid due date\. Nothing was changed\.$'),
    ]
    for content, expected in cases:
        page.set_input_files("input.hb-import", files=[{"name": "bad.json", "mimeType": "application/json",
                                                       "buffer": content}])
        expect(message).to_have_text(re.compile(expected))
        expect(message).to_have_class(re.compile("hb-transfer__message--error"))
        assert stored(page) == before


def test_reset_asks_first(page, fixture_server):
    study_in(page, fixture_server)
    page.goto(f"{fixture_server}review/")
    expect(page.locator(".hb-review__flagged li")).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("button.hb-reset-all")
    expect(page.locator(".hb-review__flagged li")).to_have_count(1)
    assert stored(page)["known"] == ["what-is-deep"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button.hb-reset-all")
    expect(page.locator(".hb-transfer__message")).to_have_text("Your progress in this browser was reset.")
    expect(page.locator(".hb-review__flagged li")).to_have_count(0)
    state = stored(page)
    assert state["known"] == [] and state["flags"] == {} and state["cards"] == {}


# --------------------------------------------------------------- accessibility


def test_review_and_graded_practice_pass_axe(browser, fixture_server):
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        study_in(page, fixture_server)
        page.clock.set_system_time(START + timedelta(days=30))
        page.goto(f"{fixture_server}review/")
        expect(page.locator(".hb-review__due li")).to_have_count(1)
        problems = [f"review {v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        page.goto(f"{fixture_server}practice/")
        expect(page.locator(".hb-practice__card")).to_be_visible()
        page.keyboard.press("Space")
        expect(page.locator(".hb-practice__grades")).to_be_visible()
        problems += [f"practice {v['id']}" for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        context.close()
        assert not problems, (scheme, problems)


def test_review_page_controls_by_keyboard(page, fixture_server):
    page.goto(f"{fixture_server}review/")
    for selector in ["button.hb-export", "input.hb-import", "button.hb-reset-all"]:
        tab_to(page, selector, limit=60)
        assert_focus_visible(page, selector)
