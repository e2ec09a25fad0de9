"""`msrx changes`: the change log on a terminal, in a pipe and as JSON, its filters and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msrx.cli import app
from tests.acceptance.test_process import msrx
from tests.conftest import MINI
from tests.unit.test_changes import CHANGES

runner = CliRunner()
Check = Callable[[str, Any], None]


@pytest.fixture
def logged(write_dataset: Callable[..., Path]) -> Path:
    return write_dataset(MINI + CHANGES)


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_json_is_newest_first_and_valid(logged: Path, check_json: Check) -> None:
    result = run("--data", str(logged), "changes", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    check_json("changes", data)
    assert [d["version"] for d in data] == ["2026.03.01.1", "2026.03.01", "2026.01.02", "2026.01.02"]
    assert data[3] == {"version": "2026.01.02", "treatment": "", "summary": "Symptom words for fatigue."}
    assert result.stderr == ""


def test_piped_lines_are_tab_separated(logged: Path) -> None:
    result = run("--data", str(logged), "changes")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "2026.03.01.1\talphamab\tLabel revision of February 2026.",
        "2026.03.01\tbetadine\tEvidence updated after a 2026 trial.",
        "2026.01.02\talphamab\tAdded the hepatitis B warning.",
        "2026.01.02\t\tSymptom words for fatigue.",
    ]


def test_terminal_groups_by_release_with_names(logged: Path) -> None:
    import re

    out = re.sub(r"\x1b\[[0-9;]*m", "", run("--data", str(logged), "--color", "always", "changes").stdout)
    assert out.index("Dataset 2026.03.01.1") < out.index("Dataset 2026.03.01\n") < out.index("Dataset 2026.01.02")
    assert out.count("Dataset 2026.01.02") == 1  # one heading per release
    assert "Alphamab" in out and "(whole dataset)" in out and "Evidence updated after a 2026 trial." in out


def test_since_and_treatment_filter(logged: Path, check_json: Check) -> None:
    data = json.loads(run("--data", str(logged), "changes", "--since", "2026.01.02", "--json").stdout)
    check_json("changes", data)
    assert [d["version"] for d in data] == ["2026.03.01.1", "2026.03.01"]
    by_brand = json.loads(run("--data", str(logged), "changes", "--treatment", "alphix", "--json").stdout)
    assert [d["summary"] for d in by_brand] == ["Label revision of February 2026.", "Added the hepatitis B warning."]
    both = run("--data", str(logged), "changes", "-t", "alphamab", "--since", "2026.03.01")
    assert both.stdout == "2026.03.01.1\talphamab\tLabel revision of February 2026.\n"


def test_nothing_matching_exits_1(logged: Path, check_json: Check) -> None:
    result = run("--data", str(logged), "changes", "--since", "2026.03.01.1", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    assert "no recorded change matches" in result.stderr
    quiet = run("--data", str(logged), "changes", "--treatment", "gammazine")
    assert (quiet.exit_code, quiet.stdout) == (1, "")


def test_a_dataset_without_a_log_exits_1(mini: Path) -> None:
    result = run("--data", str(mini), "changes")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "records no changes" in result.stderr


@pytest.mark.parametrize("since", ["2026", "2026-11-27", "2026.11.31", "latest", ""])
def test_malformed_since_is_a_usage_error(mini: Path, since: str) -> None:
    result = run("--data", str(mini), "changes", "--since", since, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "is not a dataset version" in result.stderr


def test_malformed_since_is_refused_before_reading_the_data(tmp_path: Path) -> None:
    result = run("--data", str(tmp_path / "missing.toml"), "changes", "--since", "soon")
    assert result.exit_code == 2  # not 3: the usage error comes first


def test_unknown_treatment_is_a_usage_error(logged: Path) -> None:
    result = run("--data", str(logged), "changes", "--treatment", "xyzzyqq")
    assert result.exit_code == 2 and result.stdout == ""
    assert "names no treatment" in result.stderr


def test_info_counts_the_changes(logged: Path, check_json: Check) -> None:
    data = json.loads(run("--data", str(logged), "info", "--json").stdout)
    check_json("info", data)
    assert data["changes"] == 4
    assert "changes\t4" in run("--data", str(logged), "info").stdout
    assert "Changes logged" in run("--data", str(logged), "--color", "always", "info").stdout


def test_bundled_dataset_changes_are_valid_json(check_json: Check) -> None:
    result = run("changes", "--json")
    assert result.exit_code in (0, 1)
    check_json("changes", json.loads(result.stdout))


def test_as_a_process_from_the_cache(logged: Path, tmp_path: Path) -> None:
    env = {"MSRX_CACHE_DIR": str(tmp_path / "cache")}
    cold = msrx("--data", str(logged), "changes", "--json", env=env)
    warm = msrx("--data", str(logged), "changes", "--json", env=env)  # answered from the cache
    assert cold.returncode == warm.returncode == 0, cold.stderr
    assert cold.stdout == warm.stdout
    assert any((tmp_path / "cache").iterdir())
    piped = msrx("--data", str(logged), "changes", "--since", "2026.03.01", env=env)
    assert (piped.returncode, piped.stdout) == (0, "2026.03.01.1\talphamab\tLabel revision of February 2026.\n")
    bad = msrx("--data", str(logged), "changes", "--since", "2026.3.1", env=env)
    assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr


def test_json_path_never_imports_rich(logged: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; sys.argv = ['msrx', '--data', sys.argv[1], 'changes', '--json']\n"
            "from msrx.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('RICH=%s\\n' % any(m == 'rich' or m.startswith('rich.') for m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code, str(logged)], capture_output=True, text=True, timeout=60)
    assert "RICH=False" in result.stderr, result.stderr
