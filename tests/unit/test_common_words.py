"""common_words.txt (scripts/common_words.py): another language's everyday word is no misspelt name.

French "savoir" (to know) was read as Avloire, a brand of carbamazepine, and
Portuguese "achar" (to find) as Acthar. The list holds the commonest words of
the languages msrx's translations use; the spelling fixer never reads one of
them as a treatment's name, and still reads it as a symptom word it may mean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import msrx
from msrx.english import is_common_abroad, is_english
from msrx.index import SHORT
from msrx.model import Dataset
from msrx.search import SearchIndex, search
from tests.conftest import load_script

cw = load_script("common_words")
LIST = Path(msrx.__file__).with_name("common_words.txt")


def _listed() -> list[str]:
    return [line for line in LIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_the_list_says_where_it_came_from_and_holds_one_plain_word_per_line() -> None:
    text = LIST.read_text(encoding="utf-8")
    assert "wordfreq" in text and "CC BY-SA 4.0" in text and "scripts/common_words.py" in text
    words = _listed()
    assert len(words) > 10000
    assert all(re.fullmatch(rf"[a-z]{{{SHORT + 1},}}", w) for w in words)
    assert words == sorted(set(words))
    assert not any(is_english(w) for w in words[::50])  # English words are english_words.txt's


def test_every_language_of_the_translations_is_read() -> None:
    from msrx.model import LANGUAGES

    assert len(cw.LANGUAGES) == len(LANGUAGES) == 12 and "nb" in cw.LANGUAGES and "no" in LANGUAGES
    assert set(cw.LANGUAGES) - {"nb"} == set(LANGUAGES) - {"no"}
    assert ", ".join(cw.LANGUAGES) in LIST.read_text(encoding="utf-8").splitlines()[0]


def test_no_listed_word_is_a_name_msrx_holds(bundled: tuple[Dataset, SearchIndex]) -> None:
    names, _words, _vocabulary = load_script("other_drugs").own_names(*bundled)
    assert names.isdisjoint(_listed())


@pytest.mark.parametrize("word", ["savoir", "dentro", "achar", "entrada", "stimmte"])
def test_common_words_of_other_languages_are_known(word: str) -> None:
    # "stimmte" is not on the list; "stimmt" is, and "-e" one of its forms' endings.
    assert is_common_abroad(word)


@pytest.mark.parametrize("word", ["tecfedera", "tizanadine", "infection", "copaxane", "copaxanes", "stim"])
def test_misspelt_names_and_english_words_are_not_on_it(word: str) -> None:
    assert not is_common_abroad(word)


def test_a_common_word_abroad_is_no_misspelt_name_but_a_typo_still_is(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert index.spellings("savoir", False, "savoir") == ([], 0.0)
    assert index.spellings("achar", True, "achar") == ([], 0.0)
    assert search(ds, index, "achar um medico") == []
    assert search(ds, index, "tecfedera")[0].treatment.id == "dimethyl-fumarate"
    # A symptom word it may mean is still read: French "fatiguée" is fatigue.
    assert index.spellings("fatiguee", False, "fatiguee")[0] == ["fatigu"]
