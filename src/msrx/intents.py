"""When a query's intent words answer it: the kind of treatment asked for
("pill for relapsing ms", "anything for SPMS") over the words that matched
something, or alone when they matched nothing.

msrx.query reads the intents (route, category, form of MS, status, how often);
msrx.search asks this module whether they are the answer.
"""

from __future__ import annotations

from msrx.english import is_english
from msrx.index import SearchIndex
from msrx.keys_said import WHOLE_KEY
from msrx.match import Candidate
from msrx.query import Query

# Content words nothing matched beyond which a query's route and interval words
# alone ask for nothing: the sentence is about something else (see intents_answer).
HOW_ONLY_WORDS = 5  # 4 to 6 gave the same dev half; "i hate needles, is there a pill instead" has 3

# Intents that name what a query is about, over a word that half matched a
# symptom phrase. Not a route ("acid suppression pills": a product msrx does not
# hold) nor a status ("a new dog").
PASSING_INTENTS = ("category", "ms_form")


def said_in_passing(index: SearchIndex, cands: dict[int, Candidate], intents: tuple[tuple[str, str, str], ...]) -> bool:
    """Whether the query names a category or a form of MS ("the start of a
    relapse", "anything for SPMS") that no candidate is in, and every
    candidate matched only part of a key or of the query ("start" of "trouble
    starting to pee", "know" of "not knowing where my feet are"): then the
    intent is what the query is about, and it answers. A whole key said in
    full ("relapse fatigue": fatigue) still wins."""
    categories = [(f, v) for f, v, _said in intents if f in PASSING_INTENTS]
    if not categories or any(c.score >= WHOLE_KEY for c in cands.values()):
        return False
    return any(not any(index.satisfies(t, f, v) for t in cands) for f, v in categories)


def intents_answer(parsed: Query) -> bool:
    """Whether a query's intents answer it alone when its words matched nothing.

    A short query of how a drug is taken and a word nothing matched ("flu
    shot", "fibromyalgia relief pills") names a product msrx does not hold; it
    is no request for every shot or pill, nor is an English compound said with
    one ("high blood pressure injection"). A sentence that only says when
    ("a nurse who didn't want to wake up each and every day") asks for no
    dosing interval. Category and status words ("relapse", "trial") still
    answer on their own, and so does anything said with no other words; "new"
    only with none ("what's new").
    """
    if not parsed.words:
        return True
    fields = {field for field, _value, _said in parsed.intents}
    if fields == {"interval"}:
        return False
    if {said for _field, _value, said in parsed.intents} <= {"new", "newest"}:
        return False  # "new" says what is new: "we have a new dog" asks for no trial drug
    if fields <= {"interval", "route"} and len(parsed.words) >= HOW_ONLY_WORDS:
        # How and how often, in a sentence about something else ("two more pills to add to
        # my daily cocktail of meds to help stimulate my thyroid"): no request for every pill.
        return False
    # An English compound with a route ("high blood pressure injection") names a product too,
    # and so does a word nothing matched said just before the route ("acid suppression pills";
    # not "i hate needles, is there a pill").
    return not ((parsed.settled or len(parsed.text.split()) <= 3 or _names_a_product(parsed)) and fields == {"route"})


def _names_a_product(parsed: Query) -> bool:
    """Whether a word nothing matched comes right before a route word ("acid suppression
    pills"), or a word that is no English right after one ("IV benedryl")."""
    said = parsed.text.split()
    content = set(parsed.words)
    return any((i > 0 and said[i - 1] in content)
               or (i + 1 < len(said) and said[i + 1] in content and not is_english(said[i + 1]))
               for i, w in enumerate(said) for _field, _value, route in parsed.intents if w == route)
