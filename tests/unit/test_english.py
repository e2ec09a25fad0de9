"""A real English word is never fixed into another word; a typo still is."""

from __future__ import annotations

import pytest

from msrx.english import is_english
from msrx.model import Dataset
from msrx.search import SearchIndex, search, stem


@pytest.mark.parametrize("word", ["infection", "infections", "wonder", "wondering", "stopped", "spent", "shirt", "tried"])
def test_common_words_and_their_inflections_are_english(word: str) -> None:
    assert is_english(word)


@pytest.mark.parametrize("word", ["tizanadine", "gilenia", "excrutiating", "copaxane", "steriods", "zzzzzz"])
def test_typos_and_drug_names_are_not(word: str) -> None:
    assert not is_english(word)


@pytest.mark.parametrize(("word", "not_meant"), [("infection", "injection"), ("wonder", "wander"), ("shirt", "short"),
                                                 ("stuff", "stiff"), ("tricks", "track")])
def test_a_real_word_is_not_fixed_into_another(bundled: tuple[Dataset, SearchIndex], word: str, not_meant: str) -> None:
    _ds, index = bundled
    options, _certainty = index.spellings(word)
    assert not any(o.startswith(not_meant[:4]) for o in options), options


@pytest.mark.parametrize(("word", "not_meant"), [
    ("interfere", "interferon"),  # a finished word, not the start of a name
    ("suppose", "suppositor"),  # glycerin suppository
    ("concert", "concerta"),
    ("station", "statin"),  # the same first five letters, but no form of one word
    ("displeased", "diseas"),  # asked by its stem ("displeas"), which is no English word itself
])
def test_a_real_word_is_read_only_as_a_form_of_itself_as_search_asks(bundled: tuple[Dataset, SearchIndex], word: str,
                                                                      not_meant: str) -> None:
    _ds, index = bundled
    options, _certainty = index.spellings(stem(word), True, word)  # the stem, with the word as typed
    assert not_meant not in options, options


@pytest.mark.parametrize(("word", "form"), [("laughers", "laugh"), ("intimate", "intimac"), ("impair", "impairment"),
                                            ("paroxysm", "paroxysmal")])
def test_a_real_word_is_still_read_as_a_form_of_itself(bundled: tuple[Dataset, SearchIndex], word: str, form: str) -> None:
    _ds, index = bundled
    options, _certainty = index.spellings(stem(word), True, word)
    assert form in options, options


def test_forms_of_one_word_share_a_start_and_end_in_endings_that_make_forms() -> None:
    from msrx.index import a_form_of

    assert a_form_of("laugher", "laugh") and a_form_of("intimat", "intimac") and a_form_of("rapid", "rapidl")
    assert not a_form_of("station", "statin") and not a_form_of("interfere", "interferon")
    assert not a_form_of("forge", "forget") and not a_form_of("natal", "natalizumab")


def test_a_real_word_finds_no_treatment_through_a_name_it_begins(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert not [h for h in search(ds, index, "interfere") if "interferon" in h.treatment.id]
    assert not [h for h in search(ds, index, "suppose") if h.treatment.id == "glycerin-suppository"]
    assert [h.symptom for h in search(ds, index, "interfere with my sleep")][:1] == ["sleep"]


@pytest.mark.parametrize(("typo", "meant"), [("tizanadine", "tizanidin"), ("excrutiating", "excruciat"), ("steriods", "steroid")])
def test_a_typo_is_still_fixed(bundled: tuple[Dataset, SearchIndex], typo: str, meant: str) -> None:
    _ds, index = bundled
    options, certainty = index.spellings(stem(typo))  # as search asks: the stem first
    assert meant in options and certainty >= 0.75


@pytest.mark.parametrize("query", ["wonder drug", "my shirt"])
def test_a_sentence_of_real_words_is_not_answered_through_lookalikes(bundled: tuple[Dataset, SearchIndex], query: str) -> None:
    ds, index = bundled
    assert search(ds, index, query) == []


def test_infection_is_not_injection(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # "risk" asks about warnings; what is left is infection, found only where it is a side effect.
    hits = search(ds, index, "infection risk")
    assert hits and all(h.relation == "causes" for h in hits)
    assert not [h for h in hits if h.field == "route"]


@pytest.mark.parametrize(("word", "not_meant"), [("lorazepam", "clonazepam"), ("prednisolone", "prednisone"),
                                                 ("ativan", "")])
def test_another_drugs_name_is_no_typo_of_ours(bundled: tuple[Dataset, SearchIndex], word: str, not_meant: str) -> None:
    from msrx.english import is_drug
    from msrx.resolve import suggest

    ds, index = bundled
    assert is_drug(word)
    assert search(ds, index, word) == []
    assert suggest(ds, index, word) == []  # no "did you mean" another drug either
    assert not is_drug("tizanadine")  # a typo is no drug: it is still fixed (test_a_typo_is_still_fixed)


@pytest.mark.parametrize(("word", "was"), [("bactine", "fluoxetine"), ("metacil", "psyllium"), ("felogamma", "ivig"),
                                           ("nitromed", "methotrexate"), ("robatumumab", "ofatumumab")])
def test_a_drug_wordnet_does_not_know_is_no_typo_of_ours(bundled: tuple[Dataset, SearchIndex], word: str, was: str) -> None:
    # Each was once "fixed" into a name msrx holds (Zactin, Metamucil, Flebogamma,
    # Nordimet, Ofatumumab): other_drugs.txt knows them as other drugs.
    from msrx.english import is_drug
    from msrx.resolve import suggest

    ds, index = bundled
    assert is_drug(word)
    assert not [h.treatment.id for h in search(ds, index, word) if h.treatment.id == was]
    assert search(ds, index, word) == [] and suggest(ds, index, word) == []


def test_of_two_equally_close_spellings_the_one_that_starts_as_typed_wins(bundled: tuple[Dataset, SearchIndex]) -> None:
    # Two edits from carbamazepine and from oxcarbazepine alike: people seldom
    # get a name's first letters wrong.
    ds, index = bundled
    hits = search(ds, index, "oxcarbamazepine")
    assert hits and hits[0].treatment.id == "oxcarbazepine"


@pytest.mark.parametrize(("written", "meant"), [
    ("cyklofosfamid", "cyclophosphamid"),  # Czech: no silent "e", k for c, f for ph
    ("ciclofosfamida", "cyclophosphamid"),  # Spanish: a vowel for it
])
def test_a_drug_name_as_other_languages_spell_it_is_read_as_the_name(bundled: tuple[Dataset, SearchIndex],
                                                                     written: str, meant: str) -> None:
    _ds, index = bundled
    options, certainty = index.spellings(stem(written), True, written)
    assert options == [meant] and certainty >= 0.85


def test_a_name_spelt_as_another_language_does_is_found_in_a_sentence(bundled: tuple[Dataset, SearchIndex]) -> None:
    # The first word of a two-word name ("Methylprednisolone (intravenous)"), spelt the
    # Portuguese way, beside words msrx does not know: the name all the same.
    ds, index = bundled
    hits = search(ds, index, "O medicamento mais comum chama-se metilprednisolona")
    assert [h.treatment.id for h in hits[:2]] == ["methylprednisolone-iv", "methylprednisolone-oral"]
    assert hits[0].field == "name"
    # A guessed spelling stands in for a name's first word only: "acetato" is the second of "Glatiramer acetate".
    assert search(ds, index, "chama-se acetato") == []


def test_a_short_word_two_letters_short_of_a_name_is_another_word(bundled: tuple[Dataset, SearchIndex]) -> None:
    # French "étais" (was) is within the spelling ratio of the brand Betanis, two letters longer.
    ds, index = bundled
    assert index.spellings("etais", True, "etais") == ([], 0.0)
    assert not any(h.value == "Betanis" for h in search(ds, index, "il y a eu de plus en plus de mal et ce que j étais"))
    assert index.spellings("lyrca", True, "lyrca")[0] == ["lyrica"]  # one letter short still is a typo
