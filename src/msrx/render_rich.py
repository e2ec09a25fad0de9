"""Terminal output with rich: tables for lists, a panel for one treatment.

Imported only when stdout is a terminal (or colour is forced), so scripts
never pay for rich. Dataset strings only ever become ``Text`` objects,
never markup, and go through ``textsafe.safe`` first.
"""

from __future__ import annotations

import os
from typing import IO, Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from msrx import describe, records
from msrx.fields import BY_NAME, COMPARE_ROWS, FIELDS, Field
from msrx.model import STATUS_MEANING, Change, Dataset, Source, Symptom, Treatment
from msrx.render_plain import matched
from msrx.search import Hit
from msrx.textsafe import safe

# Colour is a second signal only: the status word is always spelled out.
STATUS_STYLE = {
    "approved": "bold green",
    "off-label": "yellow",
    "investigational": "cyan",
    "discontinued": "dim",
    "withdrawn": "red",
}

_console: Console | None = None
COLOR: bool | None = None  # None: rich decides (NO_COLOR, TERM=dumb, FORCE_COLOR)
MAX_WIDTH = 4096  # a wider COLUMNS is a mistake, and would draw panels millions of cells wide


def console(out: IO[str]) -> Console:
    global _console
    if _console is None or _console.file is not out:
        if COLOR is None:
            _console = Console(file=out, highlight=False, emoji=False, width=width(out))
        else:
            _console = Console(
                file=out, highlight=False, emoji=False,
                force_terminal=True if COLOR else None,
                no_color=not COLOR, width=width(out),
            )
    return _console


def width(out: IO[str]) -> int | None:
    """None (rich reads COLUMNS or asks the terminal) unless COLUMNS is nonsense,
    such as 0 or a million; then the terminal's real width, or 80."""
    columns = os.environ.get("COLUMNS", "").strip()
    if not columns.isdigit() or 1 <= int(columns) <= MAX_WIDTH:
        return None
    try:
        return os.get_terminal_size(out.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


def t(value: str, style: str = "") -> Text:
    return Text(safe(value), style=style)


def status(value: str) -> Text:
    return t(value, STATUS_STYLE.get(value, ""))


def _footer(c: Console) -> None:
    c.print(t(records.DISCLAIMER, "dim italic"))


def _table(*columns: str) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def search(hits: list[Hit], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    answers = [h for h in hits if h.relation != "causes"]
    causes = [h for h in hits if h.relation == "causes"]
    if answers:
        table = _table("Name", "Status", "Category", "Matched", "Symptoms", "Score")
        table.columns[-1].justify = "right"
        for h in answers:
            tr = h.treatment
            table.add_row(t(tr.name, "bold"), status(tr.status), t(tr.category), t(matched(h)),
                          t(", ".join(tr.symptoms)), t(f"{h.score:g}"))
        c.print(table)
    if causes:
        # Never answers: a separate, labelled group after them.
        what = "side effects or warnings" if any(h.field == "warnings" for h in causes) else "side effects"
        c.print(t(f"May cause this: {what}, not treatments for it", "bold yellow"))
        table = _table("Name", "Status", "Category", "Matched")
        for h in causes:
            tr = h.treatment
            table.add_row(t(tr.name), status(tr.status), t(tr.category), t(h.value))
        c.print(table)
    for h in answers:
        if h.topic:
            _topic(c, h.treatment, h.topic, dataset)
    _footer(c)


def _topic(c: Console, tr: Treatment, name: str, dataset: Dataset) -> None:
    """The field a question asked about ("pregnant on Ocrevus"), as `show` prints it, with its sources."""
    f = BY_NAME[name]
    values = describe.lines(tr, f, dataset)
    c.print(Text.assemble(t(f"{f.label}: ", "bold"), t(tr.name, "bold"), t(f"  (msrx show {tr.id})", "dim")))
    body = _field_text(f, values) if values else t(f"{f.empty or '(none recorded)'} in msrx", "dim")
    c.print(Padding(body, (0, 0, 0, 2)))
    cited = records.cited(describe.block_sources(tr, f), dataset)
    if cited:
        c.print(Padding(_bibliography(cited), (0, 0, 0, 2)))
    c.print()


def _field_text(f: Field, values: list[str]) -> Text:
    """One field's lines as `show` prints them: bullets, a block's lines (its sources dim), or one line."""
    if f.show == "bullets" or (f.kind == "blocks" and values):
        return _bullets(values, "red" if f.name == "warnings" else "")
    if not values:
        return t(f.empty or "", "dim")
    if f.kind == "block":
        return Text("\n").join(t(v, "dim" if v.startswith("Sources: ") else "") for v in values)
    return t(", ".join(values))


def listing(treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    table = _table("Name", "Status", "Category", "Class", "Symptoms")
    for tr in treatments:
        table.add_row(t(tr.name, "bold"), status(tr.status), t(tr.category), t(tr.drug_class),
                      t(", ".join(tr.symptoms)))
    c.print(table)
    c.print(t(f"{len(treatments)} treatments", "dim"))
    _footer(c)


# The show sections set apart by a blank line, with their headings ("" for none).
SECTION_TITLES = {"living": "Living on it", "sources": ""}


def show(tr: Treatment, dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    r = records.full(tr, dataset)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    section = "about"
    for f in FIELDS:
        if f.name in ("id", "name"):
            continue  # in the panel's title
        if f.section != section and f.section in SECTION_TITLES:
            grid.add_row("", "")
            if SECTION_TITLES[f.section]:
                grid.add_row(t(SECTION_TITLES[f.section], "bold underline"), "")
        section = f.section
        if f.name == "status":
            grid.add_row(f.label, Text.assemble(status(tr.status), t(f"  {STATUS_MEANING.get(tr.status, '')}", "dim")))
        elif f.name == "sources":
            grid.add_row("Sources", _bibliography(r["sources"]))
        else:
            values = describe.lines(tr, f, dataset)
            if not values and f.empty is None:
                continue
            grid.add_row(f.label, _field_text(f, values))
    title = Text.assemble(t(tr.name, "bold"), t(f"  ({tr.id})", "dim"))
    c.print(Panel(Group(grid), title=title, title_align="left", expand=True))
    _footer(c)


def _bibliography(cited: list[dict[str, Any]]) -> Text:
    cites = Text()
    for s in cited:
        year = f", {s['year']}" if s["year"] else ""
        cites.append(f"[{s['number']}] ", style="bold")
        cites.append(safe(f"{s['title']}. {s['publisher']}{year}."))
        cites.append("\n    ")
        cites.append(safe(s["url"]), style="underline")
        cites.append("\n")
    cites.rstrip()
    return cites


def _bullets(values: list[str], style: str = "") -> Text:
    if not values:
        return t("(none recorded)", "dim")
    return Text("\n").join(t(f"• {v}", style) for v in values)


def symptoms(rows: list[tuple[Symptom, int]], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    table = _table("Symptom", "Id", "Treatments", "Everyday words")
    for s, n in rows:
        table.add_row(t(s.name, "bold"), t(s.id), t(str(n)), t(", ".join(s.words)))
    c.print(table)


def symptom(sym: Symptom, treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    c.print(Text.assemble(t(sym.name, "bold"), t(f"  ({', '.join(sym.words)})", "dim")))
    if sym.urgent:
        c.print(Text.assemble(t("Get help now: ", "bold"), t(sym.urgent),
                              t(f" {describe.cites(sym.urgent_sources, dataset)}", "dim")))
    if sym.phrases:
        c.print(Text.assemble(t("People with MS also say: ", "dim"), t(", ".join(p.text for p in sym.phrases[:8]), "dim")))
    if sym.translations:
        c.print(Text.assemble(t("In other languages: ", "dim"),
                              t(", ".join(f"{tr.text} ({tr.lang})" for tr in sym.translations[:8]), "dim")))
    if sym.note:
        c.print(Text.assemble(t("Without a drug: ", "bold"), t(sym.note), t(f" {describe.cites(sym.sources, dataset)}", "dim")))
    if sym.first_choice:
        # Why the list below is in this order: the sources name these first. Each
        # first choice lists the symptom (the loader checks), so it is among `treatments`.
        names = {tr.id: tr.name for tr in treatments}
        c.print(Text.assemble(t("Usually tried first: ", "bold"), t(", ".join(names[i] for i in sym.first_choice if i in names)),
                              t(f" {describe.cites(sym.first_choice_sources, dataset)}", "dim")))
    for status_word in dict.fromkeys(tr.status for tr in treatments):
        c.print(Text.assemble("\n", status(status_word), t(f"  {STATUS_MEANING.get(status_word, '')}", "dim")))
        table = _table("Name", "Category", "Class")
        for tr in treatments:
            if tr.status == status_word:
                table.add_row(t(tr.name, "bold"), t(tr.category), t(tr.drug_class))
        c.print(table)
    _footer(c)


def sources(rows: list[tuple[int, Source, list[Treatment]]], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    for n, s, cited in rows:
        year = f", {s.year}" if s.year else ""
        c.print(Text.assemble(t(f"[{n}] ", "bold"), t(f"{s.title}. {s.publisher}{year}.")))
        c.print(Text.assemble("    ", t(s.url, "underline")))
        if cited:
            c.print(t(f"    cited by: {', '.join(tr.name for tr in cited)}", "dim"))


def info(facts: dict[str, Any], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key, label in (("version", "Dataset version"), ("reviewed", "Reviewed"), ("path", "File"),
                       ("treatments", "Treatments"), ("sources", "Sources"), ("symptoms", "Symptoms"),
                       ("changes", "Changes logged")):
        grid.add_row(label, t(str(facts[key])))
    grid.add_row("By status", Text("\n").join(Text.assemble(status(k), f"  {v}") for k, v in facts["by_status"].items()))
    grid.add_row("By category", t("\n".join(f"{k}  {v}" for k, v in facts["by_category"].items())))
    c.print(grid)


def timeline(years: list[tuple[int, list[Treatment]]], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    c.print(t("FDA approvals of MS disease-modifying therapies", "bold"))
    first, last = years[0][0], years[-1][0]
    by_year = dict(years)
    for year in range(first, last + 1):
        ts = by_year.get(year, [])
        bar = Text("█" * (2 * len(ts)), style="green") if ts else Text("·", style="dim")
        names = Text(", ").join(t(tr.name + (" (withdrawn)" if tr.status == "withdrawn" else ""),
                                  STATUS_STYLE.get(tr.status, "")) for tr in ts)
        c.print(Text.assemble(t(str(year), "bold" if ts else "dim"), " ", bar, " ", names))


def compare(treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    table = Table(show_lines=True, header_style="bold", expand=True)
    table.add_column("", style="bold", no_wrap=True)
    for tr in treatments:
        table.add_column(Text(safe(tr.name)), ratio=1)
    for f, label, only in COMPARE_ROWS:
        cells = []
        for tr in treatments:
            lines = describe.cell(tr, f, dataset, only)
            cells.append(status(lines[0]) if f.name == "status" else t("\n".join(lines), "dim" if lines == [f.empty] else ""))
        table.add_row(label, *cells)
    c.print(table)
    _footer(c)


def fields_table(rows: list[dict[str, Any]], columns: tuple[str, ...], out: IO[str]) -> None:
    """--fields on a terminal: the chosen columns as a table."""
    from msrx.render_formats import flat

    table = _table(*columns)
    for row in rows:
        table.add_row(*(t(flat(row.get(c))) for c in columns))
    console(out).print(table)


def changes(rows: list[Change], dataset: Dataset, out: IO[str]) -> None:
    """The change log grouped by release, newest first."""
    from msrx.changes import grouped

    c = console(out)
    for n, (version, items) in enumerate(grouped(rows)):
        c.print(Text.assemble("" if n == 0 else "\n", t(f"Dataset {version}", "bold")))
        table = _table("Treatment", "Change")
        for item in items:
            found = dataset.get(item.treatment) if item.treatment else None
            who = t(found.name, "bold") if found else t(item.treatment or "(whole dataset)", "dim" if not item.treatment else "")
            table.add_row(who, t(item.summary))
        c.print(table)
