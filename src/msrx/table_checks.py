"""Checking one table of a dataset file against its field spec.

A spec maps each field to its Python type and whether it is required. Every
problem goes to the `problem` callback (message, line, treatment, field), so
the loader can report a whole file in one pass.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from msrx.fields import FIELDS
from msrx.fields import describe as _describe
from msrx.model import LANGUAGES, Phrase, Translation
from msrx.toml_lines import Lines

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Lists that may legitimately be empty (a DMT treats no symptom; a
# compounded drug has no brand). Every other list needs at least one item.
MAY_BE_EMPTY = {f.name for f in FIELDS if f.may_be_empty} | {"words"}

_TYPE_WORDS = {str: "a string", list: "a list", int: "a whole number", _dt.date: "a date (YYYY-MM-DD)",
               Phrase: "a list of {text, page} tables", Translation: "a list of {text, lang, source} tables"}


def tables(doc: dict[str, Any], key: str, problem: Any, lines: Lines) -> list[tuple[int, Any]]:
    """The (position, row) of an array of tables (`[[key]]`); none, with a problem, if it is something else."""
    value = doc.get(key, [])
    if not isinstance(value, list):
        problem(f"{key} must be an array of tables ([[{key}]])", lines.top.get(key), field=key)
        return []
    return list(enumerate(value))


def check_fields(
    raw: Any,
    spec: dict[str, tuple[type, bool]],
    table: str,
    index: int,
    lines: Lines,
    problem: Any,
    label: str,
    blank_ok: tuple[str, ...] = (),
) -> dict[str, Any] | None:
    """Check one table against its field spec; return it if usable, else None.

    Strings must not be blank, except the `blank_ok` fields, which may be exactly "".
    """
    if not isinstance(raw, dict):
        problem(f"[[{table}]] entry {index + 1} is not a table", lines.of(table, index))
        return None
    ident = raw.get("id")
    name = ident if isinstance(ident, str) else None
    owner = name if label == "treatment" else None
    prefix = "" if label == "treatment" else (f"{label} {name!r}: " if name else f"{label} {index + 1}: ")
    ok = True
    for key, (kind, required) in spec.items():
        line = lines.of(table, index, key)
        if key not in raw:
            if required:
                problem(f"{prefix}missing required field", lines.of(table, index), owner, key)
                ok = False
            continue
        value = raw[key]
        if not _is(value, kind):
            problem(f"{prefix}must be {_TYPE_WORDS[kind]}, not {_describe(value)}", line, owner, key)
            ok = False
            continue
        if kind is Phrase:
            ok = _check_phrases(value, f"{prefix}{key}: ", line, owner, key, problem) and ok
        elif kind is Translation:
            ok = _check_translations(value, f"{prefix}{key}: ", line, owner, key, problem) and ok
        elif kind is list:
            bad = [v for v in value if not isinstance(v, str) or not v.strip()]
            if bad:
                problem(f"{prefix}every item must be a non-empty string", line, owner, key)
                ok = False
            elif not value and key not in MAY_BE_EMPTY:
                problem(f"{prefix}must list at least one item", line, owner, key)
                ok = False
            elif len({v.casefold() for v in value}) != len(value):
                problem(f"{prefix}lists the same item twice", line, owner, key)
                ok = False
        elif kind is str and not value.strip() and not (key in blank_ok and value == ""):
            problem(f"{prefix}must not be empty", line, owner, key)
            ok = False
    for key in raw:
        if key not in spec:
            problem(f"{prefix}unknown field (expected one of: {', '.join(spec)})", lines.of(table, index, key), owner, key)
            ok = False
    if isinstance(ident, str) and not SLUG.match(ident):
        problem(f"{prefix}id {ident!r} must be a lowercase slug (letters, digits, hyphens)", lines.of(table, index, "id"), owner, "id")
        ok = False
    return raw if ok else None


def _check_phrases(value: list[Any], prefix: str, line: int | None, owner: str | None, key: str, problem: Any) -> bool:
    """Each phrase is {text, page}: non-empty text, a web page, no text twice."""
    seen: set[str] = set()
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict) or set(item) != {"text", "page"}:
            problem(f"{prefix}item {n} must be a table with exactly text and page", line, owner, key)
            return False
        text, page = item["text"], item["page"]
        if not isinstance(text, str) or not text.strip() or not isinstance(page, str):
            problem(f"{prefix}item {n} needs a non-empty text and a page", line, owner, key)
            return False
        if not page.startswith(("https://", "http://")):
            problem(f"{prefix}item {n}: page must start with https:// or http://", line, owner, key)
            return False
        if text.casefold() in seen:
            problem(f"{prefix}lists {text!r} twice", line, owner, key)
            return False
        seen.add(text.casefold())
    return True


def _check_translations(value: list[Any], prefix: str, line: int | None, owner: str | None, key: str,
                        problem: Any) -> bool:
    """Each translation is {text, lang, source}: non-empty strings, a known
    language, no text twice in one language. Whether the source is defined is
    checked once [[sources]] is read (msrx.loader)."""
    seen: set[tuple[str, str]] = set()
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict) or set(item) != {"text", "lang", "source"}:
            problem(f"{prefix}item {n} must be a table with exactly text, lang and source", line, owner, key)
            return False
        if not all(isinstance(item[k], str) and item[k].strip() for k in ("text", "lang", "source")):
            problem(f"{prefix}item {n} needs a non-empty text, lang and source", line, owner, key)
            return False
        if item["lang"] not in LANGUAGES:
            problem(f"{prefix}item {n}: lang {item['lang']!r} is not one of {', '.join(LANGUAGES)}", line, owner, key)
            return False
        said = (item["lang"], item["text"].casefold())
        if said in seen:
            problem(f"{prefix}lists {item['text']!r} twice", line, owner, key)
            return False
        seen.add(said)
    return True


def _is(value: Any, kind: type) -> bool:
    if kind in (Phrase, Translation):
        return isinstance(value, list)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is _dt.date:
        return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)
    return isinstance(value, kind)
