"""Maintainer tool: write src/msrx/english_compounds.txt, the English compounds
("polo stick", "fire truck", "melt down") that search reads as themselves.

    python scripts/english_compounds.py [--wordnet DIR] [--out FILE]

Half a symptom phrase names the symptom ("laughing or crying" is "sudden
crying"), and a word msrx does not know is read as the closest one it does.
Said as a compound of everyday words, the same words mean something else: a
polo stick is no walking stick, a fire truck is not feet on fire, "melt down"
is not "feeling down", a tv station is no statin. On a random 3,000 of
WordNet's two-word compounds, msrx answered 307 this way.

A query that is one of these compounds (msrx.query.Query.settled) names only
the keys it says in a row, or that say it in a row ("bone marrow" is half of
"bone marrow transplant", "essential tremor" holds "tremor"), and none of its
words is fixed as a typo. A technical word keeps its meaning inside one
("retrobulbar neuritis" is optic neuritis).

The list holds WordNet 3.0's compounds of two or three words (letters only)
that msrx does not hold as a key and of which at least one word reaches msrx:
a word its index holds, or one the spelling fixer reads as such. A compound
none of whose words reaches msrx matches nothing anyway. Rerun the script when
the vocabulary grows; a compound left off only loses this protection.

WordNet comes from Debian's package wordnet-base (files in
/usr/share/wordnet). The output is committed: msrx never needs WordNet, the
network or this script at run time.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from english_words import POS, entries, write_list  # noqa: E402  (the scripts folder is no package)

NOTICE = """\
# English compounds of two or three words that msrx does not hold, each with a
# word that reaches msrx's vocabulary, from WordNet 3.0; written by
# scripts/english_compounds.py. A query that is one of these means itself:
# "polo stick" is no walking stick (msrx.english.is_compound).
# WordNet 3.0 Copyright 2006 by Princeton University; licence as in
# english_words.txt.
"""


def wordnet_compounds(wordnet: Path) -> set[str]:
    """Every lemma of two or three all-letter words, lower case, words between single spaces."""
    out: set[str] = set()
    for pos in POS:
        for line in entries(wordnet / f"index.{pos}"):
            words = line.split(" ", 1)[0].lower().split("_")
            if 2 <= len(words) <= 3 and all(w.isalpha() and w.isascii() for w in words):
                out.add(" ".join(words))
    return out


def compounds(candidates: Iterable[str], is_key: Callable[[str], bool], reaches: Callable[[str], bool]) -> list[str]:
    """The candidates that are no key of msrx's and have a word that reaches it, sorted."""
    return sorted(c for c in candidates if not is_key(c) and any(reaches(w) for w in c.split()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "msrx" / "english_compounds.txt")
    args = parser.parse_args(argv)
    if not (args.wordnet / "index.noun").is_file():
        print(f"english_compounds: no WordNet database in {args.wordnet} (apt-get install wordnet-base)", file=sys.stderr)
        return 2
    from msrx.store import open_dataset
    from msrx.wording import normalise, stem

    _dataset, index = open_dataset(None, use_cache=False)
    seen: dict[str, bool] = {}

    def reaches(word: str) -> bool:
        if word not in seen:
            s = stem(word)
            seen[word] = bool(index.words_of(s) or index.spellings(s, True, word)[0] or index.spellings(word)[0])
        return seen[word]

    out = compounds(wordnet_compounds(args.wordnet), lambda c: bool(index.exact(normalise(c))), reaches)
    write_list(args.out, NOTICE, out)
    print(f"english_compounds: {len(out)} compounds -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
