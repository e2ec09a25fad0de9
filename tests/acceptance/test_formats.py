"""--format (table, json, jsonl, csv, markdown) and --fields on search and list."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msrx.cli import app
from msrx.render_formats import md_cell
from tests.conftest import MINI

runner = CliRunner()
TRICKY = 'Alpha, "the" | mab\nline2 \x1b[31m'


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def tricky(write_dataset: Callable[..., Path]) -> Path:
    return write_dataset(MINI.replace('name = "Alphamab"', 'name = "Alpha, \\"the\\" | mab\\nline2 \\u001b[31m"'))


def test_csv_round_trips_exactly(tricky: Path) -> None:
    result = run("--data", str(tricky), "list", "--format", "csv", "--fields", "id,name,brands,symptoms")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0] == {"id": "alphamab", "name": TRICKY, "brands": "Alphix", "symptoms": ""}
    assert {r["id"]: r["symptoms"] for r in rows}["gammazine"] == "spasticity; fatigue"


def test_markdown_escapes_what_would_break_a_table(tricky: Path) -> None:
    out = run("--data", str(tricky), "list", "--format", "markdown", "--fields", "name,status").stdout
    lines = out.splitlines()
    assert lines[0] == "| name | status |" and lines[1] == "| --- | --- |"
    assert len(lines) == 5  # header, rule, three rows: the newline did not split a row
    assert all(line.count(" | ") == 1 for line in lines[2:])  # the data's pipe is escaped
    assert "\x1b" not in out
    assert md_cell("a|b [x](y) *z*") == "a\\|b \\[x\\]\\(y\\) \\*z\\*"


def test_jsonl_one_object_per_line() -> None:
    out = run("search", "fumarate", "--format", "jsonl").stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows][:3] == ["dimethyl-fumarate", "diroximel-fumarate", "monomethyl-fumarate"]
    assert all(set(r) == {"id", "name", "status", "category", "matched", "symptoms", "score"} for r in rows)


def test_fields_pick_columns_in_json_and_plain() -> None:
    data = json.loads(run("list", "--json", "--fields", "id,fda_approval_year", "--category", "dmt").stdout)
    assert all(set(d) == {"id", "fda_approval_year"} for d in data)
    plain = run("search", "ocrevus", "--fields", "name,score").stdout
    assert plain.splitlines()[0] == "Ocrelizumab\t100"


def test_unknown_field_is_a_usage_error() -> None:
    result = run("list", "--fields", "id,bogus")
    assert result.exit_code == 2
    assert "unknown field(s) 'bogus'" in result.stderr


def test_format_json_equals_json_flag() -> None:
    assert run("search", "tired", "--format", "json").stdout == run("search", "tired", "--json").stdout


def test_symptoms_and_sources_take_formats_and_fields() -> None:
    rows = list(csv.DictReader(io.StringIO(run("symptoms", "bladder", "--format", "csv", "--fields", "name,status").stdout)))
    assert rows and set(rows[0]) == {"name", "status"} and rows[0]["status"] == "approved"
    listing = [json.loads(line) for line in run("symptoms", "--format", "jsonl").stdout.splitlines()]
    assert {"id", "name", "words", "treatments"} == set(listing[0])
    md = run("sources", "1", "--format", "markdown", "--fields", "number,url").stdout.splitlines()
    assert md[0] == "| number | url |" and md[2].startswith("| 1 | https://")
    assert run("sources", "--fields", "nope").exit_code == 2


def test_a_question_exports_the_field_it_asked_about() -> None:
    out = runner.invoke(app, ["search", "ocrevus", "pregnancy", "--format", "csv", "--fields", "id,topic"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["id"] == "ocrelizumab"
    assert rows[0]["topic"].startswith("pregnancy: (summary: ") and "{" not in rows[0]["topic"]
    lines = runner.invoke(app, ["search", "ocrevus", "pregnancy", "--format", "jsonl", "--fields", "id,topic"]).stdout
    first = json.loads(lines.splitlines()[0])
    assert first["topic"]["field"] == "pregnancy" and first["topic"]["sources"]
