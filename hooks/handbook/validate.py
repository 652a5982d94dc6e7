"""Check data/ and report every problem a contributor can make, all at once.

The JSON Schema (data/schema.json) is the single source of the shape; the rules
below cover what a schema cannot express. Each rule has a stable code and
yields Problems printed as

    data/<file>.json: <question id>: <field>: <what is wrong> — <what to do> [code]

Run as `python -m handbook.validate [DATA_DIR]`; exit status 1 on any problem.
Nothing here ever writes to data/.
"""
import dataclasses
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterator

import jsonschema
import math_core
import pyflakes.api
import pyflakes.messages
import pyflakes.reporter

from . import bank, figures, mathml, published, snippets
from .problem import TOPIC, Problem

@dataclasses.dataclass
class Document:
    """One parsed topic file."""
    path: Path
    label: str  # how the file is named in messages, e.g. data/optimization.json
    data: dict


Rule = Callable[[list[Document]], Iterator[Problem]]
RULES: list[tuple[str, Rule]] = []


def rule(code: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        RULES.append((code, func))
        return func
    return register


def check(data_dir: Path) -> list[Problem]:
    """Every problem in data_dir, in file order; empty when the bank is valid."""
    documents, problems = read_documents(data_dir)
    for _code, func in RULES:
        problems.extend(func(documents))
    return list(dict.fromkeys(problems))  # one schema error can surface twice


def read_documents(data_dir: Path) -> tuple[list[Document], list[Problem]]:
    documents, problems = [], []
    if not any(bank.topic_files(data_dir)):
        return [], [Problem(data_dir.name, TOPIC, "-", "no topic files found",
                            "add data/<topic-id>.json files", "no-topics")]
    for path in bank.topic_files(data_dir):
        label = display_path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as err:
            problems.append(Problem(label, TOPIC, "-", f"not UTF-8 text ({err.reason} at byte {err.start})",
                                    "save the file as UTF-8", "encoding"))
            continue
        except json.JSONDecodeError as err:
            problems.append(Problem(label, TOPIC, "-",
                                    f"malformed JSON at line {err.lineno}, column {err.colno}: {err.msg}",
                                    "fix the syntax there (a missing comma or quote, or a trailing comma, is typical)",
                                    "json-syntax"))
            continue
        documents.append(Document(path, label, data))
    return documents, problems


def display_path(path: Path) -> str:
    """A file as contributors know it: data/<file>.json."""
    return f"{path.resolve().parent.name}/{path.name}"


# ---------------------------------------------------------------------------
# Schema: the shape of each file
# ---------------------------------------------------------------------------

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data" / "schema.json"


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@rule("schema")
def schema_rule(documents: list[Document]) -> Iterator[Problem]:
    validator = jsonschema.Draft202012Validator(load_schema())
    for doc in documents:
        for error in sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
            yield schema_problem(doc, error)


def schema_problem(doc: Document, error: jsonschema.ValidationError) -> Problem:
    path = list(error.absolute_path)
    qid, field = TOPIC, ""
    if len(path) >= 2 and path[0] == "questions":
        question = doc.data["questions"][path[1]]
        qid = question.get("id") if isinstance(question, dict) and isinstance(question.get("id"), str) \
            else f"questions[{path[1]}]"
        path = path[2:]
    field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[") or "-"
    message, fix, code = explain(error)
    return Problem(doc.label, qid, field, message, fix, code)


def explain(error: jsonschema.ValidationError) -> tuple[str, str, str]:
    """A contributor-facing message, fix and code for one schema error."""
    kind, schema = error.validator, error.schema
    if kind == "required":
        name = error.message.split("'")[1]
        return f"missing required field '{name}'", f"add \"{name}\"", "missing-field"
    if kind == "additionalProperties":
        unknown = ", ".join(sorted(set(error.instance) - set(schema.get("properties", {}))))
        allowed = ", ".join(schema.get("properties", {}))
        return f"unknown field {unknown}", f"remove it or fix its spelling (allowed: {allowed})", "unknown-field"
    if kind == "enum":
        choices = " | ".join(map(str, error.validator_value))
        return f"{error.instance!r} is not allowed", f"use one of {choices}", "bad-value"
    if kind == "type":
        return f"expected {error.validator_value}, found {type(error.instance).__name__}", \
            f"write a JSON {error.validator_value}", "wrong-type"
    if kind in ("minLength", "pattern") and error.schema.get("pattern") == "^[a-z0-9]+(-[a-z0-9]+)*$":
        return f"{error.instance!r} is not a kebab-case id", \
            "use lowercase letters, digits and single hyphens, e.g. \"dying-relu\"", "bad-id"
    if kind in ("minLength", "pattern") and isinstance(error.instance, str):
        if not error.instance.strip():
            return "is empty", "write the text (Markdown)", "empty-text"
        return "must be a single line", "remove the line breaks", "multi-line"
    if kind == "minItems":
        return "is empty", f"give at least {error.validator_value} item(s)", "empty-list"
    if kind == "uniqueItems":
        return "lists the same item twice", "remove the duplicate", "duplicate-item"
    return error.message, "see data/schema.json", "schema"


# ---------------------------------------------------------------------------
# Rules across the bank
# ---------------------------------------------------------------------------

def questions(doc: Document) -> Iterator[dict]:
    """The well-formed question objects of a document (the schema rule reports the rest)."""
    items = doc.data.get("questions") if isinstance(doc.data, dict) else None
    for question in items if isinstance(items, list) else []:
        if isinstance(question, dict) and isinstance(question.get("id"), str):
            yield question


def id_list(question: dict, field: str) -> list[str]:
    values = question.get(field, [])
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


# Topic ids are page URLs: these are taken by the site's own pages and folders.
RESERVED = {"index", "tags", "practice", "exports", "q", "search", "assets", "javascripts", "stylesheets"}


@rule("topic-id")
def topic_id_matches_file(documents: list[Document]) -> Iterator[Problem]:
    for doc in documents:
        topic_id = doc.data.get("id") if isinstance(doc.data, dict) else None
        if topic_id in RESERVED:
            yield Problem(doc.label, TOPIC, "id", f"'{topic_id}' is reserved for a page of the site",
                          "choose another topic id (and file name)", "reserved-id")
        elif isinstance(topic_id, str) and topic_id != doc.path.stem:
            yield Problem(doc.label, TOPIC, "id", f"topic id '{topic_id}' differs from the file name",
                          f"rename the file to {topic_id}.json or set \"id\": \"{doc.path.stem}\"", "topic-id")


@rule("duplicate-id")
def unique_ids(documents: list[Document]) -> Iterator[Problem]:
    """Question ids and aliases share one namespace: each is a /q/<id>/ link."""
    owners: dict[str, list[tuple[Document, str]]] = defaultdict(list)
    for doc in documents:
        for question in questions(doc):
            owners[question["id"]].append((doc, question["id"]))
            for alias in id_list(question, "aliases"):
                owners[alias].append((doc, question["id"]))
    for name, places in owners.items():
        for doc, qid in places[1:]:
            first_doc, first_qid = places[0]
            where = f"question '{first_qid}' in {first_doc.label}"
            field = "id" if name == qid else "aliases"
            yield Problem(doc.label, qid, field, f"'{name}' is already used by {where}",
                          "choose another id; ids and aliases are unique across all files", "duplicate-id")


@rule("related")
def related_targets_exist(documents: list[Document]) -> Iterator[Problem]:
    ids = {q["id"] for doc in documents for q in questions(doc)}
    current = {alias: q["id"] for doc in documents for q in questions(doc) for alias in id_list(q, "aliases")}
    for doc in documents:
        for question in questions(doc):
            for target in id_list(question, "related"):
                if target == question["id"]:
                    yield Problem(doc.label, question["id"], "related", "links to itself",
                                  "remove its own id from related", "related-self")
                elif target in current:
                    yield Problem(doc.label, question["id"], "related", f"'{target}' is a former id",
                                  f"link to its current id '{current[target]}'", "related-alias")
                elif target not in ids:
                    yield Problem(doc.label, question["id"], "related", f"'{target}' is not a question id",
                                  "use the id of an existing question (check the spelling)", "related-missing")


@rule("published-id")
def published_ids_live_on(documents: list[Document]) -> Iterator[Problem]:
    """A published id may move or be renamed, never vanish: its link was shared."""
    if not documents:
        return
    data_dir = documents[0].path.parent
    names = {name for doc in documents for q in questions(doc) for name in [q["id"], *id_list(q, "aliases")]}
    for qid in published.read(data_dir):
        if qid not in names:
            yield Problem(f"{data_dir.name}/{published.FILE_NAME}", qid, "-",
                          "this published id is no longer a question id or alias",
                          "add it to the aliases of the question that replaces it, or restore the question",
                          "published-id")


# ---------------------------------------------------------------------------
# Rules on the Markdown text
# ---------------------------------------------------------------------------

def markdown_fields(doc: Document) -> Iterator[tuple[str, str, str]]:
    """(question id, field, text) for every Markdown string of a document."""
    summary = doc.data.get("summary") if isinstance(doc.data, dict) else None
    if isinstance(summary, str):
        yield TOPIC, "summary", summary
    for question in questions(doc):
        for field in ("question", "answer"):
            if isinstance(question.get(field), str):
                yield question["id"], field, question[field]
        for i, follow_up in enumerate(question.get("follow_ups", [])):
            for field in ("question", "answer"):
                if isinstance(follow_up, dict) and isinstance(follow_up.get(field), str):
                    yield question["id"], f"follow_ups[{i}].{field}", follow_up[field]


# A LaTeX command whose backslash JSON read as an escape: \b \f \n \r \t.
EATEN = {"\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t"}
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
# After "\n" was read as a line break, these remain of \nabla, \neq, \nu, ...
NEWLINE_COMMAND = re.compile(r"\n(abla|eq|e|u|ot|otin|eg|ewline|i|mid|leq|geq)(?![a-zA-Z])")
DOLLAR = re.compile(r"(?<!\\)\$")


def eaten_backslashes(text: str) -> Iterator[tuple[str, str]]:
    """(character, following letters) for each control character in the text,
    and for each line break that cuts a LaTeX command inside an open formula."""
    for match in CONTROL.finditer(text):
        yield match.group(0), re.match(r"[a-zA-Z]*", text[match.end():]).group(0)
    for match in NEWLINE_COMMAND.finditer(text):
        paragraph = text[:match.start()].rsplit("\n\n", 1)[-1]
        if len(DOLLAR.findall(paragraph)) % 2:
            yield "\n", match.group(1)


@rule("control-character")
def no_control_characters(documents: list[Document]) -> Iterator[Problem]:
    for doc in documents:
        for qid, field, text in markdown_fields(doc):
            for char, word in eaten_backslashes(text):
                yield control_problem(doc.label, qid, field, char, word)


def control_problem(label: str, qid: str, field: str, char: str, word: str) -> Problem:
    if char in EATEN and word:
        command = EATEN[char] + word
        return Problem(label, qid, field,
                       f"control character U+{ord(char):04X} before '{word}': JSON read \"\\{command}\" as an escape",
                       f"write \\\\{command} (double every LaTeX backslash in JSON)", "control-character")
    return Problem(label, qid, field, f"control character U+{ord(char):04X}",
                   "remove it (use spaces instead of tabs)", "control-character")


@rule("math")
def math_renders(documents: list[Document]) -> Iterator[Problem]:
    for doc in documents:
        for qid, field, text in markdown_fields(doc):
            if any(eaten_backslashes(text)):
                continue  # reported as control-character; the formulas are garbled
            if field == "question" and any(mathml.formulas(text)):
                yield Problem(doc.label, qid, field, "math in a question title",
                              "write it in words or Unicode: titles appear in the table of contents and search results",
                              "math-in-title")
            for formula in mathml.formulas(text):
                try:
                    mathml.to_mathml(formula.tex, formula.display)
                except math_core.LatexError as err:
                    reason = " ".join(str(err).split())
                    yield Problem(doc.label, qid, field, f"math cannot render: ${formula.tex}$: {reason}",
                                  "fix the LaTeX (math-core supports standard LaTeX math commands)", "math")
            if mathml.stray_dollars(text):
                yield Problem(doc.label, qid, field, "a '$' is not part of any formula",
                              "close the formula, put $$display math$$ in its own paragraph, "
                              "or write \\\\$ for a dollar sign",
                              "math-delimiter")


HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data):|<(javascript|vbscript|data):", re.I)
HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)|^.+\n ?(=+|-+)[ \t]*$", re.M)


@rule("raw-html")
def no_raw_html(documents: list[Document]) -> Iterator[Problem]:
    """Raw HTML could run script in a reader's browser; Markdown covers every need."""
    for doc in documents:
        for qid, field, text in markdown_fields(doc):
            text = mathml.prose(text)
            for match in HTML_TAG.finditer(text):
                yield Problem(doc.label, qid, field, f"raw HTML {match.group(0)[:40]!r}",
                              "use Markdown instead; write a literal '<' as `<` in code or \\lt in math", "raw-html")
            for match in UNSAFE_LINK.finditer(text):
                yield Problem(doc.label, qid, field, f"link with a {match.group(1) or match.group(2)}: URL",
                              "link to an http(s) address or a question instead", "unsafe-link")


@rule("heading")
def no_headings(documents: list[Document]) -> Iterator[Problem]:
    """Each question is a heading; headings inside would split it in the search index."""
    for doc in documents:
        for qid, field, text in markdown_fields(doc):
            match = HEADING.search(mathml.strip_code(text))
            if match and field != "question":
                line = text[match.start():].split("\n", 1)[0].strip()
                yield Problem(doc.label, qid, field, f"Markdown heading {line[:40]!r}",
                              "use a **bold** lead-in instead of a heading", "heading")


BLOCK_START = re.compile(r"^ {0,3}([-*+]\s|\d+\.\s|\|)")


@rule("blank-line")
def lists_and_tables_start_a_block(documents: list[Document]) -> Iterator[Problem]:
    """Python-Markdown reads a list or table right under a text line as more text."""
    for doc in documents:
        for qid, field, text in markdown_fields(doc):
            for block in mathml.BLANK_LINE.split(mathml.strip_code(text)):
                lines = block.strip("\n").split("\n")
                starts = [line for line in lines[1:] if BLOCK_START.match(line)]
                if starts and not BLOCK_START.match(lines[0]):
                    yield Problem(doc.label, qid, field, f"no blank line before {starts[0].strip()[:30]!r}",
                                  "put an empty line (\\n\\n) before a list or table, or it renders as plain text",
                                  "blank-line")


@rule("search-term")
def search_terms_add_words(documents: list[Document]) -> Iterator[Problem]:
    """A search term is a name the text does not already use as whole words ("layer norm" is
    new beside "layer normalization"); otherwise it adds nothing."""
    for doc in documents:
        for question in questions(doc):
            text = " ".join([question.get("question", ""), *(t for _, t in snippets.texts_of(question))]).lower()
            for term in id_list(question, "search_terms"):
                if re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", text):
                    yield Problem(doc.label, question["id"], "search_terms", f"'{term}' is already in the text",
                                  "remove it: search finds the text itself", "search-term")


@rule("figure")
def figures_draw_and_agree(documents: list[Document]) -> Iterator[Problem]:
    """Each figure can be drawn, and the numbers it checks are the ones its answer states."""
    schema = load_schema()
    shape = jsonschema.Draft202012Validator({"$ref": "#/$defs/figure", "$defs": schema["$defs"]})
    for doc in documents:
        for question in questions(doc):
            texts = " ".join(text for _, text in snippets.texts_of(question))
            for i, figure in enumerate(question.get("figures", [])):
                field = f"figures[{i}]"
                if not shape.is_valid(figure):
                    continue  # the schema rule reports it
                for problem in figures.problems(figure):
                    yield Problem(doc.label, question["id"], field, problem,
                                  "fix the figure (see the figures property in data/schema.json)", "figure")
                for check in figure.get("checks", []):
                    stated = figures.number_text(check["y"])
                    if stated not in texts:
                        yield Problem(doc.label, question["id"], field,
                                      f"checks y = {stated}, which the answer never states",
                                      "check a value the answer gives, written the same way", "figure-check")


@rule("code-block")
def code_blocks_run_or_say_why(documents: list[Document]) -> Iterator[Problem]:
    """Every python block is run by `make check-code` unless it says why not (see snippets.py)."""
    for doc in documents:
        for question in questions(doc):
            for field, text in snippets.texts_of(question):
                for problem in code_block_problems(text):
                    yield Problem(doc.label, question["id"], field, *problem, "code-block")


MARK_FIX = ('write ```python (complete, imports included), ```python continued (runs after the block above) '
            'or ```python skip="why it cannot run here"; other code takes a language such as ```text')


def code_block_problems(text: str) -> Iterator[tuple[str, str]]:
    """(problem, fix) for each block whose mark is wrong or whose chain cannot run."""
    previous = None
    for block in snippets.blocks(text):
        problem = snippets.mark_problem(block, previous)
        if problem:
            yield f"code block {block.number}: {problem}", MARK_FIX
        if block.is_python:
            previous = block
    for chain in snippets.chains(text):
        if not chain[0].continued:  # a misplaced continued block is reported above
            yield from chain_problems(chain)


def chain_problems(chain: list[snippets.Block]) -> Iterator[tuple[str, str]]:
    """Static reasons why a chain cannot run: bad syntax, imports we lack, names never defined."""
    starts, source = [], ""
    for block in chain:
        where = f"code block {block.number}"
        try:
            foreign = snippets.foreign_imports(block.code)
        except SyntaxError as err:
            yield f"{where} line {err.lineno}: not valid Python ({err.msg})", "fix the syntax"
            return
        if foreign:
            yield (f"{where}: imports {', '.join(foreign)}, which make check-code cannot run",
                   f"use {', '.join(snippets.RUNNABLE_PACKAGES)} or the standard library, "
                   'or mark the block skip="why it cannot run here"')
            return
        starts.append(source.count("\n") + 1)
        source += block.code
    undefined: dict[int, set[str]] = {}
    for message in pyflakes_messages(source):
        if isinstance(message, pyflakes.messages.UndefinedName):
            index = max(i for i, start in enumerate(starts) if start <= message.lineno)
            undefined.setdefault(index, set()).add(message.message_args[0])
    for index, names in sorted(undefined.items()):
        yield (f"code block {chain[index].number}: uses {', '.join(sorted(names))}, which no line before defines",
               "add the imports and definitions so the block runs on its own, mark it continued if it "
               'goes on from the block above, or mark it skip="why it cannot run here"')


def pyflakes_messages(source: str) -> list:
    collected = []

    class Collect(pyflakes.reporter.Reporter):
        def __init__(self):
            super().__init__(None, None)

        def flake(self, message):
            collected.append(message)

        def syntaxError(self, *args):
            pass

        def unexpectedError(self, *args):
            pass

    pyflakes.api.check(source, "snippet", Collect())
    return collected


def main(argv: list[str]) -> int:
    """Print every problem (as JSON lines with --json, for loader.Validation); 1 if any."""
    as_json = "--json" in argv
    args = [arg for arg in argv[1:] if arg != "--json"]
    data_dir = Path(args[0] if args else "data")
    problems = check(data_dir)
    if as_json:
        for problem in problems:
            print(json.dumps(dataclasses.asdict(problem), ensure_ascii=False))
        return 1 if problems else 0
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir.name}/", file=sys.stderr)
        return 1
    print(f"{data_dir.name}/: {len(bank.topic_files(data_dir))} topic files OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
