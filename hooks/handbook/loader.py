"""Load the bank the safe way: validate data/ first, then read it."""
from pathlib import Path

from . import bank, validate


class InvalidBank(Exception):
    """data/ has problems; str() lists every one of them."""

    def __init__(self, problems: list[validate.Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)) + f"\n{len(problems)} problem(s) in data/")


def load(data_dir: Path) -> bank.Bank:
    """Validate data_dir and build the Bank; raise InvalidBank listing every problem."""
    problems = validate.check(data_dir)
    if problems:
        raise InvalidBank(problems)
    return bank.read(data_dir)
