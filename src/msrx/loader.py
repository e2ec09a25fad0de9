"""Reading a dataset file and validating every field of it.

Validation collects *all* problems before failing, so `msrx validate` can
report a whole file in one pass. Each problem names the file and, where the
TOML text lets us find it, the line. `validate` reads the tables in order
(dataset, symptoms, sources, treatments, changes), then checks what refers
across them; msrx.table_checks checks one table against its field spec.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import Any

from msrx.errors import DataError, Problem
from msrx.fields import CHECKED, FIELDS, PYTYPES, STATUS_ONLY, check, path_name, simple_value
from msrx.model import (
    CATEGORIES,
    STATUSES,
    Change,
    Dataset,
    DatasetInfo,
    Phrase,
    Source,
    Symptom,
    Translation,
    Treatment,
)
from msrx.table_checks import check_fields, tables
from msrx.toml_lines import Lines, nested_line

# Derived from the one table of treatment fields (msrx.fields): the kinds
# these table checks do not know (label_revised, the blocks) pass here as
# `object` and are checked by fields.check.
TREATMENT_FIELDS: dict[str, tuple[type, bool]] = {f.name: (PYTYPES.get(f.kind, object), f.required) for f in FIELDS}
# What a treatment takes for an optional field it leaves out (None, or () for a list).
_DEFAULTS: dict[str, Any] = Treatment._field_defaults
# Lists whose items come from a fixed vocabulary (ms_forms).
_LISTED_CHOICES = tuple(f for f in FIELDS if f.kind == "list" and f.choices)
# The naming fields, and what one of their values is called in messages ("the alias of ...").
_ONE_OF = {"name": "name", "brands": "brand", "aliases": "alias", "devices": "device"}
SOURCE_FIELDS: dict[str, tuple[type, bool]] = {
    "id": (str, True),
    "title": (str, True),
    "publisher": (str, True),
    "year": (int, False),
    "url": (str, True),
}
SYMPTOM_FIELDS: dict[str, tuple[type, bool]] = {
    "id": (str, True),
    "name": (str, True),
    "words": (list, True),
    "note": (str, False),  # how the symptom is managed without a drug
    "sources": (list, False),  # the sources of the note
    "phrases": (Phrase, False),  # [{text, page}]: patients' own words, with the page they are from
    "first_choice": (list, False),  # treatment ids its sources name as the usual first choice, most usual first
    "first_choice_sources": (list, False),  # the sources that say which come first
    "urgent": (str, False),  # where to get help now (a crisis line), sourced like the note
    "urgent_words": (list, False),  # the query words that call for it ("suicide", "self-harm")
    "urgent_sources": (list, False),  # the sources of the urgent message
    "translations": (Translation, False),  # [{text, lang, source}]: its names in other languages
}
# A dataset release's change log: `treatment` is a treatment id, or "" for
# a change to the dataset as a whole.
CHANGE_FIELDS: dict[str, tuple[type, bool]] = {
    "version": (str, True),
    "treatment": (str, True),
    "summary": (str, True),
}
TOP_LEVEL = ("dataset", "symptoms", "sources", "treatments", "changes")


def normalise_name(text: str) -> str:
    """The form in which two names count as the same (case, spaces, punctuation)."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def read_text(path: str, raw: bytes | None = None) -> str:
    """A dataset file as text (`raw`: its bytes, if already read); every failure is a DataError."""
    shown = path
    if raw is None:
        from msrx.datafile import read

        raw = read(path)
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise DataError([Problem(shown, "is a binary file, not TOML text: it holds a NUL byte", line=line)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(shown, "is not valid UTF-8 text", line=line)]) from None


def parse_toml(text: str, shown: str) -> dict[str, Any]:
    import tomli  # lazy: the cache path never needs the TOML parser

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        message = getattr(exc, "msg", None) or str(exc)
        # Older tomli only has the position inside the message.
        m = re.search(r"\(at line (\d+), column \d+\)", message)
        if m and line is None:
            line = int(m.group(1))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        message = re.sub(r"\s*\(at end of document\)", "", message)
        raise DataError([Problem(shown, f"is not valid TOML: {message}", line=line)]) from None
    except RecursionError:
        raise DataError([Problem(shown, "is not valid TOML: nested too deeply")]) from None


def load(path: str | os.PathLike[str], raw: bytes | None = None) -> Dataset:
    """Read (unless `raw` holds its bytes), parse and validate a dataset file. Raises DataError with every problem."""
    p = os.fspath(path)
    text = read_text(p, raw)
    doc = parse_toml(text, p)
    return validate(doc, text, p)


def validate(doc: dict[str, Any], text: str, shown: str) -> Dataset:
    """Turn a parsed TOML document into a Dataset, or raise DataError listing every problem."""
    lines = Lines(text)
    problems: list[Problem] = []

    def problem(message: str, line: int | None = None, treatment: str | None = None, field: str | None = None) -> None:
        problems.append(Problem(shown, message, line=line, treatment=treatment, field=field))

    if not doc:
        raise DataError([Problem(shown, "is empty: expected [dataset], [[symptoms]], [[sources]] and [[treatments]] tables")])
    for key in doc:
        if key not in TOP_LEVEL:
            problem(f"unknown top-level key {key!r}", line=_top_line(lines, key))

    info = _dataset_info(doc.get("dataset"), lines, problem)
    symptoms, noted = _symptoms(doc, lines, problem)
    sources = _sources(doc, lines, problem)
    _check_symptom_sources(symptoms, noted, sources, lines, problem)
    treatments = _treatments(doc, lines, problem, symptoms, sources)
    if "treatments" in doc and not problems and not treatments:
        problem("holds no treatments")
    if "treatments" not in doc:
        problem("has no [[treatments]] tables")
    # Checks that refer to treatments read every treatment written in the file, valid
    # or not, so that a treatment with its own problem does not make them fail too.
    written = _written_treatments(doc)
    _check_first_choices(written, symptoms, noted, lines, problem)
    changes = _changes(doc, written, lines, problem)

    if problems:
        raise DataError(problems)
    assert info is not None
    return Dataset(info=info, path=shown, treatments=treatments, sources=sources, symptoms=symptoms, changes=changes)


def _symptoms(doc: dict[str, Any], lines: Lines, problem: Any) -> tuple[dict[str, Symptom], list[tuple[int, str]]]:
    """The `[[symptoms]]` rows, and those (row, id) with a note, sources, an
    urgent message or first choices, checked once sources and treatments are read."""
    symptoms: dict[str, Symptom] = {}
    noted: list[tuple[int, str]] = []
    for i, raw in tables(doc, "symptoms", problem, lines):
        row = check_fields(raw, SYMPTOM_FIELDS, "symptoms", i, lines, problem, label="symptom")
        if row is None:
            continue
        sid = row["id"]
        if sid in symptoms:
            problem(f"symptom id {sid!r} is defined twice", lines.of("symptoms", i, "id"), field="id")
            continue
        symptoms[sid] = Symptom(id=sid, name=row["name"], words=tuple(row["words"]), note=row.get("note"),
                                sources=tuple(row.get("sources", ())),
                                phrases=tuple(Phrase(p["text"], p["page"]) for p in row.get("phrases", ())),
                                first_choice=tuple(row.get("first_choice", ())),
                                first_choice_sources=tuple(row.get("first_choice_sources", ())),
                                urgent=row.get("urgent"), urgent_words=tuple(row.get("urgent_words", ())),
                                urgent_sources=tuple(row.get("urgent_sources", ())),
                                translations=tuple(Translation(t["text"], t["lang"], t["source"])
                                                   for t in row.get("translations", ())))
        urgent = [k for k in ("urgent", "urgent_words", "urgent_sources") if k in row]
        if urgent and len(urgent) < 3:
            problem(f"symptom {sid!r}: urgent, urgent_words and urgent_sources go together (the message, the words "
                    "that call for it, and its sources)", lines.of("symptoms", i, urgent[0]), field=urgent[0])
        chosen = [k for k in ("first_choice", "first_choice_sources") if k in row]
        if len(chosen) == 1:
            problem(f"symptom {sid!r}: first_choice and first_choice_sources go together (the treatments, and the "
                    "sources that say they come first)", lines.of("symptoms", i, chosen[0]), field=chosen[0])
        if "note" in row or "sources" in row or urgent or chosen or "translations" in row:
            noted.append((i, sid))
    return symptoms, noted


def _sources(doc: dict[str, Any], lines: Lines, problem: Any) -> dict[str, Source]:
    """The `[[sources]]` rows: unique ids, https URLs."""
    sources: dict[str, Source] = {}
    for i, raw in tables(doc, "sources", problem, lines):
        row = check_fields(raw, SOURCE_FIELDS, "sources", i, lines, problem, label="source")
        if row is None:
            continue
        src_id = row["id"]
        if not row["url"].startswith("https://"):
            problem(f"source {src_id!r}: url must start with https://", lines.of("sources", i, "url"), field="url")
        if src_id in sources:
            problem(f"source id {src_id!r} is defined twice", lines.of("sources", i, "id"), field="id")
            continue
        sources[src_id] = Source(id=src_id, title=row["title"], publisher=row["publisher"], year=row.get("year"), url=row["url"])
    return sources


def _check_symptom_sources(symptoms: dict[str, Symptom], noted: list[tuple[int, str]], sources: dict[str, Source],
                           lines: Lines, problem: Any) -> None:
    for i, sid in noted:
        sym = symptoms[sid]
        # Sources back the note and the everyday words; a note without a source is a claim without one.
        if sym.note is not None and not sym.sources:
            problem(f"symptom {sid!r}: a note needs its sources", lines.of("symptoms", i, "sources"), field="sources")
        for key in ("sources", "urgent_sources", "first_choice_sources"):
            for ref in getattr(sym, key):
                if ref not in sources:
                    problem(f"symptom {sid!r}: cites source {ref!r}, which is not defined in [[sources]]",
                            lines.of("symptoms", i, key), field=key)
        for ref in sorted({t.source for t in sym.translations} - set(sources)):
            problem(f"symptom {sid!r}: a translation cites source {ref!r}, which is not defined in [[sources]]",
                    lines.of("symptoms", i, "translations"), field="translations")


def _treatments(doc: dict[str, Any], lines: Lines, problem: Any, symptoms: dict[str, Symptom],
                sources: dict[str, Source]) -> list[Treatment]:
    """The `[[treatments]]` rows that have no problem; every problem is reported."""
    treatments: list[Treatment] = []
    seen_ids: dict[str, int] = {}
    owners: dict[str, tuple[str, str]] = {}  # normalised name -> (treatment id, field)
    this_year = _dt.date.today().year
    for i, raw in tables(doc, "treatments", problem, lines):
        row = check_fields(raw, TREATMENT_FIELDS, "treatments", i, lines, problem, label="treatment")
        if row is None:
            continue
        tid = row["id"]
        found: list[str] = []  # this row's problems: a row with any is left out

        def report(message: str, line: int | None, field: str, _found: list[str] = found, _tid: str = tid) -> None:
            _found.append(message)
            problem(message, line, _tid, field)

        def at(key: str, _i: int = i) -> int | None:
            return lines.of("treatments", _i, key)

        if tid in seen_ids:
            report("id is used by another treatment", at("id"), "id")
        seen_ids[tid] = i
        if row["status"] not in STATUSES:
            report(f"unknown status {row['status']!r} (expected one of: {', '.join(STATUSES)})", at("status"), "status")
        if row["category"] not in CATEGORIES:
            report(f"unknown category {row['category']!r} (expected one of: {', '.join(CATEGORIES)})", at("category"), "category")
        for f in _LISTED_CHOICES:
            for value in row.get(f.name, ()):
                if value not in f.choices:
                    report(f"unknown {f.name} value {value!r} (expected one of: {', '.join(f.choices)})", at(f.name), f.name)
        for sym in row["symptoms"]:
            if sym not in symptoms:
                report(f"unknown symptom {sym!r} (not in [[symptoms]])", at("symptoms"), "symptoms")
        for ref in row["sources"]:
            if ref not in sources:
                report(f"cites source {ref!r}, which is not defined in [[sources]]", at("sources"), "sources")
        year = row.get("fda_approval_year")
        if year is not None and not 1900 <= year <= this_year + 1:
            report(f"fda_approval_year {year} is not a plausible year", at("fda_approval_year"), "fda_approval_year")
        for f in STATUS_ONLY:
            if row.get(f.name) is not None and row["status"] not in f.statuses:
                report(f"{f.name} is set but status is {row['status']!r} (only {' or '.join(f.statuses)} treatments have one)",
                       at(f.name), f.name)
        for fld in _ONE_OF:
            values = [row[fld]] if fld == "name" else row.get(fld, ())
            for value in values:
                key = normalise_name(value)
                if not key:
                    continue
                other = owners.get(key)
                if other and other[0] != tid:
                    report(f"{value!r} is already the {other[1]} of treatment {other[0]!r}", at(fld), fld)
                elif not other:
                    owners[key] = (tid, _ONE_OF[fld])
        own = set(row["sources"])

        def cite(ref: str, _own: set[str] = own) -> str | None:
            if ref not in sources:
                return f"cites source {ref!r}, which is not defined in [[sources]]"
            if ref not in _own:
                return f"cites source {ref!r}, which is not in the treatment's own sources"
            return None

        values = {f.name: simple_value(f, row.get(f.name, _DEFAULTS.get(f.name))) for f in FIELDS if f.kind in PYTYPES}
        for f in CHECKED:
            if f.name in row:
                values[f.name], issues = check(f, row[f.name], cite)
                for path, message in issues:
                    report(message, nested_line(lines, i, path), path_name(path))
        if not found:
            treatments.append(Treatment(**values))
    return treatments


def _check_first_choices(written: list[dict[str, Any]], symptoms: dict[str, Symptom], noted: list[tuple[int, str]],
                         lines: Lines, problem: Any) -> None:
    """A first choice is a treatment for the symptom: a treatment written in the file lists it."""
    for i, sid in noted:
        treats = {t.get("id") for t in written if isinstance(t.get("symptoms"), list) and sid in t["symptoms"]}
        for tid in symptoms[sid].first_choice:
            if tid not in treats:
                problem(f"symptom {sid!r}: first_choice names {tid!r}, which is not a treatment listing this symptom",
                        lines.of("symptoms", i, "first_choice"), field="first_choice")


def _written_treatments(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every treatment table written in the file, valid or not (for checks that
    must not echo a treatment's own problem)."""
    raw = doc.get("treatments")
    return [t for t in raw if isinstance(t, dict)] if isinstance(raw, list) else []


def _changes(doc: dict[str, Any], written: list[dict[str, Any]], lines: Lines, problem: Any) -> list[Change]:
    """The `[[changes]]` rows: a version in the dataset's format, a treatment written in the
    file (or ""), a summary."""
    from msrx.changes import VERSION_FORMAT, version_key

    known = {t["id"] for t in written if isinstance(t.get("id"), str)}
    out: list[Change] = []
    for i, raw in tables(doc, "changes", problem, lines):
        row = check_fields(raw, CHANGE_FIELDS, "changes", i, lines, problem, label="change", blank_ok=("treatment",))
        if row is None:
            continue
        ok = True
        if version_key(row["version"]) is None:
            problem(f"change {i + 1}: version {row['version']!r} is not a dataset version ({VERSION_FORMAT}, a real date)",
                    lines.of("changes", i, "version"), field="version")
            ok = False
        if row["treatment"] != "" and row["treatment"] not in known:
            problem(f"change {i + 1}: unknown treatment {row['treatment']!r} (not in [[treatments]]; "
                    '"" marks a change to the whole dataset)', lines.of("changes", i, "treatment"), field="treatment")
            ok = False
        if ok:
            out.append(Change(version=row["version"], treatment=row["treatment"], summary=row["summary"]))
    return out


def _top_line(lines: Lines, key: str) -> int | None:
    return lines.top.get(key)


def _dataset_info(raw: Any, lines: Lines, problem: Any) -> DatasetInfo | None:
    line = _top_line(lines, "dataset")
    if raw is None:
        problem("has no [dataset] table (with version and reviewed)")
        return None
    if not isinstance(raw, dict):
        problem("[dataset] must be a table", line)
        return None
    ok = True
    version = raw.get("version")
    reviewed = raw.get("reviewed")
    if not isinstance(version, str) or not version:
        problem("[dataset] needs version, a non-empty string", line, field="version")
        ok = False
    if not isinstance(reviewed, _dt.date) or isinstance(reviewed, _dt.datetime):
        problem("[dataset] needs reviewed, a date (YYYY-MM-DD)", line, field="reviewed")
        ok = False
    title = raw.get("title", "")
    if not isinstance(title, str):
        problem("[dataset] title must be a string", line, field="title")
        ok = False
    for key in raw:
        if key not in ("version", "reviewed", "title"):
            problem(f"[dataset] has an unknown key {key!r}", line, field=key)
            ok = False
    if not ok:
        return None
    assert isinstance(version, str) and isinstance(reviewed, _dt.date)
    return DatasetInfo(version=version, reviewed=reviewed.isoformat(), title=title)
