"""The offline copy (make offline / make build): the fixture bank built with
mkdocs-offline.yml, links fixed and zipped by handbook.offline, unzipped and
opened from disk (file://) in Chromium with the network off. Reading, links,
short links, math and search work; nothing is requested but files."""
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from playwright.sync_api import expect

from conftest import FIXTURE_DATA, REPO, make_project
from handbook import offline


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("offline-project"), FIXTURE_DATA)
    shutil.copy(REPO / "mkdocs-offline.yml", project)
    built = tmp_path_factory.mktemp("offline-site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs-offline.yml"),
                             "-d", str(built)], capture_output=True, text=True, cwd=project,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert offline.fix_links(built) > 0
    archive = tmp_path_factory.mktemp("download") / "handbook-offline.zip"
    offline.archive(built, archive)
    unpacked = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert all(name.startswith("dl-interview-handbook/") for name in names)
        zf.extractall(unpacked)
    return unpacked / "dl-interview-handbook"


@pytest.fixture
def disk_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_offline(True)
    page = context.new_page()
    errors, requests = [], []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda err: errors.append(str(err)))
    context.on("request", lambda request: requests.append(request.url))
    yield page
    context.close()
    assert not errors, errors
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requests), \
        [url for url in requests if not url.startswith("file://")]


def test_offline_copy_has_no_foreign_script(offline_copy):
    for html in offline_copy.rglob("*.html"):
        assert "unpkg.com" not in html.read_text(encoding="utf-8"), html
    assert (offline_copy / "javascripts" / "vendor" / "iframe-worker" / "shim.js").read_bytes() == \
        (REPO / "node_modules" / "iframe-worker" / "shim" / "index.js").read_bytes()
    assert (offline_copy / "search" / "search_index.js").is_file()


def test_offline_copy_reads_from_disk_with_the_network_off(disk_page, offline_copy):
    page = disk_page
    page.goto((offline_copy / "index.html").as_uri())
    expect(page.locator("h1")).to_have_text("Deep Learning Interview Handbook")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # CSS loaded
    page.click("table a >> text=Formulas")
    expect(page).to_have_url(f"{(offline_copy / 'formulas.html').as_uri()}")
    page.click("text=Expand all")
    expect(page.locator("details.answer[open] math").first).to_be_visible()
    # A tag link and the tags page's link back, both written for the online layout.
    tag = page.locator("h2#sigmoid-formula + .hb-meta a.hb-tag >> text=activation-functions")
    tag.click()
    expect(page).to_have_url(f"{(offline_copy / 'tags.html').as_uri()}#activation-functions")
    page.click("[id=activation-functions] + ul a >> text=sigmoid")
    expect(page).to_have_url(f"{(offline_copy / 'formulas.html').as_uri()}#sigmoid-formula")
    expect(page.locator("h2#sigmoid-formula ~ details.answer").first).to_have_attribute("open", "")
    # Progress and flags are kept (localStorage works from disk).
    page.check("input[data-qid=sigmoid-formula]")
    page.click("button.hb-flag[data-qid=sigmoid-formula]")
    page.reload()
    expect(page.locator("input[data-qid=sigmoid-formula]")).to_be_checked()
    expect(page.locator("button.hb-flag[data-qid=sigmoid-formula]")).to_have_attribute("aria-pressed", "true")


def test_short_link_from_disk(disk_page, offline_copy):
    disk_page.goto((offline_copy / "q" / "adam-formula" / "index.html").as_uri())
    expect(disk_page).to_have_url(f"{(offline_copy / 'formulas.html').as_uri()}#adam-formula")
    expect(disk_page.locator("h2#adam-formula ~ details.answer").first).to_have_attribute("open", "")


def test_search_from_disk(disk_page, offline_copy):
    page = disk_page
    page.goto((offline_copy / "basics.html").as_uri())
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("neuron", delay=20)
    result = page.locator(".md-search-result__link[href*='#what-is-a-neuron']").first
    expect(result).to_be_visible()
    expect(result).to_contain_text("neuron")
    result.click()
    expect(page).to_have_url(f"{(offline_copy / 'basics.html').as_uri()}?h=neuron#what-is-a-neuron")
    expect(page.locator("h2#what-is-a-neuron ~ details.answer").first).to_have_attribute("open", "")


def test_practice_from_disk_says_why_it_cannot_run(disk_page, offline_copy):
    disk_page.goto((offline_copy / "practice.html").as_uri())
    expect(disk_page.locator(".hb-practice__status")).to_contain_text("needs the handbook on a web server")


def test_build_publishes_the_archive_and_links_it(offline_copy, tmp_path):
    """make build: HANDBOOK_DOWNLOADS names the folder with the archive and the PDF; the
    Exports page links them only then (a plain build has no broken link)."""
    downloads = tmp_path / "downloads"
    offline.archive(offline_copy, downloads / "handbook-offline.zip")
    (downloads / "handbook.pdf").write_bytes(b"%PDF-1.7 stand-in for make pdf")
    project = make_project(tmp_path / "project", FIXTURE_DATA)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for folder, linked in ((None, False), (downloads, True)):
        out = tmp_path / f"site-{linked}"
        run_env = {**env, "HANDBOOK_DOWNLOADS": str(folder)} if folder else env
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                                 "-d", str(out)], capture_output=True, text=True, cwd=project, env=run_env)
        assert result.returncode == 0, result.stderr
        exports = (out / "exports" / "index.html").read_text(encoding="utf-8")
        assert ('href="../handbook-offline.zip"' in exports) is linked
        assert ('href="../handbook.pdf"' in exports) is linked
        assert (out / "handbook-offline.zip").is_file() is linked
        assert (out / "handbook.pdf").is_file() is linked
        if linked:
            assert (out / "handbook-offline.zip").read_bytes() == (downloads / "handbook-offline.zip").read_bytes()
