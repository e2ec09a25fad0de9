"""The relevance evaluation (benchmarks/relevance.py) must meet its targets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import relevance


@pytest.fixture(scope="module")
def figures() -> dict[str, dict[str, float]]:
    return relevance.summary(relevance.evaluate(relevance.load_queries()))


def test_there_are_at_least_150_queries_of_every_kind() -> None:
    queries = relevance.load_queries()
    assert len(queries) >= 150
    assert {q["kind"] for q in queries} == {"exact", "typo", "abbrev", "phrase", "class", "symptom", "nothing"}


def test_exact_names_and_brands_are_always_first(figures: dict[str, dict[str, float]]) -> None:
    assert figures["exact"]["top1"] == 1.0


def test_names_brands_and_typos_top1_at_least_97_percent(figures: dict[str, dict[str, float]]) -> None:
    assert figures["names_brands_typos"]["top1"] >= 0.97


@pytest.mark.parametrize("kind", ["class", "symptom"])
def test_every_expected_treatment_is_in_the_top_10(figures: dict[str, dict[str, float]], kind: str) -> None:
    assert figures[kind]["all_expected_in_top10"] == 1.0


def test_nonsense_returns_nothing(figures: dict[str, dict[str, float]]) -> None:
    assert figures["nothing"]["no_result"] == 1.0


def test_category_word_dmt_lists_approved_dmts_first() -> None:
    from msrx.search import search
    from msrx.store import open_dataset

    dataset, index = open_dataset(None, use_cache=False)
    hits = search(dataset, index, "DMT", limit=None)
    assert len(hits) >= 20
    assert all(h.treatment.category == "dmt" for h in hits)
    statuses = [h.treatment.status for h in hits]
    assert statuses[:20] == ["approved"] * 20
