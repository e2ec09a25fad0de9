"""Hard to break: hostile dataset text, odd queries, bad files, the cache under stress."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msrx.cli import app
from tests.acceptance.test_process import SCRIPT, msrx
from tests.conftest import MINI

HOSTILE = Path(__file__).with_name("hostile.toml")
runner = CliRunner()
# Sequences the hostile dataset carries; none may reach a terminal raw.
RAW = ["\x1b[2J", "\x1b[31mred", "\x1b]8;;https://evil", "\u202e", "\x07", "\x00", "\x1b[1A"]


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


# -- hostile text -------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["show", "evilmab"],
        ["search", "tired"],
        ["list"],
        ["--color", "always", "show", "evilmab"],
        ["--color", "always", "search", "tired"],
        ["--color", "always", "list"],
    ],
)
def test_hostile_text_is_neutralised_in_every_text_format(args: list[str]) -> None:
    result = run("--data", str(HOSTILE), *args, env={"COLUMNS": "300"})
    assert result.exit_code == 0
    for raw in RAW:
        assert raw not in result.stdout, (raw, args)
    assert "\\x1b[2J" in result.stdout  # shown, visibly escaped
    assert "[bold red]BOLD[/bold red]" in result.stdout  # markup shown literally
    if "show" in args:
        assert "[link=https://evil.example]Trust me[/link]" in result.stdout


def test_hostile_text_on_stderr_messages_is_neutralised() -> None:
    result = run("--data", str(HOSTILE), "show", "evilmabb")
    assert result.exit_code == 0
    assert "showing Evilmab" in result.stderr
    for raw in RAW:
        assert raw not in result.stderr


def test_json_keeps_hostile_text_exact() -> None:
    data = json.loads(run("--data", str(HOSTILE), "show", "evilmab", "--json").stdout)
    assert data["name"] == "Evilmab [bold red]BOLD[/bold red] \x1b[2J\x1b[31mred"
    assert data["brands"] == ["Ev\u202eilbrand"]
    assert data["sources"][0]["publisher"] == "\u202eevil"
    assert "\x00" in data["use"]


# -- odd queries -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("Ocrévus", {0}),
        ("ＯＣＲＥＶＵＳ", {0}),  # full-width letters fold to ASCII
        ("阿司匹林", {1}),
        ("🙂", {1}),
        ("\x1b[31m\x07", {1, 2}),
        ("a" * 199, {1}),
        ("a" * 5000, {2}),
        ("- - -", {1, 2}),
        ("tired\ttired\ntired", {0}),
    ],
)
def test_odd_queries_get_results_or_one_clear_message(query: str, codes: set[int]) -> None:
    result = run("search", "--", query)
    assert result.exit_code in codes, result.output
    assert "Traceback" not in result.output
    for raw in ("\x1b[31m", "\x07"):
        assert raw not in result.stderr
    if result.exit_code:
        assert result.stderr.startswith("msrx: ")


def test_leading_dash_query_after_double_dash() -> None:
    result = run("search", "--json", "--", "-ocrevus")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "ocrelizumab"


def test_odd_query_through_a_real_process_is_bounded() -> None:
    result = msrx("search", "--", "x" * 199 + "🙂" * 1, timeout=30)
    assert result.returncode in (0, 1)


# -- bad dataset files, through the CLI --------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00", "is a binary file"),
        (b"[[treatments]\n", "is not valid TOML"),
        (MINI.replace('status = "off-label"', 'status = 3').encode(), "field 'status': must be a string"),
    ],
)
def test_bad_data_files_exit_3_with_nothing_on_stdout(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    for args in (["search", "x", "--json"], ["list"], ["validate", str(path)]):
        result = run("--data", str(path), *args)
        assert result.exit_code == 3, args
        assert result.stdout == ""
        assert expected in result.stderr and str(path) in result.stderr
        assert "Traceback" not in result.stderr


def test_data_path_that_is_a_directory(tmp_path: Path) -> None:
    result = run("--data", str(tmp_path), "list")
    assert result.exit_code == 3
    assert "is a directory" in result.stderr


# -- the cache --------------------------------------------------------------------


def cache_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("dataset-*.cache"))


def test_cache_is_written_and_reused(mini: Path, isolated_env: Path) -> None:
    first = run("--data", str(mini), "search", "alphix", "--json")
    [cache] = cache_files(isolated_env)
    stamp = cache.stat().st_mtime_ns
    second = run("--data", str(mini), "search", "alphix", "--json")
    assert first.stdout == second.stdout
    assert cache.stat().st_mtime_ns == stamp  # read, not rewritten


def test_cache_never_serves_stale_data(mini: Path, isolated_env: Path) -> None:
    assert json.loads(run("--data", str(mini), "show", "alphamab", "--json").stdout)["brands"] == ["Alphix"]
    text = mini.read_text().replace('brands = ["Alphix"]', 'brands = ["Alphox"]')  # same size
    mini.write_text(text)
    st = mini.stat()
    os.utime(mini, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert json.loads(run("--data", str(mini), "show", "alphamab", "--json").stdout)["brands"] == ["Alphox"]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip-record", "flip-meta", "empty"])
def test_corrupt_cache_is_ignored_silently(mini: Path, isolated_env: Path, damage: str) -> None:
    good = run("--data", str(mini), "show", "gammazine", "--json")
    [cache] = cache_files(isolated_env)
    raw = bytearray(cache.read_bytes())
    if damage == "truncate":
        raw = raw[: len(raw) // 2]
    elif damage == "garbage":
        raw = bytearray(os.urandom(len(raw)))
    elif damage == "flip-record":
        raw[-20] ^= 0xFF
    elif damage == "flip-meta":
        raw[40] ^= 0xFF
    else:
        raw = bytearray()
    cache.write_bytes(bytes(raw))
    again = run("--data", str(mini), "show", "gammazine", "--json")
    assert again.exit_code == 0
    assert again.stdout == good.stdout
    assert again.stderr == ""


def test_read_only_cache_location_still_works(mini: Path, tmp_path: Path) -> None:
    if os.path.isdir("/proc/self"):
        # Nobody, not even root, can create a directory in /proc.
        location = "/proc/self/msrx-cache"
    else:  # pragma: no cover - non-Linux
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        location = str(ro / "sub")
    result = run("--data", str(mini), "search", "alphix", "--json", env={"MSRX_CACHE_DIR": location})
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)[0]["id"] == "alphamab"
    assert not os.path.exists(location)


def test_cache_path_that_is_a_file_still_works(mini: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = run("--data", str(mini), "search", "alphix", "--json", env={"MSRX_CACHE_DIR": str(blocker)})
    assert result.exit_code == 0 and result.stderr == ""


def test_missing_home_and_no_cache_settings(mini: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MSRX_CACHE_DIR", "XDG_CACHE_HOME")}
    env["HOME"] = "/nonexistent/home"
    result = subprocess.run([str(SCRIPT), "--data", str(mini), "search", "alphix", "--json"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)[0]["id"] == "alphamab"


def test_no_cache_option_and_variable_write_nothing(mini: Path, isolated_env: Path) -> None:
    assert run("--no-cache", "--data", str(mini), "list", "--json").exit_code == 0
    assert run("--data", str(mini), "list", "--json", env={"MSRX_NO_CACHE": "1"}).exit_code == 0
    assert cache_files(isolated_env) == []


def test_concurrent_first_runs_all_succeed_and_agree(write_dataset: Callable[..., Path], tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate  # type: ignore[import-not-found]

    data = write_dataset(generate(2000), name="big.toml")
    cache = tmp_path / "shared-cache"
    env = {**os.environ, "MSRX_CACHE_DIR": str(cache)}

    def one(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(SCRIPT), "--data", str(data), "search", "fatigue", "--json", "--limit", "50"],
                              capture_output=True, text=True, env=env, timeout=120)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(one, range(8)))
    assert all(r.returncode == 0 and r.stderr == "" for r in results)
    assert len({r.stdout for r in results}) == 1
    assert len(cache_files(cache)) == 1
    assert not list(cache.glob(".dataset-*.tmp"))  # no half-written files left behind
    assert one(0).stdout == results[0].stdout  # and the cache it left is good
