"""The matcher: one index over names, brands, aliases, classes and symptom words.

Ranking, from strongest to weakest signal:

1. exact   the whole query is a name, brand, alias, id, class or symptom word (100)
2. words   every query word is a word of a multi-word class, name or symptom
           phrase ("interferon" -> "interferon beta", "BTK" -> "BTK inhibitor")
3. prefix  the query starts a name, brand or alias ("ocreli" -> "ocrelizumab")
4. fuzzy   a close typo of a whole key, or of one word in a key
5. text    every query word appears in the use or side-effect text (weak)

Queries of four characters or fewer (LDN, DMF, MSC, IV) only take part in
steps 1 and 2: a short string is within one or two edits of far too many
names for fuzzy matching to mean anything.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from msrx.model import STATUSES, Dataset, Treatment

# Field ranks: on equal scores a name beats a brand beats a class word.
FIELD_RANK = {
    "name": 0, "id": 0, "brand": 1, "alias": 2, "drug_class": 3, "category": 4,
    "symptom": 4, "route": 6, "use": 7, "side_effects": 8,
}
IDENTITY_FIELDS = ("name", "id", "brand", "alias")
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}

SHORT = 4  # queries this short match exactly or not at all
TEXT_SCORE = 40.0  # a match in the use or side-effect text only: a weak, last signal
FUZZY_CUTOFF = 80.0  # fuzz.ratio: one edit in five letters, two in ten
TOKEN_CUTOFF = 84.0  # a single word is fixed only when the typo is clearly one
ROUTE_WORDS = {
    "intravenous": ("iv", "infusion", "intravenous"),
    "subcutaneous": ("sc", "subq", "subcutaneous", "injection under the skin"),
    "intramuscular": ("im", "intramuscular"),
    "oral": ("oral", "pill", "tablet", "by mouth"),
    "intrathecal": ("intrathecal", "pump"),
    "nasal": ("nasal", "nose spray"),
}
CATEGORY_WORDS = {
    "dmt": ("dmt", "dmts", "disease modifying", "disease modifying therapy", "disease modifying therapies"),
    "relapse": ("relapse treatment",),
}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Words people wrap around what they mean ("aubagio tablets", "always tired",
# "medication for spasms"). They are dropped from word matching unless the
# query is nothing but these words.
STOP_WORDS = frozenset(
    "a an and at for in of on the to with my me i im am is are be get getting have having feel feeling "
    "always very really so constant constantly bad severe ms multiple sclerosis drug drugs medication "
    "medications medicine medicines tablet tablets pill pills capsule capsules treatment treatments help "
    "helps something what which".split()
)


def normalise(text: str) -> str:
    """Lowercase ASCII words: accents dropped, punctuation to spaces."""
    text = text.replace("β", " beta ").replace("α", " alpha ")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_ALNUM.sub(" ", text.casefold()).split())


def stem(word: str) -> str:
    """A plural folded to its singular, enough for class words ("benzodiazepines")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class Hit(NamedTuple):
    treatment: Treatment
    score: float
    field: str
    value: str
    symptom: str | None = None


# Id lists stored as raw machine integers: loading them is a memory copy.
INT_FIELDS = ("owners", "key_lengths", "exact_ids", "word_ids")


def _ints(value: bytes | list[int] | Sequence[int]) -> Sequence[int]:
    if isinstance(value, (bytes, bytearray, memoryview)):
        table = array("q")
        table.frombytes(value)
        return table
    return value


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
        ends: list[int] = []
        total = 0
        for item in items:
            total += len(item)
            ends.append(total)
        return ["".join(items), array("q", ends).tobytes()]

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self._ends)
        return self._text[self._ends[i - 1] if i > 0 else 0 : self._ends[i]]

    def to_data(self) -> list[Any]:
        return [self._text, array("q", self._ends).tobytes()]


class SearchIndex:
    """Keys and their owners as parallel lists and dicts of plain values, so the
    whole index can be cached (store.py) and loaded without a Python loop.

    owner >= 0 is a treatment index; owner < 0 is a symptom (-1 - symptom index),
    which expands to every treatment for that symptom; the category keys use
    owner_kind "category".
    """

    FIELDS = (
        "fields", "values", "owners", "symptom_ids", "symptom_members", "category_members",
        "key_lengths", "exact_keys", "exact_ids", "word_list", "word_ids", "statuses", "categories", "sort_names",
    )

    # Only needed for fuzzy, prefix and free-text matching and suggestions,
    # so a cache can hand them over lazily (see `load_extra`).
    EXTRA_FIELDS = (
        "text_list", "text_ids", "prefix_keys", "prefix_ids", "fuzzy_choices", "fuzzy_ids",
        "identity_choices", "identity_ids", "vocabulary",
    )
    text_list: list[str]
    text_ids: list[int]
    prefix_keys: list[str]
    prefix_ids: list[int]
    fuzzy_choices: list[str]
    fuzzy_ids: list[int]
    identity_choices: list[str]
    identity_ids: list[int]
    vocabulary: list[str]

    def __init__(self, data: dict[str, Any], load_extra: Callable[[], dict[str, Any]] | None = None) -> None:
        # Lookup tables are sorted parallel lists searched with bisect, not
        # dicts: lists of strings and ints load from the cache many times
        # faster than a dict of lists, and a lookup is still O(log n).
        self.key_lengths: Sequence[int] = _ints(data["key_lengths"])  # words in each key
        self.fields: list[str] = data["fields"]
        self.values = StringTable(*data["values"])
        self.owners: Sequence[int] = _ints(data["owners"])
        self.symptom_ids: list[str] = data["symptom_ids"]
        self.symptom_members: list[list[int]] = data["symptom_members"]
        self.category_members: dict[str, list[int]] = data["category_members"]
        self.exact_keys = StringTable(*data["exact_keys"])
        self.exact_ids: Sequence[int] = _ints(data["exact_ids"])
        self.word_list = StringTable(*data["word_list"])
        self.word_ids: Sequence[int] = _ints(data["word_ids"])
        self._load_extra = load_extra
        if "vocabulary" in data:
            self._set_extra(data)
        # Per treatment, for ranking and filtering without decoding records.
        self.statuses: list[str] = data["statuses"]
        self.categories: list[str] = data["categories"]
        self.sort_names: list[str] = data["sort_names"]

    @classmethod
    def build(cls, dataset: Dataset) -> SearchIndex:
        keys: list[str] = []
        fields: list[str] = []
        values: list[str] = []
        owners: list[int] = []

        def add(value: str, field: str, owner: int) -> None:
            key = normalise(value)
            if key:
                keys.append(key)
                fields.append(field)
                values.append(value)
                owners.append(owner)

        symptom_ids = list(dataset.symptoms)
        sym_index = {s: i for i, s in enumerate(symptom_ids)}
        symptom_members: list[list[int]] = [[] for _ in symptom_ids]
        category_members: dict[str, list[int]] = {}
        text_words: dict[str, set[int]] = {}
        for i, t in enumerate(dataset.treatments):
            add(t.name, "name", i)
            add(t.id, "id", i)
            for b in t.brands:
                add(b, "brand", i)
            for a in t.aliases:
                add(a, "alias", i)
            add(t.drug_class, "drug_class", i)
            for r in t.routes:
                for word in ROUTE_WORDS.get(r, (r,)):
                    add(word, "route", i)
            for s in t.symptoms:
                if s in sym_index:
                    symptom_members[sym_index[s]].append(i)
            category_members.setdefault(t.category, []).append(i)
            for field_name, text in (("use", t.use), ("side_effects", " ".join(t.side_effects))):
                for w in normalise(text).split():
                    if len(w) >= 4:
                        text_words.setdefault(stem(w), set()).add(i if field_name == "use" else -1 - i)
        for j, sid in enumerate(symptom_ids):
            sym = dataset.symptoms[sid]
            for word in (sid, sym.name, *sym.words):
                add(word, "symptom", -1 - j)
        for cat, cat_words in CATEGORY_WORDS.items():
            if cat in category_members:
                for word in cat_words:
                    add(word, "category:" + cat, -1)

        exact = sorted((key, k) for k, key in enumerate(keys))
        # Interned, so the cache stores each word once however often it recurs.
        words = sorted(
            {(sys.intern(stem(w)), k) for k, key in enumerate(keys) if fields[k] != "route" for w in key.split()}
        )
        text_pairs = sorted((w, owner) for w, owners_of in text_words.items() for owner in owners_of)
        prefix = sorted((key, k) for k, key in enumerate(keys) if fields[k] in IDENTITY_FIELDS)
        fuzzy_ids = [k for k in range(len(keys)) if fields[k] != "route"]
        identity_ids = [k for k in range(len(keys)) if fields[k] in IDENTITY_FIELDS]
        return cls(
            {
                "key_lengths": [len(key.split()) for key in keys], "fields": fields, "values": StringTable.pack(values), "owners": owners,
                "symptom_ids": symptom_ids, "symptom_members": symptom_members,
                "category_members": category_members,
                "exact_keys": StringTable.pack([e[0] for e in exact]), "exact_ids": [e[1] for e in exact],
                "word_list": StringTable.pack([w[0] for w in words]), "word_ids": [w[1] for w in words],
                "text_list": [p[0] for p in text_pairs], "text_ids": [p[1] for p in text_pairs],
                "prefix_keys": [p[0] for p in prefix], "prefix_ids": [p[1] for p in prefix],
                "fuzzy_choices": [keys[k] for k in fuzzy_ids], "fuzzy_ids": fuzzy_ids,
                "identity_choices": [keys[k] for k in identity_ids], "identity_ids": identity_ids,
                "vocabulary": sorted({w[0] for w in words}),
                # Interned: the cache then stores each word once, not once per treatment.
                "statuses": [sys.intern(t.status) for t in dataset.treatments],
                "categories": [sys.intern(t.category) for t in dataset.treatments],
                "sort_names": [t.name.casefold() for t in dataset.treatments],
            }
        )

    def _set_extra(self, data: dict[str, Any]) -> None:
        for name in self.EXTRA_FIELDS:
            setattr(self, name, data[name])

    def __getattr__(self, name: str) -> Any:
        # Reached only for attributes not set yet: the lazily loaded tables.
        loader = self.__dict__.get("_load_extra")
        if name in SearchIndex.EXTRA_FIELDS and loader is not None:
            self._load_extra = None
            self._set_extra(loader())
            return getattr(self, name)
        raise AttributeError(name)

    def to_data(self) -> dict[str, Any]:
        """The core tables, always loaded: strings packed, id lists as raw bytes."""
        out: dict[str, Any] = {}
        for name in self.FIELDS:
            value = getattr(self, name)
            if isinstance(value, StringTable):
                value = value.to_data()
            elif name in INT_FIELDS:
                value = array("q", value).tobytes()
            out[name] = value
        return out

    def extra_data(self) -> dict[str, Any]:
        """The tables only fuzzy, prefix and text matching need."""
        return {name: getattr(self, name) for name in self.EXTRA_FIELDS}

    # -- matching -------------------------------------------------------

    def candidates(self, query: str) -> tuple[dict[int, tuple[float, str]], list[tuple[int, str]]]:
        """For a normalised query: key index -> (score, matched value), and the
        (treatment, field) pairs matched only through their use or side-effect text."""
        found: dict[int, tuple[float, str]] = {}
        text_hits: list[tuple[int, str]] = []

        def offer(k: int, score: float) -> None:
            best = found.get(k)
            if best is None or score > best[0]:
                found[k] = (round(score, 1), self.values[k])

        q = query
        for k in _lookup(self.exact_keys, self.exact_ids, q):
            offer(k, 100.0)
        raw = q.split()
        if not raw:
            return found, text_hits
        kept = [w for w in raw if w not in STOP_WORDS] or raw
        content = [stem(w) for w in kept]
        long_query = len(q.replace(" ", "")) > SHORT
        if kept != raw:
            for k in _lookup(self.exact_keys, self.exact_ids, " ".join(kept)):
                offer(k, 98.0)

        # Words: every query word is a word of the key.
        self._word_matches([[w] for w in content], offer, factor=1.0)

        if long_query and not found:
            # Only when nothing matched exactly: a typo cannot beat an exact
            # answer, and skipping it keeps exact lookups cheap at any size.
            # Prefix of an identity key, e.g. "ocreli" -> "ocrelizumab".
            pos = bisect_left(self.prefix_keys, q)
            while pos < len(self.prefix_keys) and self.prefix_keys[pos].startswith(q):
                offer(self.prefix_ids[pos], 80.0 + 15.0 * len(q) / len(self.prefix_keys[pos]))
                pos += 1
            self._fuzzy(" ".join(kept), content, offer)

        # Weak last signal, only when nothing else matched: the words appear
        # in the use or side-effect text.
        if not found and all(len(w) >= 4 for w in content):
            text_hits = self._text_matches(content)
        return found, text_hits

    def _word_matches(self, alternatives: list[list[str]], offer: Any, factor: float) -> None:
        """Keys holding, for every query word, one of that word's alternatives."""
        common = _intersect(
            [k for w in options for k in _lookup(self.word_list, self.word_ids, w)] for options in alternatives
        )
        n = len(alternatives)
        for k in common:
            total = self.key_lengths[k]
            if total == n:
                score = 97.0  # same words, different order or plural
            else:
                score = 88.0 + 8.0 * min(n, total) / total
            offer(k, score * factor)

    def _fuzzy(self, q: str, qwords: list[str], offer: Any) -> None:
        from rapidfuzz import fuzz, process  # lazy: only searches pay for it

        # fuzz.ratio (normalised Levenshtein) for whole keys: a drug-name typo is
        # an edit or two. WRatio would also partial-match ("interferon" inside
        # "peginterferon"), which ranks substrings above real typos.
        scorer = fuzz.ratio if len(qwords) == 1 else fuzz.token_sort_ratio
        # token_sort_ratio for multi-word queries so that word order does not
        # matter ("naltrexone low dose").
        for _key, score, pos in process.extract(q, self.fuzzy_choices, scorer=scorer, score_cutoff=FUZZY_CUTOFF, limit=None):
            offer(self.fuzzy_ids[pos], score * 0.95)
        # One mistyped or shortened word inside a phrase ("muscle stifness",
        # "stem cell transplant"): each unknown word becomes the vocabulary
        # words it starts, or failing that its closest spelling.
        fixed: list[list[str]] = []
        penalty = 1.0
        for w in qwords:
            if _has(self.vocabulary, w) or len(w) <= SHORT:
                fixed.append([w])
                continue
            pos = bisect_left(self.vocabulary, w)
            longer: list[str] = []
            while pos < len(self.vocabulary) and self.vocabulary[pos].startswith(w) and len(longer) < 20:
                longer.append(self.vocabulary[pos])
                pos += 1
            if longer:
                fixed.append(longer)
                penalty = min(penalty, 0.92)
                continue
            best = process.extractOne(w, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TOKEN_CUTOFF)
            if best is None:
                return
            fixed.append([best[0]])
            penalty = min(penalty, best[1] / 100.0 * 0.95)
        if penalty < 1.0:
            self._word_matches(fixed, offer, factor=penalty)

    def _text_matches(self, qwords: list[str]) -> list[tuple[int, str]]:
        # Text postings hold t for the use text and -1 - t for the side effects.
        common = _intersect(_lookup(self.text_list, self.text_ids, w) for w in qwords)
        return [(owner, "use") if owner >= 0 else (-1 - owner, "side_effects") for owner in sorted(common)]


def _intersect(postings: Iterable[Iterable[int]]) -> set[int]:
    """Ids present in every posting list (empty as soon as one is empty)."""
    common: set[int] | None = None
    for posting in postings:
        common = set(posting) if common is None else common.intersection(posting)
        if not common:
            return set()
    return common or set()


def _lookup(sorted_keys: list[str] | StringTable, ids: Sequence[int], key: str) -> Sequence[int]:
    """The ids stored under `key` in a sorted key list with a parallel id list."""
    lo = bisect_left(sorted_keys, key)
    hi = bisect_right(sorted_keys, key, lo)
    return ids[lo:hi]


def _has(sorted_keys: list[str], key: str) -> bool:
    pos = bisect_left(sorted_keys, key)
    return pos < len(sorted_keys) and sorted_keys[pos] == key


def search(
    dataset: Dataset,
    index: SearchIndex,
    query: str,
    *,
    limit: int | None = 10,
    status: str | None = None,
    category: str | None = None,
) -> list[Hit]:
    """Ranked hits for a free-text query; best first, one hit per treatment."""
    q = normalise(query)
    if not q:
        return []
    best: dict[int, tuple[float, int, str, str, str | None]] = {}

    def consider(t: int, score: float, field: str, value: str, symptom: str | None) -> None:
        current = best.get(t)
        candidate = (score, -FIELD_RANK.get(field, 9), field, value, symptom)
        if current is None or candidate[:2] > current[:2]:
            best[t] = candidate

    key_hits, text_hits = index.candidates(q)
    for t, text_field in text_hits:
        consider(t, TEXT_SCORE, text_field, query.strip(), None)
    for k, (score, value) in key_hits.items():
        field = index.fields[k]
        owner = index.owners[k]
        if field == "symptom":
            sid = index.symptom_ids[-1 - owner]
            for t in index.symptom_members[-1 - owner]:
                consider(t, score, "symptom", value, sid)
        elif field.startswith("category:"):
            for t in index.category_members.get(field.split(":", 1)[1], ()):
                consider(t, score, "category", value, None)
        else:
            consider(owner, score, field, value, None)

    ranked = []
    for t, (score, _rank, field, value, symptom) in best.items():
        if status and index.statuses[t] != status:
            continue
        if category and index.categories[t] != category:
            continue
        ranked.append((-min(score, 100.0), FIELD_RANK.get(field, 9), STATUS_RANK.get(index.statuses[t], 9),
                       index.sort_names[t], t, field, value, symptom))
    ranked.sort()
    if limit is not None:
        ranked = ranked[:limit]
    # Only the records that are shown are decoded (see store.LazyTreatments).
    return [Hit(dataset.treatments[r[4]], -r[0], r[5], r[6], r[7]) for r in ranked]


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
    candidates = hits[:8] if hits else suggest(dataset, index, name)
    return Resolution(None, False, None, candidates)


def suggest(dataset: Dataset, index: SearchIndex, query: str, limit: int = 5) -> list[Hit]:
    """Nearest names for a query that matched nothing ("did you mean ...")."""
    from rapidfuzz import fuzz, process

    q = normalise(query)
    if len(q) < 3:
        return []
    # WRatio here, not ratio: suggestions may be loose, a partial overlap is a useful hint.
    found = process.extract(q, index.identity_choices, scorer=fuzz.WRatio, score_cutoff=60.0, limit=limit * 3)
    seen: set[int] = set()
    out: list[Hit] = []
    for _key, score, pos in found:
        k = index.identity_ids[pos]
        t = index.owners[k]
        if t in seen:
            continue
        seen.add(t)
        out.append(Hit(dataset.treatments[t], round(score, 1), index.fields[k], index.values[k]))
        if len(out) == limit:
            break
    return out
