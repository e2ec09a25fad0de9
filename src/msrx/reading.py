"""A parsed query as search matches it: the reading passes that need the index.

msrx.query reads a query alone (intents, filler, topic). Some of that reading
depends on what msrx holds: an intent word inside a known phrase belongs to the
phrase ("panic attacks" is no relapse), an English compound msrx does not hold
means itself ("polo stick" is no walking stick), and "low" said of a word no
key pairs it with is a measurement, not a mood ("low platelets"): that is read
before the query is parsed.
"""

from __future__ import annotations

from msrx.english import is_compound
from msrx.index import SearchIndex
from msrx.query import WHEN, Query, is_filler
from msrx.wording import stem


def reading(index: SearchIndex, q: str, parsed: Query) -> Query:
    """A parsed query as search matches it: an intent word inside a known phrase
    belongs to the phrase ("panic attacks", "pseudo relapse"), then settled."""
    return _settled(index, q, phrases_over_intents(index, q, parsed) if parsed.intents else parsed)


def _settled(index: SearchIndex, q: str, parsed: Query) -> Query:
    """The query marked settled when it is an English compound msrx does not
    hold: it means itself ("polo stick" is no walking stick, "tv station" no
    statin; scripts/english_compounds.py). So do its content words when the
    rest only asks a route or a group: "blood pressure tablets" is no "blood
    on my nails" of itching."""
    words = " ".join(parsed.words)
    for said in (q, words) if parsed.intents else (q,):
        if " " in said and not index.exact(said) and is_compound(said):
            return parsed._replace(settled=True)
    return parsed


def phrases_over_intents(index: SearchIndex, q: str, parsed: Query) -> Query:
    """Intent words that are part of a known phrase in the query belong to the
    phrase: "panic attacks" is anxiety, not a relapse; "pins and needles" is
    nerve pain, not an injection; a whole query that is a name is that name."""
    raw = q.split()
    if index.exact(q):
        return parsed._replace(intents=(), words=tuple(raw), stems=tuple(stem(w) for w in raw))
    kept = []
    words = list(parsed.words)
    for intent in parsed.intents:
        said = intent[2].split()
        phrase = None
        for i in range(len(raw) - len(said) + 1):
            if raw[i : i + len(said)] != said:
                continue
            for lo, hi in ((i - 1, i + len(said)), (i, i + len(said) + 1), (i - 2, i + len(said)), (i, i + len(said) + 2)):
                if lo >= 0 and hi <= len(raw) and index.exact(" ".join(raw[lo:hi])):
                    phrase = raw[lo:hi]
                    break
            if phrase:
                break
        if phrase is None:
            kept.append(intent)
        else:
            words += [w for w in phrase if w not in words and not is_filler(w)]
    if len(kept) == len(parsed.intents):
        return parsed
    return parsed._replace(intents=tuple(kept), words=tuple(words), stems=tuple(stem(w) for w in words))


# "Lie low", "lay low for the day": resting out of sight, no low mood.
_LYING = frozenset(("lie", "lies", "lying", "lay", "lays", "laying", "layed"))


def without_a_measured_low(index: SearchIndex, q: str) -> str:
    """The query (normalised) without "low" where it is said of the word after it and
    nothing msrx holds says the two together: "low platelets", "low blood pressure",
    "low sodium" and "low lymphocyte count" are test results (what may cause them
    answers, from side effects), not low mood ("feeling low"). A symptom or treatment
    with a key holding "low" and another holding the word keeps it: "low mood", "low
    energy", "low libido" (sexual problems' "low desire" and "libido"), "low-dose
    naltrexone". "feeling low and tired" and "feeling low today" say "low" alone."""
    said = q.split()
    if "low" not in said:
        return q
    lows = {index.owners[k] for k in index.words_of("low")}
    kept = [w for i, w in enumerate(said)
            if not (w == "low" and ((i and said[i - 1] in _LYING) or (
                i + 1 < len(said) and said[i + 1] not in WHEN and not is_filler(said[i + 1])
                and lows.isdisjoint(index.owners[k] for k in index.words_of(stem(said[i + 1]))))))]
    return " ".join(kept) if kept else q
