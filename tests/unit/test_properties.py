"""Property-based: whatever comes in, a valid result or the documented error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msrx.errors import DataError
from msrx.loader import load, validate
from msrx.model import Dataset
from msrx.search import SearchIndex, resolve, search
from tests.conftest import MINI

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def bundled() -> tuple[Dataset, SearchIndex]:
    from msrx.store import bundled_path

    ds = load(bundled_path())
    return ds, SearchIndex.build(ds)


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
