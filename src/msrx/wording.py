"""How a query's words and the data's words are made to meet.

Both sides go through the same two functions: `normalise` (lowercase ASCII
words, punctuation gone) and `stem` (leak, leaks, leaking and leaked are one
word). Pure functions, standard library only: this runs on every search and
on every word the index holds.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Letters that carry no accent to drop, so NFKD leaves them whole: without
# these, Danish "træthed" read as "tr thed" and French "cœur" as "c ur".
_OWN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ð": "d", "þ": "th", "đ": "d", "ł": "l", "ı": "i"})


def normalise(text: str) -> str:
    """Lowercase ASCII words: accents dropped, punctuation to spaces."""
    text = text.replace("β", " beta ").replace("α", " alpha ")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.casefold().translate(_OWN_LETTERS))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_ALNUM.sub(" ", text.casefold()).split())


# Irregular past forms of the verbs people describe symptoms with: the
# suffix rules below cannot reach them ("I forgot", "I fell", "I woke up").
_IRREGULAR = {
    "forgot": "forget", "forgotten": "forget", "fell": "fall", "fallen": "fall", "slept": "sleep",
    "woke": "wake", "woken": "wake", "shook": "shake", "shaken": "shake", "wept": "weep", "lost": "lose",
    "froze": "freeze", "frozen": "freeze", "stung": "sting", "spun": "spin", "bled": "bleed",
    "feet": "foot", "teeth": "tooth",
    # Words the suffix rules would fold into another word: "weary" is not
    # "wear" (wearing gloves); "tears" are crying, not "tearing" pain.
    "weary": "weariness", "tears": "crying",
    # "a metal rod for a spine" is no "spinning" (dizziness).
    "spine": "spinal", "spines": "spinal",
    # Everyday words for the same thing, the way people say them: a query's
    # "poop" or "loo" meets the data's "poo" and "toilet".
    "poop": "poo", "poops": "poo", "pooping": "poo", "pooped": "poo", "poos": "poo",
    "loo": "toilet", "loos": "toilet", "bathroom": "toilet", "bathrooms": "toilet", "restroom": "toilet",
    "lavatory": "toilet", "washroom": "toilet", "toilets": "toilet",
    # Four letters, too short for the suffix rules: "I haven't peed" is "pee".
    "peed": "pee", "pees": "pee",
}


# Words the suffix rules would fold into another word, kept whole: "ready"
# is not "read", "steady" not "stead".
_WHOLE = frozenset(("ready", "already", "steady", "unsteady"))

_VOWELS = "aeiou"
_NO_SILENT_E = _VOWELS + "wxy"  # a final letter no silent e follows ("sewing", "boxing")
_VOWELS_Y = _VOWELS + "y"


def stem(word: str) -> str:
    """Fold inflections to one form: leak, leaks, leaking, leaked -> leak.

    Deliberately light: suffix rules and a few irregular verbs and plurals, no dictionary.
    It only has to make a query word and an index word meet, and both go
    through the same function. Words of four letters or fewer are left alone
    so abbreviations stay exact.
    """
    if word in _IRREGULAR:
        return stem(_IRREGULAR[word])
    if word in _WHOLE:
        return word
    if len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"  # worries, worried -> worry, folded below with it
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            if len(base) >= 2 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "dragging" -> "drag", "shopped" -> "shop"
            return _drop_e(base)
        if word.endswith(suffix) and len(word) - len(suffix) == 3:
            base = word[: -len(suffix)]
            if base[0] not in _VOWELS and base[1] in _VOWELS and base[2] not in _NO_SILENT_E:
                return base + "e"  # a silent e came off: "waking" -> "wake", "tired" -> "tire", "dosing" -> "dose"
            if any(ch in _VOWELS_Y for ch in base):
                return base  # "eating" -> "eat", "peeing" -> "pee", "crying" -> "cry"
    if word.endswith("y") and len(word) > 4 and word[-2] not in "aeiouy":
        # Adjectives meet their noun or verb: blurry/blur, shaky/shaking,
        # dribbly/dribble, foggy/fog, sleepy/sleep, itchy/itch.
        base = word[:-1]
        if base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]
        return base
    if word.endswith("es") and word[-3] in "sxz" and not word.endswith("ses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return _drop_e(word)


def stems_of(text: str) -> list[str]:
    """The stems of a text's words, in order, as the index holds them."""
    return [stem(w) for w in normalise(text).split()]


def _drop_e(word: str) -> str:
    # "shake"/"shaking", "tingle"/"tingling", "fatigue"/"fatigued" meet without the final e.
    return word[:-1] if len(word) > 4 and word.endswith("e") else word
