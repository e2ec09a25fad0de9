"""Integrity of the bundled dataset: complete, current and traceable to sources."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from msrx.cli import app
from msrx.loader import load
from msrx.model import Dataset
from msrx.search import SearchIndex, normalise, search

# Every disease-modifying therapy the FDA has approved for MS and that is on
# the US market in late 2026 (generic id: first approval year for MS).
# Kept here on purpose, apart from the data, so a lost entry is noticed.
FDA_APPROVED_DMTS = {
    "interferon-beta-1b": 1993,
    "interferon-beta-1a": 1996,
    "glatiramer-acetate": 1996,
    "mitoxantrone": 2000,
    "natalizumab": 2004,
    "fingolimod": 2010,
    "teriflunomide": 2012,
    "dimethyl-fumarate": 2013,
    "alemtuzumab": 2014,
    "peginterferon-beta-1a": 2014,
    "ocrelizumab": 2017,
    "cladribine": 2019,
    "siponimod": 2019,
    "diroximel-fumarate": 2019,
    "ozanimod": 2020,
    "ofatumumab": 2020,
    "monomethyl-fumarate": 2020,
    "ponesimod": 2021,
    "ublituximab": 2022,
    "ocrelizumab-hyaluronidase": 2024,
}

# Everything the seed article names, as a reader would type it.
SEED_NAMES = [
    "evobrutinib", "mesenchymal stem cells", "AHSCT", "lipoic acid", "clemastine fumarate",
    "low-dose naltrexone", "amantadine", "Gocovri", "Osmolex ER", "modafinil", "Provigil",
    "methylphenidate", "Concerta", "dalfampridine", "Ampyra", "mycophenolate mofetil", "CellCept",
    "cyclophosphamide", "azathioprine", "Azasan", "Imuran", "minocycline", "rituximab", "Rituxan",
]
# Classes the seed names: each must be findable by that word.
SEED_CLASSES = {
    "antidepressants": "antidepressant",
    "benzodiazepines": "benzodiazepine",
    "antiepileptics": "antiepileptic",
    "BTK inhibitors": "btk inhibitor",
    "stem cell therapies": "stem cell therapy",
    "immunosuppressants": "immunosuppressant",
}
SEED_REFERENCES = [
    "nmss-dmt", "lancetneurol-evobrutinib-evolutionrms", "jcm-msc-meta-analysis", "nmss-stem-cells",
    "mssociety-uk-lipoic-acid", "mssociety-uk-clemastine", "ctoneurol-progressive-ms-dmt",
    "wjcc-treatment-strategies", "clinrheumatol-ldn-2014", "msard-antidepressants-review",
    "uptodate-symptom-management", "psychopharm-amphetamine-ms", "mtsinai-symptom-therapeutics",
    "jnnp-mycophenolate-344", "neurology-rituximab-2016", "clevelandclinic-ms", "nmss-dmt-benefits",
]
# Statuses that changed since the seed was written, or are easy to get wrong.
KNOWN_STATUS = {
    "evobrutinib": "discontinued",  # phase 3 evolutionRMS 1/2 failed; Merck KGaA stopped it
    "daclizumab": "withdrawn",  # withdrawn worldwide in 2018
    "tolebrutinib": "investigational",  # FDA complete response letter, December 2025
    "low-dose-naltrexone": "off-label",
    "dalfampridine": "approved",
    "rituximab": "off-label",
    "nabiximols": "discontinued",  # not approved in the US
    "simvastatin": "discontinued",
}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    from msrx.store import bundled_path

    return load(bundled_path())


def test_at_least_80_treatments(ds: Dataset) -> None:
    assert len(ds.treatments) >= 80


def test_every_entry_is_complete(ds: Dataset) -> None:
    for t in ds.treatments:
        assert t.use.strip() and t.evidence.strip() and t.drug_class.strip(), t.id
        assert t.routes and t.sources, t.id
        if t.status in ("approved", "off-label"):
            assert t.side_effects, f"{t.id}: an approved or off-label drug has known side effects"
        assert dt.date.fromisoformat(t.reviewed) <= dt.date.today()
        if t.category == "relapse":
            assert "relapse" in t.symptoms, t.id


def test_every_fda_approved_dmt_is_present_with_its_year_and_label(ds: Dataset) -> None:
    for tid, year in FDA_APPROVED_DMTS.items():
        t = ds.get(tid)
        assert t is not None, f"missing FDA-approved DMT {tid}"
        assert (t.status, t.category, t.fda_approval_year) == ("approved", "dmt", year), tid
        assert any(s.startswith("label-") for s in t.sources), f"{tid} must cite its FDA label"


@pytest.mark.parametrize("block", ["administration", "monitoring", "pregnancy", "breastfeeding", "vaccines",
                                   "effectiveness", "stopping"])
def test_every_fda_approved_dmt_answers_each_living_on_it_question(ds: Dataset, block: str) -> None:
    # "stopping copaxone" found the drug and said nothing of stopping until stop 50.
    missing = [tid for tid in FDA_APPROVED_DMTS if not getattr(ds.get(tid), block)]
    assert missing == [], f"approved DMTs with no {block} block: {missing}"


def test_no_unlisted_approved_dmt(ds: Dataset) -> None:
    approved = {t.id for t in ds.treatments if t.status == "approved" and t.category == "dmt"}
    assert approved == set(FDA_APPROVED_DMTS)


def test_every_approved_drug_cites_its_label(ds: Dataset) -> None:
    for t in ds.treatments:
        if t.status == "approved":
            assert any(s.startswith("label-") for s in t.sources), t.id


def test_years_only_where_approved(ds: Dataset) -> None:
    for t in ds.treatments:
        if t.fda_approval_year is not None:
            assert t.status in ("approved", "withdrawn"), t.id


def test_every_source_is_cited_and_https(ds: Dataset) -> None:
    cited = {s for t in ds.treatments for s in t.sources}
    cited |= {s for sym in ds.symptoms.values() for s in (*sym.sources, *sym.urgent_sources, *sym.first_choice_sources)}
    cited |= {tr.source for sym in ds.symptoms.values() for tr in sym.translations}
    assert set(ds.sources) == cited
    for s in ds.sources.values():
        assert re.match(r"https://[^/\s]+\.[a-z]{2,}", s.url), s.id
        assert s.year is None or 1950 <= s.year <= dt.date.today().year


def test_every_language_msrx_reads_has_names_in_the_dataset(ds: Dataset) -> None:
    # A language is listed because its MS societies' pages give symptom names: none is listed empty.
    from msrx.model import LANGUAGES

    said = {tr.lang for sym in ds.symptoms.values() for tr in sym.translations}
    assert said == set(LANGUAGES)


def test_the_schema_lists_the_languages_msrx_reads(schema: dict[str, Any]) -> None:
    from msrx.model import LANGUAGES

    found = []

    def walk(node: Any) -> None:  # every "lang" property the schema defines, wherever it sits
        if isinstance(node, dict):
            if isinstance(node.get("lang"), dict) and "enum" in node["lang"]:
                found.append(node["lang"]["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert found and all(enum == list(LANGUAGES) for enum in found)


def test_no_name_brand_or_alias_collides(ds: Dataset) -> None:
    owner: dict[str, str] = {}
    for t in ds.treatments:
        for value in (t.name, *t.brands, *t.aliases):
            key = normalise(value)
            assert owner.setdefault(key, t.id) == t.id, f"{value!r} in {t.id} and {owner[key]}"


def test_seed_references_are_sources(ds: Dataset) -> None:
    missing = [s for s in SEED_REFERENCES if s not in ds.sources]
    assert not missing


@pytest.mark.parametrize(("tid", "status"), sorted(KNOWN_STATUS.items()))
def test_known_statuses(ds: Dataset, tid: str, status: str) -> None:
    t = ds.get(tid)
    assert t is not None and t.status == status


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_treatment_the_seed_names_is_shown(name: str) -> None:
    result = CliRunner().invoke(app, ["show", name, "--json"])
    assert result.exit_code == 0, (name, result.stderr)


@pytest.mark.parametrize(("word", "klass"), sorted(SEED_CLASSES.items()))
def test_seed_class_words_find_their_class(ds: Dataset, word: str, klass: str) -> None:
    hits = search(ds, SearchIndex.build(ds), word, limit=20)
    assert len(hits) >= 2
    assert all(klass in normalise(h.treatment.drug_class) for h in hits if h.field == "drug_class")
    assert any(h.field == "drug_class" for h in hits)
