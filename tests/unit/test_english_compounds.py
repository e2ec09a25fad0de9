"""An English compound msrx does not hold means itself (english_compounds.txt,
written by scripts/english_compounds.py from WordNet 3.0).

Its everyday words name no half of a symptom phrase ("polo stick" is no
walking stick), none of its words is fixed as a typo ("tv station" is no
statin), and no other phrase's meaning is read into it. What it says in a row
still matches, and a technical word in it keeps its meaning.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import msrx
from msrx.english import is_compound
from msrx.model import Dataset
from msrx.notes import symptoms_asked
from msrx.search import SearchIndex, search
from tests.conftest import load_script

ec = load_script("english_compounds")
LIST = Path(msrx.__file__).with_name("english_compounds.txt")


def answers(bundled: tuple[Dataset, SearchIndex], query: str) -> list[tuple[str, str | None]]:
    """(treatment id, symptom) of each answer: the "may cause this" group left out."""
    ds, index = bundled
    return [(h.treatment.id, h.symptom) for h in search(ds, index, query) if h.relation != "causes"]


def test_the_list_is_compounds_of_two_or_three_words_with_its_provenance() -> None:
    text = LIST.read_text(encoding="utf-8")
    assert "WordNet 3.0" in text and "scripts/english_compounds.py" in text
    listed = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(listed) > 10000
    assert all(re.fullmatch(r"[a-z]+( [a-z]+){1,2}", c) for c in listed)
    assert listed == sorted(set(listed))
    assert is_compound("polo stick") and not is_compound("stick") and not is_compound("bladder leaking")


@pytest.mark.parametrize(("query", "was"), [
    ("polo stick", "dalfampridine"),  # half of "walking stick"
    ("fire truck", "amitriptyline"),  # "on fire" (burning pain), whose "on" is filler
    ("melt down", "bupropion"),  # "feeling down"
    ("ground floor", "dalfampridine"),  # "cannot feel the floor"
    ("tv station", "simvastatin"),  # "station" fixed to "statin"
    ("motor neuron", "gabapentin"),  # "neuron" read as the start of Neurontin
    # Said with a route: the compound is still the product's purpose.
    ("blood pressure tablets", "hydroxyzine"),  # "blood" of "blood on my nails" (itching)
    ("high blood pressure injection", "hydroxyzine"),  # and, with "blood" set aside, every injected DMT through the route
])
def test_a_compound_of_everyday_words_means_itself(bundled: tuple[Dataset, SearchIndex], query: str, was: str) -> None:
    assert was not in [t for t, _s in answers(bundled, query)]


def test_a_compound_said_with_a_route_lists_no_treatment_by_the_route_alone(bundled: tuple[Dataset, SearchIndex]) -> None:
    assert answers(bundled, "high blood pressure injection") == []
    assert answers(bundled, "muscle spasm injections")[0] == ("onabotulinumtoxina", "spasticity")


def test_a_compound_names_no_symptom_for_the_no_treatment_note(bundled: tuple[Dataset, SearchIndex]) -> None:
    _ds, index = bundled
    assert symptoms_asked(index, "polo stick") == []  # was walking, whose management note was printed
    assert symptoms_asked(index, "walking stick") == ["walking"]


@pytest.mark.parametrize(("query", "symptom"), [
    ("essential tremor", "tremor"),  # a key it says in a row
    ("anxiety attack", "anxiety"),
    # A technical word keeps its meaning: optic neuritis, which names a relapse first
    # (its steroids) and the vision symptom too, since dataset 2026.11.28.4.
    ("retrobulbar neuritis", "relapse"),
    ("walking stick", "walking"),  # msrx's own phrase, not read as a compound
])
def test_what_a_compound_says_still_matches(bundled: tuple[Dataset, SearchIndex], query: str, symptom: str) -> None:
    found = answers(bundled, query)
    assert found and found[0][1] == symptom


def test_a_compound_can_be_half_of_a_name(bundled: tuple[Dataset, SearchIndex]) -> None:
    assert answers(bundled, "bone marrow")[:1] == [("ahsct", None)]  # bone marrow transplant


@pytest.mark.parametrize("query", ["equal to", "stand still", "march out", "well over"])
def test_the_use_text_does_not_answer_everyday_words_it_holds_apart(bundled: tuple[Dataset, SearchIndex],
                                                                   query: str) -> None:
    assert answers(bundled, query) == []


def test_the_use_text_still_answers_words_it_holds_in_a_row_or_a_technical_word(
        bundled: tuple[Dataset, SearchIndex]) -> None:
    assert answers(bundled, "colitis")[:1] == [("ozanimod", None)]
    assert answers(bundled, "three times")[:1] == [("glatiramer-acetate", None)]  # "40 mg three times a week"


def test_a_side_effect_is_a_compound_only_when_said_in_a_row(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "hypersensitivity reaction")  # a compound said as such in side effects
    assert hits and all(h.relation == "causes" for h in hits)


def test_the_script_keeps_compounds_msrx_does_not_hold_that_reach_its_words(tmp_path: Path) -> None:
    header = "  1 This software and database is being provided\n"
    (tmp_path / "index.noun").write_text(header + "polo_stick n 1 0 1 0 00000001\nwalking_stick n 1 0 1 0 00000002\n"
                                         "blue_whale n 1 0 1 0 00000003\nstick n 1 0 1 0 00000004\n"
                                         "x-ray_film n 1 0 1 0 00000005\nmake_a_clean_breast n 1 0 1 0 00000006\n")
    for pos in ("verb", "adj", "adv"):
        (tmp_path / f"index.{pos}").write_text(header + "Melt_down v 1 0 1 0 00000007\n" * (pos == "verb"))
    found = ec.wordnet_compounds(tmp_path)
    assert found == {"polo stick", "walking stick", "blue whale", "melt down"}  # no single word, hyphen or four words
    kept = ec.compounds(found, is_key=lambda c: c == "walking stick", reaches=lambda w: w in {"stick", "down"})
    assert kept == ["melt down", "polo stick"]
