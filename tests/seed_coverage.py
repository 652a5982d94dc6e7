"""Which question answers each source-article question (shared/seeds/README.md).

Run `python tests/seed_coverage.py` for the full table; the test below fails
on any reference that no question lists in its `seeds`.
"""
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS_README = REPO.parent / "shared" / "seeds" / "README.md"


def expand(item: str, article: str) -> list[str]:
    """'5–20' -> 5..20; 'B1.1–4' -> B1.1..B1.4; '004#S1.2' -> itself."""
    if "#" in item:
        article, item = item.split("#")
    match = re.fullmatch(r"([A-Z]\d\.)?(\d+)(?:[–-](\d+))?", item)
    prefix, first, last = match.group(1) or "", int(match.group(2)), int(match.group(3) or match.group(2))
    return [f"{article}#{prefix}{n}" for n in range(first, last + 1)]


def seed_refs(readme: Path = SEEDS_README) -> dict[str, str]:
    """Every reference -> its group (Foundations, Architectures, Practice)."""
    refs, group = {}, None
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            group = line[4:].split(" (")[0]
        elif group and line.startswith("- "):
            article = line[2:5]
            for item in line[2:].split(","):
                for ref in expand(item.strip(), article):
                    refs[ref] = group
    return refs


def covering_questions(data_dir: Path = REPO / "data") -> dict[str, list[str]]:
    covered: dict[str, list[str]] = {}
    for path in sorted(data_dir.glob("*.json")):
        if path.name == "schema.json":
            continue
        for question in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            for ref in question.get("seeds", []):
                covered.setdefault(ref, []).append(f"{path.stem}#{question['id']}")
    return covered


def main() -> int:
    covered = covering_questions()
    missing = 0
    for ref, group in seed_refs().items():
        where = ", ".join(covered.get(ref, [])) or "MISSING"
        missing += where == "MISSING"
        print(f"{ref:12} {group:13} {where}")
    print(f"{missing} reference(s) not covered")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
