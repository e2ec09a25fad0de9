"""One table of treatment fields: what each holds, how it is checked, labelled and shown.

Everything that lists treatment fields derives from FIELDS: the loader's
checks, the JSON record (records.full), the cache rows (store.py), the
labels and sections of `show`, the rows of `compare`, the sections of the
visit sheet and the fields `--fields` accepts. Tests check that
model.Treatment and the JSON schema's treatment definition agree with it.
Adding a field is an entry here plus its slot in model.Treatment.

A block (administration, pregnancy, ...) is a sub-table with its own fields
(`sub`), each described the same way; its model is a NamedTuple whose
fields are `sub` in order.
"""

import datetime as _dt
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from msrx import model

NOT_STATED = "not stated"


class Field(NamedTuple):
    name: str
    # str, list (of strings), int, date: checked by the loader's table checks;
    # revision (YYYY-MM-DD or YYYY-MM), block (a sub-table), blocks (an array of
    # sub-tables) and, inside blocks, days (a positive whole number), choice
    # (one of `choices`) and ids (source ids): checked by `check` below.
    kind: str
    required: bool = False
    label: str = ""  # in show and the visit sheet; inside a block, the prefix of its line ("" for none)
    section: str = ""  # show section: about, safety, living, sources or record (the visit sheet takes living and safety)
    compare: tuple[tuple[str, tuple[str, ...]], ...] = ()  # compare rows: (label, the block fields in it; () = all)
    export: bool = False  # accepted by --fields (list, search, symptoms SYMPTOM, compare)
    show: str = "line"  # line, join (a comma-separated list) or bullets
    empty: str | None = None  # shown for an empty value; None leaves the line out
    may_be_empty: bool = False  # a list that may be [] (else it needs an item)
    sub: tuple["Field", ...] = ()
    model: Any = None  # a block's NamedTuple
    choices: tuple[str, ...] = ()  # a choice's values, or what each item of a list may be
    any_of: tuple[str, ...] = ()  # a block needs at least one of these
    statuses: tuple[str, ...] = ()  # set only on treatments of these statuses (() = any)


def _sources() -> Field:
    return Field("sources", "ids", True, "Sources")


def _summary() -> Field:
    return Field("summary", "str", True)


FIELDS: tuple[Field, ...] = (
    Field("id", "str", True, "ID", "about", export=True),
    Field("name", "str", True, "Name", "about", export=True),
    Field("status", "str", True, "Status", "about", (("Status", ()),), True),
    Field("category", "str", True, "Category", "about", (("Category", ()),), True),
    Field("drug_class", "str", True, "Drug class", "about", (("Class", ()),), True),
    Field("brands", "list", True, "Brands", "about", (("Brands", ()),), True, "join", may_be_empty=True),
    Field("aliases", "list", True, "Also known as", "about", export=True, show="join", may_be_empty=True),
    Field("devices", "list", False, "Devices", "about", export=True, show="join", may_be_empty=True),
    Field("routes", "list", True, "Routes", "about", (("Routes", ()),), True, "join"),
    Field("symptoms", "list", True, "Symptoms", "about", export=True, show="join", may_be_empty=True),
    Field("ms_forms", "list", False, "Forms of MS", "about", (("Forms of MS", ()),), True, "join", may_be_empty=True,
          choices=model.MS_FORMS),
    Field("fda_approval_year", "int", False, "FDA approval for MS", "about", (("FDA approval (MS)", ()),), True, empty="none",
          statuses=("approved", "withdrawn")),
    Field("trial_phase", "choice", False, "Furthest trial phase", "about", (("Trial phase", ()),), True,
          choices=model.TRIAL_PHASES, statuses=("investigational",)),
    Field("use", "str", True, "Use", "about", (("Use", ()),), True),
    Field("side_effects", "list", True, "Side effects", "safety", (("Side effects", ()),), True, "bullets",
          "(none recorded)", may_be_empty=True),
    Field("warnings", "list", True, "Warnings", "safety", (("Warnings", ()),), True, "bullets", "(none recorded)",
          may_be_empty=True),
    Field("evidence", "str", True, "Evidence", "about", (("Evidence", ()),), True),
    Field("administration", "block", False, "How taken", "living",
          (("How taken", ("setting", "schedule", "products")), ("How often", ("interval_days", "products"))),
          True, empty=NOT_STATED, model=model.Administration, sub=(
              Field("setting", "str", True, "Where"),
              Field("schedule", "str", True, "Schedule"),
              Field("interval_days", "days", False, "Interval"),
              Field("notes", "str", False, "Notes"),
              Field("products", "blocks", False, "Products", model=model.Product, sub=(
                  Field("brand", "str", True),
                  Field("schedule", "str", True),
                  Field("interval_days", "days", False),
              )),
              _sources(),
          )),
    Field("monitoring", "blocks", False, "Monitoring", "living", (("Monitoring", ()),), True, empty=NOT_STATED,
          model=model.Monitoring, sub=(Field("test", "str", True), Field("when", "str", True), _sources())),
    Field("pregnancy", "block", False, "Pregnancy", "living", (("Pregnancy", ()),), True, empty=NOT_STATED,
          model=model.Pregnancy, sub=(_summary(), Field("washout", "str", False, "Washout"), _sources())),
    Field("breastfeeding", "block", False, "Breastfeeding", "living", (("Breastfeeding", ()),), True, empty=NOT_STATED,
          model=model.Breastfeeding, sub=(_summary(), _sources())),
    Field("vaccines", "block", False, "Vaccines", "living", (("Vaccines", ()),), True, empty=NOT_STATED,
          model=model.Vaccines, any_of=("live", "non_live"),
          sub=(Field("live", "str", False, "Live"), Field("non_live", "str", False, "Non-live"), _sources())),
    Field("effectiveness", "block", False, "Effectiveness", "living", (("Effectiveness", ()),), True, empty=NOT_STATED,
          model=model.Effectiveness, sub=(
              Field("trial", "str", True, "Trial"),
              Field("comparator", "str", True, "Compared with"),
              Field("result", "str", True, "Result"),
              Field("tier", "choice", False, "Efficacy tier", choices=("high", "moderate")),
              _sources(),
          )),
    Field("stopping", "block", False, "Stopping", "living", (("Stopping", ()),), True, empty=NOT_STATED,
          model=model.Stopping, sub=(_summary(), _sources())),
    Field("sources", "list", True, "Sources", "sources", (("Sources", ()),)),
    Field("reviewed", "date", True, "Reviewed", "record", export=True),
    Field("label_revised", "revision", False, "Label checked", "record", (("Label checked", ()),), True),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
# The fields --fields accepts, in table order.
EXPORT: tuple[str, ...] = tuple(f.name for f in FIELDS if f.export)
# The rows of `compare`: (field, label, the block fields in the row).
COMPARE_ROWS: tuple[tuple[Field, str, tuple[str, ...]], ...] = tuple(
    (f, label, only) for f in FIELDS for label, only in f.compare
)
# What the loader's table checks handle, as Python types; the other kinds are `check`'s.
PYTYPES: dict[str, type] = {"str": str, "list": list, "int": int, "date": _dt.date}
CHECKED: tuple[Field, ...] = tuple(f for f in FIELDS if f.kind not in PYTYPES)
# Fields only some statuses may carry (an FDA approval year, a trial phase).
STATUS_ONLY: tuple[Field, ...] = tuple(f for f in FIELDS if f.statuses)
_BLOCKS: tuple[tuple[int, Field], ...] = tuple(
    (model.Treatment._fields.index(f.name), f) for f in FIELDS if f.kind in ("block", "blocks")
)
# A pattern string, compiled (and cached by re) on first use: only a dataset read from TOML, not the cache, is checked.
_REVISION = r"^[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?$"

# A problem found by `check`: the path to the value (field names, and
# 0-based item numbers inside arrays of tables) and what is wrong with it.
Issue = tuple[tuple["str | int", ...], str]


def simple_value(f: Field, value: Any) -> Any:
    """A checked value of a table-checked field, as the model holds it."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def check(f: Field, value: Any, cite: Callable[[str], str | None], path: tuple[str | int, ...] = ()) -> tuple[Any, list[Issue]]:
    """Check a value of one of the CHECKED kinds; return it as the model holds it, and the problems.

    `cite` says what is wrong with a cited source id (None: nothing).
    """
    here = (*path, f.name)
    if f.kind == "block":
        return _table(f, value, cite, here)
    if f.kind == "blocks":
        if not isinstance(value, list):
            return (), [(here, f"must be an array of tables ([[treatments.{path_name(here)}]]), not {describe(value)}")]
        items, issues = [], []
        for n, item in enumerate(value):
            built, more = _table(f, item, cite, (*here, n))
            items.append(built)
            issues += more
        return tuple(items), issues
    if f.kind == "revision":
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return value.isoformat(), []
        if isinstance(value, str) and re.match(_REVISION, value) and _valid_revision(value):
            return value, []
        return None, [(here, f"must be a date as YYYY-MM-DD or YYYY-MM, not {value!r}")]
    if f.kind == "str":
        if not isinstance(value, str):
            return None, [(here, f"must be a string, not {describe(value)}")]
        return value, [] if value.strip() else [(here, "must not be empty")]
    if f.kind == "days":
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value, []
        return None, [(here, f"must be a whole number of days greater than 0, not {value!r}")]
    if f.kind == "choice":
        if value in f.choices:
            return value, []
        return None, [(here, f"must be one of: {', '.join(f.choices)} (not {value!r})")]
    if f.kind == "ids":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            return (), [(here, "must list at least one source id")]
        issues = [(here, message) for v in value if (message := cite(v))]
        if len(set(value)) != len(value):
            issues.append((here, "lists the same source twice"))
        return tuple(value), issues
    raise ValueError(f"field {f.name!r} has an unknown kind {f.kind!r}")


def _table(f: Field, value: Any, cite: Callable[[str], str | None], here: tuple[str | int, ...]) -> tuple[Any, list[Issue]]:
    if not isinstance(value, dict):
        return None, [(here, f"must be a table, not {describe(value)}")]
    issues: list[Issue] = []
    parts: list[Any] = []
    for s in f.sub:
        if s.name not in value:
            if s.required:
                issues.append(((*here, s.name), "missing required field"))
            parts.append(() if s.kind in ("blocks", "ids") else None)
            continue
        built, more = check(s, value[s.name], cite, here)
        parts.append(built)
        issues += more
    known = [s.name for s in f.sub]
    for key in value:
        if key not in known:
            issues.append(((*here, key), f"unknown field (expected one of: {', '.join(known)})"))
    if f.any_of and not any(k in value for k in f.any_of):
        issues.append((here, f"needs at least one of: {', '.join(f.any_of)}"))
    return (None if issues else f.model(*parts)), issues


def _valid_revision(text: str) -> bool:
    try:
        _dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
    except ValueError:
        return False
    return True


def path_name(path: tuple[str | int, ...]) -> str:
    """A field path as people read it: administration.products[1].brand (items counted from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def describe(value: Any) -> str:
    """What kind of TOML value this is, for messages."""
    if isinstance(value, bool):
        return "true/false"
    for kind, word in ((str, "a string"), (int, "a number"), (float, "a number"), (list, "a list"), (dict, "a table")):
        if isinstance(value, kind):
            return word
    if isinstance(value, (_dt.datetime, _dt.time)):
        return "a date-time"
    if isinstance(value, _dt.date):
        return "a date"
    return type(value).__name__


# -- JSON and cache rows ------------------------------------------------------


def to_json(f: Field, value: Any) -> Any:
    """A model value as JSON: blocks as objects (or null), arrays of them as lists, tuples as lists."""
    if f.kind == "block":
        return None if value is None else {s.name: to_json(s, getattr(value, s.name)) for s in f.sub}
    if f.kind == "blocks":
        return [{s.name: to_json(s, getattr(item, s.name)) for s in f.sub} for item in value]
    if isinstance(value, tuple):
        return list(value)
    return value


def to_row(t: model.Treatment) -> tuple[Any, ...]:
    """A treatment as plain nested tuples (what marshal can store)."""
    return tuple(_plain(v) for v in t)


def _plain(value: Any) -> Any:
    return tuple(_plain(v) for v in value) if isinstance(value, tuple) else value


def from_row(row: tuple[Any, ...]) -> model.Treatment:
    """The inverse of to_row."""
    values = list(row)
    for i, f in _BLOCKS:
        values[i] = _build(f, values[i])
    return model.Treatment(*values)


def _build(f: Field, value: Any) -> Any:
    if f.kind == "blocks":
        return tuple(f.model(*(_build(s, v) for s, v in zip(f.sub, item, strict=True))) for item in value)
    if f.kind == "block":
        return None if value is None else f.model(*(_build(s, v) for s, v in zip(f.sub, value, strict=True)))
    return value
