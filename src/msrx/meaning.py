"""When search reads a query for its meaning instead of its words.

Word matching may only half match a symptom ("the whole world started to
swirl": "world" of a vision phrase), or match nothing in a sentence. Then the
sentence encoder (msrx.semantic, loaded only here) may name the symptom
closest in meaning. This module holds that decision; msrx.search calls it.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from msrx.index import SearchIndex
from msrx.match import GUESS_SCORE, Candidate, offer_symptom
from msrx.query import Query

STRONG_SYMPTOM = 95.0  # a symptom answer scoring less was half matched: its meaning is checked (msrx.semantic)
# A sentence this long is read for its meaning before one word of it answers (semantic.FAR).
LONG_SENTENCE_WORDS = 8
# A symptom only guessed from one common word is read for meaning in a shorter
# sentence already: "Pharmacies do not take returns" guessed relapse from "return
# of old symptoms". Chosen on the dev half: 4 and 5 words moved that row only, 6 none.
GUESS_SENTENCE_WORDS = 4


class Meant(NamedTuple):
    """What reading a query for its meaning gave: the treatments for the symptom
    it is closest to, and that symptom (None when the query is too far from every
    symptom to name one). The treatments are none for a symptom no treatment is
    for ("weakness"): then its management note answers (msrx.notes)."""

    cands: dict[int, Candidate]
    symptom: str | None


def weak_symptom(first: tuple[tuple[Any, ...], tuple[Any, ...]]) -> bool:
    """Whether the first answer is a symptom that word matching only guessed
    or half matched: a whole phrase said scores 95 or more."""
    order, (field, _value, symptom, _words, relation, _also) = first
    return field == "symptom" and symptom is not None and (relation == "guess" or -order[1] < STRONG_SYMPTOM)


def closer_in_meaning(index: SearchIndex, query: str, parsed: Query, symptom: str | None,
                      guessed: bool = False) -> Meant | None:
    """The treatments for a symptom much closer in meaning to the query than
    the one its words half matched ("the whole world started to swirl": not
    "world" of a vision phrase but dizziness), or None to keep the answer.
    With no symptom (a sentence whose words matched nothing), the closest
    symptom answers only if it is clearly closer than the next. A long sentence
    far in meaning from the symptom one of its words half matched gets no answer
    (no treatments, no symptom) unless another symptom is much closer ("my roses are under stress": no anxiety);
    a symptom only `guessed` from one common word must be less far (semantic.FAR_GUESS)."""
    try:
        from msrx.semantic import FAR, FAR_GUESS, closest_symptoms, meaning_answers  # lazy: numpy loads only here

        closest = closest_symptoms(index, without_ms(query))
    except (ImportError, OSError, ValueError, KeyError):
        return None  # no numpy, or a damaged model file: the words' answer stands
    if not closest:
        return None
    owner = max(closest, key=lambda o: closest[o][0])
    sim, k = closest[owner]
    far = False
    if symptom is None:
        rival = max((s for o, (s, _k) in closest.items() if o != owner), default=0.0)
    else:
        chosen = -1 - index.symptom_ids.index(symptom)  # a symptom's keys are owned by -1 - its position
        rival = closest.get(chosen, (0.0, 0))[0]
        words = len(query.split())
        far = words >= (GUESS_SENTENCE_WORDS if guessed else LONG_SENTENCE_WORDS) and rival < (FAR_GUESS if guessed else FAR)
        if owner == chosen:
            return Meant({}, None) if far else None
    if not meaning_answers(sim, rival, sentence=symptom is None):
        return Meant({}, None) if far else None
    cands: dict[int, Candidate] = {}
    meant = offer_symptom(index, cands, k, GUESS_SCORE, range(len(parsed.words)), parsed.words or (parsed.text,))
    for c in cands.values():
        c.relation = "similar"
    return Meant(cands, meant)


# Every query to msrx is about MS: said in a sentence ("my first MS symptom was
# constipation", "my MS has stopped my gut working"), the name of the illness
# tells no symptom from another, but it draws the sentence's meaning towards
# the few phrases that hold it ("MS fatigue", "MS hug").
# A pattern string: re compiles and caches it on first use, which most runs never reach.
MS_SAID = r"\b(?:multiple sclerosis|m\.s\.?|ms)(?!\w)"


def without_ms(query: str) -> str:
    """The query without the name of the illness, for reading its meaning (or as it was, if that is all)."""
    rest = " ".join(re.sub(MS_SAID, " ", query, flags=re.IGNORECASE).split())
    return rest or query
