"""Matching a read query against the index: what the keys it names (msrx.keys_said)
offer each treatment (its best match, the query words it explains), and a symptom
guessed when nothing matched. Ranking those candidates into hits is msrx.search's job.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from msrx.index import AS_TYPED, SHORT, SearchIndex
from msrx.keys_said import GENERIC, SYMPTOM_KEYS, WHOLE_KEY, keys_said, read_words
from msrx.query import WHEN, Query
from msrx.wording import stem

# Field ranks: on equal scores a name beats a brand beats a class word.
FIELD_RANK = {
    "name": 0, "id": 0, "brand": 1, "alias": 2, "device": 2, "drug_class": 3, "category": 4,
    "symptom": 4, "route": 6, "status": 6, "interval": 6, "use": 7, "side_effects": 8,
}

GUESS_SCORE = 50.0  # a symptom guessed from the query's words when nothing matched: below any real match


class Candidate:
    """What is known about one treatment while a query is matched."""

    __slots__ = ("explained", "field", "intents", "relation", "score", "symptom", "symptom_pos", "value", "words")

    def __init__(self) -> None:
        self.score = -1.0
        self.field = ""
        self.value = ""
        self.symptom: str | None = None
        self.symptom_pos = 99
        self.words: tuple[str, ...] = ()
        self.explained: set[int] = set()  # positions of the content words explained
        self.intents: list[tuple[str, str, str]] = []
        # How a symptom was inferred rather than matched: "guess" (from one common
        # word, by `guess`) or "similar" (closest in meaning, msrx.semantic).
        self.relation: str | None = None

    def offer(self, score: float, field: str, value: str, words: tuple[str, ...], symptom: str | None, pos: int) -> None:
        rank = (score, -FIELD_RANK.get(field, 9), -pos)
        if rank > (self.score, -FIELD_RANK.get(self.field, 9), -self.symptom_pos):
            self.score, self.field, self.value, self.words, self.symptom, self.symptom_pos = (
                score, field, value, words, symptom, pos)


def match_keys(index: SearchIndex, query: Query, cands: dict[int, Candidate],
               asked: list[str] | None = None, whole: dict[str, set[int]] | None = None) -> bool:
    """Offer every key the query matches to its treatments; True if any matched.

    `asked`, when given, collects the ids of the symptoms the query names, strongest first,
    including those with no treatment at all. `whole`, when given, collects for each
    symptom a key of which is said whole the query positions those keys cover
    ("anxiety and slurred speech": anxiety {0}, speech {1, 2}).
    """
    found = False
    # A symptom or category reached again through another of its words adds
    # nothing unless it scores higher or explains more: skip re-expanding it
    # (a symptom can have thousands of treatments).
    expanded: dict[str, tuple[float, frozenset[int]]] = {}
    strength: dict[str, float] = {}  # the best score each asked symptom was named with

    def give(k: int, score: float, positions: Iterable[int]) -> None:
        nonlocal found
        found = True
        field = index.fields[k]
        if field in AS_TYPED:  # shown as what it is: a way to name the symptom
            field = "symptom"
        owner = index.owners[k]
        if field == "symptom" or owner < 0:
            said = frozenset(positions)
            group = f"{field}{owner}"
            before = expanded.get(group)
            if before is not None and before[0] >= score and said <= before[1]:
                return
            expanded[group] = (max(score, before[0]) if before else score, said | before[1] if before else said)
            positions = said
        value = index.values[k]
        used = tuple(query.words[p] for p in sorted(positions)) if query.words else (query.text,)
        if field == "symptom":
            sid = offer_symptom(index, cands, k, score, positions, used)
            if whole is not None and score >= WHOLE_KEY:
                whole.setdefault(sid, set()).update(positions)
            if asked is not None and score >= 80.0:
                if sid not in asked:
                    asked.append(sid)
                # Strongest first: "slurring" said whole before half of "pain when talking".
                strength[sid] = max(strength.get(sid, 0.0), score)
                asked.sort(key=lambda a: -strength[a])  # stable: equal strengths keep their order
        elif field.startswith("category:") or owner < 0:
            is_category = field.startswith("category:")
            members = index.category_members.get(field[9:], ()) if is_category else index.groups[-1 - owner]
            shown = "category" if is_category else field
            for t in members:
                c = cands.setdefault(t, Candidate())
                c.explained.update(positions)
                c.offer(score, shown, value, used, None, 99)
        else:
            c = cands.setdefault(owner, Candidate())
            c.explained.update(positions)
            c.offer(score, field, value, used, None, 99)

    everything = range(len(query.words))
    for k in index.exact(query.text):
        give(k, 100.0, everything)
    content = " ".join(query.words)
    if content and content != query.text:
        for k in index.exact(content):
            give(k, 98.0, everything)
    if " " in query.text:
        for k in index.exact(query.text.replace(" ", "")):  # "fty 720" is FTY720 (numbers are otherwise filler)
            give(k, 98.0, everything)

    if query.only_filler:
        return found  # "the", "what helps": only an exact key may answer
    read = read_words(index, query)
    for k, score, hits in keys_said(index, query, read):
        give(k, score, hits.keys())
    if found or not query.words or query.settled:
        return found
    q = " ".join(query.words)
    if len(q.replace(" ", "")) > SHORT:
        # Only when nothing matched: a typo cannot beat an exact answer, and
        # skipping it keeps exact lookups cheap at any size.
        index.prefixes(q, lambda k, s: give(k, s, everything))
        if not found and len(query.words) > 1 and not read.fixed_to:
            index.whole_key_typos(q, lambda k, s: give(k, s, everything))
    elif len(q) == 3 and q.isalpha():
        # Forum shorthand for brands: "tec", "tys", "cop" for Tecfidera,
        # Tysabri, Copaxone. Only when everything the three letters start is
        # one treatment's, a brand among it and no generic name ("arm" starts
        # armodafinil: a word, not shorthand); otherwise they say nothing.
        starts: list[tuple[int, float]] = []
        index.prefixes(q, lambda k, s: starts.append((k, s)))
        if (starts and len({index.owners[k] for k, _s in starts}) == 1
                and any(index.fields[k] == "brand" for k, _s in starts)
                and not any(index.fields[k] in ("name", "id") for k, _s in starts)):
            for k, s in starts:
                give(k, s - 20.0, everything)
    return found


def guess(index: SearchIndex, query: Query, cands: dict[int, Candidate]) -> None:
    """Nothing matched, not even a typo or the use text: weigh each symptom by
    the query words its words and phrases hold, a word that fewer symptoms
    share counting more (tf-idf over the vocabulary), and guess the heaviest
    at a score below any real match. It must weigh at least as much as one
    word that two of a symptom's phrases hold and no other symptom's does;
    "legs", in the phrases of three symptoms, counts for little alone.
    Never a two-letter word ("up")."""
    if len([w for w in query.stems if w not in GENERIC]) < 2:
        return  # "early signs": one word is too little to guess from
    symptoms = len(index.symptom_ids)
    weights: dict[int, float] = {}
    first: dict[int, tuple[int, int]] = {}  # owner -> (a key, the query word) to show
    for p, word in enumerate(query.stems):
        if len(word) <= 2 or word in _WHEN or word in GENERIC:
            continue
        held: dict[int, int] = {}
        for k in index.words_of(word):
            if index.fields[k] in SYMPTOM_KEYS:
                held[index.owners[k]] = held.get(index.owners[k], 0) + 1
                first.setdefault(index.owners[k], (k, p))
        for owner, count in held.items():
            weights[owner] = weights.get(owner, 0.0) + (1 + math.log(count)) * math.log(symptoms / len(held))
    if not weights:
        return
    owner = max(weights, key=weights.__getitem__)
    if weights[owner] < (1 + math.log(2)) * math.log(symptoms) - 1e-9:
        return
    k, p = first[owner]
    offer_symptom(index, cands, k, GUESS_SCORE, (p,), (query.words[p],))
    for c in cands.values():  # guess runs only on an empty result: every candidate is a guess
        c.relation = "guess"


def offer_symptom(index: SearchIndex, cands: dict[int, Candidate], k: int, score: float,
                   positions: Iterable[int], used: tuple[str, ...]) -> str:
    """Offer symptom key k to every treatment for its symptom; its id."""
    j = -1 - index.owners[k]
    pairs = index.symptom_members[j]
    for m in range(0, len(pairs), 2):
        c = cands.setdefault(pairs[m], Candidate())
        c.explained.update(positions)
        c.offer(score, "symptom", index.values[k], used, index.symptom_ids[j], pairs[m + 1])
    return index.symptom_ids[j]


# "never" of "never pass a sobriety test" is no reason to guess a walking problem
# in "I will never be able to watch".
_WHEN = frozenset(stem(w) for w in WHEN)
