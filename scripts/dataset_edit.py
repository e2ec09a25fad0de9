"""Maintainer tool: rewrite data/treatments.toml in its canonical layout, and
apply reviewed JSON patches to it.

    python scripts/dataset_edit.py format [PATH]
    python scripts/dataset_edit.py apply PATCH.json [PATCH.json ...] [--data PATH] [--version V]

Standard library only (tomllib needs Python 3.11; tomli is used on 3.10).
Not part of the installed package and never needed at run time.

A patch is a JSON object (see CONTRIBUTING notes in README "Updating the data"):
sources_add, sources_update, sources_retire, treatments_set, treatments_add,
symptoms_set, symptoms_add, changes. Every patch is applied in memory, the
result is written to a temporary file, checked with msrx's own loader, and
only then renamed over the dataset: a bad patch changes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

HEADER = (
    "# msrx dataset: multiple sclerosis treatments, their US FDA status for MS, and sources.\n"
    '# Format and status words: see README.md ("The dataset"). Check with: msrx validate data/treatments.toml\n'
)
INLINE_MAX = 110  # a list that fits on one line this long stays on one line

TREATMENT_ORDER = (
    "id", "name", "brands", "aliases", "devices", "status", "category", "drug_class", "routes", "ms_forms", "symptoms", "use",
    "side_effects", "warnings", "evidence", "fda_approval_year", "trial_phase", "label_revised", "sources", "reviewed",
)
BLOCK_ORDER = ("administration", "monitoring", "pregnancy", "breastfeeding", "vaccines", "effectiveness", "stopping")
BLOCK_KEYS = {
    "administration": ("setting", "schedule", "interval_days", "notes", "sources"),
    "monitoring": ("test", "when", "sources"),
    "pregnancy": ("summary", "washout", "sources"),
    "breastfeeding": ("summary", "sources"),
    "vaccines": ("live", "non_live", "sources"),
    "effectiveness": ("trial", "comparator", "result", "tier", "sources"),
    "stopping": ("summary", "sources"),
}
PRODUCT_KEYS = ("brand", "schedule", "interval_days")
SYMPTOM_ORDER = ("id", "name", "words", "note", "first_choice", "first_choice_sources", "urgent", "urgent_words", "urgent_sources", "sources",
                 "phrases", "translations")
SOURCE_ORDER = ("id", "title", "publisher", "year", "url")
CHANGE_ORDER = ("version", "treatment", "summary")


def _str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, str):
        return _str(v)
    if isinstance(v, dict):  # an inline table: a symptom's phrase {text, page} or translation {text, lang, source}
        return "{ " + ", ".join(f"{k} = {_scalar(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {v!r}")


def _pair(key: str, v: Any) -> list[str]:
    if isinstance(v, list):
        inline = f"{key} = [{', '.join(_scalar(x) for x in v)}]"
        if len(inline) <= INLINE_MAX:
            return [inline]
        return [f"{key} = ["] + [f"    {_scalar(x)}," for x in v] + ["]"]
    return [f"{key} = {_scalar(v)}"]


def _table(row: dict[str, Any], order: tuple[str, ...], where: str) -> list[str]:
    unknown = [k for k in row if k not in order]
    if unknown:
        raise SystemExit(f"{where}: unknown keys {unknown}")
    out: list[str] = []
    for key in order:
        if key in row and row[key] is not None:
            out.extend(_pair(key, row[key]))
    return out


def dumps(doc: dict[str, Any]) -> str:
    out = [HEADER.rstrip("\n"), "", "[dataset]"]
    for key, value in doc["dataset"].items():
        out.extend(_pair(key, value))
    out += ["", "# ---- symptom vocabulary: ids used by treatments, with the everyday words people type ----"]
    for s in doc.get("symptoms", []):
        out += ["", "[[symptoms]]", *_table(s, SYMPTOM_ORDER, f"symptom {s.get('id')}")]
    out += ["", "# ---- treatments ----"]
    for t in doc.get("treatments", []):
        where = f"treatment {t.get('id')}"
        flat = {k: v for k, v in t.items() if k not in BLOCK_ORDER}
        out += ["", "[[treatments]]", *_table(flat, TREATMENT_ORDER, where)]
        for block in BLOCK_ORDER:
            value = t.get(block)
            if not value:
                continue
            if block == "monitoring":
                for item in value:
                    out += ["[[treatments.monitoring]]", *_table(item, BLOCK_KEYS[block], where + " monitoring")]
                continue
            body = {k: v for k, v in value.items() if k != "products"}
            out += [f"[treatments.{block}]", *_table(body, BLOCK_KEYS[block], f"{where} {block}")]
            for product in value.get("products") or []:
                out += ["[[treatments.administration.products]]", *_table(product, PRODUCT_KEYS, where + " product")]
    out += ["", "# ---- sources ----"]
    for s in doc.get("sources", []):
        out += ["", "[[sources]]", *_table(s, SOURCE_ORDER, f"source {s.get('id')}")]
    if doc.get("changes"):
        out += ["", "# ---- what changed in each dataset release, per treatment ----"]
        for c in doc["changes"]:
            out += ["", "[[changes]]", *_table(c, CHANGE_ORDER, "change")]
    return "\n".join(out) + "\n"


def load(path: str) -> dict[str, Any]:
    with open(path, "rb") as f:
        return tomllib.load(f)


def _date(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def apply(doc: dict[str, Any], patch: dict[str, Any], version: str, log: list[str]) -> None:
    name = patch.get("batch", "?")
    sources = {s["id"]: s for s in doc["sources"]}
    treatments = {t["id"]: t for t in doc["treatments"]}
    symptoms = {s["id"]: s for s in doc["symptoms"]}

    for s in patch.get("sources_add", []):
        if s["id"] in sources:
            log.append(f"{name}: source {s['id']} already exists; updated in place")
            sources[s["id"]].update(s)
            continue
        doc["sources"].append(dict(s))
        sources[s["id"]] = doc["sources"][-1]
    for sid, fields in patch.get("sources_update", {}).items():
        if sid not in sources:
            log.append(f"{name}: sources_update of unknown source {sid} skipped")
            continue
        for k, v in fields.items():
            if v is None:
                sources[sid].pop(k, None)
            else:
                sources[sid][k] = v
    for tid, fields in patch.get("treatments_set", {}).items():
        if tid not in treatments:
            log.append(f"{name}: treatments_set of unknown treatment {tid} skipped")
            continue
        for k, v in fields.items():
            if v is None or (v == [] and k in BLOCK_ORDER):
                treatments[tid].pop(k, None)
            else:
                treatments[tid][k] = _date(v) if k == "reviewed" else v
    for t in patch.get("treatments_add", []):
        if t["id"] in treatments:
            log.append(f"{name}: treatment {t['id']} already exists; skipped")
            continue
        row = {k: (_date(v) if k == "reviewed" else v) for k, v in t.items() if v is not None}
        doc["treatments"].append(row)
        treatments[t["id"]] = row
    for sid, fields in patch.get("symptoms_set", {}).items():
        if sid not in symptoms:
            log.append(f"{name}: symptoms_set of unknown symptom {sid} skipped")
            continue
        symptoms[sid].update({k: v for k, v in fields.items() if v is not None})
    for s in patch.get("symptoms_add", []):
        if s["id"] in symptoms:
            log.append(f"{name}: symptom {s['id']} already exists; skipped")
            continue
        doc["symptoms"].append(dict(s))
        symptoms[s["id"]] = doc["symptoms"][-1]
    for old, new in patch.get("sources_retire", {}).items():
        if old not in sources:
            log.append(f"{name}: retire of unknown source {old} skipped")
            continue
        if new is not None and new not in sources:
            log.append(f"{name}: retire {old} -> unknown {new} skipped")
            continue
        for t in doc["treatments"]:
            t["sources"] = _swap(t["sources"], old, new)
            for block in BLOCK_ORDER:
                value = t.get(block)
                for item in value if isinstance(value, list) else [value] if value else []:
                    if "sources" in item:
                        item["sources"] = _swap(item["sources"], old, new)
        for s in doc["symptoms"]:
            if "sources" in s:
                s["sources"] = _swap(s["sources"], old, new)
        doc["sources"] = [s for s in doc["sources"] if s["id"] != old]
        sources.pop(old)
    for c in patch.get("changes", []):
        doc.setdefault("changes", []).append({"version": version, "treatment": c.get("treatment", ""), "summary": c["summary"]})


def _swap(ids: list[str], old: str, new: str | None) -> list[str]:
    out: list[str] = []
    for sid in ids:
        sid = new if sid == old else sid
        if sid is not None and sid not in out:
            out.append(sid)
    return out


def write_checked(doc: dict[str, Any], path: str, check: bool = True) -> None:
    text = dumps(doc)
    fd, tmp = tempfile.mkstemp(prefix=".treatments.", suffix=".toml", dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        if check:
            sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))
            from msrx.errors import DataError
            from msrx.loader import load as msrx_load

            try:
                msrx_load(tmp)
            except DataError as exc:
                for p in exc.problems:
                    print(f"line {p.line}: {p.treatment or ''} {p.field or ''}: {p.message}", file=sys.stderr)
                raise SystemExit(f"not written: the result does not validate ({len(exc.problems)} problems)") from None
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    fmt = sub.add_parser("format", help="rewrite the dataset in canonical layout")
    fmt.add_argument("path", nargs="?", default="data/treatments.toml")
    fmt.add_argument("--no-check", action="store_true")
    ap = sub.add_parser("apply", help="apply JSON patches")
    ap.add_argument("patches", nargs="+")
    ap.add_argument("--data", default="data/treatments.toml")
    ap.add_argument("--version", help="dataset version the changes belong to, which becomes the file's (default: the file's)")
    ap.add_argument("--no-check", action="store_true")
    args = parser.parse_args()
    if args.command == "format":
        write_checked(load(args.path), args.path, check=not args.no_check)
        return
    doc = load(args.data)
    version = args.version or doc["dataset"]["version"]
    doc["dataset"]["version"] = version  # a release's changes and the dataset's version go together
    log: list[str] = []
    for path in args.patches:
        with open(path, encoding="utf-8") as f:
            apply(doc, json.load(f), version, log)
    for line in log:
        print(line, file=sys.stderr)
    write_checked(doc, args.data, check=not args.no_check)


if __name__ == "__main__":
    main()
