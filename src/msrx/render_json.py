"""JSON output: the scripting contract (see README, "JSON output").

ASCII-only JSON (non-ASCII as \\u escapes) so that output survives any
locale and pipe encoding and still decodes to exactly the dataset's text.
"""

from __future__ import annotations

import json
from typing import IO, Any

from msrx import records
from msrx.model import Change, Dataset, Source, Symptom, Treatment
from msrx.search import Hit


def dumps(obj: Any, indent: int | None = None) -> str:
    """ASCII JSON; DEL, the one control character json leaves raw, escaped too (still exact)."""
    text = json.dumps(obj, indent=indent, ensure_ascii=True)
    return text.replace("\x7f", "\\u007f") if "\x7f" in text else text


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
