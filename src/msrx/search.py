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
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from msrx.model import STATUSES, Dataset, Treatment

# Field ranks: on equal scores a name beats a brand beats a class word.
FIELD_RANK = {
    "name": 0, "id": 0, "brand": 1, "alias": 2, "drug_class": 3, "category": 4,
    "symptom": 4, "route": 6, "use": 7, "side_effects": 8,
}
IDENTITY_FIELDS = ("name", "id", "brand", "alias")
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}

SHORT = 4  # queries this short match exactly or not at all
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


@dataclass(frozen=True)
class Hit:
    treatment: Treatment
    score: float
    field: str
    value: str
    symptom: str | None = None


class SearchIndex:
    """Keys and their owners as parallel lists, so it can be cached as JSON.

    owner >= 0 is a treatment index; owner < 0 is a symptom (-1 - symptom index),
    which expands to every treatment for that symptom; the category keys use
    owner_kind "category".
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.keys: list[str] = data["keys"]
        self.fields: list[str] = data["fields"]
        self.values: list[str] = data["values"]
        self.owners: list[int] = data["owners"]
        self.symptom_ids: list[str] = data["symptom_ids"]
        self.symptom_members: list[list[int]] = data["symptom_members"]
        self.category_members: dict[str, list[int]] = data["category_members"]
        self.exact: dict[str, list[int]] = data["exact"]
        self.words: dict[str, list[int]] = data["words"]
        self.text_words: dict[str, list[int]] = data["text_words"]
        self.prefix_sorted: list[tuple[str, int]] = [(p[0], p[1]) for p in data["prefix_sorted"]]
        self.fuzzy_keys: list[int] = data["fuzzy_keys"]
        self.vocabulary: list[str] = sorted(self.words)

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

        exact: dict[str, list[int]] = {}
        words: dict[str, list[int]] = {}
        for k, key in enumerate(keys):
            exact.setdefault(key, []).append(k)
            if fields[k] in ("route",):
                continue
            for w in set(key.split()):
                words.setdefault(stem(w), []).append(k)
        prefix_sorted = sorted(
            (key, k) for k, key in enumerate(keys) if fields[k] in IDENTITY_FIELDS
        )
        fuzzy_keys = [k for k in range(len(keys)) if fields[k] != "route"]
        return cls(
            {
                "keys": keys, "fields": fields, "values": values, "owners": owners,
                "symptom_ids": symptom_ids, "symptom_members": symptom_members,
                "category_members": category_members, "exact": exact, "words": words,
                "text_words": {w: sorted(s) for w, s in text_words.items()},
                "prefix_sorted": prefix_sorted, "fuzzy_keys": fuzzy_keys,
            }
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "keys": self.keys, "fields": self.fields, "values": self.values, "owners": self.owners,
            "symptom_ids": self.symptom_ids, "symptom_members": self.symptom_members,
            "category_members": self.category_members, "exact": self.exact, "words": self.words,
            "text_words": self.text_words, "prefix_sorted": self.prefix_sorted,
            "fuzzy_keys": self.fuzzy_keys,
        }

    # -- matching -------------------------------------------------------

    def candidates(self, query: str) -> dict[int, tuple[float, int, str]]:
        """Map key index -> (score, rank tiebreak, matched value) for a normalised query."""
        found: dict[int, tuple[float, int, str]] = {}

        def offer(k: int, score: float, value: str | None = None) -> None:
            best = found.get(k)
            if best is None or score > best[0]:
                found[k] = (round(score, 1), 0, value if value is not None else self.values[k])

        q = query
        for k in self.exact.get(q, ()):
            offer(k, 100.0)
        raw = q.split()
        if not raw:
            return found
        kept = [w for w in raw if w not in STOP_WORDS] or raw
        content = [stem(w) for w in kept]
        long_query = len(q.replace(" ", "")) > SHORT
        if kept != raw:
            for k in self.exact.get(" ".join(kept), ()):
                offer(k, 98.0)

        # Words: every query word is a word of the key.
        self._word_matches([[w] for w in content], offer, factor=1.0)

        if long_query:
            # Prefix of an identity key, e.g. "ocreli" -> "ocrelizumab".
            pos = bisect_left(self.prefix_sorted, (q, -1))
            while pos < len(self.prefix_sorted) and self.prefix_sorted[pos][0].startswith(q):
                key, k = self.prefix_sorted[pos]
                offer(k, 80.0 + 15.0 * len(q) / len(key))
                pos += 1
            self._fuzzy(" ".join(kept), content, offer)

        # Weak last signal: the words appear in the use or side-effect text.
        if all(len(w) >= 4 for w in content):
            self._text_matches(content, found)
        return found

    def _word_matches(self, alternatives: list[list[str]], offer: Any, factor: float) -> None:
        """Keys holding, for every query word, one of that word's alternatives."""
        common: set[int] | None = None
        for options in alternatives:
            keys: set[int] = set()
            for w in options:
                keys.update(self.words.get(w, ()))
            common = keys if common is None else common & keys
            if not common:
                return
        n = len(alternatives)
        for k in common or ():
            total = len(self.keys[k].split())
            if total == n:
                score = 97.0  # same words, different order or plural
            else:
                score = 88.0 + 8.0 * min(n, total) / total
            offer(k, score * factor)

    def _fuzzy(self, q: str, qwords: list[str], offer: Any) -> None:
        from rapidfuzz import fuzz, process  # lazy: only searches pay for it

        choices = {k: self.keys[k] for k in self.fuzzy_keys}
        # fuzz.ratio (normalised Levenshtein) for whole keys: a drug-name typo is
        # an edit or two. WRatio would also partial-match ("interferon" inside
        # "peginterferon"), which ranks substrings above real typos.
        scorer = fuzz.ratio if len(qwords) == 1 else fuzz.token_sort_ratio
        # token_sort_ratio for multi-word queries so that word order does not
        # matter ("naltrexone low dose").
        for _key, score, k in process.extract(q, choices, scorer=scorer, score_cutoff=FUZZY_CUTOFF, limit=None):
            offer(k, score * 0.95)
        # One mistyped or shortened word inside a phrase ("muscle stifness",
        # "stem cell transplant"): each unknown word becomes the vocabulary
        # words it starts, or failing that its closest spelling.
        fixed: list[list[str]] = []
        penalty = 1.0
        for w in qwords:
            if w in self.words or len(w) <= SHORT:
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

    def _text_matches(self, qwords: list[str], found: dict[int, tuple[float, int, str]]) -> None:
        postings = [self.text_words.get(w) for w in qwords]
        if not all(postings):
            return
        common = set(postings[0] or ())
        for p in postings[1:]:
            common.intersection_update(p or ())
        for owner in common:
            # Encoded as a negative "key" so it never collides with a real key.
            field_name = "use" if owner >= 0 else "side_effects"
            t = owner if owner >= 0 else -1 - owner
            found[-10 - t * 2 - (0 if owner >= 0 else 1)] = (40.0, t, field_name)


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

    for k, (score, extra, value) in index.candidates(q).items():
        if k <= -10:  # text match, see _text_matches
            consider(extra, score, value, query.strip(), None)
            continue
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

    hits = []
    for t, (score, _rank, field, value, symptom) in best.items():
        tr = dataset.treatments[t]
        if status and tr.status != status:
            continue
        if category and tr.category != category:
            continue
        hits.append(Hit(tr, min(score, 100.0), field, value, symptom))
    hits.sort(key=lambda h: (-h.score, FIELD_RANK.get(h.field, 9), STATUS_RANK.get(h.treatment.status, 9), h.treatment.name.casefold()))
    return hits if limit is None else hits[:limit]


@dataclass(frozen=True)
class Resolution:
    """What `show NAME` resolved to: one treatment, or the candidates."""

    treatment: Treatment | None
    exact: bool
    hit: Hit | None
    candidates: list[Hit]


def resolve(dataset: Dataset, index: SearchIndex, name: str) -> Resolution:
    """One clear best identity match, or the closest candidates."""
    hits = [h for h in search(dataset, index, name, limit=None)]
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
    choices = {k: index.keys[k] for k, f in enumerate(index.fields) if f in IDENTITY_FIELDS}
    # WRatio here, not ratio: suggestions may be loose, a partial overlap is a useful hint.
    found = process.extract(q, choices, scorer=fuzz.WRatio, score_cutoff=60.0, limit=limit * 3)
    seen: set[int] = set()
    out: list[Hit] = []
    for _key, score, k in found:
        t = index.owners[k]
        if t in seen:
            continue
        seen.add(t)
        out.append(Hit(dataset.treatments[t], round(score, 1), index.fields[k], index.values[k]))
        if len(out) == limit:
            break
    return out
