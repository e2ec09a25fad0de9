"""What taking a treatment involves (issue 11): show, compare, list filters and symptom notes, on tests/living.toml."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msrx import dosing
from msrx.cli import app

runner = CliRunner()
Check = Callable[[str, Any], None]
LIVING = str(Path(__file__).resolve().parent.parent / "living.toml")
BLOCK_LABELS = ("How taken", "How often", "Monitoring", "Pregnancy", "Breastfeeding", "Vaccines", "Effectiveness", "Stopping")


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, ["--data", LIVING, *args], env=env, catch_exceptions=False)


def visible(text: str) -> list[str]:
    return [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in text.splitlines()]


# -- show ---------------------------------------------------------------------------


def test_show_json_has_every_block_and_validates(check_json: Check) -> None:
    data = json.loads(run("show", "alphamab", "--json").stdout)
    check_json("show", data)
    assert data["label_revised"] == "2025-03-27"
    assert data["administration"]["interval_days"] == 182
    assert [m["test"] for m in data["monitoring"]] == ["hepatitis B screening", "immunoglobulin levels"]
    assert data["vaccines"]["live"].startswith("not during")
    assert data["effectiveness"]["sources"] == ["trial-alpha", "label-alpha"]
    empty = json.loads(run("show", "deltamide", "--json").stdout)
    check_json("show", empty)
    assert {k: empty[k] for k in ("administration", "monitoring", "pregnancy", "breastfeeding", "vaccines", "effectiveness",
                                  "stopping", "label_revised")} == {
        "administration": None, "monitoring": [], "pregnancy": None, "breastfeeding": None, "vaccines": None,
        "effectiveness": None, "stopping": None, "label_revised": None}


def test_show_piped_prints_label_lines_with_bibliography_numbers() -> None:
    out = run("show", "alphamab").stdout
    assert "How taken:\n  Where: infusion centre\n" in out
    assert "  Interval: every 182 days\n" in out
    assert "Monitoring:\n  - hepatitis B screening: before the first dose [1]\n" in out
    assert "  Washout: for 6 months after the last infusion\n  Sources: [1]\n" in out
    assert "  Compared with: interferon beta-1a 44 mcg three times weekly\n" in out
    assert "  Efficacy tier: high\n  Sources: [1] [2]\n" in out
    assert "  [2] Alphamab phase 3 trials. A Journal, 2017. https://example.org/alpha-trial\n" in out
    assert "Label checked: 2025-03-27\n" in out


def test_show_says_not_stated_for_an_empty_block_never_a_guess() -> None:
    out = run("show", "betaferon").stdout
    for label in ("Monitoring", "Pregnancy", "Breastfeeding", "Vaccines", "Effectiveness", "Stopping"):
        assert f"\n{label}: not stated\n" in out
    assert "  Betix Weekly: 30 mcg into the muscle once a week, every 7 days\n" in out
    assert "Label checked: 2024-11\n" in out
    assert "Label checked" not in run("show", "deltamide").stdout


def test_show_on_a_terminal_has_the_living_section() -> None:
    lines = visible(run("--color", "always", "show", "alphamab", env={"COLUMNS": "100"}).stdout)
    text = "\n".join(lines)
    assert "Living on it" in text and "Sources: [1] [2]" in text and "Label checked" in text
    assert max(len(line) for line in lines) <= 100
    assert "not stated" in "\n".join(visible(run("--color", "always", "show", "betaferon").stdout))


# -- compare ------------------------------------------------------------------------------


def test_compare_has_a_row_per_block() -> None:
    out = run("compare", "alphamab", "betaferon").stdout
    assert "How often\tAlphamab\tInterval: every 182 days [1]\n" in out
    assert "How often\tBetaferon\tBetix: every 2 days; Betix Weekly: every 7 days [3]\n" in out
    assert "How taken\tBetaferon\tWhere: home (self-injected); Schedule: depends on the product; Betix: under the skin" in out
    assert "Pregnancy\tBetaferon\tnot stated\n" in out
    for label in BLOCK_LABELS:
        assert re.search(rf"^{label}\tAlphamab\t\S", out, re.M)


def test_compare_fits_80_columns_on_a_terminal() -> None:
    lines = visible(run("--color", "always", "compare", "alphamab", "betaferon", "gammazine", env={"COLUMNS": "80"}).stdout)
    assert max(len(line) for line in lines) <= 80
    assert all(any(line.startswith(f"│ {label}") for line in lines) for label in BLOCK_LABELS)


def test_compare_formats_and_fields(check_json: Check) -> None:
    data = json.loads(run("compare", "alphamab", "betaferon", "--format", "json").stdout)
    check_json("compare", data)
    assert data == json.loads(run("compare", "alphamab", "betaferon", "--json").stdout)
    rows = list(csv.DictReader(io.StringIO(run("compare", "alphamab", "betaferon", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == ["alphamab", "betaferon"]
    assert {"administration", "monitoring", "pregnancy", "effectiveness", "label_revised"} <= set(rows[0])
    assert rows[0]["administration"].startswith("setting: infusion centre; schedule: 300 mg IV")
    assert "products: (brand: Betix, schedule: under the skin every other day, interval_days: 2)" in rows[1]["administration"]
    assert rows[1]["pregnancy"] == ""
    lines = [json.loads(line) for line in run("compare", "alphamab", "betaferon", "--format", "jsonl",
                                              "--fields", "id,administration").stdout.splitlines()]
    assert lines[1]["administration"]["products"][1] == {"brand": "Betix Weekly", "schedule": "30 mcg into the muscle once a week",
                                                         "interval_days": 7}
    md = run("compare", "alphamab", "betaferon", "--format", "markdown", "--fields", "name,vaccines").stdout.splitlines()
    assert md[0] == "| name | vaccines |" and len(md) == 4
    assert run("compare", "alphamab", "betaferon", "--fields", "nope").exit_code == 2


# -- list filters ----------------------------------------------------------------------------


def ids(*args: str) -> list[str]:
    result = run("list", *args, "--json")
    return [d["id"] for d in json.loads(result.stdout)] if result.exit_code == 0 else []


def test_list_by_route_group() -> None:
    assert ids("--route", "infusion") == ["alphamab"]
    assert ids("--route", "injection") == ["betaferon"]  # subcutaneous or intramuscular
    assert set(ids("--route", "oral")) == {"gammazine", "deltamide"}
    assert run("list", "--route", "nasal").exit_code == 2


def test_list_sorted_and_filtered_by_interval() -> None:
    assert ids("--sort", "interval") == ["gammazine", "betaferon", "alphamab", "deltamide"]  # unstated last
    assert ids("--sort", "name") == ["alphamab", "betaferon", "deltamide", "gammazine"]
    assert ids("--max-interval", "7", "--sort", "interval") == ["gammazine", "betaferon"]  # a product every 2 or 7 days
    assert ids("--min-interval", "7", "--sort", "interval") == ["betaferon", "alphamab"]
    assert ids("--min-interval", "28", "--max-interval", "365") == ["alphamab"]
    result = run("list", "--min-interval", "400")
    assert result.exit_code == 1 and "no treatment matches" in result.stderr
    assert run("list", "--max-interval", "0").exit_code == 2


def test_the_api_filters_the_same_way() -> None:
    import msrx.api

    ref = msrx.api.load(LIVING)
    assert [t.id for t in ref.treatments(route="injection", sort="interval")] == ["betaferon"]
    assert [t.id for t in ref.treatments(max_interval=7, sort="name")] == ["betaferon", "gammazine"]
    beta = ref.get("betaferon")
    assert beta is not None and dosing.intervals(beta) == (2, 7) and dosing.interval(beta) == 2
    with pytest.raises(ValueError, match="unknown route"):
        ref.treatments(route="nasal")


# -- symptom notes ---------------------------------------------------------------------------


def test_symptom_note_in_every_output(check_json: Check) -> None:
    data = json.loads(run("symptoms", "overheating", "--json").stdout)
    check_json("symptom", data)
    assert data["symptom"]["note"].startswith("Cooling vests") and data["symptom"]["sources"] == ["charity-heat"]
    assert data["treatments"] == []
    listing = json.loads(run("symptoms", "--json").stdout)
    check_json("symptoms", listing)
    assert {d["id"]: (d["note"], d["sources"]) for d in listing}["fatigue"] == (None, [])
    plain = run("symptoms", "overheating")
    assert plain.exit_code == 0
    assert plain.stdout == "note\tCooling vests, cool drinks and avoiding hot baths; no drug is approved for it.\t[4]\n"
    drawn = "\n".join(visible(run("--color", "always", "symptoms", "overheating").stdout))
    assert "Without a drug: Cooling vests" in drawn and "[4]" in drawn
    assert "note\t" not in run("symptoms", "tired").stdout
