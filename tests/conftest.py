"""Shared fixtures: strict builds into temporary folders, a static server on
127.0.0.1, and headless Chromium through Playwright."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.localsite import CHROMIUM_FLAGS, chromium_executable, serve  # noqa: F401 (bench and tests use them)

REPO = Path(__file__).resolve().parents[1]
FIXTURE_DATA = REPO / "tests" / "fixtures" / "data"


def make_project(root: Path, data_dir: Path) -> Path:
    """A copy of the site sources with another data/ folder."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root)
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "docs", root / "docs", ignore=ignore)
    for folder in ("hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder, ignore=ignore)
    shutil.copytree(data_dir, root / "data")
    shutil.copy(REPO / "data" / "schema.json", root / "data" / "schema.json")
    return root


def build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """A strict build; keyword arguments are extra environment (SITE_URL=...)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real bank, built strictly."""
    out = tmp_path_factory.mktemp("site")
    result = build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small fixture bank (tests/fixtures/data), built strictly."""
    project = make_project(tmp_path_factory.mktemp("project"), FIXTURE_DATA)
    out = tmp_path_factory.mktemp("fixture-site")
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def server(site):
    httpd, url = serve(site)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def fixture_server(fixture_site):
    httpd, url = serve(fixture_site)
    yield url
    httpd.shutdown()


# Practice mode picks questions with Math.random. Every context the tests open
# replaces it with a seeded generator (mulberry32), so each run shows the same
# questions and a test cannot pass or fail by chance.
SEEDED_RANDOM = """(() => {
  let seed = 20261205;
  Math.random = () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();"""


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, expect, sync_playwright
    # A slow or busy machine (two cores, a whole topic page fetched and parsed on Reveal)
    # can take longer than Playwright's 5 s default; waiting longer costs a passing test nothing.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)
        except Error as err:
            message = f"no Chromium for the browser tests (run `make browser`): {err}"
            if os.environ.get("CI") == "true":
                pytest.fail(message)
            pytest.skip(message)
        new_context = chromium.new_context

        def seeded_context(*args, **kwargs):
            context = new_context(*args, **kwargs)
            context.add_init_script(SEEDED_RANDOM)
            return context

        chromium.new_context = seeded_context
        yield chromium
        chromium.close()


class Watched:
    """A page that records console errors and requests leaving 127.0.0.1."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        context.on("request", self._request)

    def _request(self, request):
        self.requests.append(request.url)
        if not request.url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
            self.foreign.append(request.url)


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    watched = Watched(context)
    yield watched
    context.close()
    assert not watched.errors, f"console errors: {watched.errors}"
    assert not watched.foreign, f"requests to other origins: {watched.foreign}"


@pytest.fixture
def page(watched):
    return watched.page
