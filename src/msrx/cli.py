"""The command line: parses arguments, loads the data, picks a renderer.

Everything else lives in its own module (loader, search, records,
render_*), so this layer stays thin. Imports of rich, rapidfuzz and tomli
happen inside the code paths that need them: `--json` never loads rich, a
warm cache never loads tomli.

No `from __future__ import annotations`: Typer reads every command's
parameters on every run, and string annotations cost a compile each
(3 to 4 ms a run); so names used in annotations (the completion helpers)
are defined before the commands that use them.
"""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from msrx import __version__
from msrx.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_OUTPUT,
    EXIT_USAGE,
    DataError,
)
from msrx.model import Dataset, Treatment
from msrx.search import SearchIndex

if TYPE_CHECKING:
    from msrx.api import Reference


class StatusWord(str, Enum):
    approved = "approved"
    off_label = "off-label"
    investigational = "investigational"
    discontinued = "discontinued"
    withdrawn = "withdrawn"


class CategoryWord(str, Enum):
    dmt = "dmt"
    symptom = "symptom"
    relapse = "relapse"


class FormatWord(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class RouteWord(str, Enum):
    oral = "oral"
    injection = "injection"
    infusion = "infusion"


class SortWord(str, Enum):
    name = "name"
    interval = "interval"


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


def _version_text() -> str:
    from msrx.store import open_dataset

    try:
        dataset, _ = open_dataset(None)
        return f"msrx {__version__} (dataset {dataset.info.version}, reviewed {dataset.info.reviewed})"
    except DataError:
        return f"msrx {__version__} (bundled dataset unreadable)"


def _print_version(value: bool) -> None:
    if value:
        with _writing():
            typer.echo(_version_text())
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Optional[str],
        typer.Option("--data", envvar="MSRX_DATA", metavar="PATH", help="Use this dataset file instead of the bundled one.",
                     show_envvar=True),
    ] = None,
    color: Annotated[ColorMode, typer.Option("--color", help="Colour on a terminal: auto, always or never.")] = ColorMode.auto,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the dataset cache.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_print_version, help="Print the msrx and dataset versions and exit."),
    ] = False,
) -> None:
    """Look up multiple sclerosis treatments, offline."""
    ctx.obj = Settings(data=data, color=color, use_cache=not no_cache)


# -- shared helpers ---------------------------------------------------------


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def _say(message: str) -> None:
    """A message on stderr; dataset text in it is neutralised like any output."""
    from msrx.textsafe import safe

    typer.echo(safe(message), err=True)


def _fail(message: str, code: int) -> NoReturn:
    _say(f"msrx: {message}")
    raise typer.Exit(code)


def _open(ctx: typer.Context) -> tuple[Dataset, SearchIndex]:
    ref = _reference(ctx)
    return ref.dataset, ref.index


def _reference(ctx: typer.Context) -> "Reference":
    from msrx.api import load as open_reference

    settings = _settings(ctx)
    try:
        return open_reference(settings.data, use_cache=settings.use_cache)
    except DataError as exc:
        first = exc.problems[0] if exc.problems else None
        more = len(exc.problems) - 1
        message = f"error: {first}" if first else "error: the dataset is invalid"
        if more > 0:
            message += f" (and {more} more problem{'s' if more > 1 else ''}: run 'msrx validate {first.path if first else ''}')"
        _say(message)
        raise typer.Exit(EXIT_DATA) from None


def _renderer(ctx: typer.Context, as_json: bool) -> ModuleType:
    """Pick a renderer by name: json, plain (pipes) or rich (terminals)."""
    if as_json:
        from msrx import render_json

        return render_json
    settings = _settings(ctx)
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
def _writing() -> Iterator[None]:
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed from None
    except OSError as exc:
        raise OutputFailed(exc.strerror or str(exc)) from None


def _columns(fields: str | None, allowed: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
    """The --fields columns, checked before any work: an unknown field is a usage error (exit 2)."""
    from msrx import render_formats

    try:
        return render_formats.parse_fields(fields, allowed, default)
    except ValueError as exc:
        _fail(f"error: {exc}", EXIT_USAGE)


def _export(records: list[dict[str, object]], fmt: FormatWord | None, fields: str | None, as_json: bool,
            columns: tuple[str, ...]) -> bool:
    """Write records in an export format; False when the usual renderer should draw them."""
    from msrx import render_formats

    chosen = FormatWord.json if as_json and fmt is None else fmt
    if fields is None and chosen in (None, FormatWord.table, FormatWord.json):
        return False
    terminal = sys.stdout.isatty()
    if chosen in (None, FormatWord.table) and terminal:
        return False if fields is None else _fields_table(records, columns)
    with _writing():
        render_formats.write([render_formats.pick(r, columns) for r in records], columns,
                             (chosen or FormatWord.table).value, sys.stdout, terminal=terminal)
    return True


def _draw(ctx: typer.Context, as_json: bool, method: str, *args: object) -> None:
    """Draw with the renderer for this output (json, plain or rich), by method name."""
    renderer = _renderer(ctx, as_json)
    with _writing():
        getattr(renderer, method)(*args, sys.stdout)


def _output(ctx: typer.Context, method: str, args: tuple[object, ...], *, as_json: bool, fmt: FormatWord | None,
            fields: str | None, rows: Callable[[], list[dict[str, object]]], columns: tuple[str, ...],
            empty: bool = False) -> None:
    """A listing in an export format (--format, --fields) or with the usual renderer.

    `rows` builds the flat records only when an export format needs them. An
    empty result prints nothing, except in a machine format (`[]`, a CSV header).
    """
    as_json = as_json or fmt is FormatWord.json
    if empty and not (fmt or as_json):
        return
    if not _export(rows() if (fmt or fields) else [], fmt, fields, as_json, columns):
        _draw(ctx, as_json, method, *args)


def _fields_table(records: list[dict[str, object]], columns: tuple[str, ...]) -> bool:
    from msrx import render_rich

    with _writing():
        render_rich.fields_table(records, columns, sys.stdout)
    return True


def _query(words: list[str]) -> str:
    query = " ".join(words).strip()
    if not query:
        _fail("error: the query is empty; try e.g. 'msrx search fatigue'", EXIT_USAGE)
    if len(query) > 200:
        _fail(f"error: the query is {len(query)} characters long; at most 200 are searched", EXIT_USAGE)
    return query


def _completion_reference() -> "Reference | None":
    try:
        from msrx.api import load as open_reference

        return open_reference(os.environ.get("MSRX_DATA") or None)
    except Exception:  # completion must never print an error into the shell
        return None


def _complete_treatment(incomplete: str) -> list[str]:
    """Shell completion for treatments: ids, names, brands and aliases that start
    with what was typed, lowercase, spaces as hyphens (one shell word; `show`
    reads a hyphen as a space)."""
    ref = _completion_reference()
    if ref is None:
        return []
    prefix = incomplete.casefold()
    seen: dict[str, None] = {}
    for t in ref.dataset.treatments:
        for word in (t.id, t.name, *t.brands, *t.aliases):
            word = "-".join(word.casefold().split())
            if word.startswith(prefix):
                seen.setdefault(word)
    return sorted(seen)[:50]


def _complete_symptom(incomplete: str) -> list[str]:
    ref = _completion_reference()
    return [s for s in ref.dataset.symptoms if s.startswith(incomplete.casefold())] if ref else []


# -- commands ---------------------------------------------------------------


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(help="Drug, brand, abbreviation, class or symptom words.", show_default=False)],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many results.")] = 10,
    status: StatusOption = None,
    category: CategoryOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
) -> None:
    """Find treatments by name, brand, abbreviation, drug class or symptom.

    \b
    Examples:
      msrx search fatigue
      msrx search tired                 everyday words for symptoms work too
      msrx search ocrevus               brands and typos (ocrelizumub)
      msrx search LDN                   abbreviations match exactly
      msrx search "BTK inhibitor"       a whole drug class
      msrx search spasticity --status approved
      msrx search "nerve pain" --json | jq -r '.[] | [.name, .status] | @tsv'
      msrx search fatigue --format csv --fields name,status,score > fatigue.csv

    Exit status: 0 found, 1 nothing found (with --json, prints []).
    """
    from msrx import records, render_formats
    from msrx.search import search as run_search
    from msrx.search import suggest

    text = _query(query)
    columns = _columns(fields, render_formats.SEARCH_FIELDS,
                       ("id", "name", "status", "category", "matched", "symptoms", "score"))
    dataset, index = _open(ctx)
    hits = run_search(
        dataset, index, text, limit=limit,
        status=status.value if status else None, category=category.value if category else None,
    )
    _output(ctx, "search", (hits, dataset), as_json=as_json, fmt=fmt, fields=fields, empty=not hits,
            rows=lambda: [{**records.full(h.treatment, dataset), **records.hit(h)} for h in hits], columns=columns)
    if not [h for h in hits if h.field not in ("use", "side_effects")]:
        _symptom_notes(dataset, index, text, as_json or fmt is not None)
    if not hits:
        message = f"msrx: no treatment matches {text!r}"
        near = suggest(dataset, index, text, limit=3)
        if near:
            message += "; did you mean: " + ", ".join(h.value if h.field == "symptom" else h.treatment.name for h in near) + "?"
        _say(message)
        raise typer.Exit(EXIT_NOT_FOUND)


def _symptom_notes(dataset: Dataset, index: SearchIndex, text: str, quiet: bool) -> None:
    """No treatment answers, but the query names a symptom: say how it is managed (on stderr, so
    stdout stays the result list)."""
    from msrx.search import symptoms_asked
    from msrx.textsafe import safe

    numbers = dataset.source_numbers()
    for sid in symptoms_asked(index, text):
        sym = dataset.symptoms[sid]
        if sym.note and not quiet:
            cites = " ".join(f"[{numbers[s]}]" for s in sym.sources)
            _say(f"msrx: {safe(sym.name)}: no treatment in msrx is for it. How it is managed: {safe(sym.note)} {cites}"
                 f" (see: msrx sources {' '.join(str(numbers[s]) for s in sym.sources)})")


@app.command()
def show(
    ctx: typer.Context,
    name: Annotated[list[str], typer.Argument(help="A treatment's name, brand, alias or id (typos are forgiven).", show_default=False,
                                              autocompletion=_complete_treatment)],
    as_json: JsonOption = False,
) -> None:
    """Show one treatment in full: status, use, side effects, warnings, sources.

    \b
    Examples:
      msrx show naltrexone
      msrx show ocrevus                 a brand shows its treatment
      msrx show naltrexon               one clear typo: shown, and stderr says so
      msrx show dalfampridine --json | jq .side_effects

    Exit status: 0 shown; 1 no single clear match (candidates on stderr).
    """
    from msrx.search import resolve

    text = _query(name)
    dataset, index = _open(ctx)
    found = resolve(dataset, index, text)
    if found.treatment is None:
        if found.candidates:
            names = "\n".join(f"  {h.treatment.name} ({h.treatment.id})" for h in found.candidates)
            _fail(f"{text!r} matches more than one treatment, or none closely; closest:\n{names}", EXIT_NOT_FOUND)
        _fail(f"no treatment matches {text!r}; try 'msrx search {text}'", EXIT_NOT_FOUND)
    treatment: Treatment = found.treatment
    if not found.exact and found.hit is not None:
        _say(f"msrx: showing {treatment.name} ({found.hit.field}: {found.hit.value})")
    _draw(ctx, as_json, "show", treatment, dataset)


@app.command("list")
def list_(
    ctx: typer.Context,
    status: StatusOption = None,
    category: CategoryOption = None,
    symptom: Annotated[Optional[str], typer.Option("--symptom", help="Only treatments for this symptom id or word (e.g. fatigue, tired).")] = None,
    route: Annotated[Optional[RouteWord], typer.Option("--route", help="Only oral, injection (under the skin or into a muscle) "
                                                       "or infusion (intravenous) treatments.")] = None,
    sort: Annotated[Optional[SortWord], typer.Option("--sort", help="Order by name, or by dosing interval (most frequent first, "
                                                     "unstated last); default: by category and status.")] = None,
    max_interval: Annotated[Optional[int], typer.Option("--max-interval", metavar="DAYS", min=1,
                                                        help="Only treatments taken at least every DAYS days (daily = 1).")] = None,
    min_interval: Annotated[Optional[int], typer.Option("--min-interval", metavar="DAYS", min=1,
                                                        help="Only treatments taken at most every DAYS days (every 6 months = 182).")] = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
) -> None:
    """List every treatment, optionally filtered.

    \b
    Examples:
      msrx list
      msrx list --status approved --category dmt
      msrx list --symptom bladder
      msrx list --route infusion --sort interval
      msrx list --category dmt --min-interval 28      taken every 4 weeks or less often
      msrx list --json | jq -r '.[] | select(.status == "off-label") | .name'
      msrx list --category dmt --format markdown --fields name,brands,fda_approval_year

    Treatments with no stated dosing interval are left out by --min-interval and --max-interval.
    Exit status: 0 listed, 1 no treatment passed the filters.
    """
    from msrx import records, render_formats

    columns = _columns(fields, render_formats.LIST_FIELDS, ("id", "name", "status", "category", "drug_class", "symptoms"))
    ref = _reference(ctx)
    dataset = ref.dataset
    treatments = ref.treatments(
        status=status.value if status else None,
        category=category.value if category else None,
        symptom=_symptom_id(ref, symptom) if symptom else None,
        route=route.value if route else None, min_interval=min_interval, max_interval=max_interval,
        sort=sort.value if sort else None,
    )
    if sort is None:
        treatments.sort(key=lambda t: (t.category, t.status != "approved", t.name.casefold()))
    _output(ctx, "listing", (treatments, dataset), as_json=as_json, fmt=fmt, fields=fields, empty=not treatments,
            rows=lambda: [records.full(t, dataset) for t in treatments], columns=columns)
    if not treatments:
        typer.echo("msrx: no treatment matches those filters", err=True)
        raise typer.Exit(EXIT_NOT_FOUND)


def _symptom_id(ref: "Reference", word: str) -> str:
    found = ref.symptom(word)
    if found is None:
        known = ", ".join(sorted(ref.dataset.symptoms))
        _fail(f"error: unknown symptom {word!r}; known symptoms: {known}", EXIT_USAGE)
    return found.id


@app.command()
def compare(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(help="Two or more treatments (names, brands, aliases or ids).",
                                               show_default=False, autocompletion=_complete_treatment)],
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
) -> None:
    """Compare treatments side by side: status, how taken and how often, monitoring, pregnancy, vaccines, effectiveness, ...

    \b
    Examples:
      msrx compare ocrevus kesimpta briumvi
      msrx compare tecfidera vumerity --json | jq -r '.[] | [.name, .fda_approval_year] | @tsv'
      msrx compare baclofen tizanidine | grep Warnings
      msrx compare ocrevus kesimpta --format markdown --fields name,administration,monitoring

    Each name must match one treatment clearly (as with show).
    Exit status: 0 compared; 1 a name matched no single treatment; 2 fewer than two names.
    """
    if len(names) < 2:
        _fail("error: compare needs at least two treatments, e.g. 'msrx compare ocrevus kesimpta'", EXIT_USAGE)
    from msrx import records, render_formats

    columns = _columns(fields, render_formats.LIST_FIELDS, render_formats.COMPARE_FIELDS)
    ref = _reference(ctx)
    chosen = _resolve_all(ref, names)
    _output(ctx, "compare", (chosen, ref.dataset), as_json=as_json, fmt=fmt, fields=fields,
            rows=lambda: [records.full(t, ref.dataset) for t in chosen], columns=columns)


def _resolve_all(ref: "Reference", names: list[str]) -> list[Treatment]:
    """The treatments named, each clearly (as show resolves one), without repeats; else exit 1."""
    chosen: list[Treatment] = []
    for name in names:
        found = ref.resolve(name)
        if found.treatment is None:
            near = ", ".join(h.treatment.name for h in found.candidates[:5])
            _fail(f"{name!r} does not clearly name one treatment" + (f"; closest: {near}" if near else ""), EXIT_NOT_FOUND)
        if found.treatment not in chosen:
            chosen.append(found.treatment)
    return chosen


class SheetFormat(str, Enum):
    markdown = "markdown"
    html = "html"


@app.command()
def sheet(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(help="One or more treatments (names, brands, aliases or ids).",
                                               show_default=False, autocompletion=_complete_treatment)],
    fmt: Annotated[SheetFormat, typer.Option("--format", "-f", help="markdown, or html: a standalone page to print.")] = SheetFormat.markdown,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (replaced whole, never half-written).")] = None,
    as_json: JsonOption = False,
) -> None:
    """A one-page summary to take to a clinic visit: how taken, monitoring, pregnancy, vaccines, warnings, sources.

    \b
    Examples:
      msrx sheet ocrevus                         Markdown on stdout
      msrx sheet ocrevus kesimpta --format html --output visit.html
      msrx sheet tysabri --json | jq '.treatments[0].sections[] | select(.lines == []) | .label'

    Exit status: 0 written; 1 a name matched no single treatment; 2 FILE cannot be written.
    """
    from msrx import sheet as visit

    ref = _reference(ctx)
    text = visit.text(_resolve_all(ref, names), ref.dataset, fmt.value, as_json)
    if output is None:
        with _writing():
            sys.stdout.write(text)
        return
    try:
        visit.write_atomically(output, text)
    except OSError as exc:
        _fail(f"error: cannot write {output}: {exc.strerror or exc}", EXIT_USAGE)
    _say(f"msrx: wrote {output}")


@app.command()
def symptoms(
    ctx: typer.Context,
    symptom: Annotated[Optional[str], typer.Argument(help="A symptom id or everyday word (tired, stiffness, bladder).",
                                                     show_default=False, autocompletion=_complete_symptom)] = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
) -> None:
    """Browse by symptom: every symptom with its everyday words, or the treatments for one.

    \b
    Examples:
      msrx symptoms                     every symptom, its everyday words and how many treatments
      msrx symptoms tired               treatments for fatigue, approved first
      msrx symptoms "nerve pain" --json | jq -r '.treatments[].name'
      msrx symptoms bladder --format csv --fields name,status,drug_class

    Exit status: 0 found; 1 unknown symptom (the known ones on stderr).
    """
    from msrx import records, render_formats

    if symptom is None:
        columns = _columns(fields, render_formats.SYMPTOM_FIELDS, render_formats.SYMPTOM_FIELDS)
    else:
        columns = _columns(fields, render_formats.LIST_FIELDS, ("status", "id", "name", "category", "drug_class"))
    ref = _reference(ctx)
    if symptom is None:
        counts = ref.symptom_counts()
        _output(ctx, "symptoms", (counts, ref.dataset), as_json=as_json, fmt=fmt, fields=fields,
                rows=lambda: [{"id": s.id, "name": s.name, "words": list(s.words), "treatments": n} for s, n in counts],
                columns=columns)
        return
    found = ref.symptom(symptom)
    if found is None:
        _fail(f"unknown symptom {symptom!r}; known symptoms: {', '.join(ref.dataset.symptoms)}", EXIT_NOT_FOUND)
    treatments = ref.for_symptom(found.id)
    _output(ctx, "symptom", (found, treatments, ref.dataset), as_json=as_json, fmt=fmt, fields=fields,
            rows=lambda: [records.full(t, ref.dataset) for t in treatments], columns=columns)


@app.command()
def sources(
    ctx: typer.Context,
    source: Annotated[Optional[str], typer.Argument(help="A source id or its number as cited by show.", show_default=False)] = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
) -> None:
    """The bibliography, numbered as `show` cites it, with what cites each source.

    \b
    Examples:
      msrx sources                      every source, numbered
      msrx sources 3                    source [3], as cited by msrx show
      msrx sources label-ocrelizumab --json | jq -r .[0].url
      msrx sources --format markdown --fields number,title,url > SOURCES.md

    Exit status: 0 found; 1 no such source.
    """
    from msrx import records, render_formats

    columns = _columns(fields, render_formats.SOURCE_FIELDS, render_formats.SOURCE_FIELDS)
    ref = _reference(ctx)
    numbers = ref.dataset.source_numbers()
    rows = [(numbers[s.id], s, ref.cited_by(s.id)) for s in ref.sources()]
    if source is not None:
        rows = [r for r in rows if source in (str(r[0]), r[1].id)]
        if not rows:
            _fail(f"no source {source!r}; 'msrx sources' lists them all", EXIT_NOT_FOUND)
    _output(ctx, "sources", (rows, ref.dataset), as_json=as_json, fmt=fmt, fields=fields,
            rows=lambda: [records.source(n, s, cited) for n, s, cited in rows], columns=columns)


@app.command()
def timeline(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """FDA approvals of MS disease-modifying therapies, year by year.

    \b
    Examples:
      msrx timeline
      msrx timeline --json | jq -r '.[] | "\\(.year) \\(.treatments | length)"'

    Includes DMTs later withdrawn (marked); exit status 0.
    """
    ref = _reference(ctx)
    years = ref.approval_timeline()
    if not years:
        _fail("no dated FDA approvals in this dataset", EXIT_NOT_FOUND)
    _draw(ctx, as_json, "timeline", years, ref.dataset)


@app.command()
def info(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Facts about the dataset: version, review date, counts by status and category, file.

    \b
    Examples:
      msrx info
      msrx --data my.toml info --json | jq .by_status

    Warns on stderr when the dataset was last reviewed more than a year ago.
    """
    ref = _reference(ctx)
    ds = ref.dataset
    facts = ref.facts()
    _draw(ctx, as_json, "info", facts, ds)
    if facts["review_age_days"] > 365:
        _say(f"msrx: warning: this dataset was last reviewed on {ds.info.reviewed}, more than a year ago; "
             "statuses may have changed")


@app.command()
def changes(
    ctx: typer.Context,
    since: Annotated[Optional[str], typer.Option("--since", metavar="VERSION",
                                                 help="Only releases after this dataset version (YYYY.MM.DD[.N]).")] = None,
    treatment: Annotated[Optional[str], typer.Option("--treatment", "-t", metavar="NAME", autocompletion=_complete_treatment,
                                                     help="Only the changes to this treatment (name, brand, alias or id).")] = None,
    as_json: JsonOption = False,
) -> None:
    """What changed in each dataset release, per treatment, newest release first.

    \b
    Examples:
      msrx changes                          the whole change log
      msrx changes --since 2026.11.27       what changed after the release you have
      msrx changes --treatment ocrevus
      msrx changes --json | jq -r '.[] | select(.treatment == "natalizumab") | .summary'

    Piped: one `version, treatment, summary` line each (treatment "" for the whole dataset).
    Exit status: 0 listed; 1 no change matches; 2 a malformed --since or an unknown --treatment.
    """
    from msrx.changes import VERSION_FORMAT, version_key

    if since is not None and version_key(since) is None:
        _fail(f"error: --since {since!r} is not a dataset version ({VERSION_FORMAT}, e.g. 2026.11.27)", EXIT_USAGE)
    ref = _reference(ctx)
    try:
        rows = ref.changes(since=since, treatment=treatment)
    except LookupError:
        _fail(f"error: --treatment {treatment!r} names no treatment; try 'msrx search {treatment}'", EXIT_USAGE)
    if rows or as_json:
        _draw(ctx, as_json, "changes", rows, ref.dataset)
    if not rows:
        _say("msrx: no recorded change matches" if since or treatment else "msrx: this dataset records no changes")
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Optional[str],
        typer.Argument(metavar="[PATH]", help="Dataset file to check (default: --data, MSRX_DATA or the bundled one).", show_default=False),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check a dataset file and report every problem, with file and line.

    \b
    Examples:
      msrx validate                     the bundled dataset
      msrx validate my-treatments.toml
      msrx validate my.toml --json | jq '.problems[].message'

    Exit status: 0 valid, 3 problems found (listed on stderr, or in the JSON).
    """
    from msrx.loader import load
    from msrx.store import bundled_path

    target = path or _settings(ctx).data or bundled_path()
    try:
        dataset = load(target)
    except DataError as exc:
        if as_json:
            from msrx.render_json import emit

            with _writing():
                emit({"file": str(target), "valid": False, "problems": [
                    {"file": p.path, "line": p.line, "treatment": p.treatment, "field": p.field, "message": p.message}
                    for p in exc.problems
                ]}, sys.stdout)
        else:
            for p in exc.problems:
                _say(f"error: {p}")
            count = len(exc.problems)
            _say(f"{target}: {count} problem{'s' if count != 1 else ''}")
        raise typer.Exit(EXIT_DATA) from None
    counts = {"treatments": len(dataset.treatments), "sources": len(dataset.sources), "symptoms": len(dataset.symptoms)}
    with _writing():
        if as_json:
            from msrx.render_json import emit

            emit({"file": str(target), "valid": True, "problems": [], **counts}, sys.stdout)
        else:
            from msrx.textsafe import safe

            typer.echo(safe(f"{target}: valid ({counts['treatments']} treatments, {counts['sources']} sources, "
                            f"{counts['symptoms']} symptoms)"))


# -- process entry point ----------------------------------------------------


def _stderr(line: str) -> None:
    """One line on stderr, neutralised; nothing if stderr itself cannot be written."""
    from msrx.textsafe import safe

    try:
        sys.stderr.write(safe(line) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        _discard(2)


def _discard(fd: int) -> None:
    """Point a standard stream's descriptor at devnull, so the interpreter's own
    final flush cannot fail again (see "Note on SIGPIPE" in the signal docs)."""
    with suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        if devnull != fd:
            os.dup2(devnull, fd)
            os.close(devnull)


def _standard_streams() -> None:
    """Give a closed stdout or stderr (`>&-`) a descriptor, so no file msrx opens
    takes its number: stdout becomes one that refuses writes, like `1</dev/null`,
    and fails at the first write like any unwritable stdout; stderr is dropped."""
    if sys.stdout is None:
        with suppress(OSError):
            fd = os.open(os.devnull, os.O_RDONLY)
            if fd != 1:
                os.dup2(fd, 1)
                os.close(fd)
            sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    if sys.stderr is None:
        _discard(2)
        with suppress(OSError):
            sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115


def main() -> None:
    """Console-script entry: exit codes for Ctrl-C, closed pipes and unwritable output, no tracebacks."""
    import io

    from typer.exceptions import Abort, Exit, TyperException

    _standard_streams()
    # A terminal or pipe that cannot encode a character gets an escape
    # (\xe9) instead of a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        with suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    stdout = sys.stdout
    try:
        try:
            # standalone_mode=False: Typer hands back Ctrl-C (Abort) and usage
            # errors instead of printing "Aborted!" and exiting 1 itself.
            result = app(standalone_mode=False)
            code = result if isinstance(result, int) else 0
        except Abort:
            raise KeyboardInterrupt from None
        except TyperException as exc:
            show = getattr(exc, "show", None)
            if callable(show):
                text = io.StringIO()
                show(file=text)  # through _stderr: an argument echoed back is neutralised too
                _stderr(text.getvalue().rstrip("\n"))
            else:
                _stderr(f"msrx: {exc}")
            code = exc.exit_code
        except Exit as exc:
            code = exc.exit_code
        except SystemExit:
            # Typer's own handling of a closed pipe (`msrx -h | true`) swaps
            # sys.stdout for a quiet wrapper and exits 1: that is our 141.
            if sys.stdout is stdout:
                raise
            raise PipeClosed from None
        except DataError as exc:  # the dataset changed under a damaged cache
            _stderr(f"msrx: error: {exc}")
            code = EXIT_DATA
        sys.stdout.flush()
    except KeyboardInterrupt:
        # Typer turns Ctrl-C inside a command into a silent exit 130 itself;
        # this catches it anywhere else (start-up, the final flush).
        code = EXIT_INTERRUPTED
    except (BrokenPipeError, PipeClosed):
        _discard(1)
        code = EXIT_BROKEN_PIPE
    except (OSError, OutputFailed) as exc:
        # stdout is full (/dev/full), closed (>&-) or read-only (1</dev/null);
        # an OSError from Typer's own writing (help, usage) lands here too.
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _discard(1)
        _stderr(f"msrx: error: cannot write the output: {reason}")
        code = EXIT_OUTPUT
    sys.exit(code)
