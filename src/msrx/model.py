"""The plain data model: what a dataset holds once it has been validated."""

from __future__ import annotations

from dataclasses import dataclass, field

# The fixed vocabularies. Order matters: it is the order used when ranking
# (approved first) and when listing counts.
STATUSES: tuple[str, ...] = ("approved", "off-label", "investigational", "discontinued", "withdrawn")
CATEGORIES: tuple[str, ...] = ("dmt", "symptom", "relapse")

STATUS_MEANING: dict[str, str] = {
    "approved": "the FDA label covers this use in MS",
    "off-label": "FDA-approved for other uses; this MS use is off-label",
    "investigational": "in clinical trials for MS; not FDA-approved for MS",
    "discontinued": "development for MS stopped or failed; never FDA-approved for MS",
    "withdrawn": "was FDA-approved for MS, since withdrawn from the market",
}
CATEGORY_MEANING: dict[str, str] = {
    "dmt": "disease-modifying: changes the course of the disease",
    "symptom": "manages a symptom",
    "relapse": "treats an acute relapse",
}


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    year: int | None
    url: str


@dataclass(frozen=True)
class Symptom:
    id: str
    name: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Treatment:
    id: str
    name: str
    brands: tuple[str, ...]
    aliases: tuple[str, ...]
    status: str
    category: str
    drug_class: str
    routes: tuple[str, ...]
    symptoms: tuple[str, ...]
    use: str
    side_effects: tuple[str, ...]
    warnings: tuple[str, ...]
    evidence: str
    fda_approval_year: int | None
    sources: tuple[str, ...]
    reviewed: str  # ISO date, YYYY-MM-DD


@dataclass(frozen=True)
class DatasetInfo:
    version: str
    reviewed: str
    title: str = ""


@dataclass
class Dataset:
    info: DatasetInfo
    path: str
    treatments: list[Treatment] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    symptoms: dict[str, Symptom] = field(default_factory=dict)

    _by_id: dict[str, Treatment] = field(default_factory=dict, repr=False, compare=False)

    def get(self, treatment_id: str) -> Treatment | None:
        if len(self._by_id) != len(self.treatments):
            self._by_id = {t.id: t for t in self.treatments}
        return self._by_id.get(treatment_id)
