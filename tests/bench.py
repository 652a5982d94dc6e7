"""`make bench`: how fast and how heavy the site is, against plain Material.

Measures, on this machine:
- build time of the real bank and of synthetic banks of 1,000 and 10,000
  questions, and the same content built by plain Material from Markdown files
  (no hook, no macros, no MathML: what a hand-written site would cost);
- search-index bytes per question, and the weight of a topic page;
- query-to-results time in headless Chromium, median of several queries.
Prints a Markdown table. Not a test: numbers are reported, never asserted.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from conftest import CHROMIUM_FLAGS, REPO, build, chromium_executable, make_project, serve  # noqa: E402
from handbook import bank as bank_module, render  # noqa: E402

ANSWER = (
    "A direct answer in two sentences about {word}. It names the idea and why it matters.\n\n"
    "The formula:\n\n$$\n\\sigma(x) = \\frac{{1}}{{1 + e^{{-x}}}}, \\quad "
    "\\operatorname{{softmax}}(z)_i = \\frac{{e^{{z_i}}}}{{\\sum_{{j=1}}^{{K}} e^{{z_j}}}}\n$$\n\n"
    "- first point with $x_{{{n}}}^2$\n- second point about {word}\n\n"
    "```python\nloss = criterion(model(x), y)  # step {n}\n```\n\n"
    "**Pitfall:** a common mistake with {word} is to forget the scale."
)
WORDS = ["gradient", "dropout", "attention", "kernel", "momentum", "embedding", "pooling", "entropy"]
PLAIN_CONFIG = """site_name: Plain
site_url: http://127.0.0.1:8000/
theme: {name: material, font: false}
plugins: [search]
markdown_extensions:
  - toc
  - attr_list
  - md_in_html
  - tables
  - pymdownx.arithmatex: {generic: true}
  - pymdownx.blocks.details
  - pymdownx.highlight
  - pymdownx.superfences
"""


def synthetic_data(folder: Path, questions: int, per_topic: int = 50) -> Path:
    folder.mkdir(parents=True)
    for t in range(0, questions, per_topic):
        topic = f"topic-{t // per_topic:03d}"
        items = [{
            "id": f"q-{n:05d}", "question": f"What is concept number {n} about {WORDS[n % 8]}?",
            "answer": ANSWER.format(word=WORDS[n % 8], n=n), "difficulty": "intermediate",
            "tags": [WORDS[n % 8]], "related": [f"q-{t + (n + 1 - t) % min(per_topic, questions - t):05d}"],
        } for n in range(t, min(t + per_topic, questions))]
        doc = {"id": topic, "title": f"Topic {t // per_topic}", "order": t, "questions": items}
        (folder / f"{topic}.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def plain_project(data_dir: Path, root: Path) -> Path:
    """The same pages as plain Markdown for plain Material."""
    bank = bank_module.load(data_dir)
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Plain\n", encoding="utf-8")
    for topic in bank.topics:
        body = render.topic_page(topic, bank).replace("(tags.md#", "(index.md#")
        (root / "docs" / f"{topic.id}.md").write_text(f"# {topic.title}\n\n{body}", encoding="utf-8")
    return root


def timed_build(project: Path, out: Path, ours: bool = True) -> float:
    """Seconds for one build: ours strictly, plain Material as it comes."""
    start = time.perf_counter()
    result = build(project, out) if ours else build_plain(project, out)
    if result.returncode:
        raise SystemExit(result.stderr)
    return time.perf_counter() - start


def build_plain(project: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                           "-d", str(out)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def search_latency(site: Path, queries: list[str]) -> float:
    from playwright.sync_api import sync_playwright
    httpd, url = serve(site)
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(url)
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        box.press_sequentially("warmup")  # waits for the index to load
        page.wait_for_selector(".md-search-result__meta")
        for query in queries:
            box.fill("")
            box.dispatch_event("keyup")
            page.wait_for_timeout(200)
            start = time.perf_counter()
            box.fill(query)
            box.dispatch_event("keyup")  # Material reads the query on key events
            page.wait_for_function("q => document.querySelector('.md-search-result__list li') && "
                                   "document.querySelector('.md-search__input').value === q", arg=query)
            times.append(time.perf_counter() - start)
        browser.close()
    httpd.shutdown()
    return statistics.median(times) * 1000


def row(label, bank_dir: Path, work: Path) -> dict:
    ours = make_project(work / "ours", bank_dir)
    plain = plain_project(bank_dir, work / "plain")
    ours_s = timed_build(ours, work / "ours-site")
    plain_s = timed_build(plain, work / "plain-site", ours=False)
    site = work / "ours-site"
    count = sum(len(json.loads(p.read_text())["questions"]) for p in bank_dir.glob("*.json") if p.name != "schema.json")
    index = (site / "search" / "search_index.json").stat().st_size
    pages = [p for p in site.glob("*/index.html") if p.parent.name not in ("tags", "practice", "exports", "search", "q")]
    weight = statistics.median(p.stat().st_size for p in pages)
    return {"bank": label, "questions": count, "build s": f"{ours_s:.1f}", "plain Material s": f"{plain_s:.1f}",
            "ratio": f"{ours_s / plain_s:.2f}", "index B/question": f"{index / count:.0f}",
            "topic page kB (median)": f"{weight / 1024:.0f}", "site": site}


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows.append(row("real", REPO / "data", tmp / "real"))
        for size in (1000, 10000):
            rows.append(row(f"synthetic {size}", synthetic_data(tmp / f"data-{size}" / "data", size), tmp / f"s{size}"))
        latency = search_latency(rows[0]["site"], ["vanishing gradients", "dropout", "adam", "receptive field",
                                                   "batch normalization", "attention", "overfitting"])
        rows[0]["search ms"] = f"{latency:.0f}"
        latency = search_latency(rows[-1]["site"], ["gradient", "dropout", "attention", "kernel momentum"])
        rows[-1]["search ms"] = f"{latency:.0f}"
    columns = ["bank", "questions", "build s", "plain Material s", "ratio", "index B/question",
               "topic page kB (median)", "search ms"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for r in rows:
        print("| " + " | ".join(str(r.get(c, "")) for c in columns) + " |")


if __name__ == "__main__":
    main()
