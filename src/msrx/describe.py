"""Treatment fields as lines of text for people: show, compare and the visit sheet share them.

Labels come from the field table (msrx.fields); a block's sources are
cited by their bibliography numbers ([3] [5]), as `show` numbers them. An
empty value gives no lines: the caller shows the field's `empty` text
("not stated" for the blocks), never a guess.
"""

from __future__ import annotations

from typing import Any

from msrx.fields import FIELDS, Field
from msrx.model import Dataset, Treatment


def cites(ids: tuple[str, ...], dataset: Dataset) -> str:
    numbers = dataset.source_numbers()
    return " ".join(f"[{n}]" for n in sorted(numbers[i] for i in ids if i in numbers))


def interval(days: int) -> str:
    return "every day" if days == 1 else f"every {days} days"


def lines(t: Treatment, f: Field, dataset: Dataset, only: tuple[str, ...] = (), compact: bool = False,
          cite: bool = True) -> list[str]:
    """One field of a treatment as lines of text; [] when it is empty.

    `only` keeps just these fields of a block (a compare row); `compact`
    cites a block's sources at the end of its last line ("... [3]") instead
    of on a line of their own ("Sources: [3]"); `cite=False` leaves every
    citation out (the visit sheet cites a section's sources once).
    """
    value = getattr(t, f.name)
    if f.kind == "block":
        return [] if value is None else _block(f, value, dataset, only, compact, cite)
    if f.kind == "blocks":
        return [_item(f, item, dataset, only, cite) for item in value]
    if f.name == "sources":
        numbers = dataset.source_numbers()
        return [f"[{numbers[s]}] {dataset.sources[s].title}" for s in value]
    if value is None:
        return []
    if isinstance(value, tuple):
        return list(value)
    return [str(value)]


def cell(t: Treatment, f: Field, dataset: Dataset, only: tuple[str, ...] = ()) -> list[str]:
    """One compare cell: the lines, or what an empty value reads as."""
    found = lines(t, f, dataset, only, compact=True)
    if found:
        return found
    if f.empty is not None:
        return [f.empty]
    return ["none"] if getattr(t, f.name) is None else ["(none recorded)"]


def _text(f: Field, value: Any) -> str:
    return interval(value) if f.kind == "days" else str(value)


def _block(f: Field, value: Any, dataset: Dataset, only: tuple[str, ...], compact: bool, cite: bool) -> list[str]:
    out: list[str] = []
    for s in f.sub:
        v = getattr(value, s.name)
        if s.kind == "ids" or (only and s.name not in only) or v is None or v == ():
            continue
        if s.kind == "blocks":
            out += [_item(s, item, dataset, only, cite) for item in v]
        else:
            out.append(f"{s.label}: {_text(s, v)}" if s.label else _text(s, v))
    if out and value.sources and cite:
        if compact:
            out[-1] += f" {cites(value.sources, dataset)}"
        else:
            out.append(f"Sources: {cites(value.sources, dataset)}")
    return out


def _item(f: Field, item: Any, dataset: Dataset, only: tuple[str, ...], cite: bool = True) -> str:
    """One entry of an array of tables on one line: "hepatitis B screening: before the first dose [3]"."""
    head, *rest = (s for s in f.sub if s.kind != "ids")
    parts = [_text(s, getattr(item, s.name)) for s in rest
             if getattr(item, s.name) is not None and (not only or s.name in only)]
    text = f"{getattr(item, head.name)}: {', '.join(parts)}" if parts else str(getattr(item, head.name))
    sources = getattr(item, "sources", ())
    return f"{text} {cites(sources, dataset)}" if sources and cite else text


def section_fields(*sections: str) -> tuple[Field, ...]:
    """The fields of these show sections, section by section, each in table order."""
    return tuple(f for section in sections for f in FIELDS if f.section == section)


def block_sources(t: Treatment, f: Field) -> tuple[str, ...]:
    """The source ids a block cites (for an array of tables, its entries' together), in dataset order."""
    value = getattr(t, f.name)
    if f.kind == "block":
        return () if value is None else tuple(value.sources)
    if f.kind == "blocks":
        return tuple(dict.fromkeys(s for item in value for s in item.sources))
    return ()
