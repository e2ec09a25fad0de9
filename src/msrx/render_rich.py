"""Terminal output with rich: tables for lists, a panel for one treatment.

Imported only when stdout is a terminal (or colour is forced), so scripts
never pay for rich. Dataset strings only ever become ``Text`` objects,
never markup, and go through ``textsafe.safe`` first.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from msrx import records
from msrx.model import STATUS_MEANING, Dataset, Treatment
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


def console(out: IO[str]) -> Console:
    global _console
    if _console is None or _console.file is not out:
        if COLOR is None:
            _console = Console(file=out, highlight=False, emoji=False)
        else:
            _console = Console(
                file=out, highlight=False, emoji=False,
                force_terminal=True if COLOR else None,
                no_color=not COLOR,
            )
    return _console


def t(value: str, style: str = "") -> Text:
    return Text(safe(value), style=style)


def status(value: str) -> Text:
    return t(value, STATUS_STYLE.get(value, ""))


def _footer(c: Console) -> None:
    c.print(t(records.DISCLAIMER, "dim italic"))


def search(hits: list[Hit], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in ("Name", "Status", "Category", "Matched", "Symptoms", "Score"):
        table.add_column(column, justify="right" if column == "Score" else "left")
    for h in hits:
        tr = h.treatment
        table.add_row(t(tr.name, "bold"), status(tr.status), t(tr.category), t(matched(h)),
                      t(", ".join(tr.symptoms)), t(f"{h.score:g}"))
    c.print(table)
    _footer(c)


def listing(treatments: list[Treatment], dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in ("Name", "Status", "Category", "Class", "Symptoms"):
        table.add_column(column)
    for tr in treatments:
        table.add_row(t(tr.name, "bold"), status(tr.status), t(tr.category), t(tr.drug_class),
                      t(", ".join(tr.symptoms)))
    c.print(table)
    c.print(t(f"{len(treatments)} treatments", "dim"))
    _footer(c)


def show(tr: Treatment, dataset: Dataset, out: IO[str]) -> None:
    c = console(out)
    r = records.full(tr, dataset)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Status", Text.assemble(status(tr.status), t(f"  {STATUS_MEANING.get(tr.status, '')}", "dim")))
    grid.add_row("Category", t(tr.category))
    grid.add_row("Class", t(tr.drug_class))
    if tr.brands:
        grid.add_row("Brands", t(", ".join(tr.brands)))
    if tr.aliases:
        grid.add_row("Also known as", t(", ".join(tr.aliases)))
    grid.add_row("Routes", t(", ".join(tr.routes)))
    if tr.symptoms:
        grid.add_row("Symptoms", t(", ".join(tr.symptoms)))
    grid.add_row("FDA approval (MS)", t(str(tr.fda_approval_year) if tr.fda_approval_year else "none"))
    grid.add_row("Use", t(tr.use))
    grid.add_row("Side effects", _bullets(list(tr.side_effects)))
    grid.add_row("Warnings", _bullets(list(tr.warnings), "red"))
    grid.add_row("Evidence", t(tr.evidence))
    cites = Text()
    for s in r["sources"]:
        year = f", {s['year']}" if s["year"] else ""
        cites.append(f"[{s['number']}] ", style="bold")
        cites.append(safe(f"{s['title']}. {s['publisher']}{year}."))
        cites.append("\n    ")
        cites.append(safe(s["url"]), style="underline")
        cites.append("\n")
    cites.rstrip()
    grid.add_row("Sources", cites)
    grid.add_row("Reviewed", t(tr.reviewed))
    title = Text.assemble(t(tr.name, "bold"), t(f"  ({tr.id})", "dim"))
    c.print(Panel(Group(grid), title=title, title_align="left", expand=True))
    _footer(c)


def _bullets(values: list[str], style: str = "") -> Text:
    if not values:
        return t("(none recorded)", "dim")
    return Text("\n").join(t(f"• {v}", style) for v in values)
