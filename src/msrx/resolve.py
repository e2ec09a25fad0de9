"""A name to one treatment (`show NAME`), and "did you mean" when nothing matches.

Both lean on search: a name resolves when one identity match clearly beats
the rest; a suggestion is a close spelling of a real name or symptom word,
never an unrelated drug.
"""

from __future__ import annotations

from typing import NamedTuple

from msrx.english import is_drug, is_english
from msrx.index import IDENTITY_FIELDS, SearchIndex, words_alike
from msrx.keys_said import GENERIC
from msrx.model import Dataset, Treatment
from msrx.search import Hit, search
from msrx.wording import normalise, stem

SUGGEST_CUTOFF = 72.0  # "did you mean": close spellings only
ANOTHER_DRUG = "(another drug: msrx covers MS treatments and the drugs used for MS symptoms)"
AN_INFECTION = "(an infection: msrx holds no treatment for infections; ask a doctor or pharmacist)"
SYMPTOMS_IN_GENERAL = "(no one symptom named: msrx symptoms lists those it knows, with what treats each)"


class Resolution(NamedTuple):
    """What `show NAME` resolved to: one treatment, or the candidates."""

    treatment: Treatment | None
    exact: bool
    hit: Hit | None
    candidates: list[Hit]


def resolve(dataset: Dataset, index: SearchIndex, name: str) -> Resolution:
    """One clear best identity match, or the closest candidates."""
    hits = search(dataset, index, name, limit=20)
    identity = [h for h in hits if h.field in IDENTITY_FIELDS]
    if identity:
        top = identity[0]
        rivals = [h for h in identity[1:] if h.score >= top.score - 5.0]
        if top.score >= 100.0 and not [h for h in rivals if h.score >= 100.0]:
            exact = top.field in ("name", "id")
            return Resolution(top.treatment, exact, top, [])
        if top.score >= 75.0 and not rivals:
            return Resolution(top.treatment, False, top, [])
    candidates = [h for h in hits if h.relation != "causes"][:8] or suggest(dataset, index, name)
    return Resolution(None, False, None, candidates)


def names_another_drug(query: str) -> bool:
    """Whether a query is only the name of a drug msrx does not hold
    ("lorazepam", "Xanax"): not a typo of one it does, and nothing to suggest.
    A common word that is also a drug's street name ("speed") does not count."""
    words = normalise(query).split()
    return bool(words) and all(is_drug(w) and not is_english(w) for w in words)


def asks_symptoms_in_general(query: str) -> bool:
    """Whether a query says "symptoms" or "signs" ("the symptoms of MS", "early signs"),
    the words every symptom is."""
    return any(stem(w) in GENERIC for w in normalise(query).split())


def names_an_infection(query: str) -> bool:
    """Whether a query names an infection ("bladder infection", "UTI"), which no MS treatment treats."""
    from msrx.search import INFECTIONS

    return bool(INFECTIONS.intersection(normalise(query).split()))


def suggest(dataset: Dataset, index: SearchIndex, query: str, limit: int = 5) -> list[Hit]:
    """Close spellings of real names and symptom words ("did you mean ...").

    fuzz.ratio, not a partial scorer: a suggestion must look like what was
    typed, or it only sends people to an unrelated drug.
    """
    from rapidfuzz import fuzz, process

    q = normalise(query)
    if len(q) < 3:
        return []
    words = q.split()
    if all(is_drug(w) for w in words):
        return []  # another drug's name: "lorazepam" looks like clonazepam and is not it
    found = process.extract(q, index.identity_choices, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=limit * 3)
    seen: set[int] = set()
    out: list[Hit] = []
    for key, score, pos in found:
        # Several words typed: each must look like a word of the suggestion
        # ("malic acid" is close to "lipoic acid" as a whole; "gamma knife" to Gammaked).
        if len(words) > 1 and not words_alike(words, key):
            continue
        k = index.identity_ids[pos]
        owner = index.owners[k]
        if index.fields[k] == "symptom":
            j = -1 - owner
            pairs = index.symptom_members[j]
            if not pairs or pairs[0] in seen:
                continue
            owner = pairs[0]
        if owner in seen:
            continue
        seen.add(owner)
        out.append(Hit(dataset.treatments[owner], round(score, 1), index.fields[k], index.values[k],
                       index.symptom_ids[-1 - index.owners[k]] if index.fields[k] == "symptom" else None))
        if len(out) == limit:
            break
    return out
