"""`make check-code`: run every Python snippet of the bank and check what it shows.

Usage: python -m handbook.check_code DATA_DIR [data/<topic>.json ...]

Each chain (a complete block and the blocks marked `continued` after it) runs in
a fresh process forked from this one after the heavy libraries are imported
once, two at a time, offline, on the CPU. A chain fails when it raises, runs
longer than TIMEOUT seconds, or a print(...) line prints something other than
its trailing comment shows. Skipped blocks are counted with their reasons.
Exit status 1 on any failure. Reads data/ only; writes nothing.
"""
import builtins
import importlib
import io
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from . import bank, snippets

TIMEOUT = 60  # seconds per chain
WORKERS = max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class Chain:
    where: str  # data/<file>.json: <question id>: <field>
    blocks: tuple[snippets.Block, ...]


def collect(paths: list[Path]) -> tuple[list[Chain], Counter]:
    """The chains to run and the skip reasons, from topic files."""
    chains, skipped = [], Counter()
    for path in paths:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise SystemExit(f"{path}: cannot be read ({err}) — run make validate")
        for question in doc["questions"]:
            for field, text in snippets.texts_of(question):
                where = f"{path.parent.name}/{path.name}: {question['id']}: {field}"
                for block in snippets.blocks(text):
                    if block.is_python and block.skip_reason is not None:
                        skipped[block.skip_reason] += 1
                chains += [Chain(where, tuple(chain)) for chain in snippets.chains(text)]
    return chains, skipped


def run_chain(chain: Chain) -> list[str]:
    """Run one chain here (in a child process); the problems found, empty when it passes."""
    printed: dict[tuple[int, int], list[str]] = {}  # (block number, line) -> texts
    real_print = builtins.print

    def recording_print(*args, **kwargs):
        frame = sys._getframe(1)
        buffer = io.StringIO()
        real_print(*args, **{**kwargs, "file": buffer})
        if kwargs.get("file") is None and frame.f_code.co_filename.startswith("<block "):
            number = int(frame.f_code.co_filename[7:-1])
            printed.setdefault((number, frame.f_lineno), []).append(buffer.getvalue())
        elif kwargs.get("file") is not None:
            real_print(*args, **kwargs)

    namespace = {"__name__": "__main__", "print": recording_print}
    problems = []
    for block in chain.blocks:
        try:
            exec(compile(block.code, f"<block {block.number}>", "exec"), namespace)
        except BaseException as err:  # a snippet may raise anything, SystemExit included
            frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.startswith("<block ")]
            line = f" line {frames[-1].lineno}" if frames else ""
            problems.append(f"code block {block.number}{line}: raises {type(err).__name__}: {err}"
                            " — fix the code, or mark the block skip=\"reason\" if it cannot run here")
            return problems
        for lines, shown in snippets.shown_outputs(block.code).items():
            out = "".join(t for line in lines for t in printed.get((block.number, line), []))
            if not snippets.output_matches(shown, out):
                got = " ".join(out.split()) or "nothing"
                problems.append(f"code block {block.number} line {lines[0]}: shows '{shown}' but prints '{got}'"
                                " — write the real output in the comment (or '...' where it may vary)")
    return problems


def child(chain: Chain, conn) -> None:
    os.chdir(tempfile.mkdtemp(prefix="check-code-"))  # files a snippet saves land here, not in the clone
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.stdout = sys.stderr = io.StringIO()
    try:
        conn.send(run_chain(chain))
    except BaseException as err:  # never leave the parent waiting
        conn.send([f"the check itself failed: {err!r}"])
    conn.close()
    shutil.rmtree(os.getcwd(), ignore_errors=True)
    os._exit(0)


def run_all(chains: list[Chain]) -> dict[Chain, list[str]]:
    """Run the chains in forked children, WORKERS at a time."""
    context = multiprocessing.get_context("fork")
    pending, running, results = list(chains), {}, {}
    while pending or running:
        while pending and len(running) < WORKERS:
            chain = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=child, args=(chain, sender))
            process.start()
            sender.close()
            running[receiver] = (chain, process, time.monotonic())
        for receiver in wait(list(running), timeout=1):
            chain, process, _ = running.pop(receiver)
            try:
                results[chain] = receiver.recv()
            except EOFError:
                results[chain] = ["the snippet's process died (a crash in native code?)"]
            process.join()
        for receiver, (chain, process, started) in list(running.items()):
            if time.monotonic() - started > TIMEOUT:
                process.kill()
                process.join()
                del running[receiver]
                results[chain] = [f"runs longer than {TIMEOUT} s — make the example smaller"]
    return results


def prepare() -> None:
    """Import the libraries once so every forked child starts with them, offline and on one thread."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    os.environ.update(CUDA_VISIBLE_DEVICES="", HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1")
    for name in snippets.RUNNABLE_PACKAGES:
        importlib.import_module(name)
    import torch
    torch.set_num_threads(1)


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1] if len(argv) > 1 else "data")
    paths = [Path(p) for p in argv[2:]] or bank.topic_files(data_dir)
    chains, skipped = collect(paths)
    started = time.monotonic()
    prepare()
    results = run_all(chains)
    failures = [(chain, problem) for chain in chains for problem in results[chain]]
    for chain, problem in failures:
        print(f"{chain.where}: {problem}", file=sys.stderr)
    blocks = sum(len(chain.blocks) for chain in chains)
    print(f"{blocks} snippet(s) ran in {len(chains)} chain(s) in {time.monotonic() - started:.0f} s; "
          f"{sum(skipped.values())} skipped; {len(failures)} failure(s)")
    for reason, count in sorted(skipped.items(), key=lambda item: (-item[1], item[0])):
        print(f"  skipped {count}: {reason}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
