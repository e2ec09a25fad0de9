"""Installs as people install tools: sdist -> wheel -> a fresh environment -> `msrx show naltrexone`.

About 7 s: the sdist is built by hatchling (a test extra, the build backend
itself), the wheel from that sdist by `pip wheel --no-build-isolation`, so
neither needs a network; only installing the wheel's dependencies into the
fresh environment asks the package index (pip's cache usually answers).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.install


def test_sdist_builds_a_wheel_that_installs_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-c", "import sys; from hatchling.build import build_sdist; print(build_sdist(sys.argv[1]))",
                            str(dist)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    sdist = dist / built.stdout.strip().splitlines()[-1]
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    top = sdist.name.removesuffix(".tar.gz")
    for needed in ("pyproject.toml", "README.md", "data/treatments.toml", "src/msrx/py.typed", "src/msrx/cli.py"):
        assert f"{top}/{needed}" in names, needed

    wheels = tmp_path / "wheels"
    wheel_run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                                "-w", str(wheels), str(sdist)], capture_output=True, text=True, timeout=300)
    assert wheel_run.returncode == 0, wheel_run.stderr
    [wheel] = wheels.glob("msrx-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        files = zf.namelist()
        metadata = zf.read(next(n for n in files if n.endswith(".dist-info/METADATA"))).decode()
    assert "msrx/py.typed" in files and "msrx/data/treatments.toml" in files
    assert not any(n.startswith("tests/") for n in files)
    for line in ("Classifier: Typing :: Typed", "Classifier: Environment :: Console", "Requires-Dist: typer",
                 "Requires-Dist: rich", "Requires-Dist: tomli", "Requires-Dist: rapidfuzz"):
        assert line in metadata, line

    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True, timeout=120)
    python = fresh / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(wheel)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    script = python.with_name("msrx.exe" if os.name == "nt" else "msrx")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MSRX_DATA")}
    env["MSRX_CACHE_DIR"] = str(tmp_path / "cache")
    shown = subprocess.run([str(script), "show", "naltrexone"], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert "Name: Low-dose naltrexone" in shown.stdout.splitlines()
    # The spelling fixer's word list ships in the wheel: a typo is fixed, a real word is not.
    typo = subprocess.run([str(script), "search", "tizanadine", "--json"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert typo.returncode == 0 and '"id": "tizanidine"' in typo.stdout, typo.stderr
    word = subprocess.run([str(script), "search", "wonder drug", "--json"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert word.returncode == 1 and word.stdout.strip() == "[]", word.stderr
    where = subprocess.run([str(python), "-c", "import msrx.store as s; print(s.__file__); print(s.bundled_path())"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    module, data = where.stdout.splitlines()
    assert module.startswith(str(fresh)) and data.startswith(str(fresh))  # the wheel's copy, not this checkout
