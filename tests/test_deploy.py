"""Deployment: the site works under a sub-path (as on GitHub Pages project
sites), takes its URL and repository link from the environment, and the
workflow publishes what `make build` makes."""
import re
from pathlib import Path

import yaml
from playwright.sync_api import expect

from conftest import FIXTURE_DATA, REPO, build, make_project, serve

REPO_URL = "https://github.com/example/dl-handbook"


def test_site_served_under_a_sub_path(watched, tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    httpd, origin = serve(root)
    base = origin + "handbook/"
    result = build(make_project(tmp_path / "project", FIXTURE_DATA), root / "handbook",
                   SITE_URL=base, REPO_URL=REPO_URL)
    assert result.returncode == 0, result.stderr
    html = (root / "handbook" / "basics" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base}basics/">' in html
    page = watched.page
    try:
        page.goto(base + "basics/")
        expect(page.locator(f"a.md-source[href='{REPO_URL}']").first).to_be_attached()
        page.locator("button.hb-copy-link[data-qid=what-is-deep]").click()
        assert page.evaluate("navigator.clipboard.readText()") == base + "q/what-is-deep/"
        page.goto(base + "q/adam-formula/")
        expect(page).to_have_url(base + "formulas/#adam-formula")
        expect(page.locator("h2#adam-formula ~ details.answer").first).to_have_attribute("open", "")
        page.keyboard.press("/")
        page.locator("input.md-search__input").press_sequentially("sigmoid", delay=20)
        expect(page.locator(".md-search-result__item a").first).to_have_attribute(
            "href", re.compile("^" + re.escape(base)))
    finally:
        httpd.shutdown()
    # The repository link is a plain link: Material's star/fork lookup would ask api.github.com
    # (the watched fixture fails the test on that request).


def test_without_repo_url_there_is_no_repository_link(fixture_site):
    assert "md-source" not in (fixture_site / "basics" / "index.html").read_text(encoding="utf-8")


def test_workflow_tests_then_publishes_the_build_from_main():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    steps = lambda job: [s.get("run") or s.get("uses", "") for s in jobs[job]["steps"]]  # noqa: E731
    assert "make test" in steps("test") and "make check-code" in steps("test")
    assert jobs["build"]["needs"] == "test" and "refs/heads/main" in jobs["build"]["if"]
    build_step = next(s for s in jobs["build"]["steps"] if s.get("run") == "make build")
    assert set(build_step["env"]) == {"SITE_URL", "REPO_URL"}
    upload = next(s for s in jobs["build"]["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert any("deploy-pages" in s for s in steps("deploy"))
    ci_run = Path(REPO / ".ci" / "run").read_text(encoding="utf-8").rstrip()
    assert ci_run.endswith("make test\nmake check-code")
