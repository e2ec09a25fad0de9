"""Time msrx commands as whole processes against the import floor.

    python benchmarks/run.py            # 21 rounds, prints a markdown table
    python benchmarks/run.py --rounds 5

Each round runs every command once, in turn, so machine noise spreads
evenly; the table shows medians. Peak memory is GNU time's maximum RSS.
Ratios compare with the floor the performance targets name:
`python -c "import typer, tomli, rapidfuzz"` (plus rich for terminal output).
Not a test: timings don't belong in pytest assertions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

PY = sys.executable
MSRX = str(Path(PY).with_name("msrx"))
GNU_TIME = "/usr/bin/time"
FLOOR = [PY, "-c", "import typer, tomli, rapidfuzz"]
FLOOR_RICH = [PY, "-c", "import typer, tomli, rapidfuzz, rich.console, rich.table, rich.panel"]


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one process."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(cmd[0], cmd, env, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(devnull)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    return elapsed


def peak_mib(cmd: list[str], env: dict[str, str]) -> float | None:
    """Peak RSS of one process, measured by GNU time.

    Not from this process's own wait4(): a child spawned from a large parent
    inherits the parent's high-water mark until it execs, which would hide
    the command's own figure.
    """
    if not os.path.exists(GNU_TIME):
        return None
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run([GNU_TIME, "-f", "%M", "-o", out.name, *cmd], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return int(out.read().split()[-1]) / 1024.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()

    # pip compiles an installed package's .pyc files; an editable install
    # (or PYTHONDONTWRITEBYTECODE) would otherwise recompile msrx every run.
    import compileall

    import msrx

    compileall.compile_dir(os.path.dirname(msrx.__file__), quiet=1)

    work = Path(tempfile.mkdtemp(prefix="msrx-bench-"))
    warm_cache = work / "cache"
    env = {**os.environ, "MSRX_CACHE_DIR": str(warm_cache)}
    env.pop("MSRX_DATA", None)
    env.pop("MSRX_NO_CACHE", None)
    term_env = {**env, "FORCE_COLOR": "1", "COLUMNS": "100"}
    sizes = (100, 1000, 10000)
    for n in sizes:
        (work / f"data-{n}.toml").write_text(generate(n), encoding="utf-8")

    cases: dict[str, tuple[list[str], dict[str, str], str]] = {
        "floor: import typer, tomli, rapidfuzz": (FLOOR, env, ""),
        "floor + rich": (FLOOR_RICH, env, ""),
        "show naltrexone --json": ([MSRX, "show", "naltrexone", "--json"], env, "floor"),
        "search fatigue --json": ([MSRX, "search", "fatigue", "--json"], env, "floor"),
        "search ocrelizumub --json (typo)": ([MSRX, "search", "ocrelizumub", "--json"], env, "floor"),
        "show naltrexone (terminal)": ([MSRX, "--color", "always", "show", "naltrexone"], term_env, "rich"),
        "search fatigue (terminal)": ([MSRX, "--color", "always", "search", "fatigue"], term_env, "rich"),
    }
    for n in sizes:
        data = str(work / f"data-{n}.toml")
        cases[f"{n:,} treatments: search fatigue --json"] = ([MSRX, "--data", data, "search", "fatigue", "--json"], env, "bundled")
        cases[f"{n:,} treatments: search xanotine --json (typo)"] = (
            [MSRX, "--data", data, "search", "xanotine", "--json"], env, "bundled-typo")
    cold = {f"{n:,} treatments: cold (no cache yet)": [MSRX, "--data", str(work / f"data-{n}.toml"), "search", "fatigue", "--json"]
            for n in sizes}

    # Warm every cache once, then measure round-robin.
    for cmd, case_env, _ in cases.values():
        run_once(cmd, case_env)
    times: dict[str, list[float]] = {name: [] for name in [*cases, *cold]}
    mem: dict[str, float | None] = {}
    for _ in range(args.rounds):
        for name, (cmd, case_env, _) in cases.items():
            times[name].append(run_once(cmd, case_env))
        for name, cmd in cold.items():
            cold_dir = work / f"cold-{time.perf_counter_ns()}"
            times[name].append(run_once(cmd, {**env, "MSRX_CACHE_DIR": str(cold_dir)}))
            shutil.rmtree(cold_dir, ignore_errors=True)
    for name, (cmd, case_env, _) in cases.items():
        mem[name] = peak_mib(cmd, case_env)
    for name, cmd in cold.items():
        cold_dir = work / "cold-mem"
        mem[name] = peak_mib(cmd, {**env, "MSRX_CACHE_DIR": str(cold_dir)})
        shutil.rmtree(cold_dir, ignore_errors=True)

    med = {name: statistics.median(v) * 1000 for name, v in times.items()}
    base = {
        "floor": "floor: import typer, tomli, rapidfuzz",
        "rich": "floor + rich",
        "bundled": "search fatigue --json",
        "bundled-typo": "search ocrelizumub --json (typo)",
    }
    print(f"{args.rounds} rounds, medians; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs\n")
    print("| command | wall ms | ratio | against | peak MiB | ratio to floor |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    floor_mem = mem[base["floor"]]
    for name in times:
        against = cases[name][2] if name in cases else "bundled"
        if name in cold:
            against = "bundled"
        ref = base.get(against)
        ratio = f"{med[name] / med[ref]:.2f}" if ref else ""
        peak = mem[name]
        mib = f"{peak:.1f}" if peak is not None else "n/a"
        mem_ratio = f"{peak / floor_mem:.2f}" if peak is not None and floor_mem else ""
        print(f"| {name} | {med[name]:.1f} | {ratio} | {ref or ''} | {mib} | {mem_ratio} |")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
