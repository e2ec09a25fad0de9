"""Maintainer tool: write src/msrx/english_words.txt, the common English words
that the spelling fixer must never "correct" into another word, and
src/msrx/drug_words.txt, the drug names it must never read as a typo at all.

    python scripts/english_words.py [--wordnet DIR] [--out FILE]

Search fixes a word it does not know to the closest word it does ("tizanadine"
-> tizanidine, "excrutiating" -> excruciating). A real English word is no
typo: "infection" is not "injection", "wonder" is not "wander", "shirt" is not
"short". The list is every one-word lemma of Princeton WordNet 3.0 that its
sense-tagged corpus (SemCor) uses at least once, plus the irregular forms of
those lemmas ("ran", "spent", "drunk"): common words, about 17,000, not every
rare word in the language. Regular inflections ("infections", "wondering")
are read back to these lemmas at run time (msrx.english), as WordNet's own
morphology does.

WordNet comes from Debian's package wordnet-base (`apt-get install
wordnet-base`, files in /usr/share/wordnet). The output is committed: msrx
never needs WordNet, the network or this script at run time. Standard library
only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

POS = ("noun", "verb", "adj", "adv")

NOTICE = """\
# Common English words (one-word lemmas tagged in SemCor, and their irregular
# forms), from WordNet 3.0; written by scripts/english_words.py. msrx never
# fixes the spelling of these words into another word (msrx.english).
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY
# MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF
# EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS
# OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR
# THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
# INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in
# advertising or publicity pertaining to distribution of the software and/or
# database. Title to copyright in this software, database and any associated
# documentation shall at all times remain with Princeton University and
# LICENSEE agrees to preserve same. (License: https://wordnet.princeton.edu/license-and-commercial-use)
"""


def entries(path: Path) -> Iterator[str]:
    """The lines of a WordNet database file (index.noun, data.noun, ...), without its licence header."""
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):  # the licence header's lines start with a space
            yield line


def common_lemmas(wordnet: Path) -> set[str]:
    """One-word, all-letter lemmas with at least one sense tagged in SemCor."""
    out: set[str] = set()
    for pos in POS:
        for line in entries(wordnet / f"index.{pos}"):
            parts = line.split()
            lemma, pointers = parts[0], int(parts[3])
            tagged = int(parts[4 + pointers + 1])  # tagsense_cnt
            if tagged > 0 and lemma.isalpha() and lemma.isascii():
                out.add(lemma)
    return out


# The synsets whose hyponyms are drugs: drug.n.01 ("a substance used as a
# medicine or narcotic") and medicine.n.02 ("medication, medicament").
DRUG_ROOTS = (("drug", 0), ("medication", 0))

DRUG_NOTICE = """\
# Drug names (one-word lemmas of every hyponym of drug.n.01 and medicine.n.02),
# from WordNet 3.0; written by scripts/english_words.py. msrx never reads one
# of these as a misspelling of another name ("lorazepam" is not clonazepam,
# "prednisolone" not prednisone). WordNet 3.0 Copyright 2006 by Princeton
# University; licence as in english_words.txt.
"""


def drug_lemmas(wordnet: Path) -> set[str]:
    """One-word, all-letter lemmas of every noun synset below the drug roots."""
    offsets: dict[str, list[str]] = {}
    for line in entries(wordnet / "index.noun"):
        parts = line.split()
        offsets[parts[0]] = parts[-int(parts[2]):]
    synsets: dict[str, tuple[list[str], list[str]]] = {}
    for line in entries(wordnet / "data.noun"):
        parts = line.split(" | ")[0].split()
        count = int(parts[3], 16)
        words = [parts[4 + 2 * i] for i in range(count)]
        at = 4 + 2 * count
        pointers = [parts[at + 1 + 4 * i : at + 5 + 4 * i] for i in range(int(parts[at]))]
        synsets[parts[0]] = (words, [p[1] for p in pointers if p[0] in ("~", "~i") and p[2] == "n"])
    out: set[str] = set()
    stack = [offsets[lemma][sense] for lemma, sense in DRUG_ROOTS]
    seen: set[str] = set()
    while stack:
        offset = stack.pop()
        if offset in seen:
            continue
        seen.add(offset)
        words, below = synsets[offset]
        out.update(w.lower() for w in words if w.isalpha() and w.isascii())
        stack.extend(below)
    return out


def write_list(path: Path, notice: str, words: list[str]) -> None:
    """A word list with its notice, renamed into place: never half-written."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(notice + "\n".join(words) + "\n", encoding="utf-8")
    tmp.replace(path)


def irregular_forms(wordnet: Path, lemmas: set[str]) -> set[str]:
    """Inflected forms WordNet lists as exceptions ("spent spend") of the given lemmas."""
    out: set[str] = set()
    for pos in POS:
        for line in (wordnet / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
            form, *bases = line.split()
            if form.isalpha() and form.isascii() and any(b in lemmas for b in bases):
                out.add(form)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "src" / "msrx" / "english_words.txt")
    args = parser.parse_args(argv)
    if not (args.wordnet / "index.noun").is_file():
        print(f"english_words: no WordNet database in {args.wordnet} (apt-get install wordnet-base)", file=sys.stderr)
        return 2
    lemmas = common_lemmas(args.wordnet)
    words = sorted(lemmas | irregular_forms(args.wordnet, lemmas))
    write_list(args.out, NOTICE, words)
    drugs = sorted(drug_lemmas(args.wordnet))
    drug_out = args.out.with_name("drug_words.txt")
    write_list(drug_out, DRUG_NOTICE, drugs)
    print(f"english_words: {len(words)} words -> {args.out}; {len(drugs)} drug names -> {drug_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
