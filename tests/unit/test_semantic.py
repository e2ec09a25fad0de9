"""Reading for meaning (msrx.semantic): the tokenizer and encoder against the
original model's own output, and how search uses it."""

from __future__ import annotations

import copy
import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from msrx import semantic
from msrx.model import Dataset
from msrx.search import SearchIndex, search
from tests.conftest import load_script

# Made with the original model (transformers' tokenizer and sentence-transformers'
# encode) from the same pinned revision the weights were exported from.
REFERENCE = json.loads((Path(__file__).parent.parent / "fixtures" / "minilm_reference.json").read_text(encoding="utf-8"))
CASES = REFERENCE["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_tokens_are_the_original_tokenizers(case: dict[str, Any]) -> None:
    assert semantic.token_ids(case["text"]) == case["token_ids"]


def test_vectors_match_the_original_model() -> None:
    ours = semantic.encoder().encode([c["text"] for c in CASES])
    theirs = np.array([c["vector"] for c in CASES], dtype=np.float32)
    cosines = (ours * theirs).sum(axis=1)
    # int8 weights cost a little precision, never the meaning.
    assert cosines.min() > 0.998, cosines
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_a_long_text_is_cut_not_refused() -> None:
    ids = semantic.token_ids("tired " * 400)
    assert len(ids) == semantic.MAX_TOKENS
    assert semantic.encoder().encode(["tired " * 400]).shape == (1, 384)


def test_unrelated_texts_are_further_apart_than_related_ones() -> None:
    a, b, c = semantic.encoder().encode(["the room is spinning", "I feel dizzy", "my tax return is late"])
    assert float(a @ b) > float(a @ c) + 0.2


def test_quantising_keeps_each_weight_within_half_a_step() -> None:
    export = load_script("export_minilm")
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(8, 16)).astype(np.float32)
    q, scale = export.quantise(matrix)
    assert q.dtype == np.int8
    assert np.abs(q * scale[:, None] - matrix).max() <= scale.max() / 2 + 1e-7


def _first(bundled: tuple[Dataset, SearchIndex], query: str) -> tuple[str | None, str | None]:
    ds, index = bundled
    hits = search(ds, index, query)
    return (hits[0].symptom, hits[0].relation) if hits else (None, None)


def test_a_half_matched_phrase_is_answered_by_its_meaning(bundled: tuple[Dataset, SearchIndex],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # Dev rows of the real queries: the words half match another symptom.
    assert _first(bundled, "There is a fog inside my mind") == ("cognition", "similar")
    assert _first(bundled, "legs like jelly") != ("walking", "similar")  # not close enough: the words' answer stands
    monkeypatch.setattr(semantic, "CLOSE", 2.0)  # meaning never close enough: the words alone answer
    assert _first(bundled, "There is a fog inside my mind")[1] != "similar"


def test_a_whole_phrase_or_a_name_is_never_second_guessed(bundled: tuple[Dataset, SearchIndex],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the encoder ran")

    monkeypatch.setattr(semantic, "closest_symptoms", refuse)
    assert _first(bundled, "brain fog") == ("cognition", "treats")
    ds, index = bundled
    assert search(ds, index, "ocrevus")[0].treatment.id == "ocrelizumab"
    # Nothing matched and fewer than five words: a name msrx does not hold, never read for meaning.
    assert search(ds, index, "large glass of wine") == []


def test_the_name_of_the_illness_draws_no_meaning(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "MS" is in every query's subject; it drew "my MS stopped my gut from
    # working" to the phrase "MS fatigue" (fatigue) instead of the bowel.
    from msrx.meaning import without_ms

    assert without_ms("my MS stopped my gut from working") == "my stopped my gut from working"
    assert without_ms("Multiple Sclerosis and M.S. hugs") == "and hugs"
    assert without_ms("ms") == "ms"  # nothing else said: read as it is
    assert without_ms("mass msg") == "mass msg"  # only the word itself
    assert _first(bundled, "my MS stopped my gut from working") == ("bowel", "similar")


def test_a_sentence_that_matched_nothing_is_answered_by_its_meaning(bundled: tuple[Dataset, SearchIndex],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Dev rows of the real queries: no word of theirs is a symptom word.
    # ("the whole world started to swirl" was one until a dizziness phrase said "the world started spinning".)
    assert _first(bundled, "staring at the ceiling till 4am") == ("sleep", "similar")
    assert _first(bundled, "I need to renew my car insurance") == (None, None)  # close to no symptom
    # Two symptoms about as close ("Feeling irregular on the regular": bowel
    # or fatigue): no answer rather than a coin toss.
    assert _first(bundled, "Feeling irregular on the regular") == (None, None)
    monkeypatch.setattr(semantic, "SENTENCE_MARGIN", 1.0)
    assert _first(bundled, "staring at the ceiling till 4am") == (None, None)


def test_a_long_sentence_far_from_the_symptom_one_word_matched_gets_no_answer(
        bundled: tuple[Dataset, SearchIndex], monkeypatch: pytest.MonkeyPatch) -> None:
    # "stress" is an anxiety word, but a sentence about roses is far from anxiety in meaning.
    roses = "my roses are under stress and the plumeria will not bloom this year"
    assert _first(bundled, roses) == (None, None)
    # A short query is not read so: there the word is most of what is said.
    assert _first(bundled, "under stress") == ("anxiety", "treats")
    # Close enough in meaning, the word's symptom stands.
    assert _first(bundled, "I am under so much stress since the diagnosis and cannot relax at all") == (
        "anxiety", "treats")
    monkeypatch.setattr(semantic, "FAR", 0.0)  # nothing is that far: the word answers
    assert _first(bundled, roses) == ("anxiety", "treats")


def test_a_symptom_guessed_from_one_common_word_needs_more_meaning_behind_it(
        bundled: tuple[Dataset, SearchIndex], monkeypatch: pytest.MonkeyPatch) -> None:
    # A long sentence whose one word a symptom's phrases hold ("make" of "decision
    # making") is read for its meaning; between FAR and FAR_GUESS a half-matched
    # phrase would stand, a guess does not.
    from msrx.meaning import closer_in_meaning
    from msrx.query import parse

    _ds, index = bundled
    sentence = "is there anything we can do to make some noise and push these investigations forward"
    cognition = -1 - index.symptom_ids.index("cognition")
    between = (semantic.FAR + semantic.FAR_GUESS) / 2
    monkeypatch.setattr(semantic, "closest_symptoms", lambda _i, _q: {cognition: (between, 0)})
    parsed = parse(sentence)
    assert closer_in_meaning(index, sentence, parsed, "cognition", guessed=True) == ({}, None)  # no answer, no symptom
    assert closer_in_meaning(index, sentence, parsed, "cognition", guessed=False) is None


@pytest.mark.parametrize(("sim", "rival", "sentence", "answers"), [
    (0.55, 0.40, False, True),   # close, and 0.1 closer than the words' symptom
    (0.55, 0.50, False, False),  # close, but not clearly closer
    (0.45, 0.20, False, False),  # far clear, but a half-matched phrase needs CLOSE
    (0.52, 0.50, True, False),   # a sentence: close, but a coin toss
    (0.52, 0.48, True, True),    # close and 0.04 clear
    (0.42, 0.30, True, False),   # far clear of the next, but not close (tried at stop 28: README)
])
def test_when_meaning_answers(sim: float, rival: float, sentence: bool, answers: bool) -> None:
    assert semantic.meaning_answers(sim, rival, sentence=sentence) is answers


def test_a_broken_model_leaves_the_words_answer(bundled: tuple[Dataset, SearchIndex],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise OSError("minilm.npz: truncated")

    monkeypatch.setattr(semantic, "closest_symptoms", broken)
    symptom, relation = _first(bundled, "There is a fog inside my mind")
    assert relation != "similar" and symptom is not None


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start as a new process would: no vectors in memory."""
    monkeypatch.setattr(semantic, "_memo", {})
    monkeypatch.setattr(semantic, "_last", None)


def test_a_second_query_on_the_same_index_reuses_its_vectors(
        bundled: tuple[Dataset, SearchIndex], isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _ds, index = bundled
    _forget(monkeypatch)
    first = semantic.closest_symptoms(index, "my synapses are buffering")

    def no_reload(*_args: object) -> None:
        raise AssertionError("vectors looked up again for the same index")

    monkeypatch.setattr(semantic, "_load_key_vectors", no_reload)
    assert semantic.closest_symptoms(index, "my synapses are buffering") == first
    with pytest.raises(AssertionError):  # another index is looked up afresh
        semantic.closest_symptoms(copy.copy(index), "dizzy")


def test_the_vector_cache_is_private(bundled: tuple[Dataset, SearchIndex], isolated_env: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _forget(monkeypatch)
    semantic.closest_symptoms(bundled[1], "dizzy")
    (vectors,) = isolated_env.glob("meaning-*.npy")
    assert stat.S_IMODE(vectors.stat().st_mode) == 0o600


def test_symptom_vectors_are_cached_and_a_bad_cache_file_is_replaced(
        bundled: tuple[Dataset, SearchIndex], isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _ds, index = bundled
    _forget(monkeypatch)
    first = semantic.closest_symptoms(index, "my synapses are buffering")
    files = list(isolated_env.glob("meaning-*.npy"))
    assert len(files) == 1
    files[0].write_bytes(b"not an array")
    _forget(monkeypatch)
    again = semantic.closest_symptoms(index, "my synapses are buffering")
    assert again.keys() == first.keys()
    assert all(abs(again[o][0] - first[o][0]) < 1e-3 for o in first)
    assert np.load(files[0]).shape[1] == 384  # rewritten
    assert not list(isolated_env.glob(".meaning-*"))  # written whole: no temporary file left behind


def test_old_vector_files_are_pruned(isolated_env: Path, bundled: tuple[Dataset, SearchIndex],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(semantic.KEEP_FILES + 2):
        (isolated_env / f"meaning-old{i}.npy").write_bytes(b"x")
    _forget(monkeypatch)
    semantic.closest_symptoms(bundled[1], "dizzy")
    assert len(list(isolated_env.glob("meaning-*.npy"))) == semantic.KEEP_FILES


def test_similar_hits_are_valid_json(bundled: tuple[Dataset, SearchIndex], check_json: Callable[[str, Any], None]) -> None:
    from msrx.records import hit

    ds, index = bundled
    records = [hit(h, ds) for h in search(ds, index, "There is a fog inside my mind")]
    assert records[0]["matched"]["relation"] == "similar"
    check_json("search", records)
