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
