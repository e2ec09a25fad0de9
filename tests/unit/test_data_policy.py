"""The source policy and the data's integrity (issue 12, "Measured, not guessed").

data/source_policy.toml is the allow-list of source domains by class, the
forbidden hosts and URL patterns, and the written exceptions; the classifier
is scripts/source_report.py's, so the report and these tests agree.

Data gaps: sources and entries that break a rule today and are being fixed in
the data. Each is a strict xfail of its own: the moment the data is fixed the
test passes, which strict xfail turns into a failure, saying "remove the
entry from the gap list". Nothing else is excused.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import tomli

from msrx.loader import load
from msrx.model import Dataset
from msrx.store import bundled_path
from tests.conftest import ROOT, load_script
from tests.unit.test_dataset import SEED_REFERENCES

POLICY_PATH = ROOT / "data" / "source_policy.toml"
SCRIPT = ROOT / "scripts" / "source_report.py"

# Approved or withdrawn DMTs whose entry does not yet record the label revision it was checked against.
LABEL_GAPS: tuple[str, ...] = (
    "cladribine", "dimethyl-fumarate", "glatiramer-acetate", "mitoxantrone", "ocrelizumab-hyaluronidase", "peginterferon-beta-1a",
)




report = load_script("source_report")
POLICY = report.load_policy(str(POLICY_PATH))
DATASET: Dataset = load(bundled_path())


def gap(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"data gap: {reason}")


def verdict(source_id: str) -> Any:
    return report.classify(source_id, DATASET.sources[source_id].url, POLICY)


def checked_sources() -> list[str]:
    return list(DATASET.sources)


# -- the sources ----------------------------------------------------------------


def test_no_source_is_an_api_query() -> None:
    found = [f"{sid}: {DATASET.sources[sid].url}" for sid in checked_sources() if report.is_api(DATASET.sources[sid].url, POLICY)]
    assert not found, "API queries cited as sources:\n" + "\n".join(found)


def test_no_source_is_on_a_forbidden_host() -> None:
    found = [f"{sid}: {DATASET.sources[sid].url}" for sid in checked_sources() if report.is_forbidden(DATASET.sources[sid].url, POLICY)]
    assert not found, "sources on forbidden hosts or URLs:\n" + "\n".join(found)


def test_no_patient_phrase_is_credited_to_a_copy_of_a_page() -> None:
    # Phrases are search vocabulary, not sources, but the page a phrase is
    # credited to must be where a person wrote it: not a mirror, a scraped
    # copy or a content farm, and a well-formed address.
    from urllib.parse import urlsplit

    pages = sorted({p.page for s in DATASET.symptoms.values() for p in s.phrases})
    found = [page for page in pages if report.is_forbidden(page, POLICY) or urlsplit(page).hostname.endswith(".")]  # type: ignore[union-attr]
    assert not found, "phrases credited to forbidden or malformed pages:\n" + "\n".join(found)


def test_every_source_is_primary_or_a_written_exception() -> None:
    found = [f"{v.source}: {v.problem}" for v in map(verdict, checked_sources()) if v.problem]
    assert not found, "sources outside the policy:\n" + "\n".join(found)


# -- the policy file itself -------------------------------------------------------


def test_every_exception_names_a_bundled_source_once_with_a_reason() -> None:
    rows = tomli.loads(POLICY_PATH.read_text(encoding="utf-8")).get("exceptions", [])
    names = [row["source"] for row in rows]
    assert len(names) == len(set(names)), "a source has two exceptions"
    for row in rows:
        assert set(row) == {"source", "reason"}, row
        assert row["source"] in DATASET.sources, f"stale exception: {row['source']} is no longer a source"
        assert row["reason"].strip(), f"{row['source']}: an exception needs its reason"


def test_no_exception_is_needless_or_excuses_a_forbidden_source() -> None:
    for sid in POLICY.exceptions:
        v = verdict(sid)
        assert v.klass != "primary", f"{sid}: on a primary domain, it needs no exception"
        assert v.klass != "forbidden", f"{sid}: an exception cannot excuse an API query or a forbidden host"


def test_each_domain_has_one_class() -> None:
    classes = {"primary": POLICY.primary, "secondary": POLICY.secondary, "news": POLICY.news, "forbidden": POLICY.forbidden_hosts}
    seen: dict[str, str] = {}
    for klass, domains in classes.items():
        for d in domains:
            assert d == d.lower().strip() and "/" not in d and ":" not in d, f"{d!r}: a bare lowercase domain"
            assert seen.setdefault(d, klass) == klass, f"{d} is both {seen[d]} and {klass}"


def test_classifier_rules() -> None:
    def klass(url: str, sid: str = "x") -> tuple[str, bool]:
        v = report.classify(sid, url, POLICY)
        return v.klass, v.problem is None

    assert klass("https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=abc") == ("primary", True)
    assert klass("https://secure.nationalmssociety.org/site/x") == ("primary", True)  # subdomains
    assert klass("https://api.fda.gov/drug/label.json?search=x") == ("forbidden", False)  # fda.gov, but an API
    assert klass("https://example.org/api/v1/drug") == ("forbidden", False)
    assert klass("https://fda.report/x") == ("forbidden", False)
    assert klass("https://www.staging.medscape.com/x") == ("forbidden", False)
    assert klass("https://notfda.gov/x") == ("unclassified", False)  # a suffix is a whole label
    assert klass("https://www.drugs.com/x") == ("secondary", False)
    assert klass("https://www.neurologylive.com/x") == ("news", False)
    assert klass("https://www.uptodate.com/x", "uptodate-symptom-management") == ("secondary", True)
    assert klass("https://practicalneurology.com/x", "practicalneurology-ccmr-two") == ("news", True)
    # A news outlet needs a "news: <event>" reason, not just any reason.
    bare = POLICY._replace(exceptions={"n": "kept because it is handy", "e": "news: "})
    assert report.classify("n", "https://www.neurologylive.com/x", bare).problem
    assert report.classify("e", "https://www.neurologylive.com/x", bare).problem


def test_every_news_exception_names_its_event() -> None:
    for sid in POLICY.exceptions:
        v = verdict(sid)
        if v.klass == "news":
            assert v.reason.startswith("news: ") and len(v.reason) > len("news: ") + 10, sid


# -- the entries ------------------------------------------------------------------


def approved_or_withdrawn_dmts() -> list[str]:
    return [t.id for t in DATASET.treatments if t.category == "dmt" and t.status in ("approved", "withdrawn")]


def test_every_approved_or_withdrawn_dmt_records_its_label_revision() -> None:
    missing = [tid for tid in approved_or_withdrawn_dmts() if tid not in LABEL_GAPS and not DATASET.get(tid).label_revised]  # type: ignore[union-attr]
    assert not missing, f"no label_revised: {missing}"


@pytest.mark.parametrize("treatment_id", [pytest.param(tid, marks=gap(f"{tid} has no label_revised")) for tid in LABEL_GAPS])
def test_label_gap_is_fixed(treatment_id: str) -> None:
    t = DATASET.get(treatment_id)
    assert t is not None and t.category == "dmt" and t.status in ("approved", "withdrawn")
    assert t.label_revised


def test_every_symptom_has_a_treatment_or_a_note() -> None:
    treated = {s for t in DATASET.treatments for s in t.symptoms}
    empty = [sid for sid, sym in DATASET.symptoms.items() if sid not in treated and not (sym.note and sym.note.strip())]
    assert not empty, f"symptoms with no treatment and no management note: {empty}"


def test_seed_references_are_all_sources_and_cited() -> None:
    cited = {s for t in DATASET.treatments for s in t.sources}
    assert [s for s in SEED_REFERENCES if s not in DATASET.sources] == []
    assert [s for s in SEED_REFERENCES if s not in cited] == []


# -- the report -------------------------------------------------------------------


def test_source_report_counts_every_source_once() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--list"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    lines = result.stdout.splitlines()
    assert lines[0].endswith(f": {len(DATASET.sources)} sources")
    counts = {line.split()[0]: int(line.split()[1]) for line in lines[1:7]}
    assert list(counts) == list(report.CLASSES)
    assert sum(counts.values()) == len(DATASET.sources)
    breaking = int(lines[7].split()[-1])
    assert breaking == sum(1 for sid in DATASET.sources if verdict(sid).problem)
    assert result.returncode == (1 if breaking else 0)
    assert breaking == 0  # every source follows the policy


def test_the_policy_is_not_shipped_in_the_wheel() -> None:
    config = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert shipped["packages"] == ["src/msrx"]
    assert list(shipped["force-include"]) == ["data/treatments.toml"]


def test_the_readme_counts_the_sources_by_class_as_the_report_does() -> None:
    # It said "641 primary, 6 drug references" for several data releases after the fact.
    import re

    verdicts = report.report(report.load_toml(str(ROOT / "data" / "treatments.toml")).get("sources", []), POLICY)
    count = {k: sum(1 for v in verdicts if v.klass == k) for k in ("primary", "secondary", "news", "exception")}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"(\d+) primary, (\d+) drug references and\s+(\d+) news items each with a written reason, (\d+) other"
                  r"\s+written exceptions", readme)
    assert m is not None, "README: the source policy sentence's wording changed"
    assert tuple(map(int, m.groups())) == (count["primary"], count["secondary"], count["news"], count["exception"])

