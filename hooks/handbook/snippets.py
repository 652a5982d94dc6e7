"""Code blocks in answers: how they are marked, and what readers see of them.

A fenced block's info string is its language, optionally followed by one mark:

    ```python                  complete: runs on its own, imports included
    ```python continued        runs after the previous python block of the same text
    ```python skip="reason"    not run; the reason says why

A `print(...)` line with a trailing comment shows its output; `make check-code`
(check_code.py) runs every chain and compares. The validator checks the marks
and that each chain can run (static checks only); readers see the language alone.
Standard library only, so the code-check environment needs nothing else from here.
"""
import ast
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from typing import Iterator

OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
INFO = re.compile(r'^(?P<language>[\w+-]*)(?:[ \t]+(?P<mark>\S.*?))?[ \t]*$')
SKIP = re.compile(r'^skip="(?P<reason>[^"]*)"$')
MARKED_FENCE = re.compile(r'^([ \t]*(?:`{3,}|~{3,})[\w+-]+)[ \t]+(?:continued|skip="[^"\n]*")[ \t]*$', re.M)

# What `make check-code` can import besides the standard library (requirements-code.txt).
RUNNABLE_PACKAGES = ("numpy", "scipy", "sklearn", "pandas", "torch", "keras")


@dataclass(frozen=True)
class Block:
    """One fenced code block of a Markdown text."""
    number: int    # 1-based position among the text's code blocks
    language: str
    mark: str      # raw text after the language; "" when unmarked
    code: str

    @property
    def is_python(self) -> bool:
        return self.language in ("python", "py")

    @property
    def continued(self) -> bool:
        return self.mark == "continued"

    @property
    def skip_reason(self) -> str | None:
        match = SKIP.match(self.mark)
        return match.group("reason").strip() if match else None


def blocks(text: str) -> list[Block]:
    """Every fenced code block, with the indentation of its fence removed."""
    found, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        opening = OPENING.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence = len(opening.group("indent")), opening.group("fence")
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), len(lines))
        code = "\n".join(line[indent:] if line[:indent].strip() == "" else line.lstrip()
                         for line in lines[i + 1:end])
        info = INFO.match(opening.group("info").strip())
        language, mark = (info.group("language"), info.group("mark") or "") if info else ("", opening.group("info"))
        found.append(Block(len(found) + 1, language, mark, code + "\n"))
        i = end + 1
    return found


def for_readers(text: str) -> str:
    """The Markdown readers see: fence marks removed, the language kept."""
    return MARKED_FENCE.sub(r"\1", text)


def mark_problem(block: Block, previous: Block | None) -> str | None:
    """What is wrong with a block's language or mark, or None."""
    if not block.language:
        return "a code block without a language"
    if not block.mark:
        return None
    if not block.is_python:
        return f"the mark '{block.mark}' on a {block.language} block (only python blocks are run)"
    if block.continued:
        if previous is None:
            return "marked continued, but no python block comes before it in the same text"
        if previous.skip_reason is not None:
            return "continues a skipped block"
        return None
    reason = block.skip_reason
    if reason is None:
        return f"unknown mark '{block.mark}'"
    if not reason:
        return "skip without a reason"
    return None


def chains(text: str) -> list[list[Block]]:
    """The runnable python blocks grouped as they run: a complete block and its continuations."""
    grouped: list[list[Block]] = []
    for block in blocks(text):
        if not block.is_python or block.skip_reason is not None:
            continue
        if block.continued and grouped:
            grouped[-1].append(block)
        else:
            grouped.append([block])
    return grouped


def foreign_imports(code: str) -> list[str]:
    """Top-level modules imported by the code that the check environment lacks."""
    allowed = set(sys.stdlib_module_names) | set(RUNNABLE_PACKAGES)
    names = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module.split(".")[0])
    return sorted({name for name in names if name not in allowed})


def shown_outputs(code: str) -> dict[range, str]:
    """The output each print(...) line shows in its trailing comment, by the lines of the call."""
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.COMMENT and token.line[:token.start[1]].strip():
            comments[token.start[0]] = token.string[1:].strip()
    shown = {}
    for node in ast.walk(ast.parse(code)):
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name) and node.value.func.id == "print"
                and node.end_lineno in comments):
            shown[range(node.lineno, node.end_lineno + 1)] = comments[node.end_lineno]
    return shown


def output_matches(shown: str, printed: str) -> bool:
    """Printed text equals the shown text, whitespace collapsed; '...' in shown matches anything."""
    shown, printed = " ".join(shown.split()), " ".join(printed.split())
    pattern = ".*".join(re.escape(part.strip()) for part in shown.split("..."))
    return re.fullmatch(pattern, printed, re.S) is not None


def texts_of(question: dict) -> Iterator[tuple[str, str]]:
    """(field, Markdown) of a question's answer and follow-up answers: the texts that hold code."""
    if isinstance(question.get("answer"), str):
        yield "answer", question["answer"]
    for i, follow_up in enumerate(question.get("follow_ups", [])):
        if isinstance(follow_up, dict) and isinstance(follow_up.get("answer"), str):
            yield f"follow_ups[{i}].answer", follow_up["answer"]
