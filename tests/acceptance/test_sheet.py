"""msrx sheet: Markdown, HTML, --output and --json, through CliRunner and as a real process."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from msrx.cli import app
from tests.acceptance.test_process import msrx, run_noting_rich
from tests.unit.test_sheet import parse

runner = CliRunner()
LIVING = str(Path(__file__).resolve().parent.parent / "living.toml")


def run(*args: str) -> Any:
    return runner.invoke(app, ["--data", LIVING, *args], catch_exceptions=False)


def test_markdown_on_stdout_by_default() -> None:
    result = run("sheet", "alphamab", "betix")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("# Clinic visit summary: Alphamab, Betaferon\n")
    assert "**How taken:** [1]\n- Where: infusion centre\n" in result.stdout


def test_html_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "visit.html"
    result = run("sheet", "alphamab", "--format", "html", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"msrx: wrote {target}\n"
    page = parse(target.read_text(encoding="utf-8"))
    assert "table" in page.tags and "Efficacy tier: high" in "".join(page.text)
    assert os.listdir(tmp_path) == ["visit.html"]


def test_json_is_the_sheet_and_validates(check_json: Callable[[str, Any], None]) -> None:
    data = json.loads(run("sheet", "alphamab", "gammazine", "--json").stdout)
    check_json("sheet", data)
    assert [t["id"] for t in data["treatments"]] == ["alphamab", "gammazine"]


def test_errors(tmp_path: Path) -> None:
    result = run("sheet", "nothing-like-it")
    assert result.exit_code == 1 and result.stdout == ""
    result = run("sheet", "alphamab", "--output", str(tmp_path / "missing" / "x.md"))
    assert result.exit_code == 2 and "cannot write" in result.stderr
    result = run("sheet", "alphamab", "--output", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.stderr
    assert run("sheet", "alphamab", "--format", "pdf").exit_code == 2
    assert os.listdir(tmp_path) == []


def test_real_process_writes_the_page_and_json_never_imports_rich(tmp_path: Path) -> None:
    target = tmp_path / "visit.html"
    result = msrx("--data", LIVING, "sheet", "alphamab", "betaferon", "-f", "html", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "Betix Weekly" in target.read_text(encoding="utf-8")
    result = run_noting_rich("--data", LIVING, "sheet", "alphamab", "--json")
    assert "RICH=False" in result.stderr, result.stderr
    assert json.loads(result.stdout)["treatments"][0]["id"] == "alphamab"
