"""The one canonical layout of a topic file: keys in the schema's order,
2-space indent, UTF-8 without escapes, a final newline.

`make format` rewrites data/*.json into it (the only command that writes to
data/ besides `make ids`); the tests name that command when a file drifts.
"""
import json
import sys
from pathlib import Path

from . import bank, validate


def ordered(value, schema: dict, defs: dict):
    """value with object keys in the order their schema lists them (unknown keys last)."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        keys = [k for k in properties if k in value] + [k for k in value if k not in properties]
        return {k: ordered(value[k], properties.get(k, {}), defs) for k in keys}
    if isinstance(value, list):
        return [ordered(item, schema.get("items", {}), defs) for item in value]
    return value


def canonical_text(text: str) -> str:
    schema = validate.load_schema()
    doc = ordered(json.loads(text), schema, schema["$defs"])
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1] if len(argv) > 1 else "data")
    changed = 0
    for path in bank.topic_files(data_dir):
        text = path.read_text(encoding="utf-8")
        try:
            formatted = canonical_text(text)
        except json.JSONDecodeError as err:
            print(f"{validate.display_path(path)}: not formatted: malformed JSON ({err})", file=sys.stderr)
            continue
        if formatted != text:
            path.write_text(formatted, encoding="utf-8")
            changed += 1
            print(f"formatted {validate.display_path(path)}")
    print(f"{changed} file(s) reformatted")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
