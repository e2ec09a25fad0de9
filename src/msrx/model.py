"""The plain data model: what a dataset holds once it has been validated.

NamedTuples rather than dataclasses: they are as plain, cost nothing to
import, and a cached row becomes a record with one call.

No `from __future__ import annotations` here (nor in msrx.fields): typing.NamedTuple
turns each string annotation into a ForwardRef, compiling it, which made
importing this module take twice as long.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

# The fixed vocabularies. Order matters: it is the order used when ranking
# (approved first) and when listing counts.
STATUSES: tuple[str, ...] = ("approved", "off-label", "investigational", "discontinued", "withdrawn")
CATEGORIES: tuple[str, ...] = ("dmt", "symptom", "relapse")
# The furthest phase of MS trials an investigational treatment has begun;
# search ranks later phases first among equal scores ("new ms drugs").
TRIAL_PHASES: tuple[str, ...] = ("phase 1", "phase 1/2", "phase 2", "phase 2/3", "phase 3")
# The forms (courses) of MS a treatment is for: for an approved or withdrawn
# drug, those its FDA label's indication names; otherwise those its trials
# enrolled. The codes people and charities use, in the order MS runs: clinically
# isolated syndrome, relapsing-remitting, active secondary progressive,
# secondary progressive not said to be active, progressive-relapsing (an older
# label term), primary progressive.
MS_FORMS: tuple[str, ...] = ("cis", "rrms", "active-spms", "spms", "prms", "ppms")
# What a form asked for in a search covers: "SPMS" includes active SPMS, and
# "progressive MS" every progressive form. Any other form is itself.
MS_FORM_GROUPS: dict[str, tuple[str, ...]] = {
    "spms": ("active-spms", "spms"),
    "progressive": ("active-spms", "spms", "prms", "ppms"),
    "nrspms": ("spms",),  # non-active (non-relapsing) SPMS: not the active form
}
# Every form word `list --form` and search accept.
MS_FORM_WORDS: tuple[str, ...] = (*MS_FORMS, *(g for g in MS_FORM_GROUPS if g not in MS_FORMS))


def for_form(forms: Sequence[str], asked: str) -> bool:
    """Whether a treatment's forms of MS (model.MS_FORMS) cover the form asked (a MS_FORM_WORDS word)."""
    return any(f in MS_FORM_GROUPS.get(asked, (asked,)) for f in forms)

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


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    year: int | None
    url: str


class Phrase(NamedTuple):
    """How someone with MS put a symptom in their own words, and the page
    (a forum post, a blog) where it was seen: search vocabulary, never a
    medical claim, so it needs no primary source."""

    text: str
    page: str


# The languages other than English a symptom's name is recorded in (ISO 639-1):
# those of the MS societies and health services its translations cite.
LANGUAGES: tuple[str, ...] = ("cs", "da", "de", "es", "fi", "fr", "it", "nl", "no", "pl", "pt", "sv")


class Translation(NamedTuple):
    """A word for a symptom in another language ("Müdigkeit" for fatigue), as an
    MS society or a health service of that language names it: search
    vocabulary, with the source (an id of [[sources]]) it was read on."""

    text: str
    lang: str  # one of LANGUAGES
    source: str


class Symptom(NamedTuple):
    id: str
    name: str
    words: tuple[str, ...] = ()
    note: str | None = None  # how it is managed without a drug (e.g. cooling for heat sensitivity)
    sources: tuple[str, ...] = ()  # source ids behind the note and the words
    phrases: tuple[Phrase, ...] = ()
    # The treatments its sources name as the usual first choice, the most usual
    # first: search ranks them ahead of equal answers ("relapse": IV steroids
    # before ACTH gel, not the alphabet).
    first_choice: tuple[str, ...] = ()
    first_choice_sources: tuple[str, ...] = ()  # the sources that say which come first
    # Where to get help now (a crisis line), shown when a query holds one of
    # the urgent words ("suicide"): a safety message, not a treatment, with
    # its own sources (the services' pages).
    urgent: str | None = None
    urgent_words: tuple[str, ...] = ()
    urgent_sources: tuple[str, ...] = ()
    translations: tuple[Translation, ...] = ()


# The blocks of what living on a treatment involves (issue 11). Their fields,
# labels and checks are described once, in msrx.fields; every block cites its
# own sources (ids, all among the treatment's own sources).


class Product(NamedTuple):
    """One brand's own schedule, where one entry covers products dosed differently."""

    brand: str
    schedule: str
    interval_days: int | None = None


class Administration(NamedTuple):
    setting: str
    schedule: str
    interval_days: int | None = None  # the maintenance interval: daily = 1, weekly = 7, every 6 months = 182
    notes: str | None = None
    products: tuple[Product, ...] = ()
    sources: tuple[str, ...] = ()


class Monitoring(NamedTuple):
    test: str
    when: str
    sources: tuple[str, ...] = ()


class Pregnancy(NamedTuple):
    summary: str
    washout: str | None = None
    sources: tuple[str, ...] = ()


class Breastfeeding(NamedTuple):
    summary: str
    sources: tuple[str, ...] = ()


class Vaccines(NamedTuple):
    live: str | None = None
    non_live: str | None = None
    sources: tuple[str, ...] = ()


class Effectiveness(NamedTuple):
    trial: str
    comparator: str
    result: str
    tier: str | None = None  # "high" or "moderate", only where a cited guideline classifies it
    sources: tuple[str, ...] = ()


class Stopping(NamedTuple):
    summary: str
    sources: tuple[str, ...] = ()


class Treatment(NamedTuple):
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
    label_revised: str | None = None  # the label revision checked against: YYYY-MM-DD or YYYY-MM
    trial_phase: str | None = None  # investigational only: the furthest MS trial phase begun ("phase 3")
    administration: Administration | None = None
    monitoring: tuple[Monitoring, ...] = ()
    pregnancy: Pregnancy | None = None
    breastfeeding: Breastfeeding | None = None
    vaccines: Vaccines | None = None
    effectiveness: Effectiveness | None = None
    stopping: Stopping | None = None
    devices: tuple[str, ...] = ()  # named delivery devices (autoinjectors, pens): found by search like aliases
    ms_forms: tuple[str, ...] = ()  # model.MS_FORMS: the forms of MS its label names, or its trials enrolled


class Change(NamedTuple):
    """One line of a dataset release's change log (`[[changes]]`)."""

    version: str  # the dataset release: YYYY.MM.DD, optionally .N
    treatment: str  # a treatment id, or "" for a change to the dataset as a whole
    summary: str


class DatasetInfo(NamedTuple):
    version: str
    reviewed: str
    title: str = ""


class Dataset:
    """A validated dataset. `treatments` and `sources` may be lazy containers,
    and symptoms and changes functions that build them on first use (see
    store.py: most lookups need none of them)."""

    def __init__(
        self,
        info: DatasetInfo,
        path: str,
        treatments: Sequence[Treatment],
        sources: Mapping[str, Source],
        symptoms: dict[str, Symptom] | Callable[[], dict[str, Symptom]],
        changes: Sequence[Change] | Callable[[], Sequence[Change]] = (),
    ) -> None:
        self.info = info
        self.path = path
        self.treatments = treatments
        self._sources = sources
        self._symptoms = symptoms
        self._changes = changes
        self._by_id: dict[str, int] | None = None
        self._numbers: dict[str, int] | None = None

    @property
    def sources(self) -> Mapping[str, Source]:
        return self._sources

    @property
    def symptoms(self) -> dict[str, Symptom]:
        if callable(self._symptoms):
            self._symptoms = self._symptoms()
        return self._symptoms

    @property
    def changes(self) -> Sequence[Change]:
        """The change log, in file order."""
        if callable(self._changes):
            self._changes = self._changes()
        return self._changes

    def source_numbers(self) -> dict[str, int]:
        """Bibliography numbers: each source's position in the dataset, from 1 (built once)."""
        if self._numbers is None:
            self._numbers = {sid: n for n, sid in enumerate(self.sources, start=1)}
        return self._numbers

    def get(self, treatment_id: str) -> Treatment | None:
        if self._by_id is None:
            self._by_id = {t.id: i for i, t in enumerate(self.treatments)}
        i = self._by_id.get(treatment_id)
        return None if i is None else self.treatments[i]
