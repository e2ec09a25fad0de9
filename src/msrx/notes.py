"""What search says beside its answers: the symptoms a query names, the
management notes due for those no treatment is for ("trouble swallowing"),
and the urgent messages a query calls for ("thinking about suicide").

msrx.search finds the treatments; the CLI asks this module what to print
next to them.
"""

from __future__ import annotations

from collections.abc import Sequence

from msrx.index import SearchIndex
from msrx.match import match_keys
from msrx.model import Dataset, Symptom
from msrx.query import REFLEXIVE, Query, is_filler, parse
from msrx.reading import reading
from msrx.search import Hit
from msrx.wording import normalise, stem


def symptoms_asked(index: SearchIndex, query: str) -> list[str]:
    """The symptom ids a query names, strongest first: what to say when no
    treatment answers ("trouble sleeping" -> sleep, and its management note)."""
    parsed = _read(index, query)
    asked: list[str] = []
    if parsed is not None:
        match_keys(index, parsed, {}, asked)
    return asked


def notes_due(index: SearchIndex, query: str, answers: list[Hit], meant: Sequence[str] = ()) -> list[str]:
    """The symptoms no treatment is for whose management note belongs beside the
    result: with no answer, every one the query names, strongest first ("trouble
    swallowing"), then the one search read it to mean (`meant`, from
    msrx.search.search: "not even able to hold my arm up", weakness); with
    answers, those named by a key said whole whose words no answer explains
    ("anxiety and slurred speech": speech, beside the anxiety drugs; not "leg
    weakness", which the walking drugs answer whole)."""
    parsed = _read(index, query)
    if parsed is None:
        return []
    said = {w for h in answers for w in h.words}
    if answers and parsed.words and said.issuperset(parsed.words):
        return []  # the answers explain every word: no symptom is left over (matching again costs)
    asked: list[str] = []
    whole: dict[str, set[int]] = {}
    match_keys(index, parsed, {}, asked, whole)
    untreated = [s for s in asked if index.treats_none(s)]
    if not answers:
        return list(dict.fromkeys([*untreated, *(s for s in meant if index.treats_none(s))]))
    return [s for s in untreated if s in whole and not {parsed.words[p] for p in whole[s]} & said]


def _read(index: SearchIndex, query: str) -> Query | None:
    """A query as search reads it (normalised, parsed, phrases over intents, settled), or None if empty."""
    q = normalise(query)
    return reading(index, q, parse(q)) if q else None


def urgent_for(dataset: Dataset, query: str) -> list[Symptom]:
    """The symptoms whose urgent message the query calls for: every content
    word of one of their urgent words is in the query ("thinking about
    suicide" holds "suicide")."""
    said = _content_stems(query)
    out = []
    for sym in dataset.symptoms.values():
        for phrase in sym.urgent_words:
            needed = _content_stems(phrase)
            if needed and needed <= said:
                out.append(sym)
                break
    return out


def _content_stems(text: str) -> set[str]:
    # Not parse(): its intents would take words ("shot", "attack") out of the text.
    return {stem(w) for w in normalise(text).split() if not is_filler(w) or w in REFLEXIVE}
