"""What a question asks of each hit: the field of the treatment that answers it.

"Can I get pregnant on Ocrevus" asks ocrelizumab's pregnancy field, "Tysabri
PML" its warnings, "does gabapentin work" its evidence (the field that stands
in for an empty one, msrx.topics.STANDS_IN). The search finds the treatments;
this module reads, for each, which of its fields the question is about.
"""

from __future__ import annotations

from collections.abc import Iterable

from msrx.english import is_english
from msrx.index import IDENTITY_FIELDS, NAMING_FIELDS, SearchIndex
from msrx.keys_said import SYMPTOM_KEYS
from msrx.model import Treatment
from msrx.query import Query, says_an_aim
from msrx.topics import STANDS_IN, named_topic
from msrx.wording import stem, stems_of


def topic_of(t: Treatment, field: str, relation: str | None, words: tuple[str, ...], parsed: Query,
             index: SearchIndex, said_whole: frozenset[str] = frozenset()) -> str | None:
    """The field a hit answers the question with, or None. `said_whole` holds the
    symptoms a key of which the query says whole in words that are not common
    English: another language's ("Depressionen"), or an inflection."""
    asked = _topic_asked(t, field, relation, words, parsed, index, said_whole)
    return _answering(t, asked) if asked else None


def _answering(t: Treatment, topic: str) -> str:
    """The field that answers a topic for this treatment: its own, or the one that
    stands in when the record leaves it empty (topics.STANDS_IN)."""
    stand = STANDS_IN.get(topic)
    return stand if stand and not getattr(t, topic) and getattr(t, stand) else topic


def _topic_asked(t: Treatment, field: str, relation: str | None, words: tuple[str, ...], parsed: Query,
                 index: SearchIndex, said_whole: frozenset[str]) -> str | None:
    """The topic a question asks of a hit's treatment, or None."""
    if relation == "causes":
        return None
    if parsed.topic:
        # A treatment found by name answers even with "not stated"; one found otherwise only
        # if it records the field: a symptom drug found for "doses of laxative" stays a plain result.
        return parsed.topic if field in IDENTITY_FIELDS or getattr(t, _answering(t, parsed.topic)) else None
    if field in NAMING_FIELDS:
        asked, said = named_topic(parsed.text)
        if said and set(said.split()) <= set(words):
            asked = ""  # words of the name itself ("Dayhist Allergy") ask nothing of it
        # The asking words ("cause") are no harm of their own.
        left_out = {*words, *said.split()}
        rest = [st for w, st in zip(parsed.words, parsed.stems, strict=True) if w not in left_out]
        # A phrase that asks a topic ("3rd course of Lemtrada") outranks one of its words
        # being found in the warnings ("course"). A name said with how often ("is Tysabri
        # every 4 weeks") asks how it is given.
        intent_fields = {f for f, _v, _said in parsed.intents}
        if asked == "side_effects":
            # "Does Gilenya cause PML": a cause asked of a risk its label warns of, not a side effect.
            # How it is given is part of the harm here ("terrible after infusions": infusion reactions).
            given = [stem(w) for f, _v, said_as in parsed.intents if f == "route" for w in said_as.split()]
            return _harm_named(t, rest + given, index, said_whole) or asked
        if field == "drug_class":
            # A class asks only in words ("interferons don't help"): "anticholinergic
            # bladder" wants the class for the symptom, not the bladder in its warnings.
            return asked or None
        if not asked and _its_own_symptom(index, t, rest):
            return None  # "botox for bladder" asks what it is for, not of the bladder in its side effects
        # A name said with what a DMT is for ("Copaxone reduces the chance of a relapse",
        # "does Ocrevus slow progression") asks how well it does that; a harm said beside
        # it still comes first ("these symptoms of Avonex ... slowing down the progression").
        aimed = any(f == "category" and says_an_aim(said_as) for f, _v, said_as in parsed.intents)
        # A name said with how it is given ("a DMT called Ovrelizumab, carried out through an
        # infusion", "prescribe intravenous methylprednisolone") asks how it is given, after any
        # harm said beside it ("Ocrevus infusion reaction").
        return (asked or ("administration" if "interval" in intent_fields else "") or _harm_named(t, rest, index, said_whole)
                or ("effectiveness" if aimed else None) or ("administration" if "route" in intent_fields else None))
    return None


def _its_own_symptom(index: SearchIndex, t: Treatment, stems: list[str]) -> bool:
    """Whether one of these words is a word of a symptom the treatment is for."""
    own = _symptom_owners(index, t.symptoms)
    return any(index.owners[k] in own and index.fields[k] in SYMPTOM_KEYS for s in stems for k in index.words_of(s))


def _symptom_owners(index: SearchIndex, sids: Iterable[str]) -> set[int]:
    """The key owners of these symptoms: a symptom's keys are owned by -1 - its position."""
    return {-1 - index.symptom_ids.index(sid) for sid in sids if sid in index.symptom_ids}


_FAILURE = stem("failure")
COGNATE = 6  # the letters another language's word for a harm shares with the English one
# Words a warning says around its harm, not the harm: when ("within 3 days", "in one
# case almost 4 years after"), who ("people", "patients"), how it was learned
# ("reported", "recommended", "withdrawn from the market"), and what every immune
# drug's warnings say of how it works ("the immune system ... against"). Said beside
# a name, they ask nothing of its warnings: "Lemtrada on a day case basis", "two
# treatment courses twelve months apart" are how it is given.
_AROUND_A_HARM = frozenset(stem(w) for w in (
    "day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times", "last", "first", "case",
    "cases", "course", "courses", "basis", "people", "person", "patient", "patients", "adult", "adults", "report",
    "reported", "recommend", "recommended", "market", "against", "system",
))


def _harm_named(t: Treatment, stems: list[str], index: SearchIndex,
                said_whole: frozenset[str] = frozenset()) -> str | None:
    """A name said with a word of its side effects or warnings ("Tysabri PML", "Copaxone
    lipoatrophy") asks about them: the field that holds the word, side effects first.
    A harm said in other words of the same symptom asks too: "insomnia" of
    dexamethasone's "trouble sleeping", both words of the sleep symptom; so does one
    said in another language, whole (`said_whole`: "Depressionen") or as a form of
    the English word ("Lymphozyten").
    "Failure" alone is the treatment failing ("Rebif failure"); an organ's failure is
    said with the organ ("heart failure on Rebif"), whose word still finds the warning."""
    # A word of a treatment's name or class is no harm either: "interferon" of "small blood
    # clots ... with interferon beta products" names the drug, not what it does.
    stems = [s for s in stems if len(s) >= 3 and s != _FAILURE and s not in _AROUND_A_HARM
             and not index.names_a_treatment(s)]
    if not stems:
        return None
    # A symptom said whole in other words or another language ("Depressionen" beside
    # Betaferon) is one of its side effects when a side effect says that symptom too;
    # not one it is given for ("Ampyra and my walking").
    other = _symptom_owners(index, said_whole - set(t.symptoms))
    # Short words keep their plural in stem() ("eyes"); the labels say "eye exam".
    stems += [s[:-1] for s in stems if len(s) <= 4 and s.endswith("s") and not s.endswith("ss")]
    # Another language's form of a harm shares its start: "Lymphozyten" of "lymphocyte",
    # "maculaødem" of "macular edema". Long words only, and no English word.
    cognates = {s[:COGNATE] for s in stems if len(s) > COGNATE and not is_english(s)}
    for name, texts in (("side_effects", t.side_effects), ("warnings", [warning_parts(w)[1] for w in t.warnings])):
        each = [stems_of(text) for text in texts]  # read once: both tests below use them
        if not set(stems).isdisjoint(s for words in each for s in words):
            return name
        if cognates and any(w[:COGNATE] in cognates for words in each for w in words if len(w) >= COGNATE):
            return name
        if (name == "side_effects" and each and (named := _symptoms_said(index, stems) | other)
                and any(named & _symptoms_said(index, words) for words in each)):
            return name
    return None


def _symptoms_said(index: SearchIndex, stems: list[str]) -> set[int]:
    """The symptoms (as key owners) one of whose words or phrases these words say whole."""
    held: dict[int, set[str]] = {}
    for s in set(stems):
        for k in index.words_of(s):
            if index.fields[k] in SYMPTOM_KEYS:
                held.setdefault(k, set()).add(s)
    return {index.owners[k] for k, got in held.items() if len(got) >= index.key_lengths[k]}


def warning_parts(warning: str) -> tuple[bool, str]:
    """(whether a warning is boxed, the harm it names without what to do about it).

    The labels' box is written "BOXED WARNING:", "BOXED:", "boxed:" or "Boxed
    warning (while marketed):"; "No boxed warning; ..." is none. The harm is the
    text before the next colon: "hepatotoxicity" of "BOXED WARNING:
    hepatotoxicity: liver tests before starting", so that "starting Aubagio
    tomorrow" asks about no warning."""
    text = warning.strip()
    low = text.casefold()
    boxed = low.startswith("boxed")
    if low.startswith("no boxed warning"):
        text = text.partition(";")[2]
    elif boxed:
        _label, colon, rest = text.partition(":")
        text = rest if colon else text
    return boxed, text.split(":", 1)[0]
