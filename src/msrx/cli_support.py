"""What every msrx command shares: the Typer app, option types, settings,
and the helpers that load the data, pick a renderer and write output safely.

No `from __future__ import annotations` (see cli.py): Typer reads every
command's parameters on every run.
"""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from msrx.dosing import ROUTE_GROUPS, SORTS
from msrx.errors import EXIT_DATA, EXIT_USAGE, DataError
from msrx.model import CATEGORIES, MS_FORM_WORDS, STATUSES, Dataset
from msrx.search import SearchIndex

if TYPE_CHECKING:
    from msrx.api import Reference
    from msrx.model import Dataset


# The choices of --status, --category, --route, --form and --sort, made from the
# vocabularies they filter by, so a word added there is accepted here.
StatusWord = Enum("StatusWord", {s.replace("-", "_"): s for s in STATUSES}, type=str)  # type: ignore[misc]
CategoryWord = Enum("CategoryWord", {c: c for c in CATEGORIES}, type=str)  # type: ignore[misc]
RouteWord = Enum("RouteWord", {r: r for r in ROUTE_GROUPS}, type=str)  # type: ignore[misc]
FormWord = Enum("FormWord", {f.replace("-", "_"): f for f in MS_FORM_WORDS}, type=str)  # type: ignore[misc]
SortWord = Enum("SortWord", {s: s for s in SORTS}, type=str)  # type: ignore[misc]


class FormatWord(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Settings:
    """The global options, parsed once by the callback and read by every command."""

    def __init__(self, data: Optional[str] = None, color: ColorMode = ColorMode.auto, use_cache: bool = True) -> None:
        self.data = data
        self.color = color
        self.use_cache = use_cache


HELP = """\
Look up multiple sclerosis treatments, offline: status, use, side effects, sources.

\b
Examples:
  msrx search fatigue            treatments for a symptom (everyday words work: tired)
  msrx search ocrevus            a brand, a typo, an abbreviation (LDN) or a class
  msrx show naltrexone           one treatment in full, with its sources
  msrx list --status approved    every FDA-approved treatment
  msrx search "nerve pain" --json | jq -r '.[].name'

Status words (US FDA status for MS): approved, off-label, investigational,
discontinued, withdrawn. msrx is a reference, not medical advice.
"""

app = typer.Typer(
    name="msrx",
    help=HELP,
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

# One definition of the output option, shared by every command.
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (see README, 'JSON output') instead of text.")]
StatusOption = Annotated[Optional[StatusWord], typer.Option("--status", "-s", help="Only treatments with this status.")]
FormatOption = Annotated[
    Optional[FormatWord],
    typer.Option("--format", "-f", help="table (the default: a table on a terminal, tab-separated when piped), json, jsonl, csv or markdown."),
]
FieldsOption = Annotated[Optional[str], typer.Option("--fields", help="Comma-separated fields to print, e.g. id,name,status (see README).")]
CategoryOption = Annotated[Optional[CategoryWord], typer.Option("--category", "-c", help="Only this category.")]


def settings_of(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def say(message: str) -> None:
    """A message on stderr; dataset text in it is neutralised like any output."""
    from msrx.textsafe import safe

    typer.echo(safe(message), err=True)


def say_urgent(dataset: Dataset, text: str) -> None:
    """Where to get help now, when what was typed is about suicide or
    self-harm: on stderr, first, whatever else follows (never in --json)."""
    from msrx.notes import urgent_for

    found = urgent_for(dataset, text)
    if found:  # most searches: none, and no numbering needed
        numbers = dataset.source_numbers()
        for sym in found:
            say(f"msrx: {sym.urgent} " + " ".join(f"[{numbers[s]}]" for s in sym.urgent_sources))


def fail(message: str, code: int) -> NoReturn:
    say(f"msrx: {message}")
    raise typer.Exit(code)


def open_data(ctx: typer.Context) -> tuple[Dataset, SearchIndex]:
    ref = reference_of(ctx)
    return ref.dataset, ref.index


def reference_of(ctx: typer.Context) -> "Reference":
    from msrx.api import load as open_reference

    settings = settings_of(ctx)
    try:
        return open_reference(settings.data, use_cache=settings.use_cache)
    except DataError as exc:
        first = exc.problems[0] if exc.problems else None
        more = len(exc.problems) - 1
        message = f"error: {first}" if first else "error: the dataset is invalid"
        if more > 0:
            message += f" (and {more} more problem{'s' if more > 1 else ''}: run 'msrx validate {first.path if first else ''}')"
        say(message)
        raise typer.Exit(EXIT_DATA) from None


def renderer_for(ctx: typer.Context, as_json: bool) -> ModuleType:
    """Pick a renderer by name: json, plain (pipes) or rich (terminals)."""
    if as_json:
        from msrx import render_json

        return render_json
    settings = settings_of(ctx)
    forced = settings.color is ColorMode.always or (
        settings.color is ColorMode.auto and os.environ.get("FORCE_COLOR", "") not in ("", "0")
    )
    if not forced and not sys.stdout.isatty():
        from msrx import render_plain

        return render_plain
    from msrx import render_rich

    if settings.color is ColorMode.never:
        render_rich.COLOR = False
    elif settings.color is ColorMode.always:
        render_rich.COLOR = True
    else:
        render_rich.COLOR = None
    return render_rich


class PipeClosed(Exception):
    """stdout's reader went away. Not an OSError, so Typer lets it through to main()."""


class OutputFailed(Exception):
    """stdout cannot be written (full, closed, read-only). Not an OSError, for the same reason."""


@contextmanager
def writing() -> Iterator[None]:
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed from None
    except OSError as exc:
        raise OutputFailed(exc.strerror or str(exc)) from None


def checked_columns(fields: str | None, allowed: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
    """The --fields columns, checked before any work: an unknown field is a usage error (exit 2)."""
    from msrx import render_formats

    try:
        return render_formats.parse_fields(fields, allowed, default)
    except ValueError as exc:
        fail(f"error: {exc}", EXIT_USAGE)


def export(records: list[dict[str, object]], fmt: FormatWord | None, fields: str | None, as_json: bool,
            columns: tuple[str, ...]) -> bool:
    """Write records in an export format; False when the usual renderer should draw them."""
    from msrx import render_formats

    chosen = FormatWord.json if as_json and fmt is None else fmt
    if fields is None and chosen in (None, FormatWord.table, FormatWord.json):
        return False
    terminal = sys.stdout.isatty()
    if chosen in (None, FormatWord.table) and terminal:
        return False if fields is None else fields_table(records, columns)
    with writing():
        render_formats.write([render_formats.pick(r, columns) for r in records], columns,
                             (chosen or FormatWord.table).value, sys.stdout, terminal=terminal)
    return True


def draw(ctx: typer.Context, as_json: bool, method: str, *args: object) -> None:
    """Draw with the renderer for this output (json, plain or rich), by method name."""
    renderer = renderer_for(ctx, as_json)
    with writing():
        getattr(renderer, method)(*args, sys.stdout)


def output(ctx: typer.Context, method: str, args: tuple[object, ...], *, as_json: bool, fmt: FormatWord | None,
            fields: str | None, rows: Callable[[], list[dict[str, object]]], columns: tuple[str, ...],
            empty: bool = False) -> None:
    """A listing in an export format (--format, --fields) or with the usual renderer.

    `rows` builds the flat records only when an export format needs them. An
    empty result prints nothing, except in a machine format (`[]`, a CSV header).
    """
    as_json = as_json or fmt is FormatWord.json
    if empty and not (fmt or as_json):
        return
    if not export(rows() if (fmt or fields) else [], fmt, fields, as_json, columns):
        draw(ctx, as_json, method, *args)


def fields_table(records: list[dict[str, object]], columns: tuple[str, ...]) -> bool:
    from msrx import render_rich

    with writing():
        render_rich.fields_table(records, columns, sys.stdout)
    return True


def query_text(words: list[str]) -> str:
    query = " ".join(words).strip()
    if not query:
        fail("error: the query is empty; try e.g. 'msrx search fatigue'", EXIT_USAGE)
    if len(query) > 200:
        fail(f"error: the query is {len(query)} characters long; at most 200 are searched", EXIT_USAGE)
    return query


def completion_reference() -> "Reference | None":
    try:
        from msrx.api import load as open_reference

        return open_reference(os.environ.get("MSRX_DATA") or None)
    except Exception:  # completion must never print an error into the shell
        return None


def complete_treatment(incomplete: str) -> list[str]:
    """Shell completion for treatments: ids, names, brands, aliases and devices that start
    with what was typed, lowercase, spaces as hyphens (one shell word; `show`
    reads a hyphen as a space)."""
    ref = completion_reference()
    if ref is None:
        return []
    prefix = incomplete.casefold()
    seen: dict[str, None] = {}
    for t in ref.dataset.treatments:
        for word in (t.id, t.name, *t.brands, *t.aliases, *t.devices):
            word = "-".join(word.casefold().split())
            if word.startswith(prefix):
                seen.setdefault(word)
    return sorted(seen)[:50]


def complete_symptom(incomplete: str) -> list[str]:
    ref = completion_reference()
    return [s for s in ref.dataset.symptoms if s.startswith(incomplete.casefold())] if ref else []


# -- commands ---------------------------------------------------------------


def symptom_id(ref: "Reference", word: str) -> str:
    found = ref.symptom(word)
    if found is None:
        known = ", ".join(sorted(ref.dataset.symptoms))
        fail(f"error: unknown symptom {word!r}; known symptoms: {known}", EXIT_USAGE)
    return found.id
