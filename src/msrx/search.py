"""The matcher: one index over names, brands, aliases, classes and symptom words.

A query is first read by `msrx.query` into content words and intents
("pill" -> route oral). Then, from strongest to weakest signal:

1. exact   the whole query is a name, brand, alias, id, class or symptom word (100)
2. words   a key's words are all in the query ("bladder" in "bladder leaking
           at night"), or the query's words are all in a key ("interferon" ->
           "interferon beta"); unknown and filler words never empty the result,
           but a result that explains more of the query ranks higher
3. prefix  the query starts a name, brand or alias ("ocreli" -> "ocrelizumab")
4. fuzzy   a close typo, a sound-alike or a letter swap of a word or a key
5. text    every query word appears in the use text (weak, only when nothing else)

Intents filter the result (never to nothing) and count towards how much of
the query a treatment explains. A treatment whose side effects mention the
query is never an answer: it goes after the answers, in a group of its own
(relation "causes").

Words of four characters or fewer (LDN, DMF, MSC, IV) only match exactly:
a short string is within one or two edits of far too many names for fuzzy
matching to mean anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from msrx.index import IDENTITY_FIELDS, SHORT, SearchIndex, StringTable, sound
from msrx.model import STATUSES, Dataset, Treatment
from msrx.query import Query, is_filler, normalise, parse, stem

__all__ = [
    "Hit", "Match", "Resolution", "SearchIndex", "StringTable", "normalise", "resolve", "search", "sound", "stem",
    "suggest", "symptoms_asked",
]

# Field ranks: on equal scores a name beats a brand beats a class word.
FIELD_RANK = {
    "name": 0, "id": 0, "brand": 1, "alias": 2, "drug_class": 3, "category": 4,
    "symptom": 4, "route": 6, "status": 6, "interval": 6, "use": 7, "side_effects": 8,
}
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}
CATEGORY_RANK = {"dmt": 0, "relapse": 1, "symptom": 2}

TEXT_SCORE = 40.0  # a match in the use text only: a weak, last signal
CAUSES_SCORE = 20.0  # a side effect: shown after every answer (all score more), never as one
SUGGEST_CUTOFF = 72.0  # "did you mean": close spellings only
MISSING_PENALTY = 30.0  # score lost when none of the query is explained


class Match(NamedTuple):
    field: str
    value: str
    words: tuple[str, ...]


class Hit(NamedTuple):
    treatment: Treatment
    score: float
    field: str
    value: str
    symptom: str | None = None
    words: tuple[str, ...] = ()  # the query words this match explains
    relation: str | None = None  # "treats" (a symptom), "causes" (a side effect)
    also: tuple[Match, ...] = ()  # other fields that explain the rest of the query


class _Candidate:
    """What is known about one treatment while a query is matched."""

    __slots__ = ("explained", "field", "intents", "score", "symptom", "symptom_pos", "value", "words")

    def __init__(self) -> None:
        self.score = -1.0
        self.field = ""
        self.value = ""
        self.symptom: str | None = None
        self.symptom_pos = 99
        self.words: tuple[str, ...] = ()
        self.explained: set[int] = set()  # positions of the content words explained
        self.intents: list[tuple[str, str, str]] = []

    def offer(self, score: float, field: str, value: str, words: tuple[str, ...], symptom: str | None, pos: int) -> None:
        rank = (score, -FIELD_RANK.get(field, 9), -pos)
        if rank > (self.score, -FIELD_RANK.get(self.field, 9), -self.symptom_pos):
            self.score, self.field, self.value, self.words, self.symptom, self.symptom_pos = (
                score, field, value, words, symptom, pos)


def _match_keys(index: SearchIndex, query: Query, cands: dict[int, _Candidate],
                asked: list[str] | None = None) -> bool:
    """Offer every key the query matches to its treatments; True if any matched.

    `asked`, when given, collects the ids of the symptoms the query names,
    including those with no treatment at all.
    """
    found = False
    # A symptom or category reached again through another of its words adds
    # nothing unless it scores higher or explains more: skip re-expanding it
    # (a symptom can have thousands of treatments).
    expanded: dict[str, tuple[float, frozenset[int]]] = {}

    def give(k: int, score: float, positions: Iterable[int]) -> None:
        nonlocal found
        found = True
        field = index.fields[k]
        if field == "phrase":  # a patient's phrase is shown as what it is: a way to name the symptom
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
            j = -1 - owner
            sid = index.symptom_ids[j]
            if asked is not None and sid not in asked and score >= 80.0:
                asked.append(sid)
            pairs = index.symptom_members[j]
            for m in range(0, len(pairs), 2):
                c = cands.setdefault(pairs[m], _Candidate())
                c.explained.update(positions)
                c.offer(score, "symptom", value, used, sid, pairs[m + 1])
        elif field.startswith("category:") or owner < 0:
            is_category = field.startswith("category:")
            members = index.category_members.get(field[9:], ()) if is_category else index.groups[-1 - owner]
            shown = "category" if is_category else field
            for t in members:
                c = cands.setdefault(t, _Candidate())
                c.explained.update(positions)
                c.offer(score, shown, value, used, None, 99)
        else:
            c = cands.setdefault(owner, _Candidate())
            c.explained.update(positions)
            c.offer(score, field, value, used, None, 99)

    everything = range(len(query.words))
    for k in index.exact(query.text):
        give(k, 100.0, everything)
    content = " ".join(query.words)
    if content and content != query.text:
        for k in index.exact(content):
            give(k, 98.0, everything)

    if query.only_filler:
        return found  # "the", "what helps": only an exact key may answer
    # Words: which query words each key holds.
    per_key: dict[int, dict[int, float]] = {}  # key -> {query position: certainty}
    unknown: list[int] = []
    for p, w in enumerate(query.stems):
        posting = index.words_of(w)
        if not posting:
            unknown.append(p)
            continue
        for k in posting:
            per_key.setdefault(k, {})[p] = 1.0
    fixed = False
    for p in unknown[:4]:
        options, certainty = index.spellings(query.stems[p])
        if not options and query.words[p] != query.stems[p]:
            options, certainty = index.spellings(query.words[p])
        for option in options:
            fixed = True
            for k in index.words_of(option):
                per_key.setdefault(k, {}).setdefault(p, certainty)
    unexplained = any(not any(p in hits for hits in per_key.values()) for p in unknown)
    named = _symptoms_named(index, query.stems)
    for k, hits in per_key.items():
        n = len(hits)
        length = index.key_lengths[k]
        whole_key = n >= length  # every word of the key is in the query
        # Every query word is in the key ("BTK" -> "BTK inhibitor"); never
        # when some query word is unknown: "up" alone is not "flare up".
        whole_query = n >= len(query.words) and not unexplained
        if index.fields[k] == "phrase" and not whole_key:
            # A patient's phrase is made of everyday words: one of them alone
            # ("patch" of "a bad patch of symptoms") names nothing.
            whole_query = whole_query and n >= 2
        # Half of a symptom phrase still names the symptom ("laughing or
        # crying" -> "sudden crying"), at a lower score.
        # Not "up" of "flare up", and not a guessed spelling ("clinic" is no "clinical").
        half_symptom = (index.fields[k] in ("symptom", "phrase") and length >= 2 and 2 * n >= length
                        and any(len(query.stems[p]) > SHORT for p in hits) and min(hits.values()) == 1.0
                        and index.owners[k] in named)
        if not (whole_key or whole_query or half_symptom):
            continue
        certainty = min(hits.values())
        if whole_key and whole_query:
            score = 97.0
        elif whole_query:
            score = 88.0 + 8.0 * min(n, length) / length
        elif whole_key:
            score = 97.0  # the key is fully said; how much of the query it explains is scored later
        else:
            score = 97.0 - 20.0 * (1.0 - n / length)
        give(k, score * certainty, hits.keys())  # certainty is 1.0 unless a spelling was guessed
    if found or not query.words:
        return found
    q = " ".join(query.words)
    if len(q.replace(" ", "")) > SHORT:
        # Only when nothing matched: a typo cannot beat an exact answer, and
        # skipping it keeps exact lookups cheap at any size.
        index.prefixes(q, lambda k, s: give(k, s, everything))
        if not found and len(query.words) > 1 and not fixed:
            index.whole_key_typos(q, lambda k, s: give(k, s, everything))
    return found


def _symptoms_named(index: SearchIndex, stems: Sequence[str]) -> set[int]:
    """The symptoms (as key owners) some query word belongs to alone: a word in
    one symptom's phrases and no other's. Half a phrase names a symptom only
    when one of these does: "crying" is half of "sudden crying" and "fecal
    leakage" is bowel, but "legs" (stiff legs, weak legs) is half of nothing."""
    named: set[int] = set()
    for word in stems:
        keys = [k for k in index.words_of(word) if index.fields[k] in ("symptom", "phrase")]
        owners = {index.owners[k] for k in keys}
        # A word of patients' phrases only counts once two phrases share it.
        if len(owners) == 1 and (len(keys) >= 2 or index.fields[keys[0]] == "symptom"):
            named |= owners
    return named


def _phrases_over_intents(index: SearchIndex, q: str, parsed: Query) -> Query:
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


def search(
    dataset: Dataset,
    index: SearchIndex,
    query: str,
    *,
    limit: int | None = 10,
    status: str | None = None,
    category: str | None = None,
) -> list[Hit]:
    """Ranked hits for a free-text query: answers first, best first, one hit per
    treatment; then the treatments that may cause what was asked about."""
    q = normalise(query)
    if not q:
        return []
    parsed = parse(q)
    if parsed.intents:
        parsed = _phrases_over_intents(index, q, parsed)
    cands: dict[int, _Candidate] = {}
    matched = _match_keys(index, parsed, cands)
    intents = parsed.intents
    if not matched and intents:
        # Nothing but intents ("pill for relapsing ms"): they are the answer.
        for field, value, said in intents:
            for t in index.members(field, value):
                cands.setdefault(t, _Candidate()).offer(90.0, field, said, (said,), None, 99)
    for t, c in cands.items():
        c.intents = [i for i in intents if index.satisfies(t, i[0], i[1])]
    # Intents filter, unless that would leave nothing.
    for field, value, _said in intents:
        keep = {t for t, c in cands.items() if any(i[0] == field and i[1] == value for i in c.intents)}
        if keep:
            cands = {t: c for t, c in cands.items() if t in keep}

    asked = len(parsed.words) + len(intents)
    causes: list[tuple[int, str]] = []
    text_fallback = not cands  # the use text answers only when nothing else did
    long_words = [w for w in parsed.stems if len(w) >= 4]
    # Side effects only ever come after the answers: look for them only when
    # the answers leave room (they load the text tables).
    room = limit is None or len(cands) < limit or status is not None or category is not None
    if long_words and len(long_words) == len(parsed.stems) and (room or text_fallback):
        for t, text_field in index.text_matches(long_words):
            if text_field == "side_effects":
                causes.append((t, text_field))
            elif text_fallback:
                c = cands.setdefault(t, _Candidate())
                c.explained.update(range(len(parsed.words)))
                c.offer(TEXT_SCORE, "use", query.strip(), parsed.words, None, 99)

    def wanted(t: int) -> bool:
        return (not status or index.statuses[t] == status) and (not category or index.categories[t] == category)

    ranked: list[tuple[Any, ...]] = []
    for t, c in cands.items():
        if not wanted(t):
            continue
        explained = len(c.explained) + len(c.intents)
        coverage = min(1.0, explained / asked) if asked else 1.0
        score = round(c.score if c.score >= 98.0 else c.score - MISSING_PENALTY * (1.0 - coverage), 1)
        also = tuple(Match(f, said, (said,)) for f, _v, said in c.intents if c.field != f)
        # Equal scores: approved first, then disease-modifying before relapse
        # and symptom drugs ("jab", "pill"), then the symptom a drug is mainly
        # for, then the longest FDA track record, then the name.
        ranked.append((0, -min(score, 100.0), FIELD_RANK.get(c.field, 9), STATUS_RANK.get(index.statuses[t], 9),
                       CATEGORY_RANK.get(index.categories[t], 9), c.symptom_pos, index.years[t] or 9999,
                       index.sort_names[t], t,
                       c.field, c.value, c.symptom, c.words, "treats" if c.field == "symptom" else None, also))
    for t, text_field in causes:
        if t in cands or not wanted(t):
            continue
        ranked.append((1, -CAUSES_SCORE, 8, STATUS_RANK.get(index.statuses[t], 9), 9, 99, 9999, index.sort_names[t], t,
                       text_field, query.strip(), None, parsed.words, "causes", ()))
    ranked.sort()
    if limit is not None:
        ranked = ranked[:limit]
    # Only the records that are shown are decoded (see store.LazyTreatments).
    return [Hit(dataset.treatments[r[8]], -r[1], r[9], r[10], r[11], tuple(r[12]), r[13], r[14]) for r in ranked]


def symptoms_asked(index: SearchIndex, query: str) -> list[str]:
    """The symptom ids a query names, strongest first: what to say when no
    treatment answers ("trouble sleeping" -> sleep, and its management note)."""
    q = normalise(query)
    if not q:
        return []
    asked: list[str] = []
    _match_keys(index, parse(q), {}, asked)
    return asked


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


def suggest(dataset: Dataset, index: SearchIndex, query: str, limit: int = 5) -> list[Hit]:
    """Close spellings of real names and symptom words ("did you mean ...").

    fuzz.ratio, not a partial scorer: a suggestion must look like what was
    typed, or it only sends people to an unrelated drug.
    """
    from rapidfuzz import fuzz, process

    q = normalise(query)
    if len(q) < 3:
        return []
    found = process.extract(q, index.identity_choices, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=limit * 3)
    seen: set[int] = set()
    out: list[Hit] = []
    for _key, score, pos in found:
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
