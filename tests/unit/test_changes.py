"""The dataset change log ([[changes]]): validation with file and line, order and filters, the cache, the API."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from msrx.changes import grouped, select, version_key
from msrx.errors import DataError
from msrx.loader import load
from msrx.model import Change
from tests.conftest import MINI

Write = Callable[..., Path]

CHANGES = """
[[changes]]
version = "2026.01.02"
treatment = "alphamab"
summary = "Added the hepatitis B warning."

[[changes]]
version = "2026.01.02"
treatment = ""
summary = "Symptom words for fatigue."

[[changes]]
version = "2026.03.01"
treatment = "betadine"
summary = "Evidence updated after a 2026 trial."

[[changes]]
version = "2026.03.01.1"
treatment = "alphamab"
summary = "Label revision of February 2026."
"""


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def line_of(path: Path, text: str, nth: int = 1) -> int:
    numbers = [n for n, line in enumerate(path.read_text().splitlines(), start=1) if line.strip() == text]
    return numbers[nth - 1]


@pytest.mark.parametrize(("text", "key"), [
    ("2026.11.28", (2026, 11, 28, 0)),
    ("2026.11.28.2", (2026, 11, 28, 2)),
    ("2024.02.29", (2024, 2, 29, 0)),
    ("2026.02.29", None),  # not a date
    ("2026.13.01", None),
    ("2026-11-28", None),
    ("2026.11.28.", None),
    ("2026.1.28", None),
    ("v2026.11.28", None),
    ("2026.11.28\n", None),
    ("", None),
])
def test_version_key(text: str, key: tuple[int, int, int, int] | None) -> None:
    assert version_key(text) == key


def test_changes_load_in_file_order(write_dataset: Write) -> None:
    ds = load(write_dataset(MINI + CHANGES))
    assert [c.version for c in ds.changes] == ["2026.01.02", "2026.01.02", "2026.03.01", "2026.03.01.1"]
    assert ds.changes[1] == Change("2026.01.02", "", "Symptom words for fatigue.")


def test_a_dataset_without_changes_has_an_empty_log(mini: Path) -> None:
    assert list(load(mini).changes) == []


def test_select_orders_newest_first_and_filters() -> None:
    log = [Change("2026.01.02", "a", "one"), Change("2026.03.01", "", "two"), Change("2026.01.02", "b", "three"),
           Change("2026.03.01.1", "a", "four"), Change("2025.12.31", "a", "five")]
    assert [c.summary for c in select(log)] == ["four", "two", "one", "three", "five"]
    assert [c.summary for c in select(log, since="2026.01.02")] == ["four", "two"]  # after that release, not including it
    assert [c.summary for c in select(log, since="2026.03.01")] == ["four"]
    assert [c.summary for c in select(log, treatment="a")] == ["four", "one", "five"]
    assert [c.summary for c in select(log, since="2025.12.31", treatment="a")] == ["four", "one"]
    assert select(log, since="2026.03.01.1") == []
    assert [(v, [c.summary for c in cs]) for v, cs in grouped(select(log))] == [
        ("2026.03.01.1", ["four"]), ("2026.03.01", ["two"]), ("2026.01.02", ["one", "three"]), ("2025.12.31", ["five"])]
    with pytest.raises(ValueError, match="not a dataset version"):
        select(log, since="yesterday")


@pytest.mark.parametrize(("row", "expected"), [
    ('version = "2026.1.2"\ntreatment = ""\nsummary = "x"', "field 'version': change 1: version '2026.1.2' is not a dataset version"),
    ('version = "2026.02.30"\ntreatment = ""\nsummary = "x"', "field 'version': change 1: version '2026.02.30' is not a dataset version"),
    ('version = 2026.01\ntreatment = ""\nsummary = "x"', "field 'version': change 1: must be a string, not a number"),
    ('version = "2026.01.02"\ntreatment = "zetamab"\nsummary = "x"', "field 'treatment': change 1: unknown treatment 'zetamab'"),
    ('version = "2026.01.02"\ntreatment = " "\nsummary = "x"', "field 'treatment': change 1: must not be empty"),
    ('version = "2026.01.02"\ntreatment = ["alphamab"]\nsummary = "x"', "field 'treatment': change 1: must be a string, not a list"),
    ('version = "2026.01.02"\ntreatment = ""\nsummary = ""', "field 'summary': change 1: must not be empty"),
    ('version = "2026.01.02"\nsummary = "x"', "field 'treatment': change 1: missing required field"),
    ('version = "2026.01.02"\ntreatment = ""\nsummary = "x"\nauthor = "me"',
     "field 'author': change 1: unknown field (expected one of: version, treatment, summary)"),
])
def test_bad_change_rows_name_file_line_and_field(write_dataset: Write, row: str, expected: str) -> None:
    path = write_dataset(MINI + "\n[[changes]]\n" + row + "\n")
    [message] = problems(path)
    assert expected in message
    key = expected.split("'")[1]
    start = line_of(path, "[[changes]]")
    line = start if "missing" in expected else next(
        n for n, text in enumerate(path.read_text().splitlines(), start=1) if n > start and text.startswith(f"{key} ="))
    assert message.startswith(f"{path}:{line}: "), message


def test_every_bad_change_is_reported_with_its_own_line(write_dataset: Write) -> None:
    bad = CHANGES.replace('treatment = "betadine"', 'treatment = "nope"').replace('"2026.03.01.1"', '"2026.3.1"')
    path = write_dataset(MINI + bad)
    found = problems(path)
    assert len(found) == 2
    nope, version = line_of(path, 'treatment = "nope"'), line_of(path, 'version = "2026.3.1"')
    assert f"{path}:{nope}: " in found[0] and "unknown treatment 'nope'" in found[0]
    assert f"{path}:{version}: " in found[1]


def test_changes_must_be_an_array_of_tables(write_dataset: Write) -> None:
    [message] = problems(write_dataset("changes = 5\n" + MINI))
    assert "changes must be an array of tables ([[changes]])" in message and ":1: " in message


def test_a_change_to_a_treatment_with_its_own_problem_is_not_reported_twice(write_dataset: Write) -> None:
    path = write_dataset(MINI.replace('drug_class = "muscle relaxant"', "drug_class = 5") + CHANGES.replace('"betadine"', '"gammazine"'))
    [message] = problems(path)
    assert "treatment 'gammazine': field 'drug_class'" in message


def test_treatment_lines_are_not_confused_by_a_following_change_table(write_dataset: Write) -> None:
    text = MINI + CHANGES
    path = write_dataset(text.replace('reviewed = 2026-01-02\n"""', "reviewed = 2026-01-02\n"))
    ds = load(path)
    assert len(ds.changes) == 4 and len(ds.treatments) == 3


def test_the_cache_carries_the_change_log(write_dataset: Write) -> None:
    from msrx.store import open_dataset

    path = write_dataset(MINI + CHANGES)
    first, _ = open_dataset(path)  # a miss: parsed, then cached
    second, _ = open_dataset(path)  # a hit: read from the cache
    assert type(second.treatments).__name__ == "LazyTreatments"
    assert list(second.changes) == list(first.changes) == list(load(path).changes)
    assert isinstance(second.changes[0], Change)


def test_python_api(write_dataset: Write) -> None:
    import msrx.api

    ref = msrx.api.load(write_dataset(MINI + CHANGES))
    assert [c.summary for c in ref.changes()][:2] == ["Label revision of February 2026.", "Evidence updated after a 2026 trial."]
    assert [c.version for c in ref.changes(since="2026.01.02")] == ["2026.03.01.1", "2026.03.01"]
    by_brand = ref.changes(treatment="Alphix")  # names, brands and aliases resolve like get()
    assert by_brand == ref.changes(treatment="alphamab") and {c.treatment for c in by_brand} == {"alphamab"}
    assert ref.facts()["changes"] == 4
    with pytest.raises(LookupError):
        ref.changes(treatment="xyzzyqq")
    with pytest.raises(ValueError):
        ref.changes(since="2026")


def test_a_treatment_with_an_id_of_the_wrong_type_is_one_problem(write_dataset: Write) -> None:
    path = write_dataset(MINI.replace('id = "gammazine"', "id = []") + CHANGES)
    [message] = problems(path)
    assert "field 'id'" in message and "must be a string" in message


def test_the_bundled_dataset_version_is_its_newest_release() -> None:
    # `msrx --version` names the dataset: it must be the release of its newest changes.
    import tomli

    from tests.conftest import ROOT

    doc = tomli.loads((ROOT / "data" / "treatments.toml").read_text(encoding="utf-8"))
    newest = max((c["version"] for c in doc["changes"]), key=lambda v: version_key(v) or (0, 0, 0, 0))
    assert doc["dataset"]["version"] == newest
