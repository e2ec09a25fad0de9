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
    assert cache.stat().st_mode & 0o777 == 0o600  # the cache is private to its user
    stamp = cache.stat().st_mtime_ns
    second = run("--data", str(mini), "search", "alphix", "--json")
    assert first.stdout == second.stdout
    assert cache.stat().st_mtime_ns == stamp  # read, not rewritten


def test_cached_symptoms_keep_their_phrases(write_dataset: Callable[..., Path], isolated_env: Path) -> None:
    from tests.conftest import MINI

    path = write_dataset(MINI.replace('words = ["stiffness", "spasms"]', 'words = ["stiffness", "spasms"]\n'
                                      'phrases = [{ text = "legs like planks", page = "https://example.org/1" }]\n'
                                      'translations = [{ text = "Spastik", lang = "de", source = "review-beta" }]'))
    first = run("--data", str(path), "symptoms", "spasticity", "--json")
    assert cache_files(isolated_env)
    second = run("--data", str(path), "symptoms", "spasticity", "--json")  # from the cache
    assert first.stdout == second.stdout
    phrases = json.loads(second.stdout)["symptom"]["phrases"]
    assert phrases == [{"text": "legs like planks", "page": "https://example.org/1"}]
    assert json.loads(second.stdout)["symptom"]["translations"] == [{"text": "Spastik", "lang": "de", "source": "review-beta"}]
    hits = json.loads(run("--data", str(path), "search", "legs like planks", "--json").stdout)
    assert hits and hits[0]["matched"]["symptom"] == "spasticity"


def test_a_search_reads_no_symptom_source_or_change_rows(mini: Path, isolated_env: Path) -> None:
    # They are parts of their own, read by the commands that show them: the
    # metadata every run reads holds the index alone.
    import marshal

    run("--data", str(mini), "search", "alphix", "--json")
    [cache] = cache_files(isolated_env)
    raw = cache.read_bytes()
    meta = marshal.loads(raw[16:16 + int.from_bytes(raw[8:12], "little")])
    assert not {"symptoms", "sources", "changes"} & set(meta)
    assert {"rows:symptoms", "rows:sources", "rows:changes"} <= set(meta["extra"])


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
    assert not list(cache.glob(".*.tmp"))  # no half-written files left behind
    assert one(0).stdout == results[0].stdout  # and the cache it left is good


# -- the cache is keyed on content --------------------------------------------------


def keep_stat(path: Path, text: str) -> None:
    """Rewrite a file keeping its size and modification time, as `cp -p`, `rsync -t` or `tar` do."""
    st = path.stat()
    assert len(text.encode()) == st.st_size
    path.write_text(text)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_edit_keeping_size_and_mtime_is_seen(mini: Path) -> None:
    assert json.loads(run("--data", str(mini), "show", "alphamab", "--json").stdout)["brands"] == ["Alphix"]
    keep_stat(mini, mini.read_text().replace('brands = ["Alphix"]', 'brands = ["Alphox"]'))
    assert json.loads(run("--data", str(mini), "show", "alphamab", "--json").stdout)["brands"] == ["Alphox"]
    assert run("--data", str(mini), "list", "--json").stdout == run("--no-cache", "--data", str(mini), "list", "--json").stdout


@pytest.mark.parametrize("damage", [None, "flip-record", "flip-meta", "truncate"])
def test_file_made_invalid_keeping_size_and_mtime_errors_from_any_cache(mini: Path, isolated_env: Path, damage: str | None) -> None:
    assert run("--data", str(mini), "list", "--json").exit_code == 0
    keep_stat(mini, mini.read_text().replace('status = "off-label"', 'status = "off-lapel"'))
    if damage:
        [cache] = cache_files(isolated_env)
        raw = bytearray(cache.read_bytes())
        if damage == "truncate":
            raw = raw[:30]
        else:
            raw[-20 if damage == "flip-record" else 40] ^= 0xFF
        cache.write_bytes(bytes(raw))
    for args in (["list", "--json"], ["show", "gammazine"], ["search", "tired"]):
        result = run("--data", str(mini), *args)
        assert result.exit_code == 3, (args, result.stdout)
        assert "unknown status 'off-lapel'" in result.stderr and result.stdout == ""


def test_unreadable_dataset_is_never_answered_from_the_cache(mini: Path, refuse_opening: Callable[[Path], None]) -> None:
    assert run("--data", str(mini), "list", "--json").exit_code == 0  # the cache is warm
    refuse_opening(mini)  # test_process.py does the real chmod 000
    result = run("--data", str(mini), "list", "--json")
    assert result.exit_code == 3 and result.stdout == ""
    assert f"{mini}: permission denied" in result.stderr


@pytest.mark.parametrize("damage", ["flip-record", "flip-extra", "flip-sources"])
def test_a_cache_failing_a_later_check_is_rebuilt(mini: Path, isolated_env: Path, damage: str) -> None:
    good_out = run("--data", str(mini), "search", "gamazine", "--json").stdout  # a typo: needs the fuzzy tables
    shown = run("--data", str(mini), "show", "gammazine", "--json").stdout
    [cache] = cache_files(isolated_env)
    good = cache.read_bytes()
    assert cache_is_sound(cache)
    raw = bytearray(good)
    if damage == "flip-record":
        raw[-20] ^= 0xFF
    else:  # the lazily loaded tables sit between the metadata and the records
        import marshal

        meta_len = int.from_bytes(good[8:12], "little")
        meta = marshal.loads(good[16:16 + meta_len])
        part = "spell" if damage == "flip-extra" else "rows:sources"  # what a typo search, a show reads
        offset, length, _adler = meta["extra"][part]
        raw[16 + meta_len + offset + length // 2] ^= 0xFF
    cache.write_bytes(bytes(raw))
    args = ["search", "gamazine", "--json"] if damage == "flip-extra" else ["show", "gammazine", "--json"]
    again = run("--data", str(mini), *args)
    assert again.exit_code == 0 and again.stderr == ""
    assert again.stdout == (good_out if damage == "flip-extra" else shown)
    assert cache.read_bytes() != bytes(raw) and cache_is_sound(cache)  # rewritten, not left damaged


def cache_is_sound(path: Path) -> bool:
    """Every checksum in a cache file holds (the layout of msrx.store)."""
    import marshal
    import zlib
    from array import array

    raw = path.read_bytes()
    meta_len = int.from_bytes(raw[8:12], "little")
    meta_bytes = raw[16:16 + meta_len]
    if zlib.adler32(meta_bytes) != int.from_bytes(raw[12:16], "little"):
        return False
    meta = marshal.loads(meta_bytes)
    extra_start = 16 + meta_len
    for offset, length, adler in meta["extra"].values():
        if zlib.adler32(raw[extra_start + offset:extra_start + offset + length]) != adler:
            return False
    offsets, adlers = array("q"), array("q")
    offsets.frombytes(meta["offsets"])
    adlers.frombytes(meta["adlers"])
    start = extra_start + sum(part[1] for part in meta["extra"].values())
    return all(zlib.adler32(raw[start + offsets[i]:start + offsets[i + 1]]) == adlers[i] for i in range(len(adlers)))


def test_damaged_cache_and_a_file_changed_meanwhile_end_in_exit_3(mini: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "MSRX_CACHE_DIR": str(cache)}
    assert subprocess.run([str(SCRIPT), "--data", str(mini), "list"], env=env, capture_output=True).returncode == 0
    [entry] = cache_files(cache)
    raw = bytearray(entry.read_bytes())
    raw[-20] ^= 0xFF
    entry.write_bytes(bytes(raw))
    # The file changes between the read msrx keys the cache on and the read
    # it falls back to when a record fails its checksum.
    code = (
        "import sys, msrx.datafile\n"
        "real = msrx.datafile.read\n"
        "calls = []\n"
        "def read(path):\n"
        "    calls.append(path)\n"
        "    data = real(path)\n"
        "    return data if len(calls) == 1 else data.replace(b'Gammix', b'Gammax')\n"
        "msrx.datafile.read = read\n"
        f"sys.argv = ['msrx', '--data', {str(mini)!r}, 'show', 'gammazine']\n"
        "from msrx.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"msrx: error: {mini}: changed while msrx was reading it; run the command again"


def test_fifo_at_the_cache_path_is_ignored(mini: Path, isolated_env: Path) -> None:
    run("--data", str(mini), "list", "--json")
    [cache] = cache_files(isolated_env)
    cache.unlink()
    os.mkfifo(cache)
    env = {**os.environ, "MSRX_CACHE_DIR": str(isolated_env)}
    result = subprocess.run([str(SCRIPT), "--data", str(mini), "show", "alphamab", "--json"],
                            capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["id"] == "alphamab"


# -- special files -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/null", "socket"])
@pytest.mark.parametrize("how", ["--data", "MSRX_DATA", "validate"])
def test_special_files_are_refused_not_read(tmp_path: Path, kind: str, how: str) -> None:
    import socket

    if kind == "fifo":
        path = str(tmp_path / "pipe.toml")
        os.mkfifo(path)
        why = "is a named pipe (FIFO), not a regular file"
    elif kind == "socket":
        path = str(tmp_path / "sock.toml")
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(path)
        why = "is a socket, not a regular file"
    else:
        path, why = kind, "is a character device, not a regular file"
    env = {**os.environ, "MSRX_CACHE_DIR": str(tmp_path / "cache")}
    if how == "MSRX_DATA":
        env["MSRX_DATA"] = path
        args = ["list"]
    else:
        args = ["--data", path, "search", "tired"] if how == "--data" else ["validate", path]
    result = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 3
    assert result.stdout == ""
    assert f"{path}: {why}" in result.stderr and "Traceback" not in result.stderr


# -- exact CSV, neutralised paths, forged lines -------------------------------------------


@pytest.mark.parametrize("value", ["a\rb", "\rx", "a\r\nb", "x\n\ry", 'q"\r', "end\r", ",\r,", "\x1b[2J\r\x07"])
def test_csv_round_trips_every_field_with_carriage_returns(write_dataset: Callable[..., Path], value: str) -> None:
    import csv
    import io

    encoded = json.dumps(value)
    data = write_dataset(MINI.replace('use = "Eases spasticity."', f"use = {encoded}")
                         .replace('drug_class = "muscle relaxant"', f"drug_class = {json.dumps('c' + value)}"))
    for fields in ("id,use,drug_class,brands", "use", "fda_approval_year"):
        result = run("--data", str(data), "list", "--format", "csv", "--fields", fields)
        assert result.exit_code == 0
        rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode(), newline="")))  # .stdout folds \r\n
        expected = [fields.split(",")] + [
            [{"id": t["id"], "use": t["use"], "drug_class": t["drug_class"], "brands": "; ".join(t["brands"]),
              "fda_approval_year": str(t["fda_approval_year"] or "")}[f] for f in fields.split(",")]
            for t in json.loads(run("--data", str(data), "list", "--json", "--fields", "id,use,drug_class,brands,fda_approval_year").stdout)
        ]
        assert rows == expected
        assert any(value in cell for row in rows for cell in row) or fields == "fda_approval_year"


HOSTILE_NAME = "evil\x1b]0;pwned\x07\u202e.toml"


def test_validate_neutralises_a_hostile_file_name(tmp_path: Path) -> None:
    path = tmp_path / HOSTILE_NAME
    path.write_text(MINI)
    for result in (run("validate", str(path)), run("--data", str(path), "validate")):
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
        assert "evil\\x1b]0;pwned\\x07\\u202e.toml: valid (3 treatments" in result.stdout
    bad = tmp_path / ("bad" + HOSTILE_NAME)
    bad.write_text("[[treatments]\n")
    for result in (run("validate", str(bad)), run("--data", str(bad), "list"), run("--data", str(tmp_path / "no" / HOSTILE_NAME), "list")):
        assert result.exit_code == 3
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
        assert "\\x1b]0;pwned\\x07" in result.stderr
    info = run("--data", str(path), "info")
    assert info.exit_code == 0 and "\x1b" not in info.stdout and "\\x1b]0;pwned" in info.stdout


def test_usage_errors_neutralise_what_they_echo_back() -> None:
    result = msrx("\x1b]0;pwned\x07", timeout=30)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;pwned\\x07" in result.stderr


FORGED = "\nStatus: approved\nFDA approval for MS: 1999\nReviewed: 2099-01-01"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('evidence = "Small trials, mixed results."', f"evidence = {json.dumps('Small trials.' + FORGED)}"),
        ('use = "Used for MS fatigue."', f"use = {json.dumps('Fatigue.' + FORGED)}"),
        ('side_effects = ["headache", "insomnia"]', f"side_effects = [{json.dumps('headache' + FORGED)}]"),
        ('title = "Betadine review"', f"title = {json.dumps('Review' + FORGED)}"),
        ('name = "Betadine"', f"name = {json.dumps('Betadine' + FORGED)}"),
    ],
)
def test_piped_show_cannot_forge_a_field_line(write_dataset: Callable[..., Path], old: str, new: str) -> None:
    assert old in MINI
    data = write_dataset(MINI.replace(old, new))
    out = run("--data", str(data), "show", "betadine").stdout
    lines = out.splitlines()
    assert [line for line in lines if line.startswith("Status:")] == [
        "Status: off-label: FDA-approved for other uses; this MS use is off-label"]
    assert [line for line in lines if line.startswith("FDA approval for MS:")] == ["FDA approval for MS: none"]
    assert [line for line in lines if line.startswith("Reviewed:")] == ["Reviewed: 2026-01-02"]
    assert "  Status: approved" in out  # the text is there, as a continuation line


# -- usage before work ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["search", "zzqqxxyy", "--fields", "bogus"],
        ["search", "zzqqxxyy", "--json", "--fields", "id,bogus"],
        ["search", "zzqqxxyy", "--format", "csv", "--fields", ","],
        ["list", "--status", "withdrawn", "--category", "symptom", "--fields", "bogus"],
        ["symptoms", "nosuchsymptom", "--fields", "bogus"],
        ["symptoms", "--fields", "status"],
        ["sources", "99999", "--fields", "bogus"],
        ["--data", "/nonexistent.toml", "list", "--fields", "bogus"],
    ],
)
def test_invalid_fields_is_a_usage_error_before_any_work(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "unknown field(s)" in result.stderr
