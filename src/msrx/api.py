"""A small, typed Python API: the dataset without a subprocess.

    >>> import msrx.api
    >>> ref = msrx.api.load()              # the bundled dataset (or a path)
    >>> [h.treatment.name for h in ref.search("tired", limit=3)]
    >>> ref.get("ocrevus").status          # names, brands, aliases, typos
    'approved'

The CLI is built on the same calls.
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any

from msrx import dosing
from msrx.model import CATEGORIES, STATUSES, Change, Dataset, Source, Symptom, Treatment, for_form
from msrx.resolve import Resolution, resolve
from msrx.search import STATUS_RANK, Hit, SearchIndex, search
from msrx.wording import normalise


class Reference:
    """A loaded dataset with its search index."""

    def __init__(self, dataset: Dataset, index: SearchIndex) -> None:
        self.dataset = dataset
        self.index = index
        self._citations: dict[str, list[Treatment]] | None = None

    def search(self, query: str, *, limit: int | None = 10, status: str | None = None,
               category: str | None = None) -> list[Hit]:
        """Ranked matches for a name, brand, abbreviation, class or symptom query."""
        return search(self.dataset, self.index, query, limit=limit, status=status, category=category)

    def resolve(self, name: str) -> Resolution:
        """One clear best match for a name (typos forgiven), or the candidates."""
        return resolve(self.dataset, self.index, name)

    def get(self, name: str) -> Treatment | None:
        """The treatment a name, brand, alias or id clearly refers to, else None."""
        return self.resolve(name).treatment

    def treatments(self, *, status: str | None = None, category: str | None = None, symptom: str | None = None,
                   route: str | None = None, ms_form: str | None = None, min_interval: int | None = None, max_interval: int | None = None,
                   sort: str | None = None) -> list[Treatment]:
        """Treatments passing every filter given, in dataset order or sorted by `name` or `interval`.

        `route` is a group of msrx.dosing.ROUTE_GROUPS (oral, injection,
        infusion); the interval bounds are in days, and a treatment with no
        stated interval passes neither (see msrx.dosing). `ms_form` is a form of
        MS (model.MS_FORM_WORDS: "spms" includes active SPMS, "progressive" every
        progressive form).
        """
        out = dosing.select(self.dataset.treatments, route=route, min_interval=min_interval, max_interval=max_interval)
        if status:
            out = [t for t in out if t.status == status]
        if category:
            out = [t for t in out if t.category == category]
        if symptom:
            out = [t for t in out if symptom in t.symptoms]
        if ms_form:
            out = [t for t in out if for_form(t.ms_forms, ms_form)]
        return dosing.ordered(out, sort) if sort else out

    def symptom(self, word: str) -> Symptom | None:
        """A symptom by id, name or everyday word, forgiving small typos, or by its
        name in another language as written ("Schwindel"), as search reads it."""
        wanted = normalise(word)
        if not wanted:
            return None
        words: dict[str, str] = {}
        for sid, sym in self.dataset.symptoms.items():
            for w in (sid, sym.name, *sym.words):
                words.setdefault(normalise(w), sid)
        if wanted in words:
            return self.dataset.symptoms[words[wanted]]
        for sym in self.dataset.symptoms.values():
            if any(normalise(tr.text) == wanted for tr in sym.translations):
                return sym
        from rapidfuzz import fuzz, process

        best = process.extractOne(wanted, list(words), scorer=fuzz.ratio, score_cutoff=80)
        return self.dataset.symptoms[words[best[0]]] if best else None

    def for_symptom(self, symptom_id: str) -> list[Treatment]:
        """Treatments for a symptom, approved first, then its usual first choices in their order, then by name."""
        found = self.treatments(symptom=symptom_id)
        first = self.dataset.symptoms[symptom_id].first_choice
        return sorted(found, key=lambda t: (STATUS_RANK.get(t.status, 9),
                                            first.index(t.id) if t.id in first else len(first), t.name.casefold()))

    def sources(self) -> list[Source]:
        return list(self.dataset.sources.values())

    def cited_by(self, source_id: str) -> list[Treatment]:
        """The treatments citing a source (the index is built on first use)."""
        if self._citations is None:
            self._citations = {}
            for t in self.dataset.treatments:
                for sid in t.sources:
                    self._citations.setdefault(sid, []).append(t)
        return list(self._citations.get(source_id, ()))

    def symptom_counts(self) -> list[tuple[Symptom, int]]:
        """Every symptom with the number of treatments for it."""
        counts = dict.fromkeys(self.dataset.symptoms, 0)
        for t in self.dataset.treatments:
            for sid in t.symptoms:
                counts[sid] = counts.get(sid, 0) + 1
        return [(s, counts[s.id]) for s in self.dataset.symptoms.values()]

    def approval_timeline(self) -> list[tuple[int, list[Treatment]]]:
        """FDA approval years of MS disease-modifying therapies (withdrawn ones too)."""
        by_year: dict[int, list[Treatment]] = {}
        for t in self.dataset.treatments:
            if t.category == "dmt" and t.fda_approval_year and t.status in ("approved", "withdrawn"):
                by_year.setdefault(t.fda_approval_year, []).append(t)
        return sorted((y, sorted(ts, key=lambda t: t.name.casefold())) for y, ts in by_year.items())

    def facts(self) -> dict[str, Any]:
        """Dataset version, review date, file and counts (the `info` command)."""
        ds = self.dataset
        return {
            "version": ds.info.version,
            "reviewed": ds.info.reviewed,
            "path": os.path.realpath(ds.path),
            "treatments": len(ds.treatments),
            "sources": len(ds.sources),
            "symptoms": len(ds.symptoms),
            "changes": len(ds.changes),
            "by_status": {s: sum(1 for t in ds.treatments if t.status == s) for s in STATUSES},
            "by_category": {c: sum(1 for t in ds.treatments if t.category == c) for c in CATEGORIES},
            "review_age_days": self.review_age_days(),
        }

    def changes(self, since: str | None = None, treatment: str | None = None) -> list[Change]:
        """The dataset's change log, newest release first (file order within a release).

        `since`: only releases after this version (YYYY.MM.DD[.N]; that release
        itself excluded), ValueError if it is not one. `treatment`: only the
        changes of this treatment (an id, or a name, brand or alias `get`
        resolves), LookupError if it names none.
        """
        from msrx.changes import select

        wanted = None
        if treatment is not None:
            found = self.dataset.get(treatment) or self.get(treatment)
            if found is None:
                raise LookupError(f"no treatment matches {treatment!r}")
            wanted = found.id
        return select(self.dataset.changes, since=since, treatment=wanted)

    def review_age_days(self, today: _dt.date | None = None) -> int:
        reviewed = _dt.date.fromisoformat(self.dataset.info.reviewed)
        return ((today or _dt.date.today()) - reviewed).days


def load(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Reference:
    """Load a dataset (default: the bundled one). Raises msrx.errors.DataError."""
    from msrx.store import open_dataset

    dataset, index = open_dataset(path, use_cache=use_cache)
    return Reference(dataset, index)
