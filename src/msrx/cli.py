"""The command line: global options, the lookup commands (search, show, list)
and the console-script entry with its exit codes.

The browse commands are in cli_browse, what commands share (the Typer app,
option types, loading, renderer choice, safe output) in cli_support; the
work itself lives in its own modules (api, loader, search, records,
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
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Annotated, Optional

import typer
from typer.main import get_command_name

from msrx import __version__
from msrx.cli_support import (
    CategoryOption,
    ColorMode,
    FieldsOption,
    FormatOption,
    FormWord,
    JsonOption,
    OutputFailed,
    PipeClosed,
    RouteWord,
    Settings,
    SortWord,
    StatusOption,
    app,
    checked_columns,
    complete_treatment,
    draw,
    fail,
    open_data,
    output,
    query_text,
    reference_of,
    say,
    say_urgent,
    symptom_id,
    writing,
)
from msrx.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_OUTPUT,
    DataError,
)
from msrx.model import Dataset, Treatment
from msrx.search import Hit, SearchIndex


def _version_text() -> str:
    from msrx.store import open_dataset

    try:
        dataset, _ = open_dataset(None)
        return f"msrx {__version__} (dataset {dataset.info.version}, reviewed {dataset.info.reviewed})"
    except DataError:
        return f"msrx {__version__} (bundled dataset unreadable)"


def _print_version(value: bool) -> None:
    if value:
        with writing():
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
    from msrx.resolve import (
        AN_INFECTION,
        ANOTHER_DRUG,
        SYMPTOMS_IN_GENERAL,
        asks_symptoms_in_general,
        names_an_infection,
        names_another_drug,
        suggest,
    )
    from msrx.search import search as run_search
    from msrx.search import topic_asked

    text = query_text(query)
    columns = checked_columns(fields, render_formats.SEARCH_FIELDS,
                              ("id", "name", "status", "category", "matched", "symptoms", "score"))
    dataset, index = open_data(ctx)
    if not (as_json or fmt):
        say_urgent(dataset, text)
    meant: list[str] = []
    hits = run_search(
        dataset, index, text, limit=limit,
        status=status.value if status else None, category=category.value if category else None, meant=meant,
    )
    output(ctx, "search", (hits, dataset), as_json=as_json, fmt=fmt, fields=fields, empty=not hits,
            rows=lambda: [{**records.full(h.treatment, dataset), **records.hit(h, dataset)} for h in hits], columns=columns)
    noted = False
    if not (as_json or fmt):
        noted = _symptom_notes(dataset, index, text, [h for h in hits if h.field not in ("use", "side_effects")], meant)
        _compare_hint(hits, text)
    if not hits:
        filters = " ".join(f"--{name} {value.value}" for name, value in (("status", status), ("category", category)) if value)
        message = f"msrx: no treatment matches {text!r}" + (f" with {filters}" if filters else "")
        if names_another_drug(text):
            message += f" {ANOTHER_DRUG}"
        elif names_an_infection(text):
            message += f" {AN_INFECTION}"
        elif not (filters or noted) and asks_symptoms_in_general(text):
            message += f" {SYMPTOMS_IN_GENERAL}"
        # A spelling to try only helps when the words found nothing: not when a filter
        # left nothing ("foot drop --status withdrawn"), nor after a symptom's note.
        elif not (filters or noted) and (near := suggest(dataset, index, text, limit=3)):
            message += "; did you mean: " + ", ".join(h.value if h.field == "symptom" else h.treatment.name for h in near) + "?"
        say(message)
        asked = topic_asked(text)
        if asked:
            say(f'msrx: "{asked}" is answered per treatment: add a name or a group, e.g. msrx search'
                f' "ocrevus {asked}" or "oral dmt {asked}"')
        raise typer.Exit(EXIT_NOT_FOUND)


def _compare_hint(hits: list[Hit], text: str) -> None:
    """"Tecfidera vs Aubagio" names two treatments to weigh up: say how to see them side by side."""
    import re

    if not re.search(r"\b(?:vs|versus|compared? (?:to|with)|or)\b", text, re.IGNORECASE):
        return
    from msrx.index import IDENTITY_FIELDS

    # Found by a name, brand or alias said in full or nearly (not a prefix or a fragment of one).
    named = list(dict.fromkeys(h.treatment.id for h in hits if h.field in IDENTITY_FIELDS and h.score >= 75.0))
    if 2 <= len(named) <= 4:
        say(f"msrx: to see them side by side: msrx compare {' '.join(named)}")


def _symptom_notes(dataset: Dataset, index: SearchIndex, text: str, answers: list[Hit], meant: list[str]) -> bool:
    """The query names a symptom no treatment is for, which no answer explains: say how it
    is managed (on stderr, so stdout stays the result list; `say` neutralises the dataset
    text). Whether a note was said."""
    from msrx.notes import notes_due

    numbers = dataset.source_numbers()
    noted = False
    for sid in notes_due(index, text, answers, meant):
        sym = dataset.symptoms[sid]
        if sym.note:
            cites = " ".join(f"[{numbers[s]}]" for s in sym.sources)
            say(f"msrx: {sym.name}: no treatment in msrx is for it. How it is managed: {sym.note} {cites}"
                f" (see: msrx sources {' '.join(str(numbers[s]) for s in sym.sources)})")
            noted = True
    return noted


@app.command()
def show(
    ctx: typer.Context,
    name: Annotated[list[str], typer.Argument(help="A treatment's name, brand, alias or id (typos are forgiven).", show_default=False,
                                              autocompletion=complete_treatment)],
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
    from msrx.resolve import ANOTHER_DRUG, names_another_drug, resolve

    text = query_text(name)
    dataset, index = open_data(ctx)
    found = resolve(dataset, index, text)
    if found.treatment is None:
        if found.candidates:
            names = "\n".join(f"  {h.treatment.name} ({h.treatment.id})" for h in found.candidates)
            fail(f"{text!r} matches more than one treatment, or none closely; closest:\n{names}", EXIT_NOT_FOUND)
        if names_another_drug(text):
            fail(f"no treatment matches {text!r} {ANOTHER_DRUG}", EXIT_NOT_FOUND)
        fail(f"no treatment matches {text!r}; try 'msrx search {text}'", EXIT_NOT_FOUND)
    treatment: Treatment = found.treatment
    if not found.exact and found.hit is not None:
        say(f"msrx: showing {treatment.name} ({found.hit.field}: {found.hit.value})")
    draw(ctx, as_json, "show", treatment, dataset)


@app.command("list")
def list_(
    ctx: typer.Context,
    status: StatusOption = None,
    category: CategoryOption = None,
    symptom: Annotated[Optional[str], typer.Option("--symptom", help="Only treatments for this symptom id or word (e.g. fatigue, tired).")] = None,
    route: Annotated[Optional[RouteWord], typer.Option("--route", help="Only oral, injection (under the skin or into a muscle) "
                                                       "or infusion (intravenous) treatments.")] = None,
    form: Annotated[Optional[FormWord], typer.Option("--form", help="Only treatments for this form of MS, by FDA label or, "
                                                     "not yet approved, by trial (spms includes active SPMS).")] = None,
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
      msrx list --form ppms                           labelled, or in trials, for primary progressive MS
      msrx list --category dmt --min-interval 28      taken every 4 weeks or less often
      msrx list --json | jq -r '.[] | select(.status == "off-label") | .name'
      msrx list --category dmt --format markdown --fields name,brands,fda_approval_year

    Treatments with no stated dosing interval are left out by --min-interval and --max-interval.
    Exit status: 0 listed, 1 no treatment passed the filters.
    """
    from msrx import records, render_formats

    columns = checked_columns(fields, render_formats.LIST_FIELDS, ("id", "name", "status", "category", "drug_class", "symptoms"))
    ref = reference_of(ctx)
    dataset = ref.dataset
    treatments = ref.treatments(
        status=status.value if status else None,
        category=category.value if category else None,
        symptom=symptom_id(ref, symptom) if symptom else None,
        route=route.value if route else None, ms_form=form.value if form else None, min_interval=min_interval, max_interval=max_interval,
        sort=sort.value if sort else None,
    )
    if sort is None:
        treatments.sort(key=lambda t: (t.category, t.status != "approved", t.name.casefold()))
    output(ctx, "listing", (treatments, dataset), as_json=as_json, fmt=fmt, fields=fields, empty=not treatments,
            rows=lambda: [records.full(t, dataset) for t in treatments], columns=columns)
    if not treatments:
        typer.echo("msrx: no treatment matches those filters", err=True)
        raise typer.Exit(EXIT_NOT_FOUND)


# The browse commands register themselves on the same app.
from msrx import cli_browse  # noqa: E402, F401


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


# The global options (main_options) that take a value, and those that do not.
_GLOBAL_VALUED = ("--data", "--color")
_GLOBAL_FLAGS = ("--no-cache",)


def _command_said(args: list[str]) -> str | None:
    """The command a run's arguments name after the global options, or None
    (an option msrx does not know here, `--version` or `--help` first)."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _GLOBAL_VALUED:
            i += 2
        elif arg in _GLOBAL_FLAGS or arg.startswith(tuple(f"{o}=" for o in _GLOBAL_VALUED)):
            i += 1
        else:
            return None if arg.startswith("-") else arg
    return None


@contextmanager
def _only_the_command_named(argv: list[str]) -> Iterator[None]:
    """Register only the command a run names, while it runs.

    Typer builds every command's parameters from its signature on each run,
    about 3 ms for all eleven (an A/B of whole runs), before it runs the one asked for. A run that
    names a command (after any global options: `--data FILE search ...`)
    needs only that one; anything else (help, a misspelt command, shell
    completion) sees them all."""
    commands = app.registered_commands
    said = _command_said(argv[1:])
    named = [c for c in commands if said == (c.name or get_command_name(c.callback.__name__ if c.callback else ""))]
    if len(named) != 1 or any(key.endswith("_COMPLETE") for key in os.environ):
        yield
        return
    app.registered_commands = named
    try:
        yield
    finally:
        app.registered_commands = commands


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
            with _only_the_command_named(sys.argv):
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
