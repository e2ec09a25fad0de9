"""Shared fixtures: an isolated cache, dataset builders and the JSON Schema."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from msrx.model import Dataset
    from msrx.search import SearchIndex

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schema" / "msrx-output.schema.json"

MINI = """\
[dataset]
version = "test-1"
reviewed = 2026-01-02

[[symptoms]]
id = "fatigue"
name = "Fatigue"
words = ["tired", "exhausted"]

[[symptoms]]
id = "spasticity"
name = "Spasticity"
words = ["stiffness", "spasms"]

[[sources]]
id = "label-alpha"
title = "Alphamab label"
publisher = "U.S. FDA"
year = 2020
url = "https://example.org/alpha"

[[sources]]
id = "review-beta"
title = "Betadine review"
publisher = "A Journal"
url = "https://example.org/beta"

[[treatments]]
id = "alphamab"
name = "Alphamab"
brands = ["Alphix"]
aliases = ["ALM"]
status = "approved"
category = "dmt"
drug_class = "anti-CD20 monoclonal antibody"
routes = ["intravenous"]
symptoms = []
use = "Reduces relapses in relapsing MS."
side_effects = ["infusion reactions"]
warnings = ["hepatitis B reactivation"]
evidence = "Two phase 3 trials."
fda_approval_year = 2020
sources = ["label-alpha"]
reviewed = 2026-01-02

[[treatments]]
id = "betadine"
name = "Betadine"
brands = []
aliases = ["BTD"]
status = "off-label"
category = "symptom"
drug_class = "wakefulness-promoting agent"
routes = ["oral"]
symptoms = ["fatigue"]
use = "Used for MS fatigue."
side_effects = ["headache", "insomnia"]
warnings = []
evidence = "Small trials, mixed results."
sources = ["review-beta"]
reviewed = 2026-01-02

[[treatments]]
id = "gammazine"
name = "Gammazine"
brands = ["Gammix"]
aliases = []
status = "approved"
category = "symptom"
drug_class = "muscle relaxant"
routes = ["oral"]
symptoms = ["spasticity", "fatigue"]
use = "Eases spasticity."
side_effects = ["drowsiness"]
warnings = []
evidence = "Label covers spasticity."
sources = ["label-alpha", "review-beta"]
reviewed = 2026-01-02
"""


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache directory and no inherited dataset or colour settings."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("MSRX_CACHE_DIR", str(cache))
    for var in ("MSRX_DATA", "MSRX_NO_CACHE", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    return cache



def value_at(record: dict[str, Any], path: str) -> Any:
    """A JSON record's value at a dotted path ("topic.field", "matched.also.0.field")."""
    value: Any = record
    for key in path.split("."):
        value = value[int(key)] if key.isdigit() else value[key]
    return value


def load_script(name: str) -> ModuleType:
    """A maintainer script (scripts/NAME.py) as a module, for testing it offline."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and NamedTuples look their module up
    spec.loader.exec_module(module)
    return module

@pytest.fixture
def write_dataset(tmp_path: Path) -> Callable[..., Path]:
    """Write dataset text (MINI by default) to a file and return its path."""
    counter = iter(range(10_000))

    def write(text: str = MINI, name: str | None = None) -> Path:
        path = tmp_path / (name or f"data-{next(counter)}.toml")
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def mini(write_dataset: Callable[..., Path]) -> Path:
    return write_dataset()


@pytest.fixture
def refuse_opening(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make os.open refuse one file as chmod 000 would (which does not stop root, as CI runs)."""

    def refuse(target: Path) -> None:
        real_open = os.open

        def refusing(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if str(path) == str(target):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing)

    return refuse


@pytest.fixture(scope="session")
def bundled() -> tuple[Dataset, SearchIndex]:
    """The bundled dataset and its index, built once (no cache): for tests of search without the CLI."""
    from msrx.loader import load
    from msrx.search import SearchIndex
    from msrx.store import bundled_path

    ds = load(bundled_path())
    return ds, SearchIndex.build(ds)


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def check_json(schema: dict[str, Any]) -> Callable[[str, Any], None]:
    """Validate a command's JSON output against its definition in the shipped schema."""
    import jsonschema

    def check(definition: str, instance: Any) -> None:
        sub = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
        jsonschema.validate(instance, sub, cls=jsonschema.Draft202012Validator)

    return check
