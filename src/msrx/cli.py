"""The command line: parses arguments, loads the data, picks a renderer.

Everything else lives in its own module (loader, search, records,
render_*), so this layer stays thin. Imports of rich, rapidfuzz and tomli
happen inside the code paths that need them: `--json` never loads rich, a
warm cache never loads tomli.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import Enum
from types import ModuleType
from typing import Annotated, NoReturn, Optional

import typer

from msrx import __version__
from msrx.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    DataError,
)
from msrx.model import Dataset, Treatment
from msrx.search import SearchIndex


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
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

# One definition of the output option, shared by every command.
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (see README, 'JSON output') instead of text.")]
StatusOption = Annotated[Optional[StatusWord], typer.Option("--status", "-s", help="Only treatments with this status.")]
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
    from msrx.store import open_dataset

    settings = _settings(ctx)
    try:
        return open_dataset(settings.data, use_cache=settings.use_cache)
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


@contextmanager
def _writing() -> Iterator[None]:
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed from None


def _query(words: list[str]) -> str:
    query = " ".join(words).strip()
    if not query:
        _fail("error: the query is empty; try e.g. 'msrx search fatigue'", EXIT_USAGE)
    if len(query) > 200:
        _fail(f"error: the query is {len(query)} characters long; at most 200 are searched", EXIT_USAGE)
    return query


# -- commands ---------------------------------------------------------------


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(help="Drug, brand, abbreviation, class or symptom words.", show_default=False)],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many results.")] = 10,
    status: StatusOption = None,
    category: CategoryOption = None,
    as_json: JsonOption = False,
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

    Exit status: 0 found, 1 nothing found (with --json, prints []).
    """
    from msrx.search import search as run_search
    from msrx.search import suggest

    text = _query(query)
    dataset, index = _open(ctx)
    hits = run_search(
        dataset, index, text, limit=limit,
        status=status.value if status else None, category=category.value if category else None,
    )
    renderer = _renderer(ctx, as_json)
    if hits or as_json:
        with _writing():
            renderer.search(hits, dataset, sys.stdout)
    if not hits:
        message = f"msrx: no treatment matches {text!r}"
        near = suggest(dataset, index, text, limit=3)
        if near:
            message += "; did you mean: " + ", ".join(h.treatment.name for h in near) + "?"
        _say(message)
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command()
def show(
    ctx: typer.Context,
    name: Annotated[list[str], typer.Argument(help="A treatment's name, brand, alias or id (typos are forgiven).", show_default=False)],
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
    renderer = _renderer(ctx, as_json)
    with _writing():
        renderer.show(treatment, dataset, sys.stdout)


@app.command("list")
def list_(
    ctx: typer.Context,
    status: StatusOption = None,
    category: CategoryOption = None,
    symptom: Annotated[Optional[str], typer.Option("--symptom", help="Only treatments for this symptom id or word (e.g. fatigue, tired).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List every treatment, optionally filtered.

    \b
    Examples:
      msrx list
      msrx list --status approved --category dmt
      msrx list --symptom bladder
      msrx list --json | jq -r '.[] | select(.status == "off-label") | .name'

    Exit status: 0 listed, 1 no treatment passed the filters.
    """
    dataset, _index = _open(ctx)
    treatments = list(dataset.treatments)
    if status:
        treatments = [t for t in treatments if t.status == status.value]
    if category:
        treatments = [t for t in treatments if t.category == category.value]
    if symptom:
        sid = _symptom_id(dataset, symptom)
        treatments = [t for t in treatments if sid in t.symptoms]
    treatments.sort(key=lambda t: (t.category, t.status != "approved", t.name.casefold()))
    renderer = _renderer(ctx, as_json)
    if treatments or as_json:
        with _writing():
            renderer.listing(treatments, dataset, sys.stdout)
    if not treatments:
        typer.echo("msrx: no treatment matches those filters", err=True)
        raise typer.Exit(EXIT_NOT_FOUND)


def _symptom_id(dataset: Dataset, word: str) -> str:
    from msrx.search import normalise

    wanted = normalise(word)
    for sid, sym in dataset.symptoms.items():
        if wanted in {normalise(w) for w in (sid, sym.name, *sym.words)}:
            return sid
    known = ", ".join(sorted(dataset.symptoms))
    _fail(f"error: unknown symptom {word!r}; known symptoms: {known}", EXIT_USAGE)


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
    if as_json:
        from msrx.render_json import emit

        emit({"file": str(target), "valid": True, "problems": [], **counts}, sys.stdout)
    else:
        typer.echo(f"{target}: valid ({counts['treatments']} treatments, {counts['sources']} sources, {counts['symptoms']} symptoms)")


# -- process entry point ----------------------------------------------------


def main() -> None:
    """Console-script entry: exit codes for Ctrl-C and closed pipes, no tracebacks."""
    from typer.exceptions import Abort, Exit, TyperException

    # A terminal or pipe that cannot encode a character gets an escape
    # (\xe9) instead of a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        with suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
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
                show()
            else:
                sys.stderr.write(f"msrx: {exc}\n")
            code = exc.exit_code
        except Exit as exc:
            code = exc.exit_code
        sys.stdout.flush()
    except KeyboardInterrupt:
        # Typer turns Ctrl-C inside a command into a silent exit 130 itself;
        # this catches it anywhere else (start-up, the final flush).
        code = EXIT_INTERRUPTED
    except (BrokenPipeError, PipeClosed):
        # See "Note on SIGPIPE" in the signal module's documentation: point
        # stdout at devnull so the interpreter's final flush cannot fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_BROKEN_PIPE
    sys.exit(code)
