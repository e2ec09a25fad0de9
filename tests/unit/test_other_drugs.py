"""other_drugs.txt (scripts/other_drugs.py) never shadows a name msrx holds.

The list is written against the dataset of its day. A treatment, brand or
alias added later that is on the list, or one edit from a name on it, would
have its typos refused as "another drug" ("methylprednisone" is a steroid of
its own, and how people misspell methylprednisolone): this test fails first, and the fix
is to rerun the script.
"""

from __future__ import annotations

import re
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

import msrx
from msrx.model import Dataset
from msrx.search import SearchIndex
from tests.conftest import load_script

od = load_script("other_drugs")
TYPO_CLOSE = od.TYPO_CLOSE
LIST = Path(msrx.__file__).with_name("other_drugs.txt")


def _listed() -> list[str]:
    return [line for line in LIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_the_list_is_one_lower_case_word_per_line_with_its_provenance() -> None:
    text = LIST.read_text(encoding="utf-8")
    assert "drug-named-entity-recognition" in text and "scripts/other_drugs.py" in text
    words = _listed()
    assert len(words) > 20000
    assert all(re.fullmatch(r"[a-z]{5,}", w) for w in words)
    assert words == sorted(set(words))


def test_no_listed_drug_is_a_word_msrx_knows_or_close_enough_to_be_a_typo_of_one(bundled: tuple[Dataset, SearchIndex]) -> None:
    # Its names, and every word the spelling fixer corrects to: "depressin" may be depression mistyped.
    # The words are those the script keeps the list away from (od.own_names), read from today's dataset.
    names, words, vocabulary = od.own_names(*bundled)
    own = sorted(names | words | vocabulary)
    listed = _listed()
    distances = process.cdist(listed, own, scorer=OSA.distance, score_cutoff=1, workers=-1)
    close = [(listed[i], own[int(distances[i].argmin())]) for i in (distances.min(axis=1) <= 1).nonzero()[0]]
    assert close == [], f"rerun scripts/other_drugs.py: {close[:10]}"
    similar = process.cdist(listed, own, scorer=OSA.normalized_similarity, score_cutoff=TYPO_CLOSE, workers=-1)
    alike = [(listed[i], own[int(similar[i].argmax())]) for i in (similar.max(axis=1) >= TYPO_CLOSE).nonzero()[0]]
    assert alike == [], f"rerun scripts/other_drugs.py: {alike[:10]}"


def test_the_script_keeps_only_other_drugs_far_from_ours() -> None:
    names = {"fingolimod", "gilenya", "zactin", "methylprednisolone"}
    words = {"fingolimod", "gilenya", "zactin", "methylprednisolone"}
    dictionary = {
        "fingolimod": ["fingolimod"],
        "gilenia": ["fingolimod hydrochloride"],  # a salt of ours: ours
        "fty720": ["fingolimod hydrochloride"],
        "bactine": ["benzalkonium chloride/lidocaine"],  # two edits from Zactin, 71 % alike: another drug
        "gilenyx": ["something else"],  # one edit from Gilenya: may be a typo of it
        "methylprednisone": ["methylprednisone"],  # 89 % alike: may be a typo
        "lorazepam": ["lorazepam"],
        "infection": ["x"],  # common English
        "bcd": ["y"],  # too short
        "xanax": ["alprazolam"],
        "depressin": ["z"],  # one edit from a symptom word the fixer knows
    }
    assert od.other_drugs(dictionary, names, words, {"depression"}) == ["bactine", "lorazepam", "xanax"]
