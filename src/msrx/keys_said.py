"""What a query's words say of each index key: which keys hold them (as typed,
as a misspelling read right, as the start of a compound word), and which keys
they name strongly enough to count, with a score. Offering those keys to
treatments is msrx.match's job.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from msrx.english import is_drug, is_english  # each list is read on a rule's first question, not on import
from msrx.index import AS_TYPED, IDENTITY_FIELDS, SHORT, SearchIndex, starting_with
from msrx.query import Query
from msrx.wording import normalise, stem, stems_of

# How alike (rapidfuzz ratio) an inflected word without its ending and a name must be spelt.
NAME_ALIKE = 80.0
# The letters another form of a symptom's word in another language shares with it
# ("krampfen", "krampfartigen"): 5 let chat through, 7 missed forms (dev half).
FORM_START = 6
WHOLE_KEY = 97.0  # a key said in full: the most a word match scores (an exact key scores 98-100)

# The index fields whose keys name a symptom: its words, and patients' phrases.
SYMPTOM_KEYS = ("symptom", "phrase")
# The keys that name a symptom when said: those, and its names in other
# languages ("translation": left out of SYMPTOM_KEYS, which the sentence
# encoder and the one-word guess read, both English).
NAMING_KEYS = (*SYMPTOM_KEYS, "translation")


class WordHits(NamedTuple):
    """The index keys a query's words are in."""

    postings: list[Sequence[int]]  # per query position, the keys holding its word as typed
    per_key: dict[int, dict[int, float]]  # key -> {query position: certainty}
    unknown: list[int]  # the positions of words no key holds as typed
    glued: set[int]  # second halves of a word typed split ("air stopper")
    fixed_to: dict[int, set[str]]  # query position -> the index words its spelling was read as
    unexplained: bool  # some unknown word was not read as any index word either


def read_words(index: SearchIndex, query: Query) -> WordHits:
    """Which query words each key holds, misspellings read as the words they meant."""
    per_key: dict[int, dict[int, float]] = {}  # key -> {query position: certainty}
    unknown: list[int] = []
    postings = [index.words_of(w) for w in query.stems]
    # Two unknown neighbours may be one word split: "air stopper" is
    # "airstopper", "fty 720" is "FTY720". The second half counts as said
    # but not as a word of its own.
    glued: set[int] = set()
    for p in range(len(postings) - 1):
        if not postings[p] and not postings[p + 1] and p not in glued:
            joined = index.words_of(stem(query.words[p] + query.words[p + 1]))
            if joined:
                postings[p] = joined
                glued.add(p + 1)
    for p, posting in enumerate(postings):
        if p in glued:
            continue
        if not posting:
            unknown.append(p)
            continue
        for k in posting:
            per_key.setdefault(k, {})[p] = 1.0
            if p + 1 in glued:
                per_key[k][p + 1] = 1.0
    fixed_to: dict[int, set[str]] = {}  # query position -> the index words its spelling was read as
    typos = unknown
    if unknown:
        # Another drug's name is no misspelling of one msrx holds: "lorazepam" is not clonazepam.
        # Nor is a word of a known compound: "tv station" is no statin,
        # "motor neuron" no Neurontin, "allium sativum" no Valium.
        typos = [] if query.settled else [p for p in unknown if not is_drug(query.words[p])]
    # A spelling search per unknown word costs: the first four unknown words get one. A
    # long sentence has more, and the name it holds is seldom among its first four
    # ("Przez 3 dni podawano mi sterydy", "... la fallida prueba con el baclofeno
    # intratecal"): after them, two more, the longest of the words most like a name (no
    # English word, six letters or more: a short everyday word of another language is
    # too close to some brand, French "étais" to Betanis).
    later = sorted((p for p in typos[4:] if len(query.words[p]) >= 6 and not is_english(query.words[p])),
                   key=lambda p: -len(query.words[p]))[:2]
    typos = typos[:4] + sorted(later)
    for p in typos:
        # Read as the start of a longer word only where the person may have
        # stopped typing: no word msrx does not know comes after it.
        last = not any(u > p for u in unknown)
        options, certainty = index.spellings(query.stems[p], last, query.words[p])
        if not options and query.words[p] != query.stems[p]:
            options, certainty = index.spellings(query.words[p], last)
        if not options and (head := _compound_head(index, query.words[p])):
            options, certainty = [head], 0.9
        if not options:
            options, certainty = _inflected_name(index, query.words[p])
        if not options:
            options, certainty = _foreign_form(index, query.words[p])
        if not options:
            options, certainty = _compound_tail(index, query.words[p])
        for option in options:
            fixed_to.setdefault(p, set()).add(option)
            for k in index.words_of(option):
                per_key.setdefault(k, {}).setdefault(p, certainty)
    unexplained = any(not any(p in hits for hits in per_key.values()) for p in unknown)
    return WordHits(postings, per_key, unknown, glued, fixed_to, unexplained)


def keys_said(index: SearchIndex, query: Query, read: WordHits) -> Iterator[tuple[int, float, dict[int, float]]]:
    """Each key the query names enough to count: (key, score, {query position: certainty})."""
    postings, per_key, glued, fixed_to, unexplained = (
        read.postings, read.per_key, read.glued, read.fixed_to, read.unexplained)
    named, sure = _symptoms_named(index, query.stems, postings)
    phrases = _phrases_said(index, query, per_key, glued)
    # In a compound, the everyday words (asked once, not once per key they name).
    everyday = {p for p, w in enumerate(query.words) if is_english(w)} if query.settled else set()
    query_words = len(query.words) - len(glued)  # the query's words, a split word's halves as one
    numbers = {w for w in query.text.split() if w.isdigit()}  # "4" of "4-aminopyridine (4-ap)"
    for k, hits in per_key.items():
        n = _words_said(query, hits, glued)
        length = index.key_lengths[k]
        if numbers and n < length and index.fields[k] in IDENTITY_FIELDS:
            n += _numbers_said(index.values[k], numbers)
        whole_key = n >= length  # every word of the key is in the query
        # Every query word is in the key ("BTK" -> "BTK inhibitor"); never
        # when some query word is unknown: "up" alone is not "flare up".
        whole_query = n >= query_words and not unexplained
        named_key = index.fields[k] in NAMING_KEYS
        if index.fields[k] == "translation" and any(
                is_english(query.words[p]) and (not whole_key or query.words[p] not in normalise(index.values[k]).split())
                for p in hits):
            # English "march" is no half of French "marche instable" (both stem to "march"), nor
            # all of "problèmes de marche" (whose other words are filler): only as written.
            continue
        if index.fields[k] in AS_TYPED and not whole_key:
            # A patient's phrase is made of everyday words, and so is a name in
            # another language: one of them alone ("patch" of "a bad patch of
            # symptoms") names nothing.
            whole_query = whole_query and n >= 2
        if whole_query and not whole_key and n == 1 and min(hits.values()) < 1.0 and named_key:
            # A guessed spelling names a symptom's key only whole ("fatige"
            # is fatigue): "Activia" may sound like "activity", but that is
            # no reason to answer with "avoiding social activities". A name's
            # first word still does ("Demotabs": Desmotabs Melt).
            whole_query = False
        # A compound of everyday words means itself: "polo stick" is no
        # "walking stick", "fire truck" no "on fire". A technical word keeps
        # its meaning in one ("retrobulbar neuritis" is optic neuritis).
        idiom = query.settled and all(p in everyday for p in hits)
        # Half of a symptom phrase still names the symptom ("laughing or
        # crying" -> "sudden crying"), at a lower score: through a word that
        # belongs to that symptom alone, or two words of the phrase together
        # ("foot ... floor" of "foot catches on the floor", though each word
        # alone is in other symptoms' phrases too).
        # Not "up" of "flare up", and not a guessed spelling ("clinic" is no "clinical").
        half_symptom = (not idiom and named_key and length >= 2 and 2 * n >= length
                        and any(len(query.words[p]) > SHORT or query.stems[p] in sure for p in hits)
                        and min(hits.values()) == 1.0
                        and (index.owners[k] in named or n >= 2)
                        # One everyday word of a phrase beside a word msrx does not know, and
                        # nothing more: the unknown word says what it is about ("festival of
                        # books"). A medical word keeps its meaning ("retrobulbar neuritis").
                        and (n >= 2 or not unexplained or query_words > 2
                             or not all(is_english(query.words[p]) for p in hits)))
        # "significant" of "significant worsening" says how much, not what; "symptoms" of "new
        # symptoms" is what every symptom is ("the symptoms of MS"); "symptoms got worse" says more.
        if (not whole_key and named_key
                and any(all(query.stems[p] in said for p in hits) for said in (_DEGREE, GENERIC))):
            half_symptom = whole_query = False
        # The first word of a name said with words msrx does not know:
        # "methylprednisolone and nursing 3 month old" is Methylprednisolone
        # (intravenous) and (oral), however unknown "month" is. So is the name
        # as another language spells it ("chama-se metilprednisolona"): a spelling
        # read as the name's first word, never as any other of its words.
        head = _head(index, k)
        half_name = (not (whole_key or whole_query or half_symptom) and index.fields[k] in IDENTITY_FIELDS
                     and length >= 2
                     and all(c == 1.0 or head in fixed_to.get(p, ()) for p, c in hits.items())
                     and any((query.stems[p] == head or head in fixed_to.get(p, ())) and _a_name_word(query.words[p])
                             for p in hits))
        if not (whole_key or whole_query or half_symptom or half_name):
            continue
        if phrases and _inside_a_phrase(index, k, hits, phrases):
            continue  # "restless legs" is sleep: its "restless" names no anxiety
        if idiom and not said_whole(index.values[k], query.text):
            continue  # "fire truck" is no "on fire", "melt down" no "feeling down"
        if all(query.words[p] in _PARTICLES for p in hits) and not _all_said(index.values[k], query.text):
            # "Up" or "down" alone names no key it is half of: "can't get it up" is no
            # "flare up", "can't keep food down" no "feeling down" (its "feeling" is
            # filler); "I feel so down" says every word of it.
            continue
        if n == 1 and not whole_key:
            # One very short word alone says too little of a key: a letter
            # names nothing ("b" of "b-12" is no "B cell"), and a two-letter
            # word not in a longer sentence ("go" is half of "need to go", but
            # "what I was going to do" is no bladder symptom).
            longest = max(len(query.stems[p]) for p in hits)
            if longest == 1 or (longest == 2 and query_words >= 3):
                continue
        certainty = min(hits.values())
        if whole_key and whole_query:
            score = WHOLE_KEY
        elif whole_query:
            score = 88.0 + 8.0 * min(n, length) / length
        elif whole_key:
            score = WHOLE_KEY  # the key is fully said; how much of the query it explains is scored later
        else:
            score = WHOLE_KEY - 20.0 * (1.0 - n / length)
        yield k, score * certainty, hits  # certainty is 1.0 unless a spelling was guessed


def _head(index: SearchIndex, k: int) -> str:
    """The stem of a key's first word, if it is long enough to name something ("act" of ACT-128800 is not)."""
    head = normalise(index.values[k]).split(" ", 1)[0]
    return stem(head) if len(head) > SHORT else "\0"


def said_whole(key: str, text: str) -> bool:
    """Whether one of a key and a query holds the other's words in a row, stemmed:
    how an English compound ("bone marrow", "essential tremor") names a key.
    Filler counts here: "cannot feel the floor" is not said by "ground floor"."""
    a = stems_of(key)
    b = [stem(w) for w in text.split()]
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


_PARTICLES = frozenset(("up", "down"))


def _all_said(key: str, text: str) -> bool:
    """Whether the query holds every word of a key, stemmed, filler included, in any order."""
    said = {stem(w) for w in text.split()}
    return all(stem(w) in said for w in normalise(key).split())


# The word every symptom is: alone it names none ("the symptoms of MS").
GENERIC = frozenset(stem(w) for w in ("symptom", "symptoms", "sign", "signs"))
# Words that say how much or how suddenly, never what: "significant" alone is
# not half of "significant worsening" ("my significant other"), "sudden" not
# half of "sudden crying". The word that says what still names its half.
_DEGREE = frozenset(stem(w) for w in (
    "significant", "sudden", "suddenly", "severe", "extreme", "extremely", "constant", "constantly", "mild",
    "slight", "increased", "decreased", "excessive", "frequent", "persistent", "occasional", "general", "overall",
    "intense", "major", "minor", "serious", "total", "complete", "partial", "chronic", "acute",
))


def _numbers_said(key: str, numbers: set[str]) -> int:
    """How many of a name's numbers the query says: a query's numbers are no
    content words (a dose, "10mg"), but "4" is part of "4-aminopyridine", so
    "4-aminopyridine (4-AP)" says both names whole."""
    return sum(1 for w in normalise(key).split() if w in numbers)


def _words_said(query: Query, hits: dict[int, float], glued: set[int]) -> int:
    """How many of a key's words the query says, each once: "we're ... we're" is
    not two words of "like you're spinning", nor the glued half of a split word one."""
    return len({query.stems[p] for p in hits if p not in glued})


def _phrases_said(index: SearchIndex, query: Query, per_key: dict[int, dict[int, float]],
                  glued: set[int]) -> list[tuple[frozenset[int], int, int]]:
    """The symptom keys of two or more words the query says whole, in a row and
    spelled right, as (query positions, owner, length)."""
    said = []
    for k, hits in per_key.items():
        length = index.key_lengths[k]
        if (length >= 2 and index.fields[k] in NAMING_KEYS and min(hits.values()) == 1.0
                and _words_said(query, hits, glued) >= length
                and said_whole(index.values[k], query.text)):
            said.append((frozenset(hits), index.owners[k], length))
    return said


def _inside_a_phrase(index: SearchIndex, k: int, hits: dict[int, float],
                     phrases: list[tuple[frozenset[int], int, int]]) -> bool:
    """Whether a symptom key's words all lie inside a longer phrase of another
    symptom that the query says whole: the phrase is what they mean there
    ("emotional incontinence" is no bladder problem, "nerve pain" no general pain)."""
    if index.fields[k] not in NAMING_KEYS:
        return False
    mine = set(hits)
    return any(mine < where and owner != index.owners[k] and length > index.key_lengths[k]
               for where, owner, length in phrases)


def _symptoms_named(index: SearchIndex, stems: Sequence[str],
                    postings: Sequence[Sequence[int]]) -> tuple[set[int], set[str]]:
    """The symptoms (as key owners) some query word belongs to alone: a word in
    one symptom's phrases and no other's. Half a phrase names a symptom only
    when one of these does: "crying" is half of "sudden crying" and "fecal
    leakage" is bowel, but "legs" (stiff legs, weak legs) is half of nothing.

    Also the words that say it twice over (in two or more of that symptom's
    phrases): a short one of these ("dim" of "dim vision", "dimming of
    colours"; "fog") may name half a phrase too, where "up" may not.
    """
    named: set[int] = set()
    sure: set[str] = set()
    for word, posting in zip(stems, postings, strict=True):
        # A name in another language counts only for a word that is no English
        # word ("cansancio", not "march" of "marche").
        keys = [k for k in posting if index.fields[k] in SYMPTOM_KEYS
                or (index.fields[k] == "translation" and not is_english(word))]
        owners = {index.owners[k] for k in keys}
        # One phrase may name two symptoms ("optic neuritis": vision, and a relapse);
        # a word of it alone still names both. (Only asked when a word has two owners.)
        names_owners = len(owners) == 1 or (len(owners) > 1 and len({index.values[k].casefold() for k in keys}) == 1)
        # A word of patients' phrases only counts once two phrases share it.
        if names_owners and (len(keys) >= 2 or index.fields[keys[0]] == "symptom"):
            named |= owners
            if len(owners) == 1 and len(keys) >= 2:
                sure.add(word)
    return named, sure


def _compound_head(index: SearchIndex, word: str) -> str | None:
    """The name or class a compound word starts with, as German, Dutch and the Nordic
    languages write them: "Tecfideratherapie", "Kortisonbehandlung", "Copaxonespritze"
    (the longest such start, of six letters or more, with four or more letters after
    it: "Eleva" and "immun" start too many words, "elevadores" and "Immunzellen").
    None for an English word, or one that starts with no name."""
    if len(word) < 10 or not word.isalpha() or is_english(word):
        return None
    for cut in range(len(word) - 4, 5, -1):
        head = stem(word[:cut])
        if index.names_a_treatment(head):
            return head
    return None


def _inflected_name(index: SearchIndex, word: str) -> tuple[list[str], float]:
    """A misspelt name with a case ending, as Polish, Czech and other languages inflect a
    name ("baklofenu", "sulmedrolu": baclofen, Solu-Medrol): the word without its last one
    or two letters, read as a spelling of a treatment's name, brand, alias or class. Not an
    English word, nor one of fewer than eight letters."""
    if len(word) < 8 or not word.isalpha() or is_english(word):
        return [], 0.0
    from rapidfuzz import fuzz  # loaded already: a spelling was just searched

    for cut in (1, 2):
        base = word[:-cut]
        options, certainty = index.spellings(base, False, base)
        # Spelt alike, not only the same letters moved about ("aposentar" is no Aptensio).
        named = [w for w in options if index.names_a_treatment(w) and fuzz.ratio(base, w) >= NAME_ALIKE]
        if named:
            return named, certainty * 0.95
    return [], 0.0


def _foreign_form(index: SearchIndex, word: str) -> tuple[list[str], float]:
    """Another form of a symptom's word in another language: "krampfen" of
    "krampfartigen", the words sharing their first six letters, read only when the
    words of that start are all one symptom's translations. No English word."""
    if len(word) <= FORM_START or not word.isalpha() or is_english(word):
        return [], 0.0
    head = word[:FORM_START]
    found = starting_with(index.word_list, head)
    if not _one_symptoms_translations(index, [k for w in found for k in index.words_of(w)]):
        return [], 0.0
    return found, 0.8


def _one_symptoms_translations(index: SearchIndex, keys: Sequence[int]) -> bool:
    """Whether there are keys and all of them are one symptom's names in other languages."""
    return bool(keys) and all(index.fields[k] == "translation" for k in keys) and len({index.owners[k] for k in keys}) == 1


def _compound_tail(index: SearchIndex, word: str) -> tuple[list[str], float]:
    """A symptom's word in another language ending a compound, as German, Dutch and the
    Nordic languages build them: "Muskelkrämpfe" ends with "Krämpfe" (read as
    _foreign_form reads it). The longest such end, of six letters or more after four
    or more. No English word."""
    if len(word) < 10 or not word.isalpha() or is_english(word):
        return [], 0.0
    for cut in range(4, len(word) - 5):
        tail = word[cut:]
        if _one_symptoms_translations(index, index.words_of(tail)):
            return [tail], 0.8
        found, certainty = _foreign_form(index, tail)
        if found:
            return found, certainty * 0.95
    return [], 0.0


def _a_name_word(word: str) -> bool:
    """Whether a word can be the first word of a name said alone: not an everyday word
    ("low" of "low-dose naltrexone"), unless it is a drug's name that dictionaries also
    hold ("prednisone" of "Prednisone (high-dose oral)")."""
    return not is_english(word) or is_drug(word)
