"""Maintainer tool: write src/msrx/common_words.txt, the commonest words of the
other languages msrx reads, which the spelling fixer must never read as a
misspelt name of a treatment.

    pip install wordfreq==3.1.1
    python scripts/common_words.py [--top N] [--out FILE]

People write about MS in French, Spanish, German and a dozen more languages
(msrx's symptom words have translations in each). A word msrx does not know is
read as the closest name it does: English words are kept from that by
english_words.txt, but French "savoir" (to know) was read as Avloire
(carbamazepine) and Portuguese "dentro" (inside) as Detrol (tolterodine). This
list holds, for each language the dataset's translations use, its N most
frequent words in wordfreq (Robyn Speer's word-frequency lists, built from
subtitles, Wikipedia, news and web text), normalised as msrx normalises a
query (accents dropped, lower case), longer than msrx's shortest fixable word
and not common English (english_words.txt already holds those).

wordfreq's code is Apache-2.0 and its data CC BY-SA 4.0: the list says so in
its header. The output is committed: msrx never needs wordfreq, the network or
this script at run time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from msrx.english import is_english  # noqa: E402
from msrx.index import SHORT  # noqa: E402
from msrx.model import LANGUAGES as TRANSLATED  # noqa: E402
from msrx.wording import normalise  # noqa: E402

# The languages of the dataset's translations, as wordfreq names them (Norwegian "no" is "nb").
LANGUAGES = tuple("nb" if lang == "no" else lang for lang in TRANSLATED)


def common_words(top: int) -> list[str]:
    from wordfreq import top_n_list

    words: set[str] = set()
    for lang in LANGUAGES:
        for word in top_n_list(lang, top):
            plain = normalise(word)
            if len(plain) > SHORT and plain.isalpha() and not is_english(plain):
                words.add(plain)
    return sorted(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=3000, help="words per language (default 3000)")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "msrx" / "common_words.txt")
    args = parser.parse_args(argv)
    from importlib.metadata import version

    words = common_words(args.top)
    header = (
        f"# The {args.top} commonest words of each of {', '.join(LANGUAGES)} in wordfreq {version('wordfreq')}\n"
        "# (https://github.com/rspeer/wordfreq; code Apache-2.0, word lists CC BY-SA 4.0, by Robyn Speer),\n"
        "# normalised as msrx reads a query, without common English words. Written by scripts/common_words.py.\n"
    )
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
