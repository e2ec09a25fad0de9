"""Treatments as plain JSON-ready dicts: the JSON contract, in one place.

Every output format (JSON, JSON lines, plain text) starts from these dicts,
so a field is named and ordered the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from msrx.describe import block_sources
from msrx.fields import BY_NAME, FIELDS, to_json
from msrx.model import Change, Dataset, Source, Symptom, Treatment
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


def hit(h: Hit, dataset: Dataset) -> dict[str, Any]:
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
    record["topic"] = topic(h.treatment, h.topic, dataset) if h.topic else None
    return record


def topic(t: Treatment, name: str, dataset: Dataset) -> dict[str, Any]:
    """What a question asked about one treatment ("pregnant" -> its pregnancy block): the field's
    name, its value as `show --json` gives it (null when not recorded), and the sources it cites."""
    f = BY_NAME[name]
    return {"field": name, "value": to_json(f, getattr(t, name)), "sources": cited(block_sources(t, f), dataset)}


def full(t: Treatment, dataset: Dataset) -> dict[str, Any]:
    """Every field of a treatment, in the order of the field table; sources as numbered objects."""
    record = {f.name: to_json(f, getattr(t, f.name)) for f in FIELDS}
    record["sources"] = cited(t.sources, dataset)
    return record


def cited(ids: Iterable[str], dataset: Dataset) -> list[dict[str, Any]]:
    """These sources, in this order, as cited: numbered as `show` numbers them."""
    numbers = dataset.source_numbers()
    return [full_source(numbers[s], dataset.sources[s]) for s in ids]


def full_source(number: int, s: Source) -> dict[str, Any]:
    """A source as cited: its bibliography number and its fields."""
    return {"number": number, "id": s.id, "title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url}


def source(number: int, s: Source, cited_by: list[Treatment]) -> dict[str, Any]:
    return {**full_source(number, s), "cited_by": [t.id for t in cited_by]}


def symptom(s: Symptom) -> dict[str, Any]:
    """A symptom's own fields: its note (how it is managed without a drug) and the note's sources, or null
    and [], the phrases people with MS use for it, each with the page it is from, and where to get help
    now (`urgent`, or null) with the query words that call for it, and its names in other languages, each
    with the source it was read on."""
    return {"id": s.id, "name": s.name, "words": list(s.words), "note": s.note, "sources": list(s.sources),
            "phrases": [{"text": p.text, "page": p.page} for p in s.phrases], "first_choice": list(s.first_choice),
            "first_choice_sources": list(s.first_choice_sources),
            "urgent": s.urgent, "urgent_words": list(s.urgent_words), "urgent_sources": list(s.urgent_sources),
            "translations": [{"text": tr.text, "lang": tr.lang, "source": tr.source} for tr in s.translations]}


def change(c: Change) -> dict[str, Any]:
    """One row of the change log; `treatment` is an id, or "" for the whole dataset."""
    return {"version": c.version, "treatment": c.treatment, "summary": c.summary}
