"""`make ids`: append the bank's new question ids to data/published-ids.txt."""
import sys
from pathlib import Path

from . import loader, published


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1] if len(argv) > 1 else "data")
    try:
        loaded = loader.load(data_dir)
    except loader.InvalidBank as err:
        print(err, file=sys.stderr)
        return 1
    new = published.append_new(data_dir, list(loaded.questions))
    print(f"{len(new)} new id(s) added to {data_dir.name}/{published.FILE_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
