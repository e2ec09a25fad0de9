"""Plain text for pipes: tab-separated lines that grep, cut and sort can use.

No colour, no box drawing, no truncation; one record a line, columns in a
fixed order (documented in the README). Every value goes through
``textsafe.cell`` so dataset text cannot break a column or the terminal.
"""

from __future__ import annotations

from typing import IO

from msrx import records
from msrx.model import STATUS_MEANING, Dataset, Treatment
from msrx.search import Hit
from msrx.textsafe import cell, safe


def _row(values: list[str], out: IO[str]) -> None:
    out.write("\t".join(cell(v) for v in values) + "\n")


def matched(h: Hit) -> str:
    if h.symptom and h.symptom != h.value.casefold():
        return f"{h.field}: {h.value} ({h.symptom})"
    return f"{h.field}: {h.value}"


def search(hits: list[Hit], dataset: Dataset, out: IO[str]) -> None:
    for h in hits:
        t = h.treatment
        _row([t.id, t.name, t.status, t.category, matched(h), ",".join(t.symptoms), f"{h.score:g}"], out)


def listing(treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    for t in treatments:
        _row([t.id, t.name, t.status, t.category, t.drug_class, ",".join(t.symptoms)], out)


def show(t: Treatment, dataset: Dataset, out: IO[str]) -> None:
    r = records.full(t, dataset)

    def line(label: str, value: str) -> None:
        out.write(f"{label}: {safe(value)}\n")

    def items(label: str, values: list[str]) -> None:
        out.write(f"{label}:\n")
        for v in values or ["(none recorded)"]:
            out.write(f"  - {safe(v)}\n")

    line("Name", t.name)
    line("ID", t.id)
    line("Status", f"{t.status}: {STATUS_MEANING.get(t.status, '')}")
    line("Category", t.category)
    line("Drug class", t.drug_class)
    if t.brands:
        line("Brands", ", ".join(t.brands))
    if t.aliases:
        line("Also known as", ", ".join(t.aliases))
    line("Routes", ", ".join(t.routes))
    if t.symptoms:
        line("Symptoms", ", ".join(t.symptoms))
    line("FDA approval for MS", str(t.fda_approval_year) if t.fda_approval_year else "none")
    line("Use", t.use)
    items("Side effects", list(t.side_effects))
    items("Warnings", list(t.warnings))
    line("Evidence", t.evidence)
    out.write("Sources:\n")
    for s in r["sources"]:
        year = f", {s['year']}" if s["year"] else ""
        out.write(f"  [{s['number']}] {safe(s['title'])}. {safe(s['publisher'])}{year}. {safe(s['url'])}\n")
    line("Reviewed", t.reviewed)
    out.write(f"\n{records.DISCLAIMER}\n")
