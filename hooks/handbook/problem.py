"""One problem found in data/, as validation reports it (see validate.py)."""
from dataclasses import dataclass

TOPIC = "-"  # the "question id" column for problems that belong to the whole file


@dataclass(frozen=True)
class Problem:
    file: str
    qid: str
    field: str
    message: str
    fix: str
    code: str

    def __str__(self) -> str:
        return f"{self.file}: {self.qid}: {self.field}: {self.message} — {self.fix} [{self.code}]"
