"""Load the bank the safe way: never render data that validation has not accepted.

`load` validates, then reads. A site build uses `read_while_validating`
instead: validation runs in a second process (`python -m handbook.validate
--json`) while the build renders on this one, and the build calls
`Validation.problems()` before it ends, failing with every problem listed.
On a two-core machine this hides most of the validation time, and its working
memory (schema, pyflakes, caches) is freed with its process.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

from . import bank
from .problem import Problem

HOOKS_DIR = Path(__file__).resolve().parents[1]  # what `-m handbook.validate` needs on the path


class InvalidBank(Exception):
    """data/ has problems; str() lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)) + f"\n{len(problems)} problem(s) in data/")


def load(data_dir: Path) -> bank.Bank:
    """Validate data_dir and build the Bank; raise InvalidBank listing every problem."""
    from . import validate  # only here: a site build validates in another process
    problems = validate.check(data_dir)
    if problems:
        raise InvalidBank(problems)
    return bank.read(data_dir)


class Validation:
    """validate.check(data_dir) running in another process."""

    def __init__(self, data_dir: Path):
        path = os.pathsep.join(filter(None, [str(HOOKS_DIR), os.environ.get("PYTHONPATH")]))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "handbook.validate", "--json", str(data_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env={**os.environ, "PYTHONPATH": path})
        self._problems: list[Problem] | None = None

    def problems(self) -> list[Problem]:
        """Wait for the check (once) and return every problem it found."""
        if self._problems is None:
            out, err = self._process.communicate()
            if self._process.returncode not in (0, 1):
                raise RuntimeError(f"validation crashed:\n{err}")
            self._problems = [Problem(**json.loads(line)) for line in out.splitlines()]
        return self._problems


def read_while_validating(data_dir: Path) -> tuple[bank.Bank, Validation]:
    """The Bank read at once, and its validation started in the background.

    When the data cannot even be read (malformed JSON, a missing field) or a
    template could not render it (a related id that no question has: the
    macros plugin exits at once, before any hook could explain), wait for the
    validation and raise InvalidBank with its full list instead.
    """
    validation = Validation(data_dir)
    try:
        read = bank.read(data_dir)
        if all(rid in read.questions for q in read.questions.values() for rid in q.related):
            return read, validation
        error = None  # the templates would stop at the first unknown related id
    except Exception as err:  # noqa: BLE001 (validation says what is wrong)
        error = err
    problems = validation.problems()
    if problems:
        raise InvalidBank(problems) from None
    raise error or RuntimeError("validation passed a bank with an unknown related id")
