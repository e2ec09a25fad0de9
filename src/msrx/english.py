"""Whether a word is common English: such a word is never a typo of another.

The spelling fixer (SearchIndex.spellings) reads a word it does not know as the
closest one it does. For a real word that is a wrong answer dressed as a fix:
"infection" is not "injection", "wonder drug" is not "mind wanders", "my
shirt" is not "short term memory". The list (english_words.txt, from WordNet
3.0, written by scripts/english_words.py) is loaded only when a fix is about
to be made, which most queries never reach. drug_words.txt (WordNet's drug
names, same script) and other_drugs.txt (24,000 names from a drug dictionary,
written by scripts/other_drugs.py) hold names of other drugs, which are never
fixed at all. common_words.txt (scripts/common_words.py) holds the commonest
words of the other languages msrx reads, which are never read as a misspelt
name of a treatment.
"""

from __future__ import annotations

import functools
import os

# WordNet's own detachment rules (its "morphy"): an inflected form read back
# to the lemma it may come from. "es" -> "e" before "es" -> "" and so on, as
# WordNet orders them; a doubled last consonant is undone after ("stopped").
_RULES = (
    ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
    ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
    ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)


@functools.cache
def _words(name: str = "english_words.txt") -> str:
    """A list as one string, each word between newlines: a substring test is
    a C scan of 160 KB (tens of microseconds), where building a set of 18,000
    words took 9 ms."""
    path = os.path.join(os.path.dirname(os.path.realpath(__file__)), name)
    with open(path, encoding="utf-8") as f:
        return "\n" + f.read()  # the header's lines all start with "#": no word matches one


def is_drug(word: str) -> bool:
    """Whether `word` (lower case) is a drug's name in WordNet (drug_words.txt)
    or one of the longer list of drugs msrx does not hold (other_drugs.txt):
    another drug, never a misspelling of one msrx holds ("lorazepam" is not
    clonazepam, "bactine" not Zactin). A name msrx holds is matched before any
    fix is tried."""
    line = f"\n{word}\n"
    return line in _words("drug_words.txt") or line in _words("other_drugs.txt")


@functools.cache
def is_english(word: str) -> bool:
    """Whether `word` (lower case) is a common English word or a regular inflection of one.

    Cached: matching asks it of the same word once per key that holds it (a
    word of every language's name for fatigue asks 14 times), and each ask
    scans the whole list up to three times."""
    words = _words()
    if f"\n{word}\n" in words:
        return True
    for suffix, replacement in _RULES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            base = word[: -len(suffix)] + replacement
            if f"\n{base}\n" in words:
                return True
            if not replacement and len(base) > 2 and base[-1] == base[-2] and f"\n{base[:-1]}\n" in words:
                return True  # "stopped" -> "stopp" -> "stop"
    return False


# Endings that turn a common word of another language into another form of it
# ("stimmt", "stimmte"): the list holds the commonest forms only.
_ABROAD_ENDINGS = ("e", "s", "n", "en", "es", "er", "te", "ten")


def is_common_abroad(word: str) -> bool:
    """Whether `word` (normalised) is one of the commonest words of another language
    msrx reads (common_words.txt, from wordfreq: scripts/common_words.py), or
    such a word with an ending added: French "savoir" is no misspelt Avloire,
    Portuguese "dentro" no Detrol, German "stimmte" (of "stimmt") no Stimate."""
    words = _words("common_words.txt")
    return f"\n{word}\n" in words or any(
        word.endswith(end) and len(word) - len(end) >= 4 and f"\n{word[: -len(end)]}\n" in words for end in _ABROAD_ENDINGS)


def is_compound(phrase: str) -> bool:
    """Whether `phrase` (lower case, words between single spaces) is an English compound."""
    return f"\n{phrase}\n" in _words("english_compounds.txt")
