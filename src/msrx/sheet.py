"""The clinic-visit sheet: what `msrx sheet` prints, as plain data (its JSON).

One entry per treatment with its status, then a section for each field of
the "living" and "safety" show sections of the field table (how taken and
how often, monitoring, pregnancy, breastfeeding, vaccines, effectiveness,
stopping, side effects, warnings), each with its lines of text and the
bibliography numbers it cites (the numbers `show` uses); then the sources
cited, the review dates and the not-medical-advice line. An empty section
has no lines: the renderers print "not stated", never a guess.
render_sheet turns this into Markdown or a printable HTML page.
"""

from __future__ import annotations

from typing import Any

from msrx import describe, records
from msrx.model import STATUS_MEANING, Dataset, Treatment

SECTIONS = ("living", "safety")
TITLE = "Clinic visit summary"


def build(treatments: list[Treatment], dataset: Dataset) -> dict[str, Any]:
    numbers = dataset.source_numbers()
    entries = []
    cited: set[str] = set()
    for t in treatments:
        sections = []
        for f in describe.section_fields(*SECTIONS):
            ids = describe.block_sources(t, f)
            sections.append({
                "field": f.name,
                "label": f.label,
                "lines": describe.lines(t, f, dataset, cite=False),
                "sources": sorted(numbers[s] for s in ids),
                "empty": f.empty or "(none recorded)",
            })
        cited.update(t.sources)
        entries.append({
            "id": t.id,
            "name": t.name,
            "brands": list(t.brands),
            "status": t.status,
            "status_meaning": STATUS_MEANING.get(t.status, ""),
            "category": t.category,
            "routes": list(t.routes),
            "sections": sections,
            "reviewed": t.reviewed,
            "label_revised": t.label_revised,
        })
    sources = records.cited(sorted(cited, key=numbers.__getitem__), dataset)
    return {
        "title": f"{TITLE}: {', '.join(t.name for t in treatments)}",
        "dataset": {"version": dataset.info.version, "reviewed": dataset.info.reviewed},
        "treatments": entries,
        "sources": sources,
        "disclaimer": records.DISCLAIMER,
    }


def text(treatments: list[Treatment], dataset: Dataset, fmt: str = "markdown", as_json: bool = False) -> str:
    """The sheet as JSON, a printable HTML page (fmt "html") or Markdown."""
    data = build(treatments, dataset)
    if as_json:
        from msrx.render_json import dumps  # the one JSON writer every --json output shares

        return dumps(data, indent=2) + "\n"
    from msrx import render_sheet

    return render_sheet.page(data) if fmt == "html" else render_sheet.markdown(data)
