"""msrx as a real process: the installed script, pipes, signals, locales, terminals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import MINI

SCRIPT = Path(sys.executable).with_name("msrx.exe" if os.name == "nt" else "msrx")


def msrx(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
         timeout: float = 60) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=full_env, cwd=cwd,
                          timeout=timeout, encoding="utf-8", errors="replace")


def big_dataset(tmp_path: Path, n: int) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate  # type: ignore[import-not-found]

    path = tmp_path / f"big-{n}.toml"
    path.write_text(generate(n), encoding="utf-8")
    return path


def test_installed_script_works_from_any_directory(tmp_path: Path) -> None:
    assert SCRIPT.exists(), "msrx must be installed (pip install .) for the process tests"
    result = msrx("show", "naltrexone", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "low-dose-naltrexone"


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "msrx", "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("msrx ")


def run_noting_rich(*args: str) -> subprocess.CompletedProcess[str]:
    """Run msrx in a fresh interpreter; stderr ends with RICH=True or RICH=False (was rich imported?)."""
    code = textwrap.dedent(
        f"""
        import sys
        sys.argv = ["msrx", *{list(args)!r}]
        from msrx.cli import main
        try:
            main()
        except SystemExit:
            pass
        sys.stderr.write("RICH=%s\\n" % any(m == "rich" or m.startswith("rich.") for m in sys.modules))
        """
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_json_path_never_imports_rich() -> None:
    result = run_noting_rich("search", "fatigue", "--json")
    assert "RICH=False" in result.stderr, result.stderr
    json.loads(result.stdout)


def test_piped_output_has_no_escape_sequences() -> None:
    result = msrx("search", "fatigue", env={"TERM": "xterm-256color"})
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert all("\t" in line for line in result.stdout.splitlines())


def test_color_always_and_force_color_draw_rich_output() -> None:
    forced = msrx("--color", "always", "show", "ocrelizumab")
    assert forced.returncode == 0
    assert "\x1b[" in forced.stdout
    assert "not medical advice" in forced.stdout
    env_forced = msrx("show", "ocrelizumab", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in env_forced.stdout


def test_closed_pipe_ends_quietly_with_141(tmp_path: Path) -> None:
    data = big_dataset(tmp_path, 3000)
    proc = subprocess.Popen([str(SCRIPT), "--data", str(data), "list", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_ctrl_c_exits_130_without_traceback() -> None:
    code = textwrap.dedent(
        """
        import sys
        import msrx.search
        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt
        msrx.search.search = interrupted
        sys.argv = ["msrx", "search", "fatigue"]
        from msrx.cli import main
        main()
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 130
    assert result.stderr == ""


def test_non_utf8_output_encoding_degrades_instead_of_crashing(write_dataset) -> None:  # type: ignore[no-untyped-def]
    data = write_dataset(MINI.replace('name = "Betadine"', 'name = "Bétadine 贝"'))
    result = msrx("--data", str(data), "show", "betadine", env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
    assert result.returncode == 0, result.stderr
    assert "B\\xe9tadine \\u8d1d" in result.stdout
    js = msrx("--data", str(data), "show", "betadine", "--json", env={"PYTHONIOENCODING": "ascii"})
    assert json.loads(js.stdout)["name"] == "Bétadine 贝"


def test_dumb_terminal_and_no_color() -> None:
    result = msrx("--color", "always", "search", "ocrevus", env={"TERM": "dumb", "NO_COLOR": "1"})
    assert result.returncode == 0
    never = msrx("--color", "never", "search", "ocrevus")
    assert "\x1b" not in never.stdout


@pytest.mark.parametrize("args", [["show", "ocrevus"], ["search", "tired"], ["list"]])
def test_no_traceback_anywhere(args: list[str]) -> None:
    result = msrx(*args)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("words", "cword", "expected"), [
    ("msrx show ocre", "2", "ocrelizumab"),
    ("msrx compare ocrelizumab ofa", "3", "ofatumumab"),
    ("msrx symptoms fat", "2", "fatigue"),
    ("msrx sym", "1", "symptoms"),
])
def test_bash_completion_offers_commands_and_names(words: str, cword: str, expected: str) -> None:
    result = msrx(env={"_MSRX_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword})
    assert result.returncode == 0
    assert expected in result.stdout.split()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_for_each_shell(shell: str) -> None:
    result = msrx("--show-completion", shell)
    assert result.returncode == 0
    assert "_MSRX_COMPLETE" in result.stdout


def test_real_sigint_exits_130_quietly(tmp_path: Path) -> None:
    import signal
    import time

    data = big_dataset(tmp_path, 10000)  # a cold run takes about a second: time to interrupt it
    env = {**os.environ, "MSRX_CACHE_DIR": str(tmp_path / "cache")}
    for delay in (0.1, 0.5):  # while importing, and while parsing the dataset
        proc = subprocess.Popen([str(SCRIPT), "--data", str(data), "search", "fatigue", "--json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert b"Traceback" not in err
