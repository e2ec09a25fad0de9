"""The search index: every name, brand, alias, device, class, route and symptom word
as sorted parallel tables, built once per dataset and cached (store.py).

Plain lists, packed strings (StringTable) and raw int arrays rather than
dicts of objects: the cache loads them with a memory copy, and lookups are
bisects. Tables only typos, prefixes, side effects and suggestions need are
loaded lazily, in groups. Building it is msrx.index_build's job; matching and
ranking are in msrx.match and msrx.search.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence, Sized
from itertools import accumulate, chain
from typing import Any, ClassVar

from msrx import dosing
from msrx.english import is_common_abroad, is_english  # the word lists are read on the first question, not on import
from msrx.model import Dataset, for_form
from msrx.query import matches_interval
from msrx.wording import stem

IDENTITY_FIELDS = ("name", "id", "brand", "alias", "device")
# The fields that name a treatment or its class: what a question is asked of.
NAMING_FIELDS = (*IDENTITY_FIELDS, "drug_class")
# Symptom keys read as typed: patients' phrases and a symptom's names in other
# languages. Never a target for typos, a fuzzy phrase or a suggestion.
AS_TYPED = ("phrase", "translation")
SHORT = 4  # words this short match exactly or not at all
FUZZY_CUTOFF = 80.0  # fuzz.ratio: one edit in five letters, two in ten
WORD_ALIKE = 75.0  # fuzz.ratio: a typo of a word still looks like it ("fecal" is not "facial")
# The same for a drug's name written as other languages do, once their letters are
# made one (see _latin): "ciclofosfamid" (Spanish, less its "a") and Czech "cyklofosfamid"
# score 96 against "cyclophosphamide", "prosecc" and "prozac" 62.
ROMANCE_ALIKE = 85.0
TOKEN_CUTOFF = 83.0  # a single word is fixed only when the typo is clearly one (one slip in six letters)
SCRAMBLED = 7  # a name's letters moved about and one missing or extra: only from this long

# Id lists stored as raw machine integers: loading them is a memory copy.
INT_FIELDS = ("owners", "key_lengths", "exact_ids", "word_ids", "years", "phases")
# The same for the lazily loaded spelling tables.
STRING_TABLES = ("vocabulary", "sound_keys", "spell_words", "prefix_keys")
INT_TABLES = ("sound_words", "spell_lengths", "prefix_ids")


def _ints(value: bytes | list[int] | Sequence[int]) -> Sequence[int]:
    # A view of the cache's bytes, not a copy: copying the id tables of a
    # 10,000-treatment dataset cost about 1.5 ms of its start-up.
    if isinstance(value, (bytes, bytearray, memoryview)):
        return memoryview(value).cast("B").cast("q")  # a view of any shape is read as its bytes
    return value


def _packed_ends(items: Iterable[Sized]) -> bytes:
    """Where each item ends when all are laid end to end, as raw machine integers:
    the offsets StringTable and IntLists keep beside their one string or array."""
    return array("q", accumulate(len(item) for item in items)).tobytes()


class StringTable:
    """Many strings stored as one string and a list of end offsets.

    A cache loads one long string and a list of ints far faster than tens
    of thousands of separate strings, and bisect works on it directly.
    """

    __slots__ = ("_ends", "_text")

    def __init__(self, text: str, ends: bytes | list[int] | Sequence[int]) -> None:
        self._text = text
        self._ends = _ints(ends)

    @classmethod
    def pack(cls, items: list[str]) -> list[Any]:
        return ["".join(items), _packed_ends(items)]

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self._ends)
        return self._text[self._ends[i - 1] if i > 0 else 0 : self._ends[i]]

    def to_data(self) -> list[Any]:
        return [self._text, array("q", self._ends).tobytes()]

    def lines(self, lo: int, hi: int) -> list[str]:
        """Items lo..hi-1 of a table whose items each end in a newline, split in one C call."""
        if hi <= lo:
            return []
        return self._text[self._ends[lo - 1] if lo > 0 else 0 : self._ends[hi - 1] - 1].split("\n")


class IntLists:
    """Many lists of ints stored as one array and a list of end offsets: the
    treatments of each symptom, class or route. Loaded from the cache as two
    views of its bytes, where a list of lists costs an int object per member (on
    a 10,000-treatment dataset about 100,000 of them, some 4 ms at start-up)."""

    __slots__ = ("_ends", "_items")

    def __init__(self, items: bytes | Sequence[int], ends: bytes | Sequence[int]) -> None:
        self._items = _ints(items)
        self._ends = _ints(ends)

    @classmethod
    def pack(cls, lists: Sequence[Sequence[int]]) -> list[bytes]:
        return [array("q", chain.from_iterable(lists)).tobytes(), _packed_ends(lists)]

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> Sequence[int]:
        if i < 0:
            i += len(self._ends)
        return self._items[self._ends[i - 1] if i > 0 else 0 : self._ends[i]]

    def to_data(self) -> list[bytes]:
        return [array("q", self._items).tobytes(), array("q", self._ends).tobytes()]


def _one_letter_apart(first: str, second: str) -> bool:
    """Whether two words hold the same letters but one (in any order)."""
    a, b = Counter(first), Counter(second)
    return sum(((a - b) + (b - a)).values()) == 1


def _shared_start(a: str, b: str) -> int:
    """How many first letters two words share."""
    n = 0
    for x, y in zip(a, b, strict=False):  # words of different lengths
        if x != y:
            break
        n += 1
    return n


# Endings that make a form of the same word, whole or as the stemmer leaves
# them ("rapidl" of rapidly, "obsessiv", "occurrenc"): "laughers" is a form of
# laugh and "impair" of impairment, where "station" is no statin and
# "interfere" no interferon.
_ENDINGS = frozenset((
    "", "s", "es", "e", "d", "ed", "ing", "er", "ers", "ly", "l", "y", "ies", "ied", "ness", "ment", "al", "ic",
    "ive", "iv", "ity", "it", "ful", "less", "ous", "ion", "ation", "at", "ate", "acy", "ac",
))


def a_form_of(word: str, other: str) -> bool:
    """Whether two spellings are forms of one word: the same start (four
    letters or more), each then ending in nothing or an ending that makes a
    form (see _ENDINGS): "intimat-e" and "intimac-y" share "intim" and end in
    "at" and "ac"."""
    n = _shared_start(word, other)
    return any(word[k:] in _ENDINGS and other[k:] in _ENDINGS for k in range(n, 3, -1))


def words_alike(words: list[str], key: str) -> bool:
    """Whether each word typed looks like one of the key's words: a phrase may
    be close as a whole while one word is another word ("legs jelly" is not
    "jerky legs", "malic acid" not "lipoic acid")."""
    from rapidfuzz import fuzz  # lazy: only typos and suggestions pay for it

    parts = key.split()
    return all(max(fuzz.ratio(w, p) for p in parts) >= WORD_ALIKE for w in words)


def sound(word: str) -> str:
    """A sound-alike key: spellings people confuse map to one form.

    "obagio" and "aubagio", "tecfedera" and "tecfidera", "copaxane" and
    "copaxone" meet here: vowels are one letter, doubled letters one, and
    c/k, ph/f, x/ks, z/s are the same sound.
    """
    w = word.replace("ph", "f").replace("ck", "k").replace("qu", "kw").replace("x", "ks").replace("z", "s")
    w = w.replace("th", "t").replace("c", "k").replace("y", "i")
    out: list[str] = []
    for ch in w:
        ch = "a" if ch in "aeiou" else ch
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


class SearchIndex:
    """Keys and their owners as parallel lists and dicts of plain values, so the
    whole index can be cached (store.py) and loaded without a Python loop.

    owner >= 0 is a treatment index. owner < 0 names a set of treatments: for a
    symptom key, symptom -1 - owner (every treatment for that symptom); for a
    class or route key, group -1 - owner of `groups`; category keys (field
    "category:<word>") expand to `category_members`.
    """

    FIELDS = (
        "fields", "values", "owners", "symptom_ids", "symptom_members", "category_members",
        "key_lengths", "exact_keys", "exact_ids", "word_list", "word_ids", "statuses", "categories", "sort_names",
        "routes", "ms_forms", "years", "phases", "intervals", "recorded", "firsts", "groups",
    )

    # Only needed for fuzzy, prefix and free-text matching and suggestions, so
    # a cache hands them over lazily (see `load_extra`), in groups loaded only
    # when a query needs them: a typo needs the spelling tables, a side-effect
    # lookup the text tables, a prefix, a phrase typo and a suggestion one each.
    EXTRA_GROUPS: ClassVar[dict[str, tuple[str, ...]]] = {
        "spell": ("vocabulary", "sound_keys", "sound_words", "spell_words", "spell_lengths"),
        "text": ("text_list", "text_ids", "monitor_list", "monitor_ids", "warning_list", "warning_ids"),
        "prefix": ("prefix_keys", "prefix_ids"),
        "phrases": ("fuzzy_choices", "fuzzy_ids"),
        "names": ("identity_choices", "identity_ids"),
    }
    EXTRA_FIELDS = tuple(name for group in EXTRA_GROUPS.values() for name in group)
    text_list: list[str]
    text_ids: list[int]
    monitor_list: list[str]
    monitor_ids: list[int]
    warning_list: list[str]
    warning_ids: list[int]
    prefix_keys: StringTable
    prefix_ids: Sequence[int]
    fuzzy_choices: list[str]
    fuzzy_ids: list[int]
    identity_choices: list[str]
    identity_ids: list[int]
    vocabulary: StringTable
    sound_keys: StringTable
    sound_words: Sequence[int]
    spell_words: StringTable
    spell_lengths: Sequence[int]

    def __init__(self, data: dict[str, Any], load_extra: Callable[[str], dict[str, Any]] | None = None) -> None:
        # Lookup tables are sorted parallel lists searched with bisect, not
        # dicts: lists of strings and ints load from the cache many times
        # faster than a dict of lists, and a lookup is still O(log n).
        self.key_lengths: Sequence[int] = _ints(data["key_lengths"])  # content words in each key
        self.fields: list[str] = data["fields"]
        self.values = StringTable(*data["values"])
        self.owners: Sequence[int] = _ints(data["owners"])
        self.symptom_ids: list[str] = data["symptom_ids"]
        # Per symptom: [treatment, position of the symptom in its list, ...] pairs.
        self.symptom_members = IntLists(*data["symptom_members"])
        self.category_members: dict[str, Sequence[int]] = {c: _ints(m) for c, m in data["category_members"].items()}
        self.groups = IntLists(*data["groups"])  # treatments of each class or route key
        self.exact_keys = StringTable(*data["exact_keys"])
        self.exact_ids: Sequence[int] = _ints(data["exact_ids"])
        self.word_list = StringTable(*data["word_list"])
        self.word_ids: Sequence[int] = _ints(data["word_ids"])
        self._load_extra = load_extra
        if "vocabulary" in data:
            self._set_extra(data, self.EXTRA_FIELDS)
        # Per treatment, for ranking and filtering without decoding records.
        self.statuses: list[str] = data["statuses"]
        self.categories: list[str] = data["categories"]
        self.sort_names = StringTable(*data["sort_names"])
        self.routes: list[str] = data["routes"]  # comma-joined
        self.ms_forms: list[str] = data["ms_forms"]  # comma-joined model.MS_FORMS
        self.years: Sequence[int] = _ints(data["years"])  # FDA approval year, 0 when none
        self.phases: Sequence[int] = _ints(data["phases"])  # place in model.TRIAL_PHASES, from 1; 0 when none
        self.intervals: list[str] = data["intervals"]  # comma-joined dosing intervals in days
        self.recorded: list[str] = data["recorded"]  # comma-joined topics (topics.TOPICS) its record says something of
        self.firsts: list[str] = data["firsts"]  # comma-joined "symptom:place" of each first_choice it is in

    def first_choice(self, t: int, symptom: str | None) -> int:
        """Where a treatment stands among a symptom's usual first choices (0 is
        the most usual), or 99 when it is not one. Found without a symptom (a
        class, a route) it stands where it stands best: "oral steroids" lists
        the relapse steroids in their relapse order."""
        places = [(s, int(p)) for s, _, p in (f.partition(":") for f in self.firsts[t].split(",") if f)]
        return min((p for s, p in places if symptom is None or s == symptom), default=99)

    def treats_none(self, symptom: str) -> bool:
        """Whether no treatment is for this symptom (its note says how it is managed)."""
        return not self.symptom_members[self.symptom_ids.index(symptom)]

    @classmethod
    def build(cls, dataset: Dataset) -> SearchIndex:
        # Imported here: only a cache miss builds an index.
        from msrx.index_build import build_data

        return cls(build_data(dataset))

    def _set_extra(self, data: dict[str, Any], names: tuple[str, ...]) -> None:
        for name in names:
            value = data[name]
            if name in STRING_TABLES:
                value = StringTable(*value)
            elif name in INT_TABLES:
                value = _ints(value)
            setattr(self, name, value)

    def __getattr__(self, name: str) -> Any:
        # Reached only for attributes not set yet: the lazily loaded tables.
        loader = self.__dict__.get("_load_extra")
        if loader is not None:
            for group, names in SearchIndex.EXTRA_GROUPS.items():
                if name in names:
                    self._set_extra(loader(group), names)
                    return getattr(self, name)
        raise AttributeError(name)

    def to_data(self) -> dict[str, Any]:
        """The core tables, always loaded: strings packed, id lists as raw bytes."""
        return self._as_data(self.FIELDS, INT_FIELDS)

    def extra_data(self, group: str | None = None) -> dict[str, Any]:
        """The tables only fuzzy, prefix and text matching need (one group, or all), as plain data."""
        return self._as_data(self.EXTRA_GROUPS[group] if group else self.EXTRA_FIELDS, INT_TABLES)

    def _as_data(self, names: tuple[str, ...], ints: tuple[str, ...]) -> dict[str, Any]:
        """Tables as marshal-ready data: a StringTable as its packed string, an id list as raw bytes."""
        out: dict[str, Any] = {}
        for name in names:
            value = getattr(self, name)
            if isinstance(value, (StringTable, IntLists)):
                value = value.to_data()
            elif name == "category_members":
                value = {c: array("q", m).tobytes() for c, m in value.items()}
            elif name in ints:
                value = array("q", value).tobytes()
            out[name] = value
        return out

    # -- matching -------------------------------------------------------

    def exact(self, key: str) -> Sequence[int]:
        return _lookup(self.exact_keys, self.exact_ids, key)

    def words_of(self, word: str) -> Sequence[int]:
        return _lookup(self.word_list, self.word_ids, word)

    def names_a_treatment(self, word: str) -> bool:
        """Whether a stem is a word of a treatment's name, brand, alias or class."""
        return any(self.fields[k] in NAMING_FIELDS for k in self.words_of(word))

    def spellings(self, word: str, last: bool = True, typed: str = "") -> tuple[list[str], float]:
        """Index words a query word may have meant, and how sure that is (0-1).

        A word is read as the prefix of the vocabulary words it starts
        ("ocreli") when it is `last`: where a person may have stopped typing.
        Followed by a word msrx does not know, it was finished, and is another
        word ("gamma knife" is no Gammagard, "methyl folate" no
        methylphenidate). Otherwise its sound-alike, then its closest
        spelling, then a same-letters swap. A common English word (`typed`,
        the word as typed, when `word` is its stem) is read only as a form of
        itself.
        """
        if len(word) <= SHORT or not word.isalpha():
            return [], 0.0
        longer = starting_with(self.vocabulary, word) if last else []
        if longer and is_english(typed or word):
            # A finished word, not the start of a name: "interfere" is no interferon.
            longer = [w for w in longer if a_form_of(word, w)]
        elif longer and is_common_abroad(typed or word):
            longer = [w for w in longer if not self.names_a_treatment(w)]  # Spanish "copa" is no Copaxone
        if longer:
            return longer, 0.92
        options, certainty = self._closest(word)
        if not last:  # nor, by sound, a longer word it starts ("gamma" sounds like Gammaked)
            options = [w for w in options if not w.startswith(word)]
        if options and is_english(typed or word):
            # A real word is no typo of another ("infection" is not
            # "injection", "station" no statin), only of a form of itself
            # ("laughers", "laugh").
            options = [w for w in options if a_form_of(word, w)]
        elif options and is_common_abroad(typed or word):
            # Nor is another language's everyday word a misspelt name: French
            # "savoir" is no Avloire. Its symptom words may still be meant.
            options = [w for w in options if not self.names_a_treatment(w)]
        return (options, certainty) if options else ([], 0.0)

    def _closest(self, word: str) -> tuple[list[str], float]:
        """A word's sound-alike, else its closest spelling, else a same-letters swap.
        First, a letter typed twice: "slurr" is "slur" (of "slurred"), a word
        too short for the vocabulary that fuzzy spelling searches."""
        for i in range(len(word) - 1):
            if word[i] == word[i + 1]:
                single = word[:i] + word[i + 1:]
                for form in (single, stem(single)):
                    if self.words_of(form):
                        return [form], 0.9
        vocab = self.vocabulary
        alike = [vocab[n] for n in _lookup(self.sound_keys, self.sound_words, sound(word))]
        from rapidfuzz import fuzz, process  # lazy: only typos pay for it

        # A sound-alike must still look alike: "fecal" sounds like "facial".
        alike = [w for w in alike if fuzz.ratio(word, w) >= WORD_ALIKE]
        if alike:
            return alike[:5], 0.9
        if len(word) >= 7:
            # A drug's name as other languages write it: Spanish, Italian and Portuguese
            # with a vowel for English's last letters ("oxibutinina", "ciclofosfamida",
            # "metilfenidato", "fluossetina", "idrossizina"), Czech, Polish and the Nordic
            # languages with none ("cyklofosfamid"). Both sound as the English name
            # without its silent "e" does.
            for form in _romance_forms(word[:-1] if word[-1] in "aeo" else word):
                key = sound(form)
                found = [vocab[n] for n in (*_lookup(self.sound_keys, self.sound_words, key),
                                            *_lookup(self.sound_keys, self.sound_words, key + "a"))]
                # Spelt alike once the languages' letters are: "prosecco" sounds like Prozac, no more.
                found = [w for w in found if fuzz.ratio(_latin(form), _latin(w)) >= ROMANCE_ALIKE]
                if found:
                    return found[:5], 0.9

        # fuzz.ratio >= TOKEN_CUTOFF needs lengths within this window.
        lo = bisect_left(self.spell_lengths, int(len(word) * 0.72))
        hi = bisect_right(self.spell_lengths, int(len(word) / 0.72) + 1)
        window = self.spell_words.lines(lo, hi)
        best = process.extract(word, window, scorer=fuzz.ratio, score_cutoff=TOKEN_CUTOFF, limit=5)
        # A short word two letters short of a name is another word: French "étais" is no Betanis.
        best = [b for b in best if len(word) > 5 or abs(len(b[0]) - len(word)) <= 1]
        if best:
            # Equally close, the one that starts as the typo does: people seldom
            # get a name's first letters wrong ("oxcarbamazepine" is two edits
            # from carbamazepine and from oxcarbazepine; it means the latter).
            top = max(best, key=lambda b: (b[1], _shared_start(word, b[0])))
            return [top[0]], top[1] / 100.0 * 0.95
        letters = sorted(word)
        for w in window:
            if len(w) == len(word) and w[0] == word[0] and sorted(w) == letters:
                return [w], 0.86  # two letters swapped: "savitex" -> "sativex"
        if len(word) >= SCRAMBLED:
            # Letters moved about and one dropped or added: "sipnomid" for siponimod
            # (three edits, too far for the spelling ratio; the same letters but one).
            for w in window:
                if w[0] == word[0] and abs(len(w) - len(word)) == 1 and _one_letter_apart(w, word):
                    return [w], 0.84
        return [], 0.0

    def whole_key_typos(self, q: str, offer: Callable[[int, float], None]) -> None:
        """Close typos of a whole multi-word key ("stem cel transplant")."""
        from rapidfuzz import fuzz, process

        # token_sort_ratio so that word order does not matter ("naltrexone low dose").
        words = q.split()
        for key, score, pos in process.extract(q, self.fuzzy_choices, scorer=fuzz.token_sort_ratio,
                                               score_cutoff=FUZZY_CUTOFF, limit=None):
            if words_alike(words, key):
                offer(self.fuzzy_ids[pos], score * 0.95)

    def prefixes(self, q: str, offer: Callable[[int, float], None]) -> None:
        """Names, brands, aliases and devices the query starts ("ocreli" -> "ocrelizumab")."""
        pos = bisect_left(self.prefix_keys, q)
        while pos < len(self.prefix_keys) and self.prefix_keys[pos].startswith(q):
            offer(self.prefix_ids[pos], 80.0 + 15.0 * len(q) / len(self.prefix_keys[pos]))
            pos += 1

    def text_matches(self, qwords: Iterable[str]) -> list[tuple[int, str]]:
        # Text postings hold t for the use text and -1 - t for the side effects.
        common = _holding_all(self.text_list, self.text_ids, qwords)
        return [(owner, "use") if owner >= 0 else (-1 - owner, "side_effects") for owner in common]

    def warning_matches(self, qwords: Iterable[str]) -> list[int]:
        """Treatments whose warnings hold every one of these stems ("pml")."""
        return _holding_all(self.warning_list, self.warning_ids, qwords)

    def monitoring_matches(self, qwords: Iterable[str]) -> list[int]:
        """Treatments whose monitoring names every one of these stems ("jc virus", "eye")."""
        return _holding_all(self.monitor_list, self.monitor_ids, qwords)

    def satisfies(self, t: int, field: str, value: str) -> bool:
        if field == "route":
            # A route intent is a group of `list --route` (oral, injection,
            # infusion) or one route ("into the muscle" -> intramuscular).
            return any(r in dosing.ROUTE_GROUPS.get(value, (value,)) for r in self.routes[t].split(","))
        if field == "category":
            return self.categories[t] == value
        if field == "ms_form":
            return for_form(self.ms_forms[t].split(","), value)
        if field == "interval":
            return any(matches_interval(int(d), int(value)) for d in self.intervals[t].split(",") if d)
        return self.statuses[t] == value

    def forms_covered(self, t: int, asked: tuple[str, ...]) -> int:
        """How many of the forms of MS asked (MS_FORM_WORDS) a treatment's forms cover, each form counted once."""
        if not asked:
            return 0
        mine = self.ms_forms[t].split(",")
        return len({f for a in asked for f in mine if for_form((f,), a)})

    def members(self, field: str, value: str) -> list[int]:
        """Every treatment an intent describes, in index order."""
        return [t for t in range(len(self.statuses)) if self.satisfies(t, field, value)]


def _holding_all(words: list[str], owners: Sequence[int], qwords: Iterable[str]) -> list[int]:
    """The owners, in order, posted under every one of these stems in a sorted word table."""
    return sorted(_intersect(_lookup(words, owners, w) for w in qwords))


def _intersect(postings: Iterable[Iterable[int]]) -> set[int]:
    """Ids present in every posting list (empty as soon as one is empty)."""
    common: set[int] | None = None
    for posting in postings:
        common = set(posting) if common is None else common.intersection(posting)
        if not common:
            return set()
    return common or set()


def _latin(word: str) -> str:
    """A drug name with the letters the Romance languages spell otherwise made one:
    ph/f, th/t, y/i, k/c, x/ss, and no silent h."""
    return word.replace("ph", "f").replace("th", "t").replace("y", "i").replace("k", "c").replace("h", "").replace("x", "ss")


def _romance_forms(stem: str) -> tuple[str, ...]:
    """The spellings an international drug name may stand for, as another language
    writes it (Spanish, Italian and Portuguese without their last vowel; Czech, Polish
    and the Nordic languages as written): itself, Italian "ss" for "x" ("fluossetin":
    fluoxetine), and a silent "h" restored ("idrossizin": hydroxyzine)."""
    forms = [stem, stem.replace("ss", "x")]
    if stem[0] in "aeiou":
        forms += ["h" + f for f in forms]
    return tuple(forms)


def starting_with(table: StringTable, head: str, most: int = 20) -> list[str]:
    """The distinct words of a sorted table that start with `head`, at most `most`."""
    pos = bisect_left(table, head)
    found: list[str] = []
    while pos < len(table) and table[pos].startswith(head) and len(found) < most:
        if not found or found[-1] != table[pos]:
            found.append(table[pos])
        pos += 1
    return found


def _lookup(sorted_keys: list[str] | StringTable, ids: Sequence[int], key: str) -> Sequence[int]:
    """The ids stored under `key` in a sorted key list with a parallel id list."""
    lo = bisect_left(sorted_keys, key)
    hi = bisect_right(sorted_keys, key, lo)
    return ids[lo:hi]
