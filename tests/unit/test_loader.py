"""Loading and validating dataset files: every problem named, with file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from msrx.errors import DataError
from msrx.loader import load
from tests.conftest import MINI

Write = Callable[..., Path]


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def test_valid_dataset_loads_into_the_model(mini: Path) -> None:
    ds = load(mini)
    assert [t.id for t in ds.treatments] == ["alphamab", "betadine", "gammazine"]
    alpha = ds.get("alphamab")
    assert alpha is not None
    assert alpha.brands == ("Alphix",)
    assert alpha.fda_approval_year == 2020
    assert alpha.reviewed == "2026-01-02"
    assert ds.get("betadine").fda_approval_year is None  # type: ignore[union-attr]
    assert ds.sources["review-beta"].year is None
    assert ds.symptoms["fatigue"].words == ("tired", "exhausted")
    assert ds.info.version == "test-1"


def test_malformed_toml_names_file_and_line(write_dataset: Write) -> None:
    path = write_dataset(MINI + "\n[[treatments]]\nid = \"x\nname = 1\n")
    [message] = problems(path)
    line = len((MINI + "\n[[treatments]]\n").splitlines()) + 1
    assert message.startswith(f"{path}:{line}: is not valid TOML")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('status = "off-label"', 'status = "maybe"', "treatment 'betadine': field 'status': unknown status 'maybe'"),
        ('category = "dmt"', 'category = "cure"', "treatment 'alphamab': field 'category': unknown category 'cure'"),
        ('symptoms = ["fatigue"]', 'symptoms = ["hiccups"]', "field 'symptoms': unknown symptom 'hiccups'"),
        ('sources = ["review-beta"]', 'sources = ["nope"]', "cites source 'nope', which is not defined"),
        ('use = "Used for MS fatigue."', "use = 42", "field 'use': must be a string, not a number"),
        ('brands = ["Alphix"]', 'brands = "Alphix"', "field 'brands': must be a list, not a string"),
        ("fda_approval_year = 2020", 'fda_approval_year = "2020"', "must be a whole number"),
        ("fda_approval_year = 2020", "fda_approval_year = 1066", "is not a plausible year"),
        ('url = "https://example.org/beta"', 'url = "http://example.org/beta"', "url must start with https://"),
        ('id = "gammazine"', 'id = "Gamma Zine"', "must be a lowercase slug"),
        ("reviewed = 2026-01-02\n\n[[treatments]]\nid = \"betadine\"",
         "reviewed = \"yesterday\"\n\n[[treatments]]\nid = \"betadine\"", "must be a date"),
    ],
)
def test_each_kind_of_bad_field_is_reported(write_dataset: Write, old: str, new: str, expected: str) -> None:
    assert old in MINI
    path = write_dataset(MINI.replace(old, new, 1))
    found = problems(path)
    assert any(expected in p for p in found), found
    assert all(p.startswith(f"{path}:") for p in found)


def test_problem_carries_the_line_of_the_field(write_dataset: Write) -> None:
    text = MINI.replace('status = "off-label"', 'status = "maybe"')
    path = write_dataset(text)
    line = text.splitlines().index('status = "maybe"') + 1
    [message] = problems(path)
    assert message.startswith(f"{path}:{line}: treatment 'betadine': field 'status'")


def test_missing_required_field(write_dataset: Write) -> None:
    path = write_dataset(MINI.replace('evidence = "Small trials, mixed results."\n', ""))
    assert any("treatment 'betadine': field 'evidence': missing required field" in p for p in problems(path))


def test_unknown_field_is_an_error_so_typos_do_not_pass(write_dataset: Write) -> None:
    path = write_dataset(MINI.replace('evidence = "Small trials, mixed results."', 'evidense = "x"'))
    found = problems(path)
    assert any("field 'evidense': unknown field" in p for p in found)


def test_duplicate_id_and_colliding_names(write_dataset: Write) -> None:
    text = MINI.replace('id = "gammazine"', 'id = "betadine"').replace('brands = ["Gammix"]', 'brands = ["Alphix"]')
    found = problems(write_dataset(text))
    assert any("field 'id': id is used by another treatment" in p for p in found)
    assert any("'Alphix' is already the brand of treatment 'alphamab'" in p for p in found)


def test_alias_colliding_with_another_name_case_insensitively(write_dataset: Write) -> None:
    found = problems(write_dataset(MINI.replace('aliases = ["BTD"]', 'aliases = ["ALPHAMAB"]')))
    assert any("'ALPHAMAB' is already the name of treatment 'alphamab'" in p for p in found)


def test_year_only_for_approved_or_withdrawn(write_dataset: Write) -> None:
    text = MINI.replace('sources = ["review-beta"]', 'fda_approval_year = 2001\nsources = ["review-beta"]')
    assert any("fda_approval_year is set but status is 'off-label'" in p for p in problems(write_dataset(text)))


def test_all_problems_are_collected_not_just_the_first(write_dataset: Write) -> None:
    text = MINI.replace('status = "off-label"', 'status = "maybe"').replace('category = "dmt"', 'category = "cure"')
    text = text.replace('url = "https://example.org/alpha"', 'url = "ftp://x"')
    assert len(problems(write_dataset(text))) == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "is a binary file"),
        (b"name = \"\xff\xfe\"\n", "is not valid UTF-8 text"),
        (b"[dataset]\nversion = \"1\"\nreviewed = 2026-01-01\n", "has no [[treatments]] tables"),
        (b"title = 3\n", "unknown top-level key 'title'"),
    ],
)
def test_files_that_are_not_datasets(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    assert any(expected in p for p in problems(path))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: no such file"]
    assert problems(tmp_path) == [f"{tmp_path}: is a directory, not a dataset file"]


def test_unreadable_file(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 0 does not stop root (CI runs as root), so make open() refuse instead.
    import builtins

    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(mini):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    assert problems(mini) == [f"{mini}: permission denied"]


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import msrx.loader

    monkeypatch.setattr(msrx.loader, "MAX_BYTES", 1000)
    path = tmp_path / "huge.toml"
    path.write_text("# " + "x" * 2000 + "\n")
    [message] = problems(path)
    assert "a dataset file may be at most 1000" in message


def test_bundled_dataset_is_valid() -> None:
    from msrx.store import bundled_path

    ds = load(bundled_path())
    assert len(ds.treatments) >= 60
