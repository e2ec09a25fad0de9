"""The one table of treatment fields: the model, the JSON record, the schema and the cache agree with it."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import pytest

from msrx import fields, records
from msrx.fields import FIELDS, Field
from msrx.loader import TREATMENT_FIELDS, load
from msrx.model import Treatment
from msrx.store import open_dataset

LIVING = Path(__file__).resolve().parent.parent / "living.toml"


def test_model_has_exactly_the_table_fields() -> None:
    assert set(Treatment._fields) == {f.name for f in FIELDS}
    assert list(TREATMENT_FIELDS) == [f.name for f in FIELDS]


def blocks(table: tuple[Field, ...] = FIELDS) -> list[Field]:
    found = []
    for f in table:
        if f.kind in ("block", "blocks"):
            found += [f, *blocks(f.sub)]
    return found


@pytest.mark.parametrize("block", blocks(), ids=lambda f: f.name)
def test_each_block_model_lists_its_sub_fields_in_order(block: Field) -> None:
    assert block.model._fields == tuple(s.name for s in block.sub)


def test_compare_rows_name_real_block_fields() -> None:
    for f, label, only in fields.COMPARE_ROWS:
        assert label and set(only) <= {s.name for s in f.sub}
    labels = [label for _, label, _ in fields.COMPARE_ROWS]
    for wanted in ("How taken", "How often", "Monitoring", "Pregnancy", "Breastfeeding", "Vaccines", "Effectiveness", "Stopping"):
        assert wanted in labels


# -- the JSON schema agrees with the table -----------------------------------------


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def types(node: dict[str, Any]) -> set[str]:
    if "enum" in node:
        return {"null" if v is None else "string" for v in node["enum"]}
    kind = node.get("type", [])
    return {kind} if isinstance(kind, str) else set(kind)


JSON_TYPES = {"str": "string", "list": "array", "int": "integer", "date": "string", "revision": "string",
              "block": "object", "blocks": "array", "days": "integer", "choice": "string", "ids": "array"}


def check_object(schema: dict[str, Any], node: dict[str, Any], table: tuple[Field, ...], where: str) -> None:
    names = [f.name for f in table]
    assert list(node["properties"]) == names, where
    assert set(node["required"]) == set(names), f"{where}: every key is always present (null or [] when empty)"
    assert node.get("additionalProperties") is False, where
    for f in table:
        prop = resolve(schema, node["properties"][f.name])
        kinds = types(prop)
        assert JSON_TYPES[f.kind] in kinds, f"{where}.{f.name}"
        nullable = "null" in kinds
        if f.kind in ("list", "blocks", "ids"):
            assert not nullable, f"{where}.{f.name}: a list is [] when empty, never null"
        else:
            assert nullable == (not f.required or f.kind == "block"), f"{where}.{f.name}"
        if f.kind == "choice":
            assert set(prop["enum"]) - {None} == set(f.choices)
        if f.kind == "list" and f.choices:  # ms_forms: each item one of the table's words
            assert set(resolve(schema, prop["items"])["enum"]) == set(f.choices), f"{where}.{f.name}"
        if f.kind == "ids":
            assert prop.get("minItems") == 1
        if f.kind == "block":
            check_object(schema, prop, f.sub, f"{where}.{f.name}")
        if f.kind == "blocks":
            check_object(schema, resolve(schema, prop["items"]), f.sub, f"{where}.{f.name}[]")


def test_schema_treatment_agrees_with_the_table(schema: dict[str, Any]) -> None:
    treatment = dict(schema["$defs"]["treatment"])
    # `sources` is the one field the JSON enriches: numbered source objects instead of ids.
    sources = resolve(schema, treatment["properties"]["sources"]["items"])
    assert {"number", "id", "title", "url"} <= set(sources["properties"])
    table = tuple(f._replace(kind="list") if f.name == "sources" else f for f in FIELDS)
    check_object(schema, treatment, table, "treatment")


# -- JSON record and cache rows -------------------------------------------------------


def test_full_record_follows_the_table_and_carries_the_blocks(check_json: Any) -> None:
    ds = load(LIVING)
    alpha = ds.get("alphamab")
    assert alpha is not None
    r = records.full(alpha, ds)
    check_json("show", r)
    assert list(r) == [f.name for f in FIELDS]
    assert r["label_revised"] == "2025-03-27"
    assert r["administration"] == {
        "setting": "infusion centre",
        "schedule": "300 mg IV, then 300 mg two weeks later; then 600 mg every 6 months",
        "interval_days": 182,
        "notes": "infusion takes about 3.5 hours; premedication with a steroid and an antihistamine",
        "products": [],
        "sources": ["label-alpha"],
    }
    assert r["monitoring"][0] == {"test": "hepatitis B screening", "when": "before the first dose", "sources": ["label-alpha"]}
    assert r["effectiveness"]["tier"] == "high" and r["effectiveness"]["comparator"].startswith("interferon")
    beta = records.full(ds.get("betaferon"), ds)  # type: ignore[arg-type]
    check_json("show", beta)
    assert [p["interval_days"] for p in beta["administration"]["products"]] == [2, 7]
    assert beta["administration"]["interval_days"] is None and beta["administration"]["notes"] is None
    assert (beta["monitoring"], beta["pregnancy"], beta["vaccines"], beta["stopping"]) == ([], None, None, None)
    delta = records.full(ds.get("deltamide"), ds)  # type: ignore[arg-type]
    check_json("show", delta)
    assert delta["administration"] is None and delta["label_revised"] is None


def test_cache_rows_round_trip_every_field(isolated_env: Path) -> None:
    ds = load(LIVING)
    for t in ds.treatments:
        row = marshal.loads(marshal.dumps(fields.to_row(t)))
        assert fields.from_row(row) == t
    cold, _ = open_dataset(LIVING)
    warm, _ = open_dataset(LIVING)
    assert type(warm.treatments).__name__ == "LazyTreatments"
    assert list(warm.treatments) == list(cold.treatments) == list(ds.treatments)
    assert warm.symptoms == ds.symptoms and warm.symptoms["heat-sensitivity"].note
    # Sources and changes come back lazily, but whole and in order.
    assert type(warm.sources).__name__ == "LazySources"
    assert list(warm.sources.items()) == list(ds.sources.items()) and len(warm.sources) == len(ds.sources)
    assert list(warm.changes) == list(ds.changes)


def test_path_names_count_items_from_one() -> None:
    assert fields.path_name(("administration", "products", 0, "brand")) == "administration.products[1].brand"
    assert fields.path_name(("monitoring", 2)) == "monitoring[3]"


def test_symptom_fields_agree_everywhere(schema: dict[str, Any]) -> None:
    # Symptoms have no field table of their own: this test is what makes a
    # new symptom field fail until the loader, model, JSON record, schema and
    # the maintainer's formatter all know it.
    from msrx import loader
    from msrx.model import Symptom
    from tests.conftest import load_script

    names = set(Symptom._fields)
    assert set(loader.SYMPTOM_FIELDS) == names
    assert set(records.symptom(Symptom("x", "X")).keys()) == names
    entry = schema["$defs"]["symptomEntry"]
    assert set(entry["required"]) == set(entry["properties"]) == names
    assert set(load_script("dataset_edit").SYMPTOM_ORDER) == names


def test_the_maintainers_formatter_knows_every_treatment_field() -> None:
    # scripts/dataset_edit.py lays the file out in an order of its own; a field
    # it does not know makes it refuse every patch ("unknown keys ['ms_forms']").
    from tests.conftest import load_script

    edit = load_script("dataset_edit")
    blocks = {f.name: f for f in fields.FIELDS if f.sub}
    assert set(edit.TREATMENT_ORDER) | set(edit.BLOCK_ORDER) == {f.name for f in fields.FIELDS}
    assert set(edit.BLOCK_ORDER) == set(blocks)
    for name, keys in edit.BLOCK_KEYS.items():
        inner = {f.name: f for f in blocks[name].sub}
        # A block's own array of tables (administration.products) is written after it.
        nested = {n for n, f in inner.items() if f.kind == "blocks"}
        assert set(keys) == set(inner) - nested, name
        for n in nested:
            assert set(edit.PRODUCT_KEYS) == {f.name for f in inner[n].sub}, n
