"""Export formats for the listing commands: jsonl, csv, markdown, and --fields.

No rich here: these are for scripts, spreadsheets and documents. Piped, JSON
lines and CSV keep the dataset's text exactly (CSV quoting handles commas,
quotes, newlines and bare carriage returns); on a terminal, CSV shows control
characters as visible escapes like the tables (JSON escapes them itself).
Markdown escapes what would break a table (pipes, newlines, backslashes,
markup characters) and always neutralises control characters, since a
person reads it rendered.
"""

from __future__ import annotations

import io
import re
from typing import IO, Any

from msrx.fields import COMPARE_ROWS, EXPORT
from msrx.textsafe import safe

# The treatment fields --fields accepts, from the field table (msrx.fields).
LIST_FIELDS = EXPORT
# compare's default columns in csv, jsonl and markdown: the fields of its rows.
COMPARE_FIELDS = tuple(dict.fromkeys(("id", "name", *(f.name for f, _, _ in COMPARE_ROWS if f.export))))
SEARCH_FIELDS = ("score", "matched", "topic", *LIST_FIELDS)
SYMPTOM_FIELDS = ("id", "name", "words", "treatments")
SOURCE_FIELDS = ("number", "id", "title", "publisher", "year", "url", "cited_by")


def parse_fields(text: str | None, allowed: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
    """The --fields list, or raise ValueError naming the unknown ones."""
    if not text:
        return default
    fields = tuple(f.strip() for f in text.split(",") if f.strip())
    unknown = [f for f in fields if f not in allowed]
    if unknown or not fields:
        raise ValueError(f"unknown field(s) {', '.join(map(repr, unknown)) or '(none given)'}; choose from: {', '.join(allowed)}")
    return fields


def pick(record: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: record.get(f) for f in fields}


def flat(value: Any, nested: bool = False) -> str:
    """One cell: lists joined with '; ', the matched and topic objects as 'field: value'.

    A block reads 'key: value; key: value' (empty keys left out); inside it,
    lists are joined with ', ' and each of its own tables is in parentheses.
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return (", " if nested else "; ").join(flat(v, True) for v in value)
    if isinstance(value, dict):
        if "field" in value and "value" in value:
            return f"{value.get('field')}: {flat(value.get('value'), True)}"
        parts = [f"{k}: {flat(v, True)}" for k, v in value.items() if v not in (None, "", [])]
        return f"({', '.join(parts)})" if nested else "; ".join(parts)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_cell(value: Any) -> str:
    text = " ".join(safe(flat(value)).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def write(rows: list[dict[str, Any]], fields: tuple[str, ...], fmt: str, out: IO[str], terminal: bool = False) -> None:
    if fmt == "json":
        from msrx.render_json import emit

        emit(rows, out)
    elif fmt == "jsonl":
        from msrx.render_json import dumps

        for row in rows:
            out.write(dumps(row) + "\n")
    elif fmt == "csv":
        import csv

        # "\r\n" as the writer's terminator makes it quote a field holding a
        # bare "\r" as well as "\n"; each row then ends in a plain "\n".
        line = io.StringIO()
        writer = csv.writer(line, lineterminator="\r\n")
        text = safe if terminal else str
        for values in [list(fields), *([text(flat(row[f])) for f in fields] for row in rows)]:
            writer.writerow(values)
            out.write(line.getvalue()[:-2] + "\n")
            line.seek(0)
            line.truncate()
    elif fmt == "markdown":
        out.write("| " + " | ".join(fields) + " |\n")
        out.write("| " + " | ".join("---" for _ in fields) + " |\n")
        for row in rows:
            out.write("| " + " | ".join(md_cell(row[f]) for f in fields) + " |\n")
    else:  # table with --fields, piped: tab-separated like the plain renderer
        from msrx.textsafe import cell

        for row in rows:
            out.write("\t".join(cell(flat(row[f])) for f in fields) + "\n")
