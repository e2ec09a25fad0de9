"""The browse commands: compare, sheet, symptoms, sources, timeline, info,
changes and validate. Each parses its arguments and picks a renderer; the
work is in msrx.api and the render_* modules.

No `from __future__ import annotations` (see cli.py).
"""

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from msrx.cli_support import (
    FieldsOption,
    FormatOption,
    JsonOption,
    app,
    checked_columns,
    complete_symptom,
    complete_treatment,
    draw,
    fail,
    output,
    reference_of,
    say,
    say_urgent,
    settings_of,
    writing,
)
from msrx.errors import EXIT_DATA, EXIT_NOT_FOUND, EXIT_USAGE, DataError
from msrx.model import Treatment

if TYPE_CHECKING:
    from msrx.api import Reference


@app.command()
def compare(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(help="Two or more treatments (names, brands, aliases or ids).",
                                               show_default=False, autocompletion=complete_treatment)],
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
        fail("error: compare needs at least two treatments, e.g. 'msrx compare ocrevus kesimpta'", EXIT_USAGE)
    from msrx import records, render_formats

    columns = checked_columns(fields, render_formats.LIST_FIELDS, render_formats.COMPARE_FIELDS)
    ref = reference_of(ctx)
    chosen = resolve_all(ref, names)
    output(ctx, "compare", (chosen, ref.dataset), as_json=as_json, fmt=fmt, fields=fields,
            rows=lambda: [records.full(t, ref.dataset) for t in chosen], columns=columns)


def resolve_all(ref: "Reference", names: list[str]) -> list[Treatment]:
    """The treatments named, each clearly (as show resolves one), without repeats; else exit 1."""
    chosen: list[Treatment] = []
    for name in names:
        found = ref.resolve(name)
        if found.treatment is None:
            near = ", ".join(h.treatment.name for h in found.candidates[:5])
            fail(f"{name!r} does not clearly name one treatment" + (f"; closest: {near}" if near else ""), EXIT_NOT_FOUND)
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
                                               show_default=False, autocompletion=complete_treatment)],
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
    from msrx.datafile import write_atomically

    ref = reference_of(ctx)
    text = visit.text(resolve_all(ref, names), ref.dataset, fmt.value, as_json)
    if output is None:
        with writing():
            sys.stdout.write(text)
        return
    try:
        write_atomically(output, text)
    except OSError as exc:
        fail(f"error: cannot write {output}: {exc.strerror or exc}", EXIT_USAGE)
    say(f"msrx: wrote {output}")


@app.command()
def symptoms(
    ctx: typer.Context,
    symptom: Annotated[Optional[str], typer.Argument(help="A symptom id, everyday word (tired, stiffness) or name in another language (Schwindel).",
                                                     show_default=False, autocompletion=complete_symptom)] = None,
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
        columns = checked_columns(fields, render_formats.SYMPTOM_FIELDS, render_formats.SYMPTOM_FIELDS)
    else:
        columns = checked_columns(fields, render_formats.LIST_FIELDS, ("status", "id", "name", "category", "drug_class"))
    ref = reference_of(ctx)
    if symptom is None:
        counts = ref.symptom_counts()
        output(ctx, "symptoms", (counts, ref.dataset), as_json=as_json, fmt=fmt, fields=fields,
                rows=lambda: [{"id": s.id, "name": s.name, "words": list(s.words), "treatments": n} for s, n in counts],
                columns=columns)
        return
    found = ref.symptom(symptom)
    if found is None:
        if not (as_json or fmt):
            say_urgent(ref.dataset, symptom)
        fail(f"unknown symptom {symptom!r}; known symptoms: {', '.join(ref.dataset.symptoms)}", EXIT_NOT_FOUND)
    treatments = ref.for_symptom(found.id)
    output(ctx, "symptom", (found, treatments, ref.dataset), as_json=as_json, fmt=fmt, fields=fields,
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

    columns = checked_columns(fields, render_formats.SOURCE_FIELDS, render_formats.SOURCE_FIELDS)
    ref = reference_of(ctx)
    numbers = ref.dataset.source_numbers()
    rows = [(numbers[s.id], s, ref.cited_by(s.id)) for s in ref.sources()]
    if source is not None:
        rows = [r for r in rows if source in (str(r[0]), r[1].id)]
        if not rows:
            fail(f"no source {source!r}; 'msrx sources' lists them all", EXIT_NOT_FOUND)
    output(ctx, "sources", (rows, ref.dataset), as_json=as_json, fmt=fmt, fields=fields,
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
    ref = reference_of(ctx)
    years = ref.approval_timeline()
    if not years:
        fail("no dated FDA approvals in this dataset", EXIT_NOT_FOUND)
    draw(ctx, as_json, "timeline", years, ref.dataset)


@app.command()
def info(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Facts about the dataset: version, review date, counts by status and category, file.

    \b
    Examples:
      msrx info
      msrx --data my.toml info --json | jq .by_status

    Warns on stderr when the dataset was last reviewed more than a year ago.
    """
    ref = reference_of(ctx)
    ds = ref.dataset
    facts = ref.facts()
    draw(ctx, as_json, "info", facts, ds)
    if facts["review_age_days"] > 365:
        say(f"msrx: warning: this dataset was last reviewed on {ds.info.reviewed}, more than a year ago; "
             "statuses may have changed")


@app.command()
def changes(
    ctx: typer.Context,
    since: Annotated[Optional[str], typer.Option("--since", metavar="VERSION",
                                                 help="Only releases after this dataset version (YYYY.MM.DD[.N]).")] = None,
    treatment: Annotated[Optional[str], typer.Option("--treatment", "-t", metavar="NAME", autocompletion=complete_treatment,
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
        fail(f"error: --since {since!r} is not a dataset version ({VERSION_FORMAT}, e.g. 2026.11.27)", EXIT_USAGE)
    ref = reference_of(ctx)
    try:
        rows = ref.changes(since=since, treatment=treatment)
    except LookupError:
        fail(f"error: --treatment {treatment!r} names no treatment; try 'msrx search {treatment}'", EXIT_USAGE)
    if rows or as_json:
        draw(ctx, as_json, "changes", rows, ref.dataset)
    if not rows:
        say("msrx: no recorded change matches" if since or treatment else "msrx: this dataset records no changes")
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

    target = path or settings_of(ctx).data or bundled_path()
    try:
        dataset = load(target)
    except DataError as exc:
        if as_json:
            from msrx.render_json import emit

            with writing():
                emit({"file": str(target), "valid": False, "problems": [
                    {"file": p.path, "line": p.line, "treatment": p.treatment, "field": p.field, "message": p.message}
                    for p in exc.problems
                ]}, sys.stdout)
        else:
            for p in exc.problems:
                say(f"error: {p}")
            count = len(exc.problems)
            say(f"{target}: {count} problem{'s' if count != 1 else ''}")
        raise typer.Exit(EXIT_DATA) from None
    counts = {"treatments": len(dataset.treatments), "sources": len(dataset.sources), "symptoms": len(dataset.symptoms)}
    with writing():
        if as_json:
            from msrx.render_json import emit

            emit({"file": str(target), "valid": True, "problems": [], **counts}, sys.stdout)
        else:
            from msrx.textsafe import safe

            typer.echo(safe(f"{target}: valid ({counts['treatments']} treatments, {counts['sources']} sources, "
                            f"{counts['symptoms']} symptoms)"))


# -- process entry point ----------------------------------------------------
