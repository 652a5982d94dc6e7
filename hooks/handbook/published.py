"""The list of every question id ever published: data/published-ids.txt.

A shared link /q/<id>/ must never die, so an id on this list has to stay a
current id or an alias (the `published-id` validation rule). `make ids`
appends new ids; nothing removes one.
"""
from pathlib import Path

FILE_NAME = "published-ids.txt"
HEADER = "# Every question id ever published; never delete a line. `make ids` appends new ones.\n"


def read(data_dir: Path) -> list[str]:
    path = data_dir / FILE_NAME
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def append_new(data_dir: Path, current_ids: list[str]) -> list[str]:
    """Append the ids not yet on the list; return them."""
    known = set(read(data_dir))
    new = [qid for qid in current_ids if qid not in known]
    path = data_dir / FILE_NAME
    if new or not path.exists():
        with path.open("a", encoding="utf-8") as out:
            if out.tell() == 0:
                out.write(HEADER)
            out.writelines(f"{qid}\n" for qid in new)
    return new
