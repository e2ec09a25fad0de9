"""Property-based: whatever comes in, a valid result or the documented error."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from msrx.errors import DataError
from msrx.loader import load, validate
from msrx.model import Dataset
from msrx.query import _PURPOSE_HINTS, _purpose_pattern, read_purpose
from msrx.resolve import resolve
from msrx.search import SearchIndex, search
from msrx.topics import _NAMED_HINTS, _TOPIC_HINTS, NAMED_TOPICS, TOPICS, named_topic, read_topic
from tests.conftest import MINI

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


queries = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from("abcdefghilmnoprstuvz -"), max_size=25),
    st.sampled_from(["ocrevus", "tired", "BTK inhibitor", "LDN", "nerve pain"]).map(lambda s: s + "x"),
)


@BOUNDED
@given(query=queries)
def test_search_always_returns_well_formed_hits(bundled: tuple[Dataset, SearchIndex], query: str) -> None:
    ds, index = bundled
    hits = search(ds, index, query, limit=10)
    assert len(hits) <= 10
    assert len({h.treatment.id for h in hits}) == len(hits)
    assert all(0 <= h.score <= 100 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    resolution = resolve(ds, index, query)
    assert resolution.treatment is not None or isinstance(resolution.candidates, list)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                    st.dates(), st.lists(st.text(max_size=10), max_size=3))
BASE: dict[str, Any] = {
    "id": "x", "name": "X", "brands": [], "aliases": [], "status": "approved", "category": "dmt",
    "drug_class": "c", "routes": ["oral"], "symptoms": [], "use": "u", "side_effects": [], "warnings": [],
    "evidence": "e", "sources": ["s"], "reviewed": dt.date(2026, 1, 1),
}


@BOUNDED
@given(changes=st.dictionaries(st.sampled_from([*BASE, "extra"]), scalars, max_size=4),
       drop=st.sets(st.sampled_from(list(BASE)), max_size=3))
def test_validate_takes_any_document_shape(changes: dict[str, Any], drop: set[str]) -> None:
    treatment = {k: v for k, v in {**BASE, **changes}.items() if k not in drop}
    doc = {
        "dataset": {"version": "1", "reviewed": dt.date(2026, 1, 1)},
        "sources": [{"id": "s", "title": "t", "publisher": "p", "url": "https://e.org"}],
        "treatments": [treatment],
    }
    try:
        ds = validate(doc, "", "gen.toml")
    except DataError as exc:
        assert exc.problems and all(str(p).startswith("gen.toml") for p in exc.problems)
    else:
        assert [t.id for t in ds.treatments] == [treatment["id"]]


@BOUNDED
@given(garbage=st.one_of(st.text(max_size=200), st.binary(max_size=200)), where=st.integers(0, len(MINI)))
def test_load_takes_any_file_content(tmp_path: Path, garbage: str | bytes, where: int) -> None:
    raw = garbage.encode("utf-8", "surrogatepass") if isinstance(garbage, str) else garbage
    path = tmp_path / "gen.toml"
    path.write_bytes(MINI.encode()[:where] + raw + MINI.encode()[where:])
    try:
        ds = load(path)
    except DataError as exc:
        assert exc.problems and all(str(p).startswith(str(path)) for p in exc.problems)
    else:
        assert ds.treatments


# -- mutated copies of the bundled dataset, through the CLI, cache on and off ---------

BUNDLED = Path(__file__).resolve().parents[2].joinpath("data", "treatments.toml").read_bytes()
BUNDLED_LINES = BUNDLED.splitlines(keepends=True)
COMMANDS = [["list", "--json"], ["show", "ocrelizumab", "--json"], ["show", "naltrexone"], ["search", "tired", "--json"],
            ["search", "ocrelizumub", "--json"], ["search", "spasticity", "--format", "csv"], ["info", "--json"],
            ["compare", "ocrevus", "kesimpta", "--json"], ["symptoms", "tired", "--json"], ["sources", "3"]]

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, len(BUNDLED) - 1), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, len(BUNDLED)), st.just(0)),
    st.tuples(st.just("delete-line"), st.integers(0, len(BUNDLED_LINES) - 1), st.integers(1, 3)),
    st.tuples(st.just("duplicate-line"), st.integers(0, len(BUNDLED_LINES) - 1), st.integers(1, 3)),
)


def mutate(changes: list[tuple[str, int, int]]) -> bytes:
    lines = list(BUNDLED_LINES)
    for kind, at, n in changes:
        at = min(at, len(lines) - 1) if lines else 0
        if kind == "delete-line":
            del lines[at:at + n]
        elif kind == "duplicate-line":
            lines[at:at] = lines[at:at + n]
        else:
            raw = b"".join(lines)
            if kind == "truncate":
                raw = raw[: at % (len(raw) + 1)]
            elif raw:
                i = at % len(raw)
                raw = raw[:i] + bytes([raw[i] ^ n]) + raw[i + 1:]
            lines = raw.splitlines(keepends=True)
    return b"".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(mutation, min_size=1, max_size=3), command=st.sampled_from(COMMANDS),
       damage=st.one_of(st.none(), st.floats(0, 1, exclude_max=True)))
def test_mutated_dataset_never_tracebacks_and_the_cache_agrees_with_the_file(
        tmp_path: Path, changes: list[tuple[str, int, int]], command: list[str], damage: float | None) -> None:
    from typer.testing import CliRunner

    from msrx.cli import app

    # One path for every example: each mutation replaces the last one's file,
    # often within the same second and at the same size, as an editor would.
    path = tmp_path / "mutated.toml"
    path.write_bytes(mutate(changes))
    runner = CliRunner()

    def run(*extra: str) -> tuple[int, str, str]:
        result = runner.invoke(app, [*extra, "--data", str(path), *command])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1, 3), (result.exit_code, result.output)
        assert "Traceback" not in result.output
        return result.exit_code, result.stdout, result.stderr

    from_file = run("--no-cache")
    event(f"exit {from_file[0]}")
    assert run() == from_file  # cold: parses the file and writes the cache
    if damage is not None:  # and a damaged cache on top of it
        caches = list(Path(os.environ["MSRX_CACHE_DIR"]).glob("dataset-*.cache"))
        for cache in caches:
            raw = bytearray(cache.read_bytes())
            raw[int(damage * len(raw))] ^= 0x5A
            cache.write_bytes(bytes(raw))
    assert run() == from_file  # warm: answered from the cache, or rebuilt from the file


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(mutation, min_size=1, max_size=3), command=st.sampled_from(COMMANDS))
def test_mutated_dataset_as_a_real_process(tmp_path: Path, changes: list[tuple[str, int, int]], command: list[str]) -> None:
    import subprocess

    from tests.acceptance.test_process import SCRIPT

    path = tmp_path / "mutated.toml"
    path.write_bytes(mutate(changes))
    env = {**os.environ, "MSRX_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([str(SCRIPT), *extra, "--data", str(path), *command], capture_output=True, env=env, timeout=60)
            for extra in ([], [], ["--no-cache"])]
    for r in runs:
        assert r.returncode in (0, 1, 3) and b"Traceback" not in r.stderr, r.stderr
    assert len({(r.returncode, r.stdout, r.stderr) for r in runs}) == 1


def _said_by(pattern: str | re.Pattern[str]) -> st.SearchStrategy[str]:
    """Text a pattern matches in full, spaced and lettered as normalise leaves a query."""
    ascii_words = st.characters(codec="ascii", categories=["Ll", "Nd"], include_characters=" ")
    return st.from_regex(pattern, fullmatch=True, alphabet=ascii_words).map(lambda said: " ".join(said.split()))


# read_topic, named_topic and read_purpose skip their patterns when no hint is in the
# text, so a word added to a pattern without a hint would never be read: these fail until it is.
# Each table with its hints and its reader (what the reader gives back first: a topic's name).
_GATED: tuple[tuple[tuple[tuple[str, str], ...], tuple[str, ...], Callable[[str], tuple[str, ...]]], ...] = (
    (TOPICS, _TOPIC_HINTS, read_topic), (NAMED_TOPICS, _NAMED_HINTS, named_topic))
_topic_words = st.sampled_from(range(len(_GATED))).flatmap(
    lambda g: st.sampled_from(_GATED[g][0]).flatmap(lambda topic: _said_by(topic[1]).map(lambda said: (g, topic[0], said))))


@pytest.mark.parametrize("hints", [_TOPIC_HINTS, _NAMED_HINTS, _PURPOSE_HINTS])
def test_no_hint_is_covered_by_another(hints: tuple[str, ...]) -> None:
    # A hint holding another ("working" holds "work") never decides anything: keep the gate short.
    assert len(set(hints)) == len(hints)
    assert [(h, other) for h in hints for other in hints if other != h and other in h] == []


@settings(max_examples=600, deadline=None)
@given(topic_said=_topic_words)
def test_every_topic_word_passes_its_quick_gate(topic_said: tuple[int, str, str]) -> None:
    gate, name, text = topic_said
    _table, hints, reader = _GATED[gate]
    event(f"{reader.__name__}: {name}")
    assert any(hint in text for hint in hints), f"{name}: no hint in {text!r}"
    assert reader(text)[0] != ""


@settings(max_examples=200, deadline=None)
@given(text=_said_by(_purpose_pattern()))
def test_every_purpose_word_passes_the_quick_gate(text: str) -> None:
    assert any(hint in text for hint in _PURPOSE_HINTS), f"no hint in {text!r}"
    assert read_purpose(text)[0] != ""
