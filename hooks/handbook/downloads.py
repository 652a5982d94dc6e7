"""The big downloads linked from the Exports page: the offline copy (a zip of the
site built by mkdocs-offline.yml). `make build` makes it in build/downloads/; a
build started with HANDBOOK_DOWNLOADS=<that folder> publishes what is there, and
the Exports page links only that (so a plain `mkdocs build` or `mkdocs serve` has
no broken link). `make pdf` puts the PDF book there too."""
from pathlib import Path

OFFLINE_NAME = "handbook-offline.zip"
PDF_NAME = "handbook.pdf"
NAMES = (OFFLINE_NAME, PDF_NAME)


def available(folder: str | Path | None) -> dict[str, dict]:
    """name -> {"path": Path, "size": "1.2 MB"} for each download present in folder."""
    found = {}
    if not folder:
        return found
    for name in NAMES:
        path = Path(folder) / name
        if path.is_file():
            found[name] = {"path": path, "size": f"{path.stat().st_size / 1e6:.1f} MB"}
    return found
