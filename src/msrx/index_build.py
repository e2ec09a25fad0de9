"""Building the search index from a dataset: every name, brand, alias,
device, class, route and symptom word as a key, and the tables search needs.

Run only when the cache (store.py) has no index for this dataset, so an
ordinary lookup never imports it. msrx.index holds the built index and its
lookups.
"""

from __future__ import annotations

import sys
from array import array
from typing import Any

from msrx import dosing
from msrx.index import AS_TYPED, IDENTITY_FIELDS, SHORT, IntLists, StringTable, sound
from msrx.model import TRIAL_PHASES, Dataset
from msrx.query import FILLER
from msrx.topics import TOPICS
from msrx.wording import normalise, stem

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
# Words people use for a class, and a word of the class they mean. Checked
# against each treatment's class, so they only ever find real members.
CLASS_WORDS: dict[str, str | tuple[str, ...]] = {
    # "CRAB" and "ABC(R)": Copaxone, Rebif, Avonex, Betaseron, the first injectable MS drugs.
    "crab": ("interferon", "glatiramer"), "crab drugs": ("interferon", "glatiramer"),
    "abc drugs": ("interferon", "glatiramer"), "abcr": ("interferon", "glatiramer"),
    "abcr drugs": ("interferon", "glatiramer"),
    "cannabis": "cannabinoid", "marijuana": "cannabinoid", "medical marijuana": "cannabinoid",
    "thc": "cannabinoid", "cannabinoids": "cannabinoid",
    "b cell": "cd20", "b cells": "cd20", "b cell therapy": "cd20", "b cell depleting": "cd20", "cd20": "cd20",
    "anti cd20": "cd20", "s1p": "s1p", "s1p modulator": "s1p", "sphingosine": "s1p",
    "steroid": "corticosteroid", "steroids": "corticosteroid", "fumarate": "fumarate", "fumarates": "fumarate",
    # Steroids as people say them elsewhere: "bolos de corticoides", "Kortison" or "Cortison" (German,
    # both spellings, for the steroids of a relapse), and so French and Italian "cortisone" ("bolus de
    # cortisone"): the class, since msrx holds no cortisone acetate itself (other_drugs.txt no longer lists it).
    "kortison": "corticosteroid", "cortison": "corticosteroid", "kortikoide": "corticosteroid", "corticoide": "corticosteroid",
    "corticoides": "corticosteroid", "corticosteroides": "corticosteroid", "corticosteroidi": "corticosteroid",
    # The fumarates are fumaric acid esters (German "Fumarsäureester", often just "Fumarsäure").
    "fumaric acid": "fumarate", "fumaric acid ester": "fumarate", "fumaric acid esters": "fumarate",
    "fumarsaure": "fumarate", "fumarsaureester": "fumarate",
    "interferon": "interferon", "interferons": "interferon", "beta interferon": "interferon",
    "btk": "btk", "btki": "btk", "antidepressant": "antidepressant", "antidepressants": "antidepressant",
    "muscle relaxant": "muscle relaxant", "muscle relaxants": "muscle relaxant", "stimulant": "stimulant",
    "stimulants": "stimulant", "anticholinergic": "anticholinergic", "antispasmodic": "muscle relaxant",
    "immunosuppressant": "immunosuppressant", "chemo": "chemotherapy", "chemotherapy": "chemotherapy",
    "monoclonal": "monoclonal", "antibody": "monoclonal", "biologic": "monoclonal", "biologics": "monoclonal",
    "stem cell": "stem cell", "stem cells": "stem cell",
    # The same in German, French, Spanish, Italian and Dutch ("zur Stammzelltransplantation in Moskau").
    "stammzellen": "stem cell", "stammzelltransplantation": "stem cell", "stammzelltherapie": "stem cell",
    "cellules souches": "stem cell", "celulas madre": "stem cell", "cellule staminali": "stem cell",
    "stamcellen": "stem cell", "stamceltransplantatie": "stem cell",
}


def build_data(dataset: Dataset) -> dict[str, Any]:
    """The index of `dataset` as the plain data a SearchIndex is made from (and the cache stores)."""
    keys: list[str] = []
    fields: list[str] = []
    values: list[str] = []
    owners: list[int] = []

    def add(value: str, field: str, owner: int, key: str | None = None) -> None:
        key = normalise(value if key is None else key)
        if key:
            keys.append(key)
            fields.append(field)
            values.append(value)
            owners.append(owner)

    # Class and route keys are shared by many treatments: one key per
    # distinct class or route word, owning a group of treatments (owner
    # -1 - group), instead of one key per treatment.
    groups: list[list[int]] = []
    group_at: dict[tuple[str, str, str], int] = {}

    def join(value: str, field: str, member: int, key: str | None = None) -> None:
        at = (field, normalise(value if key is None else key), value)
        g = group_at.get(at)
        if g is None:
            g = group_at[at] = len(groups)
            groups.append([])
            add(value, field, -1 - g, key=key)
        groups[g].append(member)

    symptom_ids = list(dataset.symptoms)
    sym_index = {s: i for i, s in enumerate(symptom_ids)}
    symptom_members: list[list[int]] = [[] for _ in symptom_ids]
    category_members: dict[str, list[int]] = {}
    text_words: dict[str, set[int]] = {}
    monitor_words: dict[str, set[int]] = {}  # the tests each treatment's monitoring lists
    warning_words: dict[str, set[int]] = {}  # the words of each treatment's warnings
    run_together: set[int] = set()  # symptom words' keys written without their space
    for i, t in enumerate(dataset.treatments):
        for value, field in ((t.name, "name"), (t.id, "id"), *((b, "brand") for b in t.brands),
                             *((a, "alias") for a in t.aliases), *((d, "device") for d in t.devices)):
            key = normalise(value)
            add(value, field, i, key=key)
            if field != "id" and " " in key:
                # Written without its spaces or hyphens too: "solumedrol", "bg12",
                # and a name as German writes it, "Dimethylfumarat" (a typo of "dimethylfumarate").
                add(value, field, i, key=key.replace(" ", ""))
        join(t.drug_class, "drug_class", i)
        cls_key = f" {normalise(t.drug_class)} "
        for word, parts in CLASS_WORDS.items():
            for part in (parts,) if isinstance(parts, str) else parts:
                if f" {part} " in cls_key or (" " not in part and part in cls_key):
                    join(t.drug_class, "drug_class", i, key=word)
                    break
        for r in t.routes:
            for word in ROUTE_WORDS.get(r, (r,)):
                join(word, "route", i)
        for pos, s in enumerate(t.symptoms):
            if s in sym_index:
                symptom_members[sym_index[s]] += [i, pos]
        category_members.setdefault(t.category, []).append(i)
        for field_name, text in (("use", t.use), ("side_effects", " ".join(t.side_effects))):
            for w in normalise(text).split():
                if len(w) >= 4:
                    text_words.setdefault(stem(w), set()).add(i if field_name == "use" else -1 - i)
        _post_short_words(warning_words, " ".join(t.warnings), i)  # "pml", "jc"
        for m in t.monitoring:
            _post_short_words(monitor_words, f"{m.test} {m.when}", i)  # "jc", "ecg", "eye", "mri"
    for j, sid in enumerate(symptom_ids):
        sym = dataset.symptoms[sid]
        for word in (sid, sym.name, *sym.words):
            key = normalise(word)
            add(word, "symptom", -1 - j, key=key)
            if key.count(" ") == 1:
                # "brain fog" as "brainfog"; typed exactly, never a spelling to
                # fix to ("clinic" is not the start of "clinicaldepression").
                run_together.add(len(keys))
                add(word, "symptom", -1 - j, key=key.replace(" ", ""))
        # Its names in other languages ("Schwindel", "problèmes de marche"),
        # as typed: never a target for typos or suggestions, and half of one
        # only through a word that is no English word (English "march" is not
        # French "marche"; both stem to "march"). A field of their own, outside
        # match.SYMPTOM_KEYS, which the English sentence encoder and guess read.
        for tr in sym.translations:
            add(tr.text, "translation", -1 - j)
        # Patients' phrases answer for the symptom too, but as a field of
        # their own: whole or not at all, and never a target for typos or
        # suggestions ("goggle" is not "giggle uncontrollably").
        for phrase in sym.phrases:
            add(phrase.text, "phrase", -1 - j)
    for cat, cat_words in CATEGORY_WORDS.items():
        if cat in category_members:
            for word in cat_words:
                add(word, "category:" + cat, -1)

    exact = sorted((key, k) for k, key in enumerate(keys))
    # Interned, so the cache stores each word once however often it recurs.
    # Only the words a query must say are posted: filler is never looked up
    # (a query drops it), and a word that stems like it would find it
    # ("difficult" is no "difficulty getting an erection").
    words = sorted(
        {(sys.intern(stem(w)), k) for k, key in enumerate(keys) if fields[k] != "route"
         for w in key.split() if _must_say(w, fields[k] in IDENTITY_FIELDS)}
    )
    text_pairs, monitor_pairs, warning_pairs = (_postings(d) for d in (text_words, monitor_words, warning_words))
    prefix = sorted((key, k) for k, key in enumerate(keys) if fields[k] in IDENTITY_FIELDS)
    fuzzy_ids = [k for k in range(len(keys)) if fields[k] != "route" and fields[k] not in AS_TYPED and " " in keys[k]]
    identity_ids = [k for k in range(len(keys)) if fields[k] in IDENTITY_FIELDS or fields[k] == "symptom"]
    # Only words a typo can be fixed to (letters, longer than SHORT): a
    # research code such as "bg12" or a number is typed exactly.
    spellable = {k for k in range(len(keys)) if fields[k] not in AS_TYPED and k not in run_together}
    vocabulary = sorted({w[0] for w in words if w[0].isalpha() and len(w[0]) > SHORT and w[1] in spellable})
    # The same words ordered by length, so that only words of a possible
    # length are compared; sound-alike keys point into the vocabulary by
    # position. Both load as packed strings and int arrays.
    spell = sorted((len(w), w) for w in vocabulary)
    sounds = sorted((sound(w), n) for n, w in enumerate(vocabulary))
    return {
        "key_lengths": [_content_length(key, fields[k] in IDENTITY_FIELDS) for k, key in enumerate(keys)],
        "fields": fields,
        "values": StringTable.pack(values), "owners": owners,
        "symptom_ids": symptom_ids, "symptom_members": IntLists.pack(symptom_members), "groups": IntLists.pack(groups),
        "category_members": category_members,
        "exact_keys": StringTable.pack([e[0] for e in exact]), "exact_ids": [e[1] for e in exact],
        "word_list": StringTable.pack([w[0] for w in words]), "word_ids": [w[1] for w in words],
        "text_list": [p[0] for p in text_pairs], "text_ids": [p[1] for p in text_pairs],
        "monitor_list": [p[0] for p in monitor_pairs], "monitor_ids": [p[1] for p in monitor_pairs],
        "warning_list": [p[0] for p in warning_pairs], "warning_ids": [p[1] for p in warning_pairs],
        "prefix_keys": StringTable.pack([p[0] for p in prefix]),
        "prefix_ids": array("q", [p[1] for p in prefix]).tobytes(),
        "fuzzy_choices": [keys[k] for k in fuzzy_ids], "fuzzy_ids": fuzzy_ids,
        "identity_choices": [keys[k] for k in identity_ids], "identity_ids": identity_ids,
        "vocabulary": StringTable.pack(vocabulary),
        "sound_keys": StringTable.pack([s[0] for s in sounds]),
        "sound_words": array("q", [s[1] for s in sounds]).tobytes(),
        "spell_words": StringTable.pack([s[1] + "\n" for s in spell]),
        "spell_lengths": array("q", [s[0] for s in spell]).tobytes(),
        # Interned: the cache then stores each word once, not once per treatment.
        "statuses": [sys.intern(t.status) for t in dataset.treatments],
        "categories": [sys.intern(t.category) for t in dataset.treatments],
        "sort_names": StringTable.pack([t.name.casefold() for t in dataset.treatments]),
        "routes": [sys.intern(",".join(t.routes)) for t in dataset.treatments],
        "ms_forms": [sys.intern(",".join(t.ms_forms)) for t in dataset.treatments],
        "years": [t.fda_approval_year or 0 for t in dataset.treatments],
        "phases": [TRIAL_PHASES.index(t.trial_phase) + 1 if t.trial_phase else 0 for t in dataset.treatments],
        "intervals": [",".join(map(str, dosing.intervals(t))) for t in dataset.treatments],
        "recorded": [sys.intern(",".join(name for name, _words in TOPICS if getattr(t, name))) for t in dataset.treatments],
        "firsts": [sys.intern(",".join(f"{s.id}:{s.first_choice.index(t.id)}" for s in dataset.symptoms.values()
                                      if t.id in s.first_choice)) for t in dataset.treatments],
    }


def _post_short_words(table: dict[str, set[int]], text: str, owner: int) -> None:
    """Post owner under the stem of every word of text but filler, short ones too:
    the names of tests and risks are often two or three letters."""
    for w in normalise(text).split():
        if len(w) >= 2 and w not in FILLER:
            table.setdefault(stem(w), set()).add(owner)


def _postings(table: dict[str, set[int]]) -> list[tuple[str, int]]:
    """A word -> owners table as sorted (word, owner) pairs: two parallel lists in the index."""
    return sorted((w, owner) for w, owners_of in table.items() for owner in owners_of)


def _must_say(word: str, identity: bool) -> bool:
    """Whether a query has to say this word of a key: filler ("MS hug") need not.

    In a name a single letter must ("CAR T", "D-Lay MS"): it is filler in a
    sentence ("don't", "we'd") but part of the name, which "my car" or "I
    lay awake" must not name."""
    return word not in FILLER or (identity and len(word) == 1)


def _content_length(key: str, identity: bool = False) -> int:
    """How many words of a key a query has to say."""
    return max(1, sum(1 for w in key.split() if _must_say(w, identity)))
