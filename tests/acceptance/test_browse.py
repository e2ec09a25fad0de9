"""compare, symptoms, sources, timeline, info: the browsing commands."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msrx.cli import app
from tests.conftest import MINI

runner = CliRunner()
Check = Callable[[str, Any], None]


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def test_compare_json_gives_full_records_in_order(check_json: Check) -> None:
    result = run("compare", "ocrevus", "kesimpta", "briumvi", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    check_json("compare", data)
    assert [d["id"] for d in data] == ["ocrelizumab", "ofatumumab", "ublituximab"]


def test_compare_text_is_transposed_and_fits_80_columns() -> None:
    plain = run("compare", "baclofen", "tizanidine").stdout
    assert "Status\tBaclofen (oral)\tapproved" in plain or "Status\tBaclofen\tapproved" in plain
    assert re.search(r"^Warnings\tTizanidine\t", plain, re.M)
    # The blocks of what taking it involves: a row each, "not stated" where the dataset is silent.
    for label in ("How taken", "How often", "Monitoring", "Pregnancy", "Breastfeeding", "Vaccines", "Effectiveness", "Stopping"):
        assert re.search(rf"^{label}\tTizanidine\t\S", plain, re.M), label
    rich = run("--color", "always", "compare", "ocrevus", "kesimpta", "briumvi", env={"COLUMNS": "80"}).stdout
    widths = [len(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in rich.splitlines()]
    assert max(widths) <= 80


def test_compare_needs_two_clear_names() -> None:
    assert run("compare", "ocrevus").exit_code == 2
    result = run("compare", "ocrevus", "interferon")
    assert result.exit_code == 1
    assert "'interferon' does not clearly name one treatment" in result.stderr


def test_symptoms_lists_every_symptom_with_counts(check_json: Check) -> None:
    data = json.loads(run("symptoms", "--json").stdout)
    check_json("symptoms", data)
    fatigue = next(d for d in data if d["id"] == "fatigue")
    assert "tired" in fatigue["words"] and fatigue["treatments"] >= 3


def test_symptoms_with_everyday_word_groups_approved_first(check_json: Check) -> None:
    result = run("symptoms", "stiffness", "--json")
    data = json.loads(result.stdout)
    check_json("symptom", data)
    assert data["symptom"]["id"] == "spasticity"
    order = ["approved", "off-label", "investigational", "discontinued", "withdrawn"]
    ranks = [order.index(t["status"]) for t in data["treatments"]]
    assert ranks == sorted(ranks) and "baclofen" in [t["id"] for t in data["treatments"]]
    assert run("symptoms", "tird").exit_code == 0  # typo forgiven
    assert run("symptoms", "hiccups").exit_code == 1


def test_sources_numbers_match_show_citations(check_json: Check) -> None:
    shown = json.loads(run("show", "evobrutinib", "--json").stdout)
    data = json.loads(run("sources", "--json").stdout)
    check_json("sources", data)
    by_number = {s["number"]: s for s in data}
    for cited in shown["sources"]:
        assert by_number[cited["number"]]["id"] == cited["id"]
        assert "evobrutinib" in by_number[cited["number"]]["cited_by"]
    one = json.loads(run("sources", str(shown["sources"][0]["number"]), "--json").stdout)
    assert [s["id"] for s in one] == [shown["sources"][0]["id"]]
    assert run("sources", "no-such-source").exit_code == 1


def test_timeline_lists_dmt_approvals_by_year(check_json: Check) -> None:
    data = json.loads(run("timeline", "--json").stdout)
    check_json("timeline", data)
    years = [d["year"] for d in data]
    assert years == sorted(years) and years[0] == 1993
    assert {"id": "daclizumab", "name": "Daclizumab", "status": "withdrawn"} in next(d for d in data if d["year"] == 2016)["treatments"]
    drawn = run("--color", "always", "timeline").stdout
    assert "█" in drawn and "2017" in drawn


def test_info_counts_and_warns_when_stale(write_dataset: Callable[..., Path], check_json: Check) -> None:
    data = json.loads(run("info", "--json").stdout)
    check_json("info", data)
    assert data["treatments"] == sum(data["by_status"].values()) == sum(data["by_category"].values())
    old = write_dataset(MINI)
    fresh = run("--data", str(old), "info")
    assert (dt.date.today() - dt.date(2026, 1, 2)).days <= 365 or "warning" in fresh.stderr
    stale = write_dataset(MINI.replace("reviewed = 2026-01-02\n\n[[symptoms]]", "reviewed = 2020-01-01\n\n[[symptoms]]", 1))
    result = run("--data", str(stale), "info")
    assert result.exit_code == 0
    assert "more than a year ago" in result.stderr


def test_python_api_matches_the_cli() -> None:
    import msrx.api

    ref = msrx.api.load()
    assert ref.get("ocrevus") is not None and ref.get("ocrevus").id == "ocrelizumab"  # type: ignore[union-attr]
    cli = [d["id"] for d in json.loads(run("search", "tired", "--json").stdout)]
    assert [h.treatment.id for h in ref.search("tired")] == cli
    fatigue = ref.symptom("exhausted")
    assert fatigue is not None and fatigue.id == "fatigue"
    assert ref.get("xyzzyqq") is None


def test_a_symptoms_list_puts_its_usual_first_choices_first(check_json: Check) -> None:
    data = json.loads(run("symptoms", "relapse", "--json").stdout)
    check_json("symptom", data)
    first = data["symptom"]["first_choice"]
    assert first and [t["id"] for t in data["treatments"]][:len(first)] == first


@pytest.mark.parametrize(("query", "first"), [
    ("spasticity", ["baclofen", "tizanidine"]),  # the approved first choices, then the other approved drugs
    ("bladder leaking", ["oxybutynin", "solifenacin", "tolterodine", "mirabegron"]),  # antimuscarinics first
    ("nerve pain", ["amitriptyline", "duloxetine", "gabapentin", "pregabalin", "phenytoin"]),
    ("trigeminal neuralgia", ["carbamazepine", "oxcarbazepine", "phenytoin"]),
])
def test_search_lists_a_symptoms_sourced_first_choices_before_the_alphabet(query: str, first: list[str]) -> None:
    # Alphabetical order put intrathecal baclofen before tizanidine and mirabegron before the antimuscarinics.
    ids = [d["id"] for d in json.loads(run("search", query, "--json").stdout)]
    assert ids[:len(first)] == first


def test_a_symptom_on_a_terminal_says_which_treatments_are_usually_tried_first() -> None:
    # The list is ordered by them; without this line a reader cannot tell why tizanidine comes before dantrolene.
    drawn = re.sub(r"\x1b\[[0-9;]*m", "", run("--color", "always", "symptoms", "spasticity").stdout)
    line = " ".join(drawn.split())
    assert "Usually tried first: Baclofen (oral), Tizanidine, Gabapentin" in line
    # Cited to the one source that gives the order, not to every source of the symptom's words.
    cited = re.search(r"Usually tried first: Baclofen \(oral\), Tizanidine, Gabapentin((?: \[\d+\])+)", line)
    numbers = {d["id"]: d["number"] for d in json.loads(run("sources", "--json").stdout)}
    assert cited is not None and cited.group(1).split() == [f"[{numbers['pubmed-spasticity-pharmacological-consensus-2016']}]"]
    assert "Usually tried first" not in run("--color", "always", "symptoms", "tremor").stdout  # none recorded
    piped = run("symptoms", "spasticity").stdout.splitlines()
    first = [line.split("\t") for line in piped if line.startswith("first_choice\t")]
    assert first == [["first_choice", "baclofen,tizanidine,gabapentin",
                      f"[{numbers['pubmed-spasticity-pharmacological-consensus-2016']}]"]]



def test_a_symptom_shows_its_names_in_other_languages(check_json: Check) -> None:
    data = json.loads(run("symptoms", "Schwindel", "--json").stdout)
    check_json("symptom", data)
    assert data["symptom"]["id"] == "dizziness"
    german = [t for t in data["symptom"]["translations"] if t["lang"] == "de"]
    assert "Schwindel" in [t["text"] for t in german]
    cited = {s["id"] for s in json.loads(run("sources", "--json").stdout)}
    assert {t["source"] for t in data["symptom"]["translations"]} <= cited
    shown = re.sub(r"\x1b\[[0-9;]*m", "", run("--color", "always", "symptoms", "dizziness", env={"COLUMNS": "200"}).stdout)
    assert "In other languages:" in shown and "(de)" in shown
