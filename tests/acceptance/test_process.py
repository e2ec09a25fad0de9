"""msrx as a real process: the installed script, pipes, signals, locales, terminals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import MINI, ROOT, value_at

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
    """Run msrx in a fresh interpreter; stderr ends with RICH=, NUMPY= and JSON= True or False (was it imported?)."""
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
        sys.stderr.write("NUMPY=%s\\n" % ("numpy" in sys.modules))
        sys.stderr.write("JSON=%s\\n" % ("json" in sys.modules))
        """
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_json_path_never_imports_rich() -> None:
    result = run_noting_rich("search", "fatigue", "--json")
    assert "RICH=False" in result.stderr, result.stderr
    assert "NUMPY=False" in result.stderr, result.stderr  # a whole symptom word: no reading for meaning
    assert "JSON=False" in result.stderr, result.stderr  # msrx.render_json writes it: the module costs a millisecond
    json.loads(result.stdout)


def test_only_a_half_matched_phrase_loads_the_sentence_encoder() -> None:
    result = run_noting_rich("search", "There is a fog inside my mind", "--json")
    assert "RICH=False" in result.stderr and "NUMPY=True" in result.stderr, result.stderr
    first = json.loads(result.stdout)[0]
    assert first["matched"]["relation"] == "similar" and first["matched"]["symptom"] == "cognition"


def test_a_sentence_naming_ms_is_read_for_its_symptom() -> None:
    # "MS" drew the sentence to "MS fatigue": fatigue drugs for a bowel problem.
    result = msrx("search", "my MS stopped my gut from working", "--json")
    first = json.loads(result.stdout)[0]
    assert first["matched"]["symptom"] == "bowel" and first["id"] == "psyllium"


def test_how_long_until_it_works_asks_about_effectiveness() -> None:
    # "how long" read as how long a dose takes (administration).
    first = json.loads(msrx("search", "how long until tysabri kicks in", "--json").stdout)[0]
    assert first["id"] == "natalizumab" and first["topic"]["field"] == "effectiveness"
    first = json.loads(msrx("search", "tysabri not working", "--json").stdout)[0]
    assert first["id"] == "natalizumab" and first["topic"]["field"] == "effectiveness"
    first = json.loads(msrx("search", "how long do ocrevus side effects last", "--json").stdout)[0]
    assert first["id"] == "ocrelizumab" and first["topic"]["field"] == "side_effects"


def test_pain_begins_with_its_usual_first_choice() -> None:
    rows = msrx("search", "pain").stdout.splitlines()
    assert rows[0].split("\t")[0] == "amitriptyline"


def test_an_infection_is_no_bladder_symptom() -> None:
    result = msrx("search", "bladder infection", "--json")
    assert all(d["matched"]["relation"] == "causes" for d in json.loads(result.stdout))
    said = msrx("search", "chest infection")
    assert said.returncode == 1 and said.stdout == "" and "no treatment for infections" in said.stderr


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


@pytest.mark.parametrize(("words", "expected", "absent"), [
    ("msrx show naltr", {"naltrexone"}, set()),  # an alias
    ("msrx show tecf", {"tecfidera"}, {"dimethyl-fumarate"}),  # a brand, and only what starts with it
    ("msrx show ocrevus", {"ocrevus", "ocrevus-zunovo"}, {"ocrelizumab"}),  # a name with a space, as one word
    ("msrx compare kesimpta ld", {"ldn"}, set()),  # an abbreviation, offered lowercase
])
def test_completion_offers_names_brands_and_aliases_in_every_shell(words: str, expected: set[str], absent: set[str]) -> None:
    cword = str(len(words.split()) - 1)
    bash = msrx(env={"_MSRX_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword})
    zsh = msrx(env={"_MSRX_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words})
    fish = msrx(env={"_MSRX_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": words,
                     "_TYPER_COMPLETE_FISH_ACTION": "get-args"})
    for result in (bash, zsh, fish):
        assert result.returncode == 0
        offered = set(result.stdout.replace('"', " ").replace("(", " ").replace(")", " ").replace("'", " ").split())
        assert expected <= offered, (result.stdout, expected)
        assert not absent & offered


def in_shell(shell: str, *args: str) -> subprocess.CompletedProcess[str]:
    """msrx run from `shell` as a child that does not replace it (a command
    follows it): Typer picks the completion script by the shell that started
    msrx, not by an argument."""
    return subprocess.run([shell, "-c", '"$0" "$@"; code=$?; exit $code', str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=60)


def test_completion_script_is_the_calling_shells() -> None:
    result = in_shell("bash", "--show-completion")
    assert result.returncode == 0, result.stderr
    assert "complete -o default -F _msrx_completion msrx" in result.stdout  # bash's, not zsh's or fish's
    assert "_MSRX_COMPLETE=complete_bash" in result.stdout


def test_completion_from_a_shell_without_it_says_so() -> None:
    result = in_shell("sh", "--show-completion")  # POSIX sh: no programmable completion
    if "bash" in Path("/bin/sh").resolve().name:
        pytest.skip("/bin/sh is bash here")
    assert result.returncode != 0 and result.stdout == ""
    assert "not supported" in result.stderr and "Traceback" not in result.stderr


def test_real_sigint_exits_130_quietly(tmp_path: Path) -> None:
    import signal
    import time

    data = big_dataset(tmp_path, 10000)  # a cold run takes about a second: time to interrupt it
    env = {**os.environ, "MSRX_CACHE_DIR": str(tmp_path / "cache")}
    for delay in (0.1, 0.5):  # while importing, and while parsing the dataset
        # A shell starts a background job with SIGINT ignored, and a child inherits
        # that: Python then installs no handler and the signal does nothing (exit
        # 0). A terminal's Ctrl-C reaches a process whose SIGINT is the default.
        proc = subprocess.Popen([str(SCRIPT), "--data", str(data), "search", "fatigue", "--json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        # On a loaded machine the signal can land before Python has installed its
        # handler: the process then dies of SIGINT itself, which a shell reports as 130 too.
        assert proc.returncode in (130, -signal.SIGINT), err
        assert b"Traceback" not in err



def test_sigint_swallowed_by_python_still_exits_130() -> None:
    # CPython ignores an exception raised in a weakref callback (as it does in
    # importlib's module-lock callback): a Ctrl-C landing there used to be lost
    # and msrx finished with 0. Here the callback sends the signal itself.
    code = textwrap.dedent("""
        import os, signal, sys, weakref
        import msrx.cli

        def run():
            class Thing: pass
            thing = Thing()
            ref = weakref.ref(thing, lambda _: os.kill(os.getpid(), signal.SIGINT) or [n for n in range(10000)])
            del thing
            print("finished", flush=True)
            sys.exit(0)

        msrx.cli.main = run
        from msrx.entry import main
        main()
    """)
    import signal

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert "finished" in proc.stdout  # the signal was swallowed: the command ran on to its end
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == ""  # not "Exception ignored in ..." with a traceback


# -- unwritable stdout ----------------------------------------------------------------

EVERY_COMMAND = [
    ["search", "fatigue"], ["search", "fatigue", "--json"], ["show", "low-dose-naltrexone"], ["list"],
    ["list", "--format", "csv"], ["compare", "ocrevus", "kesimpta"], ["symptoms"], ["symptoms", "tired"],
    ["sources", "1"], ["timeline"], ["info"], ["validate"], ["validate", "--json"], ["--version"], ["-h"],
    ["search", "-h"],
]
# How a shell makes stdout unwritable: full, closed, open for reading only.
REDIRECTS = {"full": ">/dev/full", "closed": ">&-", "read-only": "1</dev/null"}


def shell(redirect: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", "-c", f'exec "$0" "$@" {redirect}', str(SCRIPT), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


@pytest.mark.parametrize("how", list(REDIRECTS))
@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_unwritable_stdout_is_one_line_on_stderr_and_exit_74(args: list[str], how: str) -> None:
    result = shell(REDIRECTS[how], *args)
    assert result.returncode == 74, result.stderr
    reason = "No space left on device" if how == "full" else "Bad file descriptor"
    assert result.stderr == f"msrx: error: cannot write the output: {reason}\n"


@pytest.mark.parametrize("args", [["search", "fatigue"], ["--version"], ["-h"]], ids=" ".join)
def test_unwritable_stdout_and_stderr_still_exit_74_quietly(args: list[str]) -> None:
    for redirect in (">/dev/full 2>/dev/full", ">&- 2>&-", "1</dev/null 2>&-"):
        result = shell(redirect, *args)
        assert result.returncode == 74, redirect
        assert result.stderr == ""


@pytest.mark.parametrize("args", [["-h"], ["--version"], ["validate"], ["validate", "--json"], ["search", "-h"],
                                  ["show", "low-dose-naltrexone"]], ids=" ".join)
def test_pipe_closed_before_writing_exits_141(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before msrx writes a byte
    try:
        result = subprocess.run([str(SCRIPT), *args], stdout=write_end, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert result.stderr == b""


# -- the dataset made unreadable for real -----------------------------------------------


def test_chmod_000_dataset_is_an_error_not_a_cached_answer(mini: Path, tmp_path: Path) -> None:
    import shutil

    env = {**os.environ, "MSRX_CACHE_DIR": str(tmp_path / "cache")}
    assert subprocess.run([str(SCRIPT), "--data", str(mini), "list"], env=env, capture_output=True).returncode == 0
    mini.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that let it
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: chmod cannot make a file unreadable")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    result = subprocess.run([*prefix, str(SCRIPT), "--data", str(mini), "list", "--json"], env=env,
                            capture_output=True, text=True, timeout=60)
    mini.chmod(0o644)
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr == f"error: {mini}: permission denied\n"


# -- real terminals ----------------------------------------------------------------------


def on_terminal(*args: str, env: dict[str, str], columns: int = 100) -> tuple[int, str]:
    """Run msrx with stdout on a pseudo-terminal `columns` wide; its exit status and output."""
    import fcntl
    import pty
    import struct
    import termios

    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen([str(SCRIPT), *args], stdout=child, stderr=subprocess.PIPE,
                            env={**os.environ, "TERM": "xterm", **env})
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # EIO: the terminal's other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(parent)
    assert proc.wait(timeout=60) is not None
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def visible(out: str) -> list[str]:
    """Lines as they show on the screen: without the styling (SGR) sequences."""
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()


@pytest.mark.parametrize("columns", ["0", "-3", "abc", "99999999", ""])
def test_nonsense_columns_fall_back_to_the_real_terminal_width(columns: str) -> None:
    code, out = on_terminal("list", env={"COLUMNS": columns, "NO_COLOR": "1"})
    assert code == 0
    assert "Ocrelizumab" in out and "not medical advice" in out.replace("\n", " ")
    widths = [len(line) for line in visible(out)]
    assert 60 < max(widths) <= 100, max(widths)


def test_sane_columns_still_win_on_a_terminal() -> None:
    code, out = on_terminal("list", env={"COLUMNS": "70", "NO_COLOR": "1"})
    assert code == 0 and 50 < max(len(line) for line in visible(out)) <= 70


@pytest.mark.parametrize("fmt", ["csv", "markdown", "jsonl", "table"])
def test_export_formats_on_a_terminal_neutralise_control_characters(fmt: str) -> None:
    hostile = str(Path(__file__).with_name("hostile.toml"))
    args = ["--data", hostile, "list", "--format", fmt, "--fields", "id,name,brands,use"]
    code, out = on_terminal(*args, env={"NO_COLOR": "1"}, columns=300)
    assert code == 0
    for raw in ("\x1b[2J", "\x1b]8;;", "\u202e", "\x07", "\x00", "\x7f"):
        assert raw not in out, (fmt, raw)
    assert "Evilmab" in out
    piped = msrx(*args)
    assert piped.returncode == 0
    if fmt in ("csv", "jsonl"):  # piped, the text stays exact
        exact = json.loads(msrx("--data", hostile, "show", "evilmab", "--json").stdout)
        if fmt == "csv":
            import csv
            import io

            rows = list(csv.DictReader(io.StringIO(piped.stdout, newline="")))
            assert {r["id"]: r["name"] for r in rows}["evilmab"] == exact["name"]
        else:
            rows = [json.loads(line) for line in piped.stdout.splitlines()]
            assert {r["id"]: r["name"] for r in rows}["evilmab"] == exact["name"]


def test_the_urgent_message_goes_to_stderr_and_never_into_json() -> None:
    shown = msrx("search", "self-harm")
    assert "988" in shown.stderr and "116 123" in shown.stderr, shown.stderr
    piped = msrx("search", "self-harm", "--json")
    assert "988" not in piped.stderr and "988" not in piped.stdout
    json.loads(piped.stdout)


def test_a_question_about_a_treatment_as_a_real_process() -> None:
    result = msrx("search", "jc virus test", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)[0]
    assert first["id"] == "natalizumab" and first["topic"]["field"] == "monitoring"
    assert first["topic"]["value"] and first["topic"]["sources"]


def test_an_english_compound_as_a_process() -> None:
    result = msrx("search", "fire truck", "--json")  # not "on fire", the burning pain
    assert result.returncode == 1 and json.loads(result.stdout) == []


def test_another_drugs_name_as_a_process() -> None:
    result = msrx("search", "Xanax", "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == []
    assert "(another drug: msrx covers MS treatments" in result.stderr


def test_a_letter_typed_twice_as_a_process() -> None:
    result = msrx("search", "tirred", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["matched"]["symptom"] == "fatigue"


def test_a_scrambled_name_and_a_product_pill_as_a_process() -> None:
    result = msrx("search", "Sipnomid", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "siponimod"
    result = msrx("search", "taking acid suppression pills", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (1, [])


def test_a_vitamin_whose_number_is_written_apart_as_a_process() -> None:
    result = msrx("search", "vitamin b 12", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (1, [])


def test_a_vitamin_beside_a_brand_as_a_process() -> None:
    result = msrx("search", "can you take vitamin d with tecfidera", "--json")
    assert result.returncode == 0, result.stderr
    assert [d["id"] for d in json.loads(result.stdout)][:2] == ["high-dose-vitamin-d", "dimethyl-fumarate"]


def test_a_form_of_ms_as_a_process() -> None:
    result = msrx("search", "treatment for primary progressive ms", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "ocrelizumab"
    listed = msrx("list", "--form", "ppms")
    assert listed.returncode == 0 and "ocrelizumab" in listed.stdout and "interferon" not in listed.stdout


def test_twice_yearly_as_a_process() -> None:
    result = msrx("search", "twice yearly infusion", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "ocrelizumab"


def test_an_old_code_and_a_how_often_question_as_a_process() -> None:
    result = msrx("search", "HuMax-CD20", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "ofatumumab"
    asked = msrx("search", "is tysabri every 4 weeks", "--json")
    assert asked.returncode == 0, asked.stderr
    first = json.loads(asked.stdout)[0]
    assert first["id"] == "natalizumab" and first["topic"]["field"] == "administration"


def test_a_symptom_no_medicine_treats_as_a_process() -> None:
    result = msrx("search", "heat intolerance")
    assert result.returncode == 1 and result.stdout == ""
    assert "Heat sensitivity: no treatment in msrx is for it" in result.stderr and "Traceback" not in result.stderr
    optic = msrx("search", "optic neuritis", "--json")
    assert optic.returncode == 0 and json.loads(optic.stdout)[0]["id"] == "methylprednisolone-iv"
    weak = msrx("search", "arm weakness")
    assert weak.returncode == 1 and weak.stdout == "" and "Muscle weakness: no treatment in msrx is for it" in weak.stderr
    swallow = msrx("search", "trouble swallowing", "--json")
    assert (swallow.returncode, json.loads(swallow.stdout)) == (1, [])  # psyllium's side effect is no answer
    works = msrx("search", "does gabapentin work", "--json")
    assert works.returncode == 0 and json.loads(works.stdout)[0]["topic"]["field"] == "evidence"
    pressure = msrx("search", "blood pressure tablets", "--json")  # a compound said with a route
    assert (pressure.returncode, json.loads(pressure.stdout)) == (1, [])
    apnoea = msrx("search", "sleep apnoea")  # not melatonin
    assert apnoea.returncode == 1 and apnoea.stdout == "" and "Sleep apnoea: no treatment in msrx is for it" in apnoea.stderr
    libido = msrx("search", "low libido", "--json")  # not the erection tablets
    assert (libido.returncode, json.loads(libido.stdout)) == (1, [])
    listed = msrx("search", "anxiety and slurred speech")  # found nothing: its meaning was read as speech alone
    assert listed.returncode == 0 and "Sertraline" in listed.stdout
    assert "Speech and swallowing problems: no treatment in msrx is for it" in listed.stderr
    stay = msrx("search", "how long can you stay on tysabri", "--json")  # not melatonin for "staying asleep"
    assert stay.returncode == 0 and [d["id"] for d in json.loads(stay.stdout)] == ["natalizumab"]
    general = msrx("search", "what are the symptoms of ms")  # were the relapse drugs, through "new symptoms"
    assert general.returncode == 1 and general.stdout == "" and "msrx symptoms lists" in general.stderr
    botox = msrx("search", "botox for bladder", "--json")  # was its side effects: the bladder is in them
    assert botox.returncode == 0 and json.loads(botox.stdout)[0]["topic"] is None
    titration = msrx("search", "ponvory titration", "--json")  # asked nothing of it before
    assert titration.returncode == 0 and json.loads(titration.stdout)[0]["topic"]["field"] == "administration"
    dog = msrx("search", "we have a new dog!", "--json")  # listed the trial drugs through "new"
    assert (dog.returncode, json.loads(dog.stdout)) == (1, [])
    filtered = msrx("search", "foot drop", "--status", "withdrawn")
    assert filtered.returncode == 1 and "with --status withdrawn" in filtered.stderr
    assert "Walking difficulty: no treatment" not in filtered.stderr


def test_vision_and_nystagmus_as_a_process() -> None:
    blurred = msrx("search", "blurred", "vision", "--json")
    assert blurred.returncode == 0, blurred.stderr
    assert json.loads(blurred.stdout)[0]["id"] == "methylprednisolone-iv"
    eyes = msrx("search", "nystagmus", "--json")
    assert [d["id"] for d in json.loads(eyes.stdout)[:2]] == ["gabapentin", "memantine"]


def test_a_phrase_said_whole_as_a_process() -> None:
    result = msrx("search", "emotional", "incontinence", "--json")
    assert result.returncode == 0, result.stderr
    assert {d["matched"]["symptom"] for d in json.loads(result.stdout) if d["matched"]["relation"] == "treats"} == {"pseudobulbar-affect"}



def test_a_risk_named_alone_as_a_process() -> None:
    result = msrx("search", "jc", "virus", "--json")
    assert result.returncode == 0, result.stderr
    assert [(d["id"], d["matched"]["field"]) for d in json.loads(result.stdout)] == [("natalizumab", "warnings")]


def test_asking_whether_a_drug_causes_a_risk_as_a_process() -> None:
    result = msrx("search", "does gilenya cause pml", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)[0]
    assert (first["id"], first["topic"]["field"]) == ("fingolimod", "warnings")


def test_a_phrase_word_beside_an_unknown_word_as_a_process() -> None:
    result = msrx("search", "festival of books", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (1, [])


def test_diarrhoea_lists_the_bulk_former_first_as_a_process() -> None:
    result = msrx("search", "diarrhoea", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "psyllium"


def test_a_word_that_says_when_is_no_reason_to_guess_as_a_process() -> None:
    result = msrx("search", "I will never watch another cricket game", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (1, [])
    result = msrx("search", "I always feel better once that task is checked off my to-do list.", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (1, [])


def test_a_long_sentence_far_in_meaning_from_its_one_symptom_word_as_a_process() -> None:
    result = msrx("search", "my roses are under stress and the plumeria will not bloom this year", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (1, [])


def test_is_it_safe_as_a_process() -> None:
    result = msrx("search", "is tysabri safe", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)[0]
    assert (first["id"], first["topic"]["field"]) == ("natalizumab", "warnings")


def test_a_boxed_warning_written_in_short_as_a_process() -> None:
    result = msrx("search", "rituxan pml", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)[0]
    assert (first["id"], first["topic"]["field"]) == ("rituximab", "warnings")


def test_a_question_of_a_named_harm_as_a_process() -> None:
    result = msrx("search", "heart failure on Rebif", "--json")
    assert result.returncode == 0, result.stderr
    assert [(d["id"], d["topic"]["field"]) for d in json.loads(result.stdout)] == [("interferon-beta-1a", "warnings")]
    result = msrx("search", "felt awful on tecfidera", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["topic"]["field"] == "side_effects"
    result = msrx("search", "dexamethasone insomnia", "--json")
    assert result.returncode == 0, result.stderr
    assert [(d["id"], d["topic"]["field"]) for d in json.loads(result.stdout)] == [("dexamethasone", "side_effects")]


def test_a_form_of_ms_asked_beside_a_half_matched_word_as_a_process() -> None:
    result = msrx("search", "I would like to know if anything treats SPMS", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)[0]
    assert (first["matched"]["field"], first["category"]) == ("ms_form", "dmt")


def test_how_many_years_it_is_given_as_a_process() -> None:
    result = msrx("search", "how many years is lemtrada given", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)[0]
    assert (first["id"], first["topic"]["field"]) == ("alemtuzumab", "administration")


def test_a_long_sentence_one_common_word_links_to_a_symptom_finds_nothing_as_a_process() -> None:
    # A batch 28 dev row: "make" of cognition's "decision making" was guessed.
    result = msrx("search", "Is there anything we as patients can do to make some noise and try to push these"
                  " investigations forward?", "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == []
    # "chronic" says how long, not what: alone in a sentence it is no half of "chronic pain"
    result = msrx("search", "For me, focusing on the present moment is the only way do deal with atypical chronic"
                  " multiple sclerosis.", "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == []


@pytest.mark.parametrize("query", ["symptoms worse in the heat", "symptoms worse after a hot bath",
                                   "symptoms worse with a fever"])
def test_symptoms_worse_in_the_heat_as_a_process(query: str) -> None:
    result = msrx("search", query)
    assert result.returncode == 1 and "Methylprednisolone" not in result.stdout
    assert "Heat sensitivity" in result.stderr and "Traceback" not in result.stderr


def test_a_pseudo_relapse_as_a_process() -> None:
    result = msrx("search", "pseudo relapse", "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == []
    result = msrx("search", "pseudo relapse")
    assert "Pseudo-relapse" in result.stderr and "Traceback" not in result.stderr


def test_a_sentence_that_means_an_untreated_symptom_as_a_process() -> None:
    query = "not even be able to hold my arm up in the air without it falling back down"
    result = msrx("search", query)
    assert result.returncode == 1 and "Muscle weakness: no treatment in msrx is for it" in result.stderr
    assert "Traceback" not in result.stderr
    result = msrx("search", query, "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == [] and "Muscle weakness" not in result.stderr


def test_a_dose_said_of_a_named_treatment_asks_how_it_is_given_as_a_process() -> None:
    for query, topic in (("I started off with the 22mcg of Rebif", "administration"),
                         ("Copaxone reduces the chance of a relapse by around 30%", "effectiveness"),
                         ("does mavenclad work for progressive ms", "effectiveness"),
                         ("ocrevus infusion", "administration"), ("Could the steroids be working?", "effectiveness")):
        result = msrx("search", query, "--json")
        assert result.returncode == 0 and json.loads(result.stdout)[0]["topic"]["field"] == topic, query


def test_a_sentence_about_a_shop_is_no_relapse_as_a_process() -> None:
    result = msrx("search", "Pharmacies do not take returns.", "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == []


def test_an_iv_of_a_product_msrx_does_not_hold_finds_nothing_as_a_process() -> None:
    result = msrx("search", "The IV benedryl really did me in this time.", "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == []


def test_trying_to_fall_pregnant_as_a_process() -> None:
    result = msrx("search", "which DMT while trying to fall pregnant", "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data[0]["category"] == "dmt" and data[0]["topic"]["field"] == "pregnancy"


def test_a_name_written_as_one_word_as_a_process() -> None:
    result = msrx("show", "Dimethylfumarat", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "dimethyl-fumarate"


def test_fumaric_acid_in_german_as_a_process() -> None:
    result = msrx("search", "Fumarsäure", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)[0]["id"] == "dimethyl-fumarate"


def test_steroids_in_german_as_a_process() -> None:
    result = msrx("search", "Kortison", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)[0]["category"] == "relapse"


# Readings of stops 47 to 49, each as a process: (query, the first result's id or None, a path in it, its value).
@pytest.mark.parametrize(("query", "first", "path", "value"), [
    ("ständiger Harndrang", None, "matched.symptom", "bladder"),
    ("Tysabri made a real difference", None, "topic.field", "effectiveness"),
    ("Kortison in Tablettenform", "methylprednisolone-oral", "matched.also.0.field", "route"),
    ("Stammzelltransplantation", "ahsct", "matched.field", "drug_class"),
    ("oxibutinina", "oxybutynin", "matched.field", "name"),
    ("la mia vescica", None, "matched.symptom", "bladder"),
    ("problemas de equilibrio", None, "matched.symptom", "dizziness"),
    ("another oral treatment", None, "matched.field", "route"),
    ("how will Ocrevus affect the baby", "ocrelizumab", "topic.field", "pregnancy"),
    ("very tired after Ocrevus", "ocrelizumab", "topic.field", "side_effects"),
    ("Too old for Gilenya?", "fingolimod", "topic.field", "warnings"),
    ("allergy medication before Ocrevus", "ocrelizumab", "topic.field", "administration"),
    # Stop 49.
    ("cyklofosfamid", "cyclophosphamide", "matched.field", "name"),
    ("chama-se metilprednisolona", "methylprednisolone-iv", "matched.field", "name"),
    ("switch from injections to a pill", None, "matched.value", "pill"),
    ("gilenya raskaus", "fingolimod", "topic.field", "pregnancy"),
    ("pieczenie w nogach", None, "matched.symptom", "neuropathic-pain"),
    ("Przez 3 dni podawano mi sterydy", "methylprednisolone-iv", "matched.field", "drug_class"),
    ("Lemtrada on a day case basis", "alemtuzumab", "topic.field", "administration"),
    ("Copaxonespritzen", "glatiramer-acetate", "matched.value", "Copaxone"),
    ("Y a-t-il un autre traitement par voie orale avant de passer à une perfusion", None, "category", "dmt"),
    ("no relapses since starting Tysabri", "natalizumab", "topic.field", "effectiveness"),
    # Stop 50.
    ("the day has come to choose what medicine to take for my multiple sclerosis", None, "category", "dmt"),
    ("Solu-Moderin", "methylprednisolone-iv", "matched.field", "alias"),
    ("Tysabri Nachteile", "natalizumab", "topic.field", "side_effects"),
    ("stopping interferon", "interferon-beta-1b", "topic.field", "stopping"),
    ("acthar taper", "corticotropin", "topic.field", "stopping"),
    # Stop 51.
    ("low platelets", None, "matched.relation", "causes"),
    ("toleráis los corticoides", "methylprednisolone-iv", "topic.field", "side_effects"),
    ("corticoides orales", "methylprednisolone-oral", "matched.also.0.field", "route"),
    ("Tysabri worked wonders for me", "natalizumab", "topic.field", "effectiveness"),
    ("sulmedrolu", "methylprednisolone-iv", "matched.field", "brand"),
    ("needles", None, "matched.field", "route"),
    # Stop 52.
    ("Betaferon Depressionen", "interferon-beta-1b", "topic.field", "side_effects"),
    ("nehme ich das Medikament (Aubagio) nicht mehr", "teriflunomide", "topic.field", "stopping"),
    ("trop de pertes de cheveux sous Gilenya", "fingolimod", "topic.field", "side_effects"),
    ("Tecfidera und Lymphozyten", "dimethyl-fumarate", "topic.field", "side_effects"),
    ("Die Finger krampfen einfach fest", None, "matched.symptom", "spasticity"),
    # Stop 53.
    ("can you die from Tysabri", "natalizumab", "topic.field", "warnings"),
    ("Tysabri kan hjælpe på permanente skader", "natalizumab", "topic.field", "effectiveness"),
    ("Copaxone tres veces por semana", "glatiramer-acetate", "topic.field", "administration"),
    ("inyección semanal", "interferon-beta-1a", "matched.field", "interval"),
    ("la tossina botulinica", "onabotulinumtoxina", "matched.field", "alias"),
    ("Tysabri pour voir si ça marche", "natalizumab", "topic.field", "effectiveness"),
    ("Tecfidera lymphocyte levels", "dimethyl-fumarate", "topic.field", "monitoring"),
    # Stop 54.
    ("nächtliche Muskelkrämpfe", None, "matched.symptom", "spasticity"),
    ("Avonex seringas pré-cheias", "interferon-beta-1a", "topic.field", "administration"),
    ("Hvilken beskyttelse yder Medrol mod attakker?", "methylprednisolone-oral", "topic.field", "effectiveness"),
    ("Tysabri hat versagt", "natalizumab", "topic.field", "effectiveness"),
    ("Bendito Tysabri", "natalizumab", "topic.field", "effectiveness"),
    ("une cure de Solumédrol", "methylprednisolone-iv", "topic.field", "administration"),
    ("Aubagio stays in your system for years", "teriflunomide", "topic.field", "stopping"),
])
def test_queries_in_more_words_and_languages_as_processes(query: str, first: str | None, path: str, value: str) -> None:
    result = msrx("search", query, "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data, result.stderr
    assert first is None or data[0]["id"] == first
    assert value_at(data[0], path) == value


def test_a_question_in_german_as_a_process() -> None:
    result = msrx("search", "Aubagio absetzen", "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data[0]["id"] == "teriflunomide" and data[0]["topic"]["field"] == "stopping"


def test_an_everyday_word_of_another_language_is_no_misspelt_name_as_a_process() -> None:
    # Portuguese "achar" (to find) is two letters from Acthar; German "nicht" is no sleep word.
    result = msrx("search", "achar um medico", "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == []
    result = msrx("search", "das stimmte nicht", "--json")  # "stimmt" with an ending, no Stimate
    assert result.returncode == 1 and json.loads(result.stdout) == []
    data = json.loads(msrx("search", "Seit 2014 nehme ich Aubagio nicht mehr", "--json").stdout)
    assert [h["id"] for h in data] == ["teriflunomide"]


def test_a_spine_is_no_spinning_as_a_process() -> None:
    result = msrx("search", "a metal rod for a spine", "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == []


def test_a_misspelt_command_is_still_offered_the_right_one() -> None:
    # A run builds only the command it names; a misspelt one names none, and all are offered.
    result = msrx("serch", "fatigue")
    assert result.returncode == 2 and "Did you mean 'search'?" in result.stderr and "Traceback" not in result.stderr


def test_a_command_after_a_global_option_runs_as_before() -> None:
    result = msrx("--no-cache", "show", "naltrexone", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "low-dose-naltrexone"
    result = msrx("--data", str(ROOT / "data" / "treatments.toml"), "search", "--bogus")  # usage names the command
    assert result.returncode == 2 and "Usage: msrx search" in result.stderr


def test_a_statement_of_how_a_treatment_went_as_a_process() -> None:
    result = msrx("search", "IV steroids were brutal", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)[0]["topic"]["field"] == "side_effects"


def test_a_sentence_about_a_named_treatment_as_a_process() -> None:
    result = msrx("search", "since Ocrevus my legs are weak and I keep tripping", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)[0]["id"] == "ocrelizumab"


def test_a_name_and_its_numbered_abbreviation_as_a_process() -> None:
    result = msrx("search", "4-Aminopyridine (4-AP)", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)[0]["id"] == "dalfampridine"


def test_how_people_put_heat_sensitivity_as_a_process() -> None:
    result = msrx("search", "dashing from shady spot to shady spot")
    assert result.returncode == 1 and result.stderr.startswith("msrx: Heat sensitivity: no treatment in msrx is for it.")


def test_a_patients_phrase_for_fatigue_as_a_process() -> None:
    result = msrx("search", "I feel like I have been run over by a juggernaut", "--json")
    assert result.returncode == 0 and "fatigue" in json.loads(result.stdout)[0]["symptoms"]


def test_a_patients_phrase_for_itching_as_a_process() -> None:
    result = msrx("search", "insects crawling over your skin", "--json")
    assert result.returncode == 0 and "itching" in json.loads(result.stdout)[0]["symptoms"]


def test_how_often_said_in_another_language_as_a_process() -> None:
    result = msrx("search", "tous les six mois", "--json")
    assert result.returncode == 0, result.stderr
    assert {d["id"] for d in json.loads(result.stdout)} >= {"ocrelizumab", "ublituximab"}


def test_a_german_brand_as_a_process() -> None:
    result = msrx("show", "pk merz", "--json")  # PK-Merz, amantadine
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "amantadine", result.stderr
    steroid = msrx("show", "Urbason", "--json")  # the German brand of methylprednisolone
    assert steroid.returncode == 0 and json.loads(steroid.stdout)["id"] == "methylprednisolone-iv", steroid.stderr


def test_lying_low_in_a_sentence_is_no_low_mood_as_a_process() -> None:
    result = msrx("search", "On the days I know I will be tackling a new recipe, I lay low for the day.", "--json")
    assert result.returncode == 1 and json.loads(result.stdout) == []
