"""scripts/check_labels.py, offline: recorded openFDA samples and a stand-in urlopen, never the network."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import urllib.error
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, load_script

SCRIPT = ROOT / "scripts" / "check_labels.py"
FIXTURES = ROOT / "tests" / "fixtures" / "openfda"
SAMPLE_DATA = FIXTURES / "treatments.toml"
NEWER_ID = "5a3f0c1e-0000-4000-8000-00000000000a"




cl = load_script("check_labels")


class FakeResponse(io.BytesIO):
    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class RecordedOpener:
    """A urlopen stand-in answering from the recorded samples, as openFDA would (404 for no match)."""

    def __init__(self) -> None:
        self.requests: list[Any] = []
        self.timeouts: list[float] = []

    def __call__(self, request: Any, timeout: float) -> FakeResponse:
        self.requests.append(request)
        self.timeouts.append(timeout)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(request.full_url).query)
        set_id = query["search"][0].removeprefix('set_id:"').removesuffix('"')
        body = (FIXTURES / f"{set_id}.json").read_bytes()
        if b'"NOT_FOUND"' in body:
            raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, io.BytesIO(body))  # type: ignore[arg-type]
        return FakeResponse(body)


def run(capsys: pytest.CaptureFixture[str], *args: str, opener: Any = None) -> tuple[int, str, str]:
    argv = ["--data", str(SAMPLE_DATA), "--delay", "0", *args]
    if opener is None:
        argv += ["--replay", str(FIXTURES)]
        code = cl.main(argv)
    else:
        code = cl.main(argv, urlopen=opener)
    out, err = capsys.readouterr()
    return code, out, err


def test_newer_label_is_reported_with_its_changed_sections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--only", "examplumab")
    assert code == 1 and err == ""
    block = out.split("\n\n")[0].splitlines()
    assert block[0] == "Examplumab [examplumab]: EXAMPLIX: label newer than label_revised 2024-07-22"
    assert "2025-03-14 (version 12)" in block[1]
    assert f"setid={NEWER_ID}" in block[2]
    assert block[-2:] == [
        "    - Warnings and Precautions, Liver Injury (5.5) 3/2025",
        "    - Warnings and Precautions, Serious Infections (5.2) 3/2025",
    ]


def test_current_labels_are_not_reported_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    # currentinib: same day as label_revised; monthlimod: label_revised "2025-03", label of 2025-03-20.
    code, out, err = run(capsys, "--only", "currentinib", "--only", "monthlimod")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "2 label products checked: 0 to review, 2 current, 0 not in openFDA; treatments with no label source: 0"
    ]


def test_whole_sample_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 1
    assert "Currentinib" not in out and "Monthlimod" not in out and "Trialumab" not in out  # current; not approved
    assert "not in openFDA (check the set id on DailyMed):\n  goneumab: label-goneumab" in out
    assert "no label source (no DailyMed setid page among the sources):\n  nolabelumab (approved)" in out


def test_missing_label_revised_is_reported_with_table_sections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--only", "revisoril")
    assert code == 1
    assert out.startswith("Revisoril [revisoril]: REVISORA: treatment has no label_revised\n")
    assert "    - Indications and Usage (1) 10/2023\n    - Dosage and Administration (2.2) 10/2023\n" in out


def test_json_output_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--json")
    assert code == 1 and err == ""
    doc = json.loads(out)
    assert set(doc) == {"data", "summary", "products", "no_label_source"}
    assert doc["summary"] == {
        "products": 5, "newer": 1, "no_label_revised": 1, "current": 2, "not_in_openfda": 1, "no_label_source": 1,
    }
    keys = {
        "treatment", "name", "label_revised", "source", "title", "url", "set_id", "status", "brand", "effective_time",
        "version", "changed_sections",
    }
    assert all(set(p) == keys for p in doc["products"])
    by_id = {p["treatment"]: p for p in doc["products"]}
    assert by_id["examplumab"]["status"] == "newer" and len(by_id["examplumab"]["changed_sections"]) == 2
    assert by_id["examplumab"]["effective_time"] == "2025-03-14" and by_id["examplumab"]["set_id"] == NEWER_ID
    assert by_id["revisoril"]["status"] == "no_label_revised" and by_id["revisoril"]["label_revised"] is None
    assert by_id["currentinib"]["status"] == "current" and by_id["currentinib"]["changed_sections"] == []
    assert by_id["goneumab"]["status"] == "not_in_openfda" and by_id["goneumab"]["effective_time"] is None
    assert doc["no_label_source"] == [{"treatment": "nolabelumab", "name": "Nolabelumab", "status": "approved"}]


def test_http_path_asks_openfda_by_set_id_politely(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENFDA_API_KEY", "sample-key")
    opener = RecordedOpener()
    code, out, _ = run(capsys, "--json", "--timeout", "7", opener=opener)
    assert code == 1 and json.loads(out)["summary"]["not_in_openfda"] == 1  # the 404 is "no label", not an error
    assert len(opener.requests) == 5 and set(opener.timeouts) == {7.0}
    first = opener.requests[0]
    assert first.full_url.startswith("https://api.fda.gov/drug/label.json?")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(first.full_url).query)
    assert query == {"search": [f'set_id:"{NEWER_ID}"'], "limit": ["1"], "api_key": ["sample-key"]}
    assert first.get_header("User-agent").startswith("msrx-check-labels/")


@pytest.mark.parametrize(
    "failure",
    [
        urllib.error.URLError(OSError(-2, "Name or service not known")),
        TimeoutError("timed out"),
        urllib.error.HTTPError("https://api.fda.gov/", 429, "Too Many Requests", {}, None),  # type: ignore[arg-type]
    ],
)
def test_network_error_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], failure: Exception) -> None:
    def opener(request: Any, timeout: float) -> Any:
        raise failure

    code, out, err = run(capsys, opener=opener)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("check_labels: ") and "Traceback" not in err
    assert "sample-key" not in err


def test_data_and_replay_problems_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--only", "trialumab")
    assert code == 2 and "not an approved or withdrawn treatment" in err
    assert cl.main(["--data", str(SAMPLE_DATA), "--replay", str(tmp_path)]) == 2  # an empty folder
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no recorded response" in err
    assert cl.main(["--data", str(tmp_path / "missing.toml")]) == 2
    assert capsys.readouterr().err.startswith("check_labels: cannot read ")


def test_set_ids_come_from_dailymed_setid_pages_only() -> None:
    setid = "cc9e1c8c-0e2b-44e2-878b-27057f786be9"
    assert cl.set_id_of(f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={setid}") == setid
    assert cl.set_id_of(f"https://dailymed.nlm.nih.gov/dailymed/fda/fdaDrugXsl.cfm?setid={setid.upper()}&type=display") == setid
    assert cl.set_id_of("https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=59627-333-04") is None
    assert cl.set_id_of(f"https://example.org/?setid={setid}") is None
    assert cl.set_id_of('https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=x" OR set_id:"y') is None


def test_month_only_label_revised_compares_by_month() -> None:
    assert not cl.is_newer("2025-03-31", "2025-03")
    assert cl.is_newer("2025-04-01", "2025-03")
    assert not cl.is_newer("2025-03-14", "2025-03-14")
    assert cl.is_newer("2025-03-15", "2025-03-14")


def test_bundled_dataset_products() -> None:
    data = cl.load_dataset(ROOT / "data" / "treatments.toml")
    products, no_source = cl.label_products(data)
    statuses = {t["id"]: t["status"] for t in data["treatments"]}
    checked = {p.treatment for p in products} | {t["treatment"] for t in no_source}
    assert checked == {i for i, s in statuses.items() if s in ("approved", "withdrawn")}
    assert all(cl.SET_ID.match(p.set_id) for p in products)


def test_runs_as_a_script_with_replay() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(SAMPLE_DATA), "--replay", str(FIXTURES), "--only", "currentinib"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.startswith("1 label products checked: 0 to review, 1 current")
