"""Treatments as plain JSON-ready dicts: the JSON contract, in one place.

Every output format (JSON, JSON lines, plain text) starts from these dicts,
so a field is named and ordered the same everywhere.
"""

from __future__ import annotations

from typing import Any

from msrx.model import Dataset, Source, Treatment
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
    matched["words"] = list(h.words)
    matched["relation"] = h.relation
    if h.also:
        matched["also"] = [{"field": m.field, "value": m.value, "words": list(m.words)} for m in h.also]
    record["matched"] = matched
    return record


def full(t: Treatment, dataset: Dataset) -> dict[str, Any]:
    numbers = dataset.source_numbers()
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


def source(number: int, s: Source, cited_by: list[Treatment]) -> dict[str, Any]:
    return {"number": number, "id": s.id, "title": s.title, "publisher": s.publisher, "year": s.year,
            "url": s.url, "cited_by": [t.id for t in cited_by]}


# The fields `compare` sets side by side, with their labels.
COMPARE_FIELDS: list[tuple[str, str]] = [
    ("status", "Status"), ("category", "Category"), ("drug_class", "Class"), ("routes", "Routes"),
    ("fda_approval_year", "FDA approval (MS)"), ("brands", "Brands"), ("use", "Use"),
    ("side_effects", "Side effects"), ("warnings", "Warnings and monitoring"), ("evidence", "Evidence"),
    ("sources", "Sources"),
]


def compare_value(t: Treatment, field: str, dataset: Dataset) -> list[str]:
    """One compare cell as lines of text."""
    if field == "sources":
        numbers = dataset.source_numbers()
        return [f"[{numbers[s]}] {dataset.sources[s].title}" for s in t.sources]
    value = getattr(t, field)
    if value is None:
        return ["none"]
    if isinstance(value, tuple):
        return list(value) or ["(none recorded)"]
    return [str(value)]
