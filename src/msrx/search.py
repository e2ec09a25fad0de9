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
6. guess   the symptom whose words and phrases hold the query's words, rarer
           words weighing more (tf-idf; score 50, the last resort)
7. meaning when the first answer is a symptom its words only half matched, a
           small sentence encoder may name a symptom much closer in meaning
           to the whole query (score 50, "similar"; msrx.meaning)

Intents filter the result (never to nothing) and count towards how much of
the query a treatment explains. A treatment whose side effects mention the
query is never an answer: it goes after the answers, in a group of its own
(relation "causes").

Words of four characters or fewer (LDN, DMF, MSC, IV) only match exactly:
a short string is within one or two edits of far too many names for fuzzy
matching to mean anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from msrx.asked import topic_of, warning_parts
from msrx.english import is_drug, is_english
from msrx.index import IDENTITY_FIELDS, NAMING_FIELDS, SearchIndex, StringTable, sound
from msrx.intents import intents_answer, said_in_passing
from msrx.keys_said import GENERIC, WHOLE_KEY, said_whole
from msrx.match import FIELD_RANK, Candidate, guess, match_keys
from msrx.meaning import closer_in_meaning, weak_symptom
from msrx.model import STATUSES, Dataset, Treatment
from msrx.query import Query, is_filler, parse, treatment_word
from msrx.reading import reading, without_a_measured_low
from msrx.wording import normalise, stem, stems_of

__all__ = [
    "Hit",
    "Match",
    "SearchIndex",
    "StringTable",
    "normalise",
    "search",
    "sound",
    "stem",
    "topic_asked",
]

STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}
CATEGORY_RANK = {"dmt": 0, "relapse": 1, "symptom": 2}

TEXT_SCORE = 40.0  # a match in the use text only: a weak, last signal
MONITORING_SCORE = 80.0  # a test named in what a treatment's monitoring lists ("jc virus test")
CAUSES_SCORE = 20.0  # a side effect: shown after every answer (all score more), never as one
MISSING_PENALTY = 30.0  # score lost when none of the query is explained
# A query of this many words that matched nothing is read for its meaning:
# people describe a symptom in sentences ("the whole world started to
# swirl"), while the names msrx must not answer (other drugs, products,
# nonsense) are one to four words.
SENTENCE_WORDS = 5
LIST_WORDS = 6  # "anxiety, depression and insomnia": symptoms listed are said in few words
WARNING_WORDS = 3  # a risk is named in a few words ("pml", "jc virus"); a sentence is no warning's name


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
    # "treats" (a symptom), "guess" (a symptom guessed from one word), "similar"
    # (the symptom closest in meaning, msrx.semantic), "causes" (a side effect)
    relation: str | None = None
    also: tuple[Match, ...] = ()  # other fields that explain the rest of the query
    topic: str | None = None  # the field the question asks about ("pregnancy"); see topics.TOPICS


def search(
    dataset: Dataset,
    index: SearchIndex,
    query: str,
    *,
    limit: int | None = 10,
    status: str | None = None,
    category: str | None = None,
    meant: list[str] | None = None,
) -> list[Hit]:
    """Ranked hits for a free-text query: answers first, best first, one hit per
    treatment; then the treatments that may cause what was asked about. A list
    given as `meant` receives the symptom the query was read to mean when its
    words said too little (msrx.meaning): with no treatment for that symptom
    there is no hit, and msrx.notes says how it is managed."""
    q = normalise(query)
    if not q:
        return []
    if (plain := without_a_measured_low(index, q)) != q:
        query = q = plain  # read as if unsaid, meaning included: "low blood pressure" is no low mood
    parsed = parse(q)
    if parsed.topic and index.exact(q):
        parsed = parse(q, topics=False)  # a known phrase that holds a topic word: "never pass a sobriety test"
    if parsed.topic and parsed.only_filler:
        return []  # a topic with nothing it is about ("side effects", "flu jab")
    parsed = reading(index, q, parsed)
    cands: dict[int, Candidate] = {}
    if parsed.topic == "monitoring" and parsed.stems:
        # "jc virus test", "eye tests": words that all name a test some treatments
        # monitor ask for those treatments, not for a symptom ("eye problems").
        for t in index.monitoring_matches(parsed.stems):
            c = cands.setdefault(t, Candidate())
            c.offer(MONITORING_SCORE, "monitoring", " ".join(parsed.words), parsed.words, None, 99)
            c.explained.update(range(len(parsed.words)))
    named: list[str] = []  # the symptoms the query names, those no treatment is for included
    whole: dict[str, set[int]] = {}  # symptom -> the query positions its keys said whole cover
    matched = bool(cands) or match_keys(index, parsed, cands, named, whole)
    infection = bool(INFECTIONS.intersection(parsed.words))
    if infection and cands:
        # An infection ("bladder infection", "UTI") is treated by a doctor with
        # medicines msrx does not hold: the symptom drugs its other words name
        # (antimuscarinics for "bladder") do not treat it. A name still answers.
        cands = {t: c for t, c in cands.items() if c.field != "symptom"}
        matched = bool(cands)
    untreated = _untreated_said_whole(index, named, whole)
    if untreated and all(c.explained < untreated or c.score < WHOLE_KEY for c in cands.values()):
        # "symptoms worse in the heat", "... with a fever": heat sensitivity,
        # which no medicine treats, is said whole and named first; relapse's
        # "old symptoms worse" only in part. A steroid is no answer to what
        # cooling manages: no result, and `msrx search` prints the heat note.
        # So for a key inside the longer one: "pseudo relapse" holds "relapse".
        cands, matched = {}, False
    if cands and (lettered := _LETTERED.search(parsed.text)):
        cands = _named_by_letter(dataset, cands, lettered.group(0))
        matched = bool(cands)
    intents = parsed.intents
    if not matched and not intents and parsed.topic and (word := treatment_word(parsed.text)):
        # A topic asked of treatment in general, beside words that name nothing
        # ("an unplanned pregnancy ... would you have to stop all treatment"):
        # in an MS reference, the treatments for MS itself, as parse reads
        # "should I take medication" alone.
        parsed = parsed._replace(intents=(("category", "dmt", word),))
        intents = parsed.intents
    if matched and said_in_passing(index, cands, intents):
        cands, matched = {}, False
    if not matched and intents and intents_answer(parsed):
        # Nothing but intents ("pill for relapsing ms"): they are the answer.
        for field, value, said in intents:
            for t in index.members(field, value):
                cands.setdefault(t, Candidate()).offer(90.0, field, said, (said,), None, 99)
    for t, c in cands.items():
        c.intents = [i for i in intents if index.satisfies(t, i[0], i[1])]
    # Intents filter, unless that would leave nothing.
    for field, value, _said in intents:
        keep = {t for t, c in cands.items() if any(i[0] == field and i[1] == value for i in c.intents)}
        if keep:
            cands = {t: c for t, c in cands.items() if t in keep}

    asked = len(parsed.words) + len(intents)
    causes: list[tuple[int, str, int]] = []  # (treatment, field, 0 for a boxed warning or a side effect, else 1)
    # The use text answers only when nothing else did. Everyday words it holds
    # apart ("stand" ... "still") are chance: those it holds only in a row.
    # Not when a symptom was named and nothing is left to answer it (one no
    # treatment is for, or an infection's): its note or the infection's message answers.
    text_fallback = not cands and not named
    in_a_row = text_fallback and " " in q and all(is_english(w) for w in parsed.words)
    long_words = [w for w in parsed.stems if len(w) >= 4]
    listed = bool(_LISTED.search(query))
    # Side effects only ever come after the answers: look for them only when
    # the answers leave room (they load the text tables).
    room = limit is None or len(cands) < limit or status is not None or category is not None
    # "Symptoms" alone names none: not the "flu-like symptoms" of an interferon.
    if long_words and len(long_words) == len(parsed.stems) and not set(long_words) <= GENERIC and (room or text_fallback):
        for t, text_field in index.text_matches(long_words):
            if text_field == "side_effects":
                # A compound is said in a row: "stand still" is not "... unable to stand ... still".
                # Words not listed are said of one side effect: "injection site swelling" is not
                # the "injection site reactions" of one and the "ankle swelling" of another;
                # "headache and nausea" may be two.
                effects = dataset.treatments[t].side_effects
                if (any(said_whole(e, q) for e in effects) if parsed.settled
                        else len(long_words) < 2 or listed or any(_holds(e, long_words) for e in effects)):
                    causes.append((t, text_field, 0))
            elif text_fallback and (not in_a_row or said_whole(dataset.treatments[t].use, q)):
                c = cands.setdefault(t, Candidate())
                c.explained.update(range(len(parsed.words)))
                c.offer(TEXT_SCORE, "use", query.strip(), parsed.words, None, 99)
    if not cands and named and not infection:
        # A symptom named and no treatment answering (most often one no treatment
        # is for: "muscle weakness", "trouble swallowing"): what may cause it is no
        # answer, and with no answer before it would read as one. `msrx search`
        # says how an untreated symptom is managed instead.
        causes = []
    elif not cands and not causes and parsed.stems and len(parsed.stems) <= WARNING_WORDS:
        causes = _warned(dataset, index, parsed)
    if not cands and not parsed.settled and not infection:
        guess(index, parsed, cands)  # the last resort: a common symptom word

    def wanted(t: int) -> bool:
        return (not status or index.statuses[t] == status) and (not category or index.categories[t] == category)

    def silent(t: int) -> bool:
        # Asked a topic ("steroid withdrawal"), a treatment whose record says nothing of it
        # answers after one that does; the index says which, so no record is decoded to rank.
        return bool(parsed.topic) and parsed.topic not in index.recorded[t].split(",")

    shown = (query.strip(), parsed.words)
    forms = tuple(value for field, value, _said in intents if field == "ms_form")
    ranked = _ranked(index, cands, causes, asked, wanted, shown, silent, forms)
    closer = None
    if parsed.settled or infection:
        pass  # a compound means itself, an infection is no symptom: no phrase's meaning is read into them
    elif _several_named(whole, parsed, listed):
        pass  # "anxiety and slurred speech": each symptom said whole; none is a half-matched phrase
    elif ranked and ranked[0][0][0] < CAUSES and weak_symptom(ranked[0]):
        # The encoder reads English: "j'avais une mémoire efficace" is far from every English
        # phrase. Asked only here, where meaning would be read: most queries never load the word list.
        if not _in_another_language(parsed):
            closer = closer_in_meaning(index, query, parsed, ranked[0][1][2], guessed=ranked[0][1][4] == "guess")
    elif untreated:
        pass  # a symptom no medicine treats, said whole: its note answers, not another symptom's meaning
    elif (not ranked and len(parsed.text.split()) >= SENTENCE_WORDS and not set(parsed.stems) <= GENERIC
            and not _says_a_route(parsed) and not _in_another_language(parsed)):
        closer = closer_in_meaning(index, query, parsed, None)
    if closer is not None:
        # The closer symptom may be one no treatment is for ("weakness"): then, as
        # above, nothing that may cause it stands in for an answer.
        ranked = _ranked(index, closer.cands, causes if closer.cands else [], asked, wanted, shown, silent, forms)
        if meant is not None and closer.symptom is not None:
            meant.append(closer.symptom)
    if limit is not None:
        ranked = ranked[:limit]
    # Only the records that are shown are decoded (see store.LazyTreatments).
    hits = []
    # A symptom said whole in words English does not hold ("Depressionen" beside Betaferon):
    # the English ones ("low") are read by asked.py from the words themselves. Only a hit
    # found by name reads it, so only then is the English word list consulted.
    whole_symptoms: frozenset[str] = frozenset()
    if any(field in NAMING_FIELDS for _order, (field, *_rest) in ranked):
        whole_symptoms = frozenset(sid for sid, at in whole.items()
                                   if any(not is_english(parsed.words[p]) for p in at if p < len(parsed.words)))
    for order, (field, value, symptom, words, relation, also) in ranked:
        tr = dataset.treatments[order[-1]]
        topic = topic_of(tr, field, relation, words, parsed, index, whole_symptoms)
        hits.append(Hit(tr, -order[1], field, value, symptom, tuple(words), relation, also, topic))
    return _about_another_drug(_beside_a_name(_about_the_named(hits, parsed)), parsed, index)


HARMS = ("side_effects", "warnings")


def _about_the_named(hits: list[Hit], parsed: Query) -> list[Hit]:
    """The hits without those the named treatment's harm found: "does baclofen
    make you sleepy" asks of baclofen, not for a sleep drug, and "heart failure
    on Rebif" for no antidepressant ("feel like a failure"); "do steroids cause
    insomnia" asks of the steroids. Another name said stays."""
    named = [h for h in hits if h.field in NAMING_FIELDS and h.topic in HARMS]
    if not named:
        return hits
    rest = set(parsed.words).difference(*(h.words for h in named))
    return [h for h in hits if h.field in NAMING_FIELDS or not set(h.words) <= rest]


def _beside_a_name(hits: list[Hit]) -> list[Hit]:
    """The hits without the symptoms that one everyday word, half of a phrase, found
    beside a treatment named: in "how long can you stay on Tysabri" the question is
    of Tysabri; its "stay" is no "staying asleep" (melatonin). A symptom said whole
    stays ("Tysabri and fatigue")."""
    if not any(h.field in IDENTITY_FIELDS for h in hits):
        return hits
    return [h for h in hits if not _half_by_one_word(h)]


def _half_by_one_word(h: Hit) -> bool:
    return len(h.words) == 1 and _half_said(h) and is_english(h.words[0])  # the word list only when needed


def _half_said(h: Hit) -> bool:
    """Whether a symptom hit's words are only part of its key's content words."""
    return h.field == "symptom" and len([w for w in normalise(h.value).split() if not is_filler(w)]) > len(h.words)


def _about_another_drug(hits: list[Hit], parsed: Query, index: SearchIndex) -> list[Hit]:
    """The hits without the symptoms half a phrase found in a sentence about a drug
    msrx does not hold: "bouts of rapid heart rate even after stopping Adalat" is
    about Adalat, not the "bouts" of uncontrolled crying. A symptom said whole stays
    ("lorazepam for anxiety")."""
    if not any(_another_drug(w, index) for w in parsed.words):
        return hits
    return [h for h in hits if not _half_said(h)]


def _another_drug(word: str, index: SearchIndex) -> bool:
    """Whether a word names a drug msrx does not hold (or a group of them: "antihistamines")."""
    if index.exact(word) or is_english(word):
        return False
    return is_drug(word) or (word.endswith("s") and is_drug(word[:-1]) and not is_english(word[:-1]))


Ranked = list[tuple[tuple[Any, ...], tuple[Any, ...]]]
# The groups a ranked hit's order starts with: a treatment named whole, other answers, side effects.
ANSWER, CAUSES = 0, 2

# Words that name an infection: what treats it (an antibiotic, an antifungal) is no MS treatment.
INFECTIONS = frozenset(("infection", "infections", "infected", "uti", "utis", "cystitis"))

# Vitamins are named by their letter: "vitamin e" is neither vitamin D (a close
# spelling) nor biotin (whose class is "vitamin"). A lone "a" counts only at the
# end, as it is mostly the article ("a vitamin a day"). Its number may be
# written apart ("vitamin b 12" is B12, not B7).
_LETTERED = re.compile(r"\bvitamins? (?:[b-ehk](?: ?\d+)?|a$)")


def _named_by_letter(dataset: Dataset, cands: dict[int, Candidate], said: str) -> dict[int, Candidate]:
    """The candidates whose name, alias or class is the lettered name said
    ("vitamin b" is "vitamin B7"; "vitamin d" is "vitamin D (cholecalciferol)")."""
    said = re.sub(r"\b([a-k]) (\d)", r"\1\2", said.replace("vitamins", "vitamin"))
    pattern = re.compile(rf"\b{re.escape(said)}")
    def named(t: int) -> bool:
        tr = dataset.treatments[t]
        return any(pattern.search(normalise(n)) for n in (tr.name, tr.drug_class, *tr.aliases, *tr.brands))
    # Only what the vitamin words found is held to the letter: "vitamin d with
    # Tecfidera" keeps dimethyl fumarate, found by its brand.
    lettered = set(said.split()) | {"vitamins"}
    return {t: c for t, c in cands.items() if named(t) or not lettered & set(c.words)}


def _warned(dataset: Dataset, index: SearchIndex, parsed: Query) -> list[tuple[int, str, int]]:
    """The treatments whose warnings say the query's words in a row, when
    nothing answered it: "pml" and "jc virus" name a risk, not a symptom to
    treat. A boxed warning comes first (natalizumab for "pml"). A query of
    everyday words only ("heart block") is left to the other answers."""
    said = " ".join(parsed.words)
    if all(is_english(w) for w in parsed.words):
        # Everyday words are in many a warning by chance ("up to", a trial "arm");
        # a risk is named with a medical word or its letters ("pml", "jc virus").
        return []
    found = []
    for t in index.warning_matches(parsed.stems):
        bullets = [w for w in dataset.treatments[t].warnings if said_whole(w, said)]
        if bullets:
            found.append((t, "warnings", 0 if any(warning_parts(w)[0] for w in bullets) else 1))
    # A risk is one that two labels warn of, or one in a box; a single passing
    # mention is more often context than harm (an interaction: "makes estrogen-
    # containing birth control pills less reliable" is no risk of estrogen).
    return found if len(found) >= 2 or any(tier == 0 for _t, _f, tier in found) else []


def _ranked(index: SearchIndex, cands: dict[int, Candidate], causes: list[tuple[int, str, int]], asked: int,
            wanted: Callable[[int], bool], said: tuple[str, tuple[str, ...]], silent: Callable[[int], bool],
            forms: tuple[str, ...] = ()) -> Ranked:
    """Every answer and side effect as (order, payload), sorted: the order
    ranks it (answers before side effects, then as below), the payload is
    what its hit shows."""
    ranked: Ranked = []
    for t, c in cands.items():
        if not wanted(t):
            continue
        explained = len(c.explained) + len(c.intents)
        coverage = min(1.0, explained / asked) if asked else 1.0
        score = round(c.score if c.score >= 98.0 else c.score - MISSING_PENALTY * (1.0 - coverage), 1)
        also = tuple(Match(f, said, (said,)) for f, _v, said in c.intents if c.field != f)
        # Equal scores: approved first, then those labelled (or tried) for
        # more of the forms of MS asked ("progressive MS": ocrelizumab, for
        # active SPMS and PPMS, before an interferon, for active SPMS only),
        # then disease-modifying before relapse
        # and symptom drugs ("jab", "pill"), then those that answer the topic
        # asked, then a symptom's usual first choices in their order
        # (model.Symptom.first_choice), then the symptom a drug is mainly
        # for, then the furthest trial phase (investigational: "new ms
        # drugs"), then the longest FDA track record, then the name.
        # A treatment named whole comes first: a sentence that names one is about
        # it ("since Ocrevus my legs are weak"), however much more of it a symptom explains.
        group = ANSWER if c.field in IDENTITY_FIELDS and c.score >= WHOLE_KEY else ANSWER + 1
        order = (group, -min(score, 100.0), FIELD_RANK.get(c.field, 9), STATUS_RANK.get(index.statuses[t], 9),
                 -index.forms_covered(t, forms), CATEGORY_RANK.get(index.categories[t], 9), silent(t), index.first_choice(t, c.symptom), c.symptom_pos,
                 -index.phases[t],
                 index.years[t] or 9999, index.sort_names[t], t)
        relation = c.relation or ("treats" if c.field == "symptom" else None)
        ranked.append((order, (c.field, c.value, c.symptom, c.words, relation, also)))
    for t, text_field, tier in causes:
        if t in cands or not wanted(t):
            continue
        order = (CAUSES, -CAUSES_SCORE, 8, tier, STATUS_RANK.get(index.statuses[t], 9), 9, True, 99, 99, 0, 9999, index.sort_names[t], t)
        ranked.append((order, (text_field, said[0], None, said[1], "causes", ())))
    ranked.sort()  # the order tuple ends in the treatment, so sorting never compares the payloads
    return ranked


def _in_another_language(parsed: Query) -> bool:
    """Whether most of a query's words are no English words: a sentence in
    another language ("Avant ma sclérose en plaques, j'avais une mémoire
    efficace"), which the English sentence encoder cannot read for meaning."""
    return 2 * sum(not is_english(w) for w in parsed.words) > len(parsed.words)


def _holds(text: str, stems: list[str]) -> bool:
    """Whether a text holds every one of these stems."""
    return set(stems) <= set(stems_of(text))


def _several_named(whole: dict[str, set[int]], parsed: Query, listed: bool) -> bool:
    """Whether the query is a short list of two or more symptoms, each named by a key
    said whole, and nothing else: every answer then explains only its own part of the
    query, which is no sign that a phrase was half matched and means something else.
    A list is said with "and", "or" or a comma; without, one word qualifies the next
    ("low libido" is no low mood). A sentence is read for its meaning still: in "I get
    dizzy and feel like I'm going to fall over" the falling is the dizziness."""
    covered: set[int] = set().union(*whole.values())
    return (len(whole) >= 2 and len(parsed.text.split()) <= LIST_WORDS and listed
            and covered >= set(range(len(parsed.words))))


_LISTED = re.compile(r"[,&/+;]|\b(?:and|or|plus|with)\b", re.IGNORECASE)


def _untreated_said_whole(index: SearchIndex, named: list[str], whole: dict[str, set[int]]) -> set[int]:
    """The query positions a whole key covers of the symptom the query names
    first, when no treatment is for it ("worse in the heat"); else none."""
    if not named or named[0] not in whole or not index.treats_none(named[0]):
        return set()
    return whole[named[0]]


def _says_a_route(parsed: Query) -> bool:
    """Whether a query says how a medicine is taken ("jab a needle into myself", "my monthly
    infusion"): such a sentence describes no symptom, and its meaning is not read for one
    (the encoder would read a needle as pins and needles)."""
    return any(field == "route" for field, _value, _said in parsed.intents)


def topic_asked(query: str) -> str:
    """The words a query asks a treatment's topic with ("pregnant", "how often"), or ""."""
    return parse(normalise(query)).topic_said
