"""The question bank as plain Python objects, read from a data/ directory.

This is the data model: it reads, it does not judge. loader.load() validates
first; a Bank holds the text readers see (code-block marks removed).
"""
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import snippets

DIFFICULTIES = ("basic", "intermediate", "advanced")


@dataclass(frozen=True)
class FollowUp:
    question: str
    answer: str


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    question: str
    answer: str
    difficulty: str
    tags: tuple[str, ...]
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    seeds: tuple[str, ...] = ()
    figures: tuple[dict, ...] = ()  # see figures.py
    search_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    questions: tuple[Question, ...]
    summary: str = ""
    section: str = ""
    order: int = 0

    @property
    def difficulty_mix(self) -> dict[str, int]:
        counts = Counter(q.difficulty for q in self.questions)
        return {level: counts[level] for level in DIFFICULTIES}


@dataclass(frozen=True, repr=False)
class Bank:
    topics: tuple[Topic, ...]
    questions: dict[str, Question]
    aliases: dict[str, str]  # former id -> current id

    def __repr__(self) -> str:
        """Short: mkdocs-macros writes every variable's str() into a debug line on each build."""
        return f"<Bank: {len(self.questions)} questions in {len(self.topics)} topics>"

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def resolve(self, any_id: str) -> Question:
        """The question behind a current or former id."""
        return self.questions[self.aliases.get(any_id, any_id)]

    @property
    def tags(self) -> dict[str, list[Question]]:
        """Every tag with its questions, tags sorted by name."""
        index: dict[str, list[Question]] = {}
        for topic in self.topics:
            for question in topic.questions:
                for tag in question.tags:
                    index.setdefault(tag, []).append(question)
        return dict(sorted(index.items()))

    @property
    def sections(self) -> dict[str, list[Topic]]:
        """Topics grouped by section, in topic order."""
        grouped: dict[str, list[Topic]] = {}
        for topic in self.topics:
            grouped.setdefault(topic.section, []).append(topic)
        return grouped


def topic_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.glob("*.json") if p.name != "schema.json")


def read(data_dir: Path) -> Bank:
    """The Bank of a data/ directory that validation has accepted."""
    topics = [read_topic(path) for path in topic_files(data_dir)]
    topics.sort(key=lambda t: (t.order, t.id))
    questions = {q.id: q for t in topics for q in t.questions}
    aliases = {alias: q.id for q in questions.values() for alias in q.aliases}
    return Bank(tuple(topics), questions, aliases)


def read_topic(path: Path) -> Topic:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Topic(
        id=data["id"],
        title=data["title"],
        summary=data.get("summary", ""),
        section=data.get("section", ""),
        order=data.get("order", 0),
        questions=tuple(read_question(q, data["id"]) for q in data["questions"]),
    )


def read_question(data: dict, topic_id: str) -> Question:
    return Question(
        id=data["id"],
        topic=topic_id,
        question=data["question"],
        answer=snippets.for_readers(data["answer"]),
        difficulty=data["difficulty"],
        tags=tuple(data["tags"]),
        related=tuple(data.get("related", ())),
        aliases=tuple(data.get("aliases", ())),
        follow_ups=tuple(FollowUp(f["question"], snippets.for_readers(f["answer"]))
                         for f in data.get("follow_ups", ())),
        seeds=tuple(data.get("seeds", ())),
        figures=tuple(data.get("figures", ())),
        search_terms=tuple(data.get("search_terms", ())),
    )
