"""Every command and exit code through Typer's CliRunner, JSON checked against the schema."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msrx import __version__
from msrx.cli import app
from tests.conftest import MINI, ROOT

runner = CliRunner()
Check = Callable[[str, Any], None]


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


# -- search -----------------------------------------------------------------


def test_search_json_is_ranked_and_valid(check_json: Check) -> None:
    result = run("search", "ocrevus", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    check_json("search", data)
    assert data[0]["id"] == "ocrelizumab"
    assert data[0]["matched"] == {"field": "brand", "value": "Ocrevus", "words": ["ocrevus"], "relation": None}
    assert data[0]["score"] == 100
    assert result.stderr == ""


def test_search_symptom_word_json_says_what_matched(check_json: Check) -> None:
    data = json.loads(run("search", "nerve", "pain", "--json").stdout)
    check_json("search", data)
    exact = [d for d in data if d["score"] >= 100]
    assert len(exact) >= 3
    assert all(d["matched"]["symptom"] == "neuropathic-pain" and "neuropathic-pain" in d["symptoms"] for d in exact)
    # Anything weaker comes after: a longer phrase holding both words ("facial
    # nerve pain" is trigeminal neuralgia), a match on part of the query
    # ("pain"), or a side effect, labelled as such.
    for d in data[len(exact):]:
        partial = d["matched"]["words"] == ["pain"] or d["matched"]["symptom"] == "trigeminal-neuralgia"
        assert d["matched"]["relation"] == "causes" or partial, d


def test_search_nothing_found_prints_empty_array_and_exits_1(check_json: Check) -> None:
    result = run("search", "xyzzyqq", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    assert "no treatment matches 'xyzzyqq'" in result.stderr


def test_an_english_compound_is_not_read_as_half_a_symptom_phrase() -> None:
    # "polo stick" used to answer with dalfampridine, through "walking stick".
    result = run("search", "polo", "stick", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    assert "no treatment matches 'polo stick'" in result.stderr and "did you mean" not in result.stderr
    plain = run("search", "polo", "stick")
    assert plain.exit_code == 1 and "Walking" not in plain.stderr  # no symptom's management note either
    assert json.loads(run("search", "walking", "stick", "--json").stdout)[0]["matched"]["symptom"] == "walking"
    # Said with a route word, a compound still means itself: no itching drug through "blood".
    pressure = run("search", "blood", "pressure", "tablets", "--json")
    assert (pressure.exit_code, json.loads(pressure.stdout)) == (1, [])
    assert json.loads(run("search", "nerve", "pain", "tablets", "--json").stdout)[0]["matched"]["symptom"] == "neuropathic-pain"


def test_a_vitamin_said_beside_a_brand_finds_both() -> None:
    # "vitamin d with tecfidera" found nothing: the vitamin's letter filtered out the brand.
    data = json.loads(run("search", "vitamin", "d", "with", "tecfidera", "--json").stdout)
    assert [(d["id"], d["matched"]["field"]) for d in data] == [
        ("high-dose-vitamin-d", "alias"), ("dimethyl-fumarate", "brand")]
    plain = run("search", "biotin and ocrevus")
    assert plain.exit_code == 0 and "high-dose-biotin" in plain.stdout and "ocrelizumab" in plain.stdout


@pytest.mark.parametrize(("name", "treatment"), [
    # Dataset 2026.11.28.3: research codes, brands sold outside the US and a nickname,
    # each confirmed by the source the entry now cites.
    ("IDEC-C2B8", "rituximab"), ("Reditux", "rituximab"), ("HuMax-CD20", "ofatumumab"), ("Nupentin", "gabapentin"),
    ("Kamagra", "sildenafil"), ("Vanatrip", "amitriptyline"), ("Alzain", "pregabalin"), ("Teccy", "dimethyl-fumarate"),
    # Dataset 2026.11.28.8: UK, Irish and EU brands (emc, medicines.ie, EMA, the maker).
    ("Adaflex", "melatonin"), ("Fultium-D3", "high-dose-vitamin-d"), ("Granpidam", "sildenafil"),
    ("Marixino", "memantine"), ("Maruxa", "memantine"), ("Baclopar", "baclofen"), ("Gerozac", "fluoxetine"),
    ("Prozep", "fluoxetine"), ("Aripil", "donepezil"),
])
def test_old_codes_and_other_countries_brands_find_their_treatment(name: str, treatment: str) -> None:
    data = json.loads(run("search", name, "--json").stdout)
    assert [(d["id"], d["matched"]["field"]) for d in data][:1] == [(treatment, "alias")]
    shown = run("show", name)
    assert shown.exit_code == 0 and name in shown.stdout


def test_a_form_of_ms_finds_the_treatments_for_it(check_json: Check) -> None:
    # "ppms" found nothing, and "primary progressive ms treatment" began with the interferons.
    listed = json.loads(run("list", "--form", "ppms", "--format", "json", "--fields", "id,ms_forms").stdout)
    assert listed and all("ppms" in d["ms_forms"] for d in listed)
    for_ppms = {d["id"] for d in listed}
    assert "ocrelizumab" in for_ppms and "interferon-beta-1b" not in for_ppms
    for words in (["ppms"], ["primary", "progressive", "ms", "treatment"], ["best", "treatment", "for", "PPMS"]):
        data = json.loads(run("search", *words, "--json").stdout)
        check_json("search", data)
        assert [d["id"] for d in data[:2]] == ["ocrelizumab", "ocrelizumab-hyaluronidase"], words
        assert {d["id"] for d in data} <= for_ppms, words
    assert json.loads(run("search", "ppms", "--json").stdout)[0]["matched"]["field"] == "ms_form"
    # Approved first, then trials by how far they have got.
    statuses = [d["status"] for d in json.loads(run("search", "ppms", "--json").stdout)]
    assert statuses == sorted(statuses, key=lambda s: s != "approved") and "investigational" in statuses
    # Progressive MS: those labelled for more of its forms first, not the interferons (active SPMS only).
    progressive = [d["id"] for d in json.loads(run("search", "treatment for progressive ms", "--json").stdout)]
    assert set(progressive[:3]) == {"mitoxantrone", "ocrelizumab", "ocrelizumab-hyaluronidase"}
    # Non-active SPMS: not the drugs labelled only for active SPMS.
    nonactive = {d["id"] for d in json.loads(run("search", "non", "active", "spms", "--json").stdout)}
    assert "mitoxantrone" in nonactive and "siponimod" not in nonactive
    assert "Forms of MS: cis, rrms, active-spms, ppms" in run("show", "ocrevus").stdout


def test_a_how_often_query_is_valid_json(check_json: Check) -> None:
    # matched.field "interval" was missing from the schema's list.
    data = json.loads(run("search", "every", "6", "months", "--json").stdout)
    assert data and data[0]["matched"]["field"] == "interval"
    check_json("search", data)
    # "twice yearly" is every 6 months: it found alemtuzumab (yearly courses).
    twice = [d["id"] for d in json.loads(run("search", "twice-yearly infusion", "--json").stdout)]
    assert twice[:2] == ["ocrelizumab", "ublituximab"] and "alemtuzumab" not in twice


@pytest.mark.parametrize("command", ["search", "show"])
def test_another_drugs_name_is_said_to_be_one_msrx_does_not_cover(command: str) -> None:
    result = run(command, "lorazepam")
    assert result.exit_code == 1 and result.stdout == ""
    assert "no treatment matches 'lorazepam' (another drug: msrx covers MS treatments" in result.stderr
    assert "did you mean" not in result.stderr and "try 'msrx search" not in result.stderr
    # A word that is also a drug's street name, or a word msrx does not know, is not called a drug.
    assert "another drug" not in run(command, "xyzzyqq").stderr


def test_search_miss_suggests_names_on_stderr() -> None:
    result = run("search", "tolebrutx")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "did you mean" in result.stderr and "Tolebrutinib" in result.stderr


def test_search_limit_status_category_filters(check_json: Check) -> None:
    data = json.loads(run("search", "spasticity", "--json", "--limit", "2").stdout)
    assert len(data) == 2
    data = json.loads(run("search", "pain", "--status", "off-label", "--json").stdout)
    check_json("search", data)
    assert data and {d["status"] for d in data} == {"off-label"}
    data = json.loads(run("search", "BTK inhibitor", "--category", "dmt", "--json").stdout)
    assert {d["category"] for d in data} == {"dmt"}


def test_search_plain_output_is_tab_separated_without_escapes() -> None:
    result = run("search", "fumarate")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and all(len(line.split("\t")) == 7 for line in lines)
    assert "\x1b" not in result.stdout
    assert lines[0].split("\t")[2] == "approved"


@pytest.mark.parametrize("args", [["search"], ["search", "   "], ["search", "x" * 300], ["search", "a", "--limit", "0"],
                                  ["search", "a", "--status", "maybe"], ["show"], ["frobnicate"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


# -- show -------------------------------------------------------------------


def test_show_json_full_record(check_json: Check) -> None:
    result = run("show", "naltrexone", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    check_json("show", data)
    assert data["id"] == "low-dose-naltrexone"
    assert data["status"] == "off-label"
    assert all(s["url"].startswith("https://") for s in data["sources"])


def test_show_plain_has_sources_and_disclaimer() -> None:
    result = run("show", "dalfampridine")
    assert result.exit_code == 0
    out = result.stdout
    assert "Status: approved: the FDA label covers" in out
    assert re.search(r"^  \[\d+\] .+ https://", out, re.M)
    assert "not medical advice" in out


def test_show_typo_resolves_and_says_so_on_stderr() -> None:
    result = run("show", "naltrexon", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "low-dose-naltrexone"
    assert "showing Low-dose naltrexone" in result.stderr


def test_show_exact_name_is_silent_on_stderr() -> None:
    result = run("show", "Ocrelizumab", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["id"] == "ocrelizumab"


def test_show_ambiguous_lists_candidates_and_exits_1() -> None:
    result = run("show", "interferon")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Interferon beta-1a" in result.stderr and "Interferon beta-1b" in result.stderr


def test_show_unknown_exits_1() -> None:
    result = run("show", "xyzzyqq", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""


# -- list -------------------------------------------------------------------


def test_list_json_and_filters(check_json: Check) -> None:
    everything = json.loads(run("list", "--json").stdout)
    check_json("list", everything)
    approved_dmts = json.loads(run("list", "--status", "approved", "--category", "dmt", "--json").stdout)
    assert approved_dmts and {(d["status"], d["category"]) for d in approved_dmts} == {("approved", "dmt")}
    assert len(approved_dmts) < len(everything)
    bladder = json.loads(run("list", "--symptom", "incontinence", "--json").stdout)
    assert bladder and all("bladder" in d["symptoms"] for d in bladder)


def test_list_unknown_symptom_is_a_usage_error() -> None:
    result = run("list", "--symptom", "hiccups")
    assert result.exit_code == 2
    assert "unknown symptom 'hiccups'" in result.stderr


def test_list_empty_filter_result_exits_1(mini: Path, check_json: Check) -> None:
    result = run("--data", str(mini), "list", "--status", "withdrawn", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


# -- validate, --data, MSRX_DATA -------------------------------------------------


def test_validate_bundled(check_json: Check) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert "valid" in result.stdout
    data = json.loads(run("validate", "--json").stdout)
    check_json("validate", data)
    assert data["valid"] is True and data["treatments"] >= 60


def test_validate_bad_file_lists_every_problem(write_dataset: Callable[..., Path], check_json: Check) -> None:
    bad = write_dataset(MINI.replace('status = "off-label"', 'status = "maybe"').replace('category = "dmt"', 'category = "x"'))
    result = run("validate", str(bad))
    assert result.exit_code == 3
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert all(f"{bad}:" in e for e in errors)
    data = json.loads(run("validate", str(bad), "--json").stdout)
    check_json("validate", data)
    assert data["valid"] is False and len(data["problems"]) == 2
    assert {p["treatment"] for p in data["problems"]} == {"alphamab", "betadine"}


def test_data_option_and_env_var(mini: Path) -> None:
    result = run("--data", str(mini), "search", "alphix", "--json")
    assert json.loads(result.stdout)[0]["id"] == "alphamab"
    result = run("search", "alphix", "--json", env={"MSRX_DATA": str(mini)})
    assert json.loads(result.stdout)[0]["id"] == "alphamab"


@pytest.mark.parametrize("command", [["search", "x"], ["show", "x"], ["list"]])
def test_bad_data_file_exits_3_with_one_message(write_dataset: Callable[..., Path], command: list[str]) -> None:
    bad = write_dataset(MINI.replace('status = "off-label"', 'status = "maybe"').replace('category = "dmt"', 'category = "x"'))
    result = run("--data", str(bad), *command, "--json")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert str(bad) in result.stderr and "and 1 more problem" in result.stderr


def test_missing_data_file_exits_3(tmp_path: Path) -> None:
    result = run("--data", str(tmp_path / "none.toml"), "list")
    assert result.exit_code == 3
    assert result.stderr.strip() == f"error: {tmp_path / 'none.toml'}: no such file"


# -- version and help -----------------------------------------------------------


def test_version_names_msrx_and_dataset() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert re.fullmatch(rf"msrx {re.escape(__version__)} \(dataset \S+, reviewed \d{{4}}-\d\d-\d\d\)\n", result.stdout)


def commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"msrx {command}" in result.stdout


@pytest.mark.parametrize("command", commands())
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"msrx {command}" in readme


@pytest.mark.parametrize(("argv", "registered"), [
    (["msrx", "search", "fatigue"], ["search"]),  # a run that names a command builds only it
    (["msrx", "show"], ["show"]),
    (["msrx", "--data", "x.toml", "search"], ["search"]),  # after the global options
    (["msrx", "--no-cache", "--color=never", "show"], ["show"]),
    (["msrx", "serch"], None), (["msrx"], None), (["msrx", "--help"], None),  # anything else sees every command
    (["msrx", "--version", "show"], None), (["msrx", "--data"], None), (["msrx", "--bogus", "show"], None),
])
def test_a_run_registers_only_the_command_it_names(argv: list[str], registered: list[str] | None) -> None:
    from typer.main import get_command_name

    from msrx.cli import _only_the_command_named

    before = list(app.registered_commands)
    with _only_the_command_named(argv):
        names = [c.name or get_command_name(c.callback.__name__) for c in app.registered_commands if c.callback]
        assert names == (registered or [c.name or get_command_name(c.callback.__name__) for c in before if c.callback])
    assert app.registered_commands == before  # restored: CliRunner and later runs see them all


def test_completion_always_sees_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from msrx.cli import _only_the_command_named

    monkeypatch.setenv("_MSRX_COMPLETE", "complete_bash")
    before = list(app.registered_commands)
    with _only_the_command_named(["msrx", "show"]):
        assert app.registered_commands == before
