"""The README's promises: the quick start is what CI runs."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", section, re.S)
    assert len(commands) == 2
    install_and_run, test = commands
    assert "pip install ." in install_and_run and "msrx " in install_and_run
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test.strip() in ci.splitlines()


def test_the_dataset_paragraph_counts_what_the_bundled_dataset_holds() -> None:
    # It said "2026.11.27.9" and "719 sources" six data releases after the fact.
    import tomli

    data = tomli.loads((ROOT / "data" / "treatments.toml").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"The bundled dataset \(version (\S+), reviewed [\d-]+, US status as of\s+late \d+\) holds (\d+)"
                  r" treatments, (\d+) sources and (\d+) symptoms \(with (\d+) patient\s+phrases and (\d+) names in"
                  r"\s+(\w+) other languages\)", readme)
    assert m is not None, "README: the dataset paragraph's wording changed"
    languages = {t["lang"] for s in data["symptoms"] for t in s.get("translations", [])}
    numbers = {5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}
    assert m.groups() == (
        data["dataset"]["version"], str(len(data["treatments"])), str(len(data["sources"])),
        str(len(data["symptoms"])), str(sum(len(s.get("phrases", [])) for s in data["symptoms"])),
        str(sum(len(s.get("translations", [])) for s in data["symptoms"])), numbers.get(len(languages), str(len(languages))),
    )


def test_every_module_is_in_the_readme_layout() -> None:
    # index_build.py and errors.py were missing from it for many stops.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("Layout of `src/msrx/`", 1)[1].split("\n`scripts/`", 1)[0]
    modules = {p.name for p in (ROOT / "src" / "msrx").glob("*.py")} - {"__init__.py", "__main__.py"}
    missing = sorted(m for m in modules if f"`{m}`" not in layout)
    assert not missing, f"README layout does not name: {missing}"
