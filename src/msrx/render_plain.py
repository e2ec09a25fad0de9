"""Plain text for pipes: tab-separated lines that grep, cut and sort can use.

No colour, no box drawing, no truncation; one record a line, columns in a
fixed order (documented in the README). Every value goes through
``textsafe.cell`` so dataset text cannot break a column or the terminal.
"""

from __future__ import annotations

from typing import IO, Any

from msrx import describe, records
from msrx.fields import COMPARE_ROWS, FIELDS
from msrx.model import STATUS_MEANING, Change, Dataset, Source, Symptom, Treatment
from msrx.search import Hit
from msrx.textsafe import cell, safe
from msrx.wording import normalise


def _row(values: list[str], out: IO[str]) -> None:
    out.write("\t".join(cell(v) for v in values) + "\n")


CAUSES_LABEL = "may cause this"


def matched(h: Hit) -> str:
    """Why a hit was found: field and value, the query words it explains, other fields."""
    if h.relation == "causes":
        return f"{CAUSES_LABEL} ({'warning' if h.field == 'warnings' else 'side effect'}): {h.value}"
    if h.relation == "guess":
        return f'guess: {h.symptom} (from "{" ".join(h.words)}", as in "{h.value}")'
    if h.relation == "similar":
        return f'similar: {h.symptom} (closest in meaning: "{h.value}")'
    text = f"{h.field}: {h.value}"
    if h.symptom and h.symptom != h.value.casefold():
        text += f" ({h.symptom})"
    said = " ".join(h.words)
    if said and said != normalise(h.value):
        text += f' <- "{said}"'
    for m in h.also:
        text += f" + {m.field}: {m.value}"
    return text


def search(hits: list[Hit], dataset: Dataset, out: IO[str]) -> None:
    for h in hits:
        t = h.treatment
        _row([t.id, t.name, t.status, t.category, matched(h), ",".join(t.symptoms), f"{h.score:g}"], out)


def listing(treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    for t in treatments:
        _row([t.id, t.name, t.status, t.category, t.drug_class, ",".join(t.symptoms)], out)


def indented(text: str, indent: str = "  ") -> str:
    """Safe text whose continuation lines are indented: a newline in a value
    cannot start a line that reads like a field label (`Status: approved`)."""
    return safe(text).replace("\n", "\n" + indent)


def show(t: Treatment, dataset: Dataset, out: IO[str]) -> None:
    """`Label: value` lines in the order of the field table; a block's lines indented below its label."""
    r = records.full(t, dataset)

    def line(label: str, value: str) -> None:
        out.write(f"{label}: {indented(value)}\n")

    def items(label: str, values: list[str], bullet: str = "- ") -> None:
        out.write(f"{label}:\n")
        for v in values:
            out.write(f"  {bullet}{indented(v, '    ')}\n")

    for f in FIELDS:
        if f.name == "status":
            line(f.label, f"{t.status}: {STATUS_MEANING.get(t.status, '')}")
        elif f.name == "sources":
            out.write("Sources:\n")
            for s in r["sources"]:
                year = f", {s['year']}" if s["year"] else ""
                out.write("  " + indented(f"[{s['number']}] {s['title']}. {s['publisher']}{year}. {s['url']}", "    ") + "\n")
        else:
            values = describe.lines(t, f, dataset)
            if not values:
                if f.empty is None:
                    continue
                values = [f.empty]
                if f.show != "bullets":
                    line(f.label, f.empty)
                    continue
            if f.show == "bullets" or f.kind == "blocks":
                items(f.label, values)
            elif f.kind == "block":
                items(f.label, values, bullet="")
            else:
                line(f.label, ", ".join(values))
    out.write(f"\n{records.DISCLAIMER}\n")


def symptoms(rows: list[tuple[Symptom, int]], dataset: Dataset, out: IO[str]) -> None:
    for s, n in rows:
        _row([s.id, s.name, str(n), ", ".join(s.words)], out)


def symptom(sym: Symptom, treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    if sym.urgent:  # rows of their own, like the note: neither is a status word
        _row(["urgent", sym.urgent, describe.cites(sym.urgent_sources, dataset)], out)
    if sym.note:
        _row(["note", sym.note, describe.cites(sym.sources, dataset)], out)
    if sym.first_choice:  # why the rows below are in this order
        _row(["first_choice", ",".join(sym.first_choice), describe.cites(sym.first_choice_sources, dataset)], out)
    for t in treatments:
        _row([t.status, t.id, t.name, t.category, t.drug_class], out)


def sources(rows: list[tuple[int, Source, list[Treatment]]], dataset: Dataset, out: IO[str]) -> None:
    for n, s, cited in rows:
        _row([str(n), s.id, s.title, s.publisher, str(s.year or ""), s.url, ",".join(t.id for t in cited)], out)


def info(facts: dict[str, Any], dataset: Dataset, out: IO[str]) -> None:
    for key in ("version", "reviewed", "path", "treatments", "sources", "symptoms", "changes"):
        out.write(f"{key}\t{indented(str(facts[key]))}\n")
    for group in ("by_status", "by_category"):
        for name, count in facts[group].items():
            out.write(f"{group[3:]}:{name}\t{count}\n")


def timeline(years: list[tuple[int, list[Treatment]]], dataset: Dataset, out: IO[str]) -> None:
    for year, ts in years:
        for t in ts:
            _row([str(year), t.id, t.name, t.status], out)


def compare(treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    # Transposed (one line per field and treatment) so it fits any width and greps well.
    for f, label, only in COMPARE_ROWS:
        for t in treatments:
            _row([label, t.name, "; ".join(describe.cell(t, f, dataset, only))], out)


def changes(rows: list[Change], dataset: Dataset, out: IO[str]) -> None:
    """One line a change: version, treatment id ("" for the whole dataset), summary; newest first."""
    for c in rows:
        _row([c.version, c.treatment, c.summary], out)
