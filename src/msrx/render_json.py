"""JSON output: the scripting contract (see README, "JSON output").

ASCII-only JSON (non-ASCII as \\u escapes) so that output survives any
locale and pipe encoding and still decodes to exactly the dataset's text.
"""

from __future__ import annotations

from typing import IO, Any

from msrx import records
from msrx.model import Change, Dataset, Source, Symptom, Treatment
from msrx.search import Hit

try:
    # The C string escaper the standard json module itself uses. Importing json
    # costs about 1.3 ms of every --json run, almost all of it compiling its
    # decoder's and encoder's regular expressions, which output never needs.
    from _json import encode_basestring_ascii as _quote
except ImportError:  # pragma: no cover - an interpreter without CPython's _json
    from json.encoder import py_encode_basestring_ascii as _quote

_FLOATS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


def dumps(obj: Any, indent: int | None = None) -> str:
    """What ``json.dumps(obj, indent=indent, ensure_ascii=True)`` writes, for the
    types output holds (dicts with string keys, lists, tuples, strings, numbers,
    booleans, None), byte for byte (tests/unit/test_render_json.py compares them),
    with DEL, the one control character json leaves raw, escaped too (still exact)."""
    parts: list[str] = []
    _write(obj, parts, indent, 0)
    text = "".join(parts)
    return text.replace("\x7f", "\\u007f") if "\x7f" in text else text


def _write(obj: Any, parts: list[str], indent: int | None, level: int) -> None:
    if isinstance(obj, str):
        parts.append(_quote(obj))
    elif obj is None:
        parts.append("null")
    elif obj is True:
        parts.append("true")
    elif obj is False:
        parts.append("false")
    elif isinstance(obj, int):
        parts.append(int.__repr__(obj))
    elif isinstance(obj, float):
        parts.append("NaN" if obj != obj else _FLOATS.get(obj) or float.__repr__(obj))
    elif isinstance(obj, (list, tuple, dict)):
        is_dict = isinstance(obj, dict)
        if not obj:
            parts.append("{}" if is_dict else "[]")
            return
        if indent is None:
            inner, sep, close = "", ", ", ""
        else:
            inner = "\n" + " " * (indent * (level + 1))
            sep, close = "," + inner, "\n" + " " * (indent * level)
        parts.append(("{" if is_dict else "[") + inner)
        for i, item in enumerate(obj.items() if isinstance(obj, dict) else obj):
            if i:
                parts.append(sep)
            if is_dict:
                key, item = item
                if not isinstance(key, str):
                    raise TypeError(f"keys must be str, not {type(key).__name__}")
                parts.append(_quote(key) + ": ")
            _write(item, parts, indent, level + 1)
        parts.append(close + ("}" if is_dict else "]"))
    else:
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def emit(obj: Any, out: IO[str]) -> None:
    out.write(dumps(obj, indent=2))
    out.write("\n")


def search(hits: list[Hit], dataset: Dataset, out: IO[str]) -> None:
    emit([records.hit(h, dataset) for h in hits], out)


def listing(treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    emit([records.summary(t) for t in treatments], out)


def show(t: Treatment, dataset: Dataset, out: IO[str]) -> None:
    emit(records.full(t, dataset), out)


def symptoms(rows: list[tuple[Symptom, int]], dataset: Dataset, out: IO[str]) -> None:
    emit([{**records.symptom(s), "treatments": n} for s, n in rows], out)


def symptom(sym: Symptom, treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    emit({"symptom": records.symptom(sym),
          "treatments": [records.summary(t) for t in treatments]}, out)


def sources(rows: list[tuple[int, Source, list[Treatment]]], dataset: Dataset, out: IO[str]) -> None:
    emit([records.source(n, s, cited) for n, s, cited in rows], out)


def info(facts: dict[str, Any], dataset: Dataset, out: IO[str]) -> None:
    emit(facts, out)


def timeline(years: list[tuple[int, list[Treatment]]], dataset: Dataset, out: IO[str]) -> None:
    emit([{"year": y, "treatments": [{"id": t.id, "name": t.name, "status": t.status} for t in ts]} for y, ts in years], out)


def compare(treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    emit([records.full(t, dataset) for t in treatments], out)


def changes(rows: list[Change], dataset: Dataset, out: IO[str]) -> None:
    emit([records.change(c) for c in rows], out)
