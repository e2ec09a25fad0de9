"""Treatments as plain JSON-ready dicts: the JSON contract, in one place.

Every output format (JSON, JSON lines, plain text) starts from these dicts,
so a field is named and ordered the same everywhere.
"""

from __future__ import annotations

from typing import Any

from msrx.model import Dataset, Treatment
from msrx.search import Hit

DISCLAIMER = (
    "msrx is a reference, not medical advice: talk with your MS team before "
    "starting, stopping or changing any treatment."
)


def summary(t: Treatment) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "status": t.status,
        "category": t.category,
        "drug_class": t.drug_class,
        "symptoms": list(t.symptoms),
    }


def hit(h: Hit) -> dict[str, Any]:
    record = summary(h.treatment)
    record["score"] = h.score
    matched: dict[str, Any] = {"field": h.field, "value": h.value}
    if h.symptom:
        matched["symptom"] = h.symptom
    record["matched"] = matched
    return record


def source_numbers(dataset: Dataset) -> dict[str, int]:
    """Bibliography numbers: a source's position in the dataset, from 1."""
    return {sid: n for n, sid in enumerate(dataset.sources, start=1)}


def full(t: Treatment, dataset: Dataset) -> dict[str, Any]:
    numbers = source_numbers(dataset)
    return {
        "id": t.id,
        "name": t.name,
        "brands": list(t.brands),
        "aliases": list(t.aliases),
        "status": t.status,
        "category": t.category,
        "drug_class": t.drug_class,
        "routes": list(t.routes),
        "symptoms": list(t.symptoms),
        "use": t.use,
        "side_effects": list(t.side_effects),
        "warnings": list(t.warnings),
        "evidence": t.evidence,
        "fda_approval_year": t.fda_approval_year,
        "sources": [
            {
                "number": numbers[s],
                "id": s,
                "title": dataset.sources[s].title,
                "publisher": dataset.sources[s].publisher,
                "year": dataset.sources[s].year,
                "url": dataset.sources[s].url,
            }
            for s in t.sources
        ],
        "reviewed": t.reviewed,
    }
