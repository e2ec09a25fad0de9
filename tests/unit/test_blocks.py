"""Validating the blocks of issue 11 and symptom notes: every problem with file, line, treatment and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from msrx.errors import DataError, Problem
from msrx.loader import load

LIVING = (Path(__file__).resolve().parent.parent / "living.toml").read_text(encoding="utf-8")
Write = Callable[..., Path]


def problems(path: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load(path)
    return info.value.problems


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def test_the_fixture_loads_with_every_block() -> None:
    ds = load(Path(__file__).resolve().parent.parent / "living.toml")
    alpha = ds.get("alphamab")
    assert alpha is not None and alpha.administration is not None
    assert alpha.administration.interval_days == 182
    assert [m.test for m in alpha.monitoring] == ["hepatitis B screening", "immunoglobulin levels"]
    assert alpha.vaccines is not None and alpha.vaccines.non_live
    beta = ds.get("betaferon")
    assert beta is not None and beta.administration is not None
    assert [(p.brand, p.interval_days) for p in beta.administration.products] == [("Betix", 2), ("Betix Weekly", 7)]
    assert beta.label_revised == "2024-11"
    assert ds.symptoms["heat-sensitivity"].sources == ("charity-heat",)


@pytest.mark.parametrize(
    ("old", "new", "field", "message", "anchor"),
    [
        ("interval_days = 182", "interval_days = 0", "administration.interval_days", "greater than 0", "interval_days = 0"),
        ("interval_days = 182", 'interval_days = "182"', "administration.interval_days", "greater than 0", "interval_days = \"182\""),
        ("interval_days = 182", "interval_days = 18.2", "administration.interval_days", "whole number", "interval_days = 18.2"),
        ('setting = "infusion centre"', 'setting = "infusion centre"\nplace = "x"', "administration.place", "unknown field",
         'place = "x"'),
        ('setting = "infusion centre"\n', "", "administration.setting", "missing required field", "[treatments.administration]"),
        ('tier = "high"', 'tier = "best"', "effectiveness.tier", "must be one of: high, moderate", 'tier = "best"'),
        ('label_revised = "2025-03-27"', 'label_revised = "2025-13"', "label_revised", "YYYY-MM-DD or YYYY-MM", "label_revised"),
        ('label_revised = "2025-03-27"', 'label_revised = "March 2025"', "label_revised", "YYYY-MM-DD or YYYY-MM", "label_revised"),
        ('when = "before the first dose"', 'when = ""', "monitoring[1].when", "must not be empty", 'when = ""'),
        ('when = "before starting and during treatment"\n', "", "monitoring[2].when", "missing required field",
         "[[treatments.monitoring]]\ntest = \"immunoglobulin"),
        ('summary = "Use contraception during treatment."', "summary = 3", "pregnancy.summary", "must be a string, not a number",
         "summary = 3"),
        ('live = "not during treatment; give at least 4 weeks before starting"\n'
         'non_live = "at least 2 weeks before starting where possible"\n', "", "vaccines", "needs at least one of: live, non_live",
         "[treatments.vaccines]"),
        ('sources = ["trial-alpha", "label-alpha"]', "sources = []", "effectiveness.sources", "at least one source id",
         "sources = []"),
        ('sources = ["trial-alpha", "label-alpha"]', 'sources = ["nope"]', "effectiveness.sources", "which is not defined",
         'sources = ["nope"]'),
        ('summary = "B cells return over months; no rebound is described."\nsources = ["label-alpha"]',
         'summary = "B cells return over months; no rebound is described."\nsources = ["label-beta"]',
         "stopping.sources", "not in the treatment's own sources", 'sources = ["label-beta"]'),
        ('brand = "Betix Weekly"', 'brand = "Betix Weekly"\ncolour = "blue"', "administration.products[2].colour",
         "unknown field", 'colour = "blue"'),
        ("interval_days = 7", "interval_days = -7", "administration.products[2].interval_days", "greater than 0",
         "interval_days = -7"),
    ],
)
def test_each_bad_block_value_names_line_treatment_and_field(
    write_dataset: Write, old: str, new: str, field: str, message: str, anchor: str
) -> None:
    assert old in LIVING
    text = LIVING.replace(old, new, 1)
    path = write_dataset(text)
    found = problems(path)
    assert len(found) == 1, found
    [p] = found
    assert p.field == field and message in p.message, p
    assert p.treatment in ("alphamab", "betaferon")
    assert p.line == line_of(text, anchor), (str(p), anchor)
    assert str(p).startswith(f"{path}:{p.line}: treatment '{p.treatment}': field '{field}': ")


def test_unknown_top_level_field_is_still_an_error(write_dataset: Write) -> None:
    path = write_dataset(LIVING.replace('label_revised = "2025-03-27"', 'label_revised = "2025-03-27"\nlabel_revisd = "x"'))
    [p] = problems(path)
    assert p.field == "label_revisd" and "unknown field" in p.message and "administration" in p.message


def test_label_revised_as_a_toml_date_is_accepted(write_dataset: Write) -> None:
    ds = load(write_dataset(LIVING.replace('label_revised = "2025-03-27"', "label_revised = 2025-03-27")))
    assert ds.get("alphamab").label_revised == "2025-03-27"  # type: ignore[union-attr]


def test_inline_tables_work_too(write_dataset: Write) -> None:
    text = LIVING.replace('reviewed = 2026-01-02\n\n[[treatments]]\nid = "deltamide"',
                          'reviewed = 2026-01-02\n\n[[treatments]]\nid = "deltamide"', 1)
    text = text.replace('sources = ["trial-alpha"]\nreviewed = 2026-01-02\n',
                        'sources = ["trial-alpha"]\nreviewed = 2026-01-02\n'
                        'stopping = { summary = "Nothing known.", sources = ["trial-alpha"], why = "x" }\n')
    path = write_dataset(text)
    [p] = problems(path)
    assert (p.treatment, p.field) == ("deltamide", "stopping.why")
    assert p.line == line_of(text, "stopping = {")


@pytest.mark.parametrize(("added", "field", "message"), [
    ('pregnancy = "fine"', "pregnancy", "must be a table, not a string"),
    ("monitoring = 3", "monitoring", "must be an array of tables ([[treatments.monitoring]]), not a number"),
    ('monitoring = ["blood tests"]', "monitoring[1]", "must be a table, not a string"),
])
def test_a_block_of_the_wrong_shape(write_dataset: Write, added: str, field: str, message: str) -> None:
    text = LIVING.rstrip("\n") + "\n" + added + "\n"
    [p] = problems(write_dataset(text))
    assert (p.treatment, p.field, p.message) == ("deltamide", field, message)
    assert p.line == len(text.splitlines())


def test_every_problem_at_once(write_dataset: Write) -> None:
    text = (LIVING.replace("interval_days = 182", "interval_days = 0")
            .replace('tier = "high"', 'tier = "best"')
            .replace("interval_days = 7", "interval_days = true"))
    assert {p.field for p in problems(write_dataset(text))} == {
        "administration.interval_days", "effectiveness.tier", "administration.products[2].interval_days"}


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ('sources = ["charity-heat"]', 'sources = ["nope"]', "sources", "cites source 'nope', which is not defined"),
        ('sources = ["charity-heat"]\n', "", "sources", "a note needs its sources"),
        ('note = "Cooling vests', 'note = 5\n#', "note", "must be a string"),
        ('sources = ["charity-heat"]', "sources = []", "sources", "must list at least one item"),
    ],
)
def test_symptom_note_and_sources_are_checked(write_dataset: Write, old: str, new: str, field: str, message: str) -> None:
    text = LIVING.replace(old, new, 1)
    found = problems(write_dataset(text))
    assert any(p.field == field and message in p.message and "heat-sensitivity" in p.message for p in found), found


def test_symptom_sources_without_a_note_back_its_words(write_dataset: Write) -> None:
    # Where the everyday words came from is worth citing even when there is no note.
    text = LIVING.replace('note = "Cooling vests, cool drinks and avoiding hot baths; no drug is approved for it."\n', "", 1)
    ds = load(write_dataset(text))
    assert ds.symptoms["heat-sensitivity"].note is None and ds.symptoms["heat-sensitivity"].sources == ("charity-heat",)
