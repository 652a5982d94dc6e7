"""`make bench`: how fast and how heavy the site is, against plain Material.

For the real bank and synthetic banks of 1,000 and 10,000 questions (20 topics,
answers with inline and display math, code, follow-ups, related links), builds
our site and the same content written as plain Material Markdown (headings,
`???` details, arithmatex, a tags page; no hook, no macros, no MathML, no short
links or exports), alternating the two, and reports median wall time, the
ratio, seconds per 1,000 questions, peak memory, search-index bytes per
question and topic-page HTML bytes. Then: `make build` of the real bank,
query-to-results time of the search in Chromium, and Lighthouse scores of the
heaviest topic page served gzipped, as a static host would. Prints Markdown tables;
numbers are reported, never asserted.
"""
import argparse
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from conftest import CHROMIUM_FLAGS, REPO, chromium_executable, make_project, serve  # noqa: E402
from handbook import bank as bank_module, figures, loader  # noqa: E402
from handbook.render import indent_block  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
WORDS = ["gradient", "dropout", "attention", "kernel", "momentum", "embedding", "pooling", "entropy",
         "residual", "normalization", "optimizer", "tokenizer", "quantization", "pruning", "transformer",
         "convolution", "recurrent", "autoencoder", "diffusion", "distillation"]
ANSWER = """A direct answer about {word} in two sentences. It says what {word} does and why \
question {n} matters for training with a learning rate $\\eta_{{{n}}}$.

The formula, with $x \\in \\mathbb{{R}}^{{{d}}}$ and $K = {k}$ classes:

$$
\\operatorname{{softmax}}(z)_i = \\frac{{e^{{z_i / {t}}}}}{{\\sum_{{j=1}}^{{{k}}} e^{{z_j / {t}}}}}, \\qquad
\\mathcal{{L}} = -\\sum_{{i=1}}^{{{k}}} y_i \\log p_i + {lam}\\,\\lVert w \\rVert_2^2
$$

- the first point, with $x_{{{n}}}^2 + \\sigma^2$
- the second point, about {word} at scale $\\sqrt{{{d}}}$

```python
import torch
logits, labels = torch.randn(4, {k}, requires_grad=True), torch.tensor([0, 1, 0, 1])
loss = torch.nn.functional.cross_entropy(logits, labels)  # question {n}
loss.backward()
```

**Pitfall:** a common mistake with {word} is to forget the scale $1/\\sqrt{{d_k}}$."""
PLAIN_CONFIG = """site_name: Plain Material
site_url: http://127.0.0.1:8000/
theme: {name: material, font: false}
plugins: [search]
markdown_extensions:
  - toc
  - attr_list
  - admonition
  - tables
  - pymdownx.details
  - pymdownx.arithmatex: {generic: true}
  - pymdownx.highlight
  - pymdownx.superfences
"""


# ----------------------------------------------------------------------------- content

def synthetic_data(folder: Path, questions: int, topics: int = 20) -> Path:
    """A bank in our data format: `questions` spread over `topics` files."""
    folder.mkdir(parents=True)
    per_topic = -(-questions // topics)
    for t in range(topics):
        ids = range(t * per_topic, min((t + 1) * per_topic, questions))
        items = [{
            "id": f"q-{n:05d}",
            "question": f"What is concept number {n} about {WORDS[n % 20]}, and when does it matter?",
            "answer": ANSWER.format(word=WORDS[n % 20], n=n, d=64 + n % 512, k=2 + n % 97, t=n % 7 + 1,
                                    lam=f"10^{{-{n % 5 + 1}}}"),
            "difficulty": ("basic", "intermediate", "advanced")[n % 3],
            "tags": [WORDS[n % 20], WORDS[(n + 3) % 20]] if n % 7 else [WORDS[n % 20]],
            "related": [f"q-{(n + 1) % questions:05d}", f"q-{(n + 97) % questions:05d}"],
            "follow_ups": [{"question": f"How does {WORDS[n % 20]} change with batch size?",
                            "answer": f"It scales with $\\sqrt{{B}}$ for batch size $B = {32 + n % 256}$."}],
        } for n in ids]
        doc = {"id": f"topic-{t:02d}", "title": f"Topic {t}", "summary": f"Questions on topic {t}.",
               "order": t, "questions": items}
        (folder / f"topic-{t:02d}.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def plain_question(q: bank_module.Question, bank: bank_module.Bank) -> str:
    """One question as an author would write it by hand for Material."""
    tags = " ".join(f"[{tag}](tags.md#{tag})" for tag in q.tags)
    body = [q.answer]
    if q.follow_ups:
        body.append("**Likely follow-ups**")
        body += [f'??? note "{f.question}"\n\n{indent_block(f.answer, 4)}' for f in q.follow_ups]
    if q.related:
        links = " · ".join(f"[{bank.questions[r].question}]({bank.questions[r].topic}.md#{r})" for r in q.related)
        body.append(f"**Related:** {links}")
    return f'## {q.question} {{ #{q.id} }}\n\n*{q.difficulty}* · {tags}\n\n??? question "Answer"\n\n' \
           + indent_block("\n\n".join(body), 4) + "\n"


def plain_project(data_dir: Path, root: Path) -> Path:
    """The same questions as a hand-written Material site: topic pages, tags, home."""
    bank = loader.load(data_dir)
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Plain Material\n\n" + "\n".join(
        f"- [{t.title}]({t.id}.md)" for t in bank.topics) + "\n", encoding="utf-8")
    for topic in bank.topics:
        body = "\n".join(plain_question(q, bank) for q in topic.questions)
        (docs / f"{topic.id}.md").write_text(f"# {topic.title}\n\n{topic.summary}\n\n{body}", encoding="utf-8")
    tags = "\n".join(f"## {tag}\n\n" + "\n".join(f"- [{q.question}]({q.topic}.md#{q.id}) *{q.difficulty}*"
                                                for q in questions) + "\n"
                     for tag, questions in bank.tags.items())
    (docs / "tags.md").write_text(f"# Tags\n\n{tags}", encoding="utf-8")
    return root


# ----------------------------------------------------------------------------- builds

def timed_build(project: Path, out: Path, strict: bool) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `mkdocs build` process."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command + (["--strict"] if strict else []), cwd=project, env=ENV,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of this process alone
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            stderr.seek(0)
            raise SystemExit(f"build of {project} failed:\n{stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def topic_pages(site: Path, bank: bank_module.Bank) -> list[Path]:
    return [site / topic.id / "index.html" for topic in bank.topics]


def compare(label: str, data_dir: Path, work: Path, rounds: int) -> dict:
    """Alternate our build and plain Material's `rounds` times; medians and sizes."""
    bank = loader.load(data_dir)
    ours, plain = make_project(work / "ours", data_dir), plain_project(data_dir, work / "plain")
    times = {"ours": [], "plain": []}
    memory = {"ours": [], "plain": []}
    for _ in range(rounds):
        for name, project in (("ours", ours), ("plain", plain)):
            seconds, mb = timed_build(project, work / f"{name}-site", strict=name == "ours")
            times[name].append(seconds)
            memory[name].append(mb)
    count = len(bank.questions)
    result = {"bank": label, "questions": f"{count:,}", "topics": len(bank.topics),
              "site": work / "ours-site", "rounds": rounds}
    for name in ("ours", "plain"):
        site = work / f"{name}-site"
        median = statistics.median(times[name])
        result[f"{name} s"] = f"{median:.2f}"
        result[f"{name} s/1k q"] = f"{median / count * 1000:.2f}"
        result[f"{name} peak MB"] = f"{max(memory[name]):.0f}"
        result[f"{name} index B/q"] = f"{(site / 'search' / 'search_index.json').stat().st_size / count:.0f}"
        result[f"{name} page kB"] = f"{statistics.median(p.stat().st_size for p in topic_pages(site, bank)) / 1024:.0f}"
    result["ratio"] = f"{float(result['ours s']) / float(result['plain s']):.2f}"
    return result


def make_build_seconds() -> float:
    start = time.perf_counter()
    subprocess.run(["make", "-s", "build"], cwd=REPO, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


# ----------------------------------------------------------------------------- browser

def figure_seconds(data_dir: Path) -> tuple[int, float]:
    """The real bank's figures: how many, and the median seconds to check and draw them all."""
    bank = loader.load(data_dir)
    drawn = [(q.id, n, f) for q in bank.questions.values() for n, f in enumerate(q.figures)]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for qid, n, figure in drawn:
            figures.problems(figure)
            figures.svg(figure, f"fig-{qid}-{n}")
        times.append(time.perf_counter() - start)
    return len(drawn), statistics.median(times)


def search_latency(site: Path, queries: list[str]) -> float:
    """Median ms from a query typed to its results on screen (index already loaded)."""
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


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when asked for, as GitHub Pages and most hosts serve them."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in (
                ".html", ".css", ".js", ".json", ".svg", ".txt", ".xml") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def lighthouse(site: Path, path: str, runs: int) -> dict[str, dict]:
    """Median Lighthouse scores (0-100) per preset for one page, served gzipped."""
    handler = lambda *a, **k: GzipHandler(*a, directory=str(site), **k)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/{path}"
    scores = {}
    for preset in ("desktop", "mobile"):
        result = subprocess.run(["node", str(REPO / "tests" / "lighthouse.mjs"), url, preset, str(runs)],
                                capture_output=True, text=True, env={**ENV, "CHROME_PATH": chromium_executable()})
        if result.returncode:
            raise SystemExit(f"lighthouse failed:\n{result.stderr}")
        scores[preset] = json.loads(result.stdout)
    httpd.shutdown()
    return scores


# ----------------------------------------------------------------------------- report

def table(rows: list[dict], columns: list[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(row.get(c, "")) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="real bank and 1,000 questions only, one round")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rounds = 1 if args.quick else 3
        rows.append(compare("real", REPO / "data", tmp / "real", rounds))
        sizes = (1000,) if args.quick else (1000, 10000)
        for size in sizes:
            data = synthetic_data(tmp / f"data-{size}" / "data", size)
            rows.append(compare("synthetic", data, tmp / f"s{size}", rounds if size < 10000 else 2))
        rows[0]["search ms"] = f"{search_latency(rows[0]['site'], ['vanishing gradients', 'dropout', 'adam', 'receptive field', 'batch normalization', 'attention', 'overfitting']):.0f}"  # noqa: E501
        rows[-1]["search ms"] = f"{search_latency(rows[-1]['site'], ['gradient', 'dropout', 'attention', 'kernel momentum', 'distillation']):.0f}"  # noqa: E501
        heaviest = max(topic_pages(rows[0]["site"], loader.load(REPO / "data")), key=lambda p: p.stat().st_size)
        lighthouse_page = f"{heaviest.parent.name}/"
        scores = lighthouse(rows[0]["site"], lighthouse_page, runs=1 if args.quick else 3)
    print(f"## make bench, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores\n")
    print(table(rows, ["bank", "questions", "topics", "rounds", "ours s", "plain s", "ratio", "ours s/1k q",
                       "plain s/1k q"]))
    print()
    print(table(rows, ["bank", "questions", "ours peak MB", "plain peak MB", "ours index B/q", "plain index B/q",
                       "ours page kB", "plain page kB", "search ms"]))
    print(f"\n`make build` of the real bank (strict, from the shell): {make_build_seconds():.1f} s")
    count, seconds = figure_seconds(REPO / "data")
    print(f"Figures: {count} in the real bank, checked and drawn in {seconds:.3f} s\n")
    print(table([{"page": lighthouse_page, "preset": preset, **s} for preset, s in scores.items()],
                ["page", "preset", "performance", "performance runs", "accessibility", "best-practices", "seo"]))


if __name__ == "__main__":
    main()
