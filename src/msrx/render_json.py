"""JSON output: the scripting contract (see README, "JSON output").

ASCII-only JSON (non-ASCII as \\u escapes) so that output survives any
locale and pipe encoding and still decodes to exactly the dataset's text.
"""

from __future__ import annotations

import json
from typing import IO, Any

from msrx import records
from msrx.model import Dataset, Treatment
from msrx.search import Hit


def emit(obj: Any, out: IO[str]) -> None:
    out.write(json.dumps(obj, indent=2, ensure_ascii=True))
    out.write("\n")


def search(hits: list[Hit], dataset: Dataset, out: IO[str]) -> None:
    emit([records.hit(h) for h in hits], out)


def listing(treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    emit([records.summary(t) for t in treatments], out)


def show(t: Treatment, dataset: Dataset, out: IO[str]) -> None:
    emit(records.full(t, dataset), out)
