"""Loading and validating dataset files: every problem named, with file and line."""

from __future__ import annotations

import os
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
        ('category = "dmt"', 'category = "dmt"\nms_forms = ["rrms", "pprms"]',
         "treatment 'alphamab': field 'ms_forms': unknown ms_forms value 'pprms' (expected one of: cis, rrms,"),
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


def test_trial_phase_only_for_investigational(write_dataset: Write) -> None:
    text = MINI.replace('sources = ["review-beta"]', 'trial_phase = "phase 2"\nsources = ["review-beta"]')
    [message] = problems(write_dataset(text))
    assert "trial_phase is set but status is 'off-label'" in message and ":60" in message


def test_trial_phase_must_be_a_known_phase(write_dataset: Write) -> None:
    text = MINI.replace('status = "off-label"', 'status = "investigational"')
    text = text.replace('sources = ["review-beta"]', 'trial_phase = "phase 4"\nsources = ["review-beta"]')
    [message] = problems(write_dataset(text))
    assert "trial_phase" in message and "must be one of: phase 1, phase 1/2, phase 2, phase 2/3, phase 3" in message
    assert load(write_dataset(text.replace('"phase 4"', '"phase 2/3"'))).get("betadine").trial_phase == "phase 2/3"  # type: ignore[union-attr]


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


def test_unreadable_file(mini: Path, refuse_opening: Callable[[Path], None]) -> None:
    refuse_opening(mini)  # tests/acceptance/test_process.py does the real chmod 000
    assert problems(mini) == [f"{mini}: permission denied"]


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import msrx.datafile

    monkeypatch.setattr(msrx.datafile, "MAX_BYTES", 1000)
    path = tmp_path / "huge.toml"
    path.write_text("# " + "x" * 2000 + "\n")
    [message] = problems(path)
    assert "a dataset file may be at most 1000" in message


def test_size_cap_holds_while_reading_a_file_that_grows(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The file is within the cap when stat'ed and past it when read: the read itself stops at the cap.
    import msrx.datafile

    real_fstat = os.fstat
    monkeypatch.setattr(msrx.datafile, "MAX_BYTES", 100)
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    [message] = problems(mini)
    assert f"{mini}: is more than 100 bytes" in message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a quoted table header still starts a treatment
        (MINI.replace('[[treatments]]\nid = "betadine"', '[["treatments"]]\nid = "betadine"'), "maybe"),
        (MINI.replace('[[treatments]]\nid = "betadine"', "[[ 'treatments' ]]  # quoted\nid = \"betadine\""), "maybe"),
        # a header-looking line inside a multi-line string is text, not a header
        (MINI.replace('evidence = "Two phase 3 trials."', 'evidence = """Two trials.\n[[treatments]]\nstatus = "x"\n"""'), "maybe"),
        (MINI.replace('evidence = "Two phase 3 trials."', "evidence = \'\'\'Two trials.\n[[treatments]]\nstatus = 'x'\'\'\'"), "maybe"),
        # ... and inside a multi-line array
        (MINI.replace('side_effects = ["infusion reactions"]', 'side_effects = [\n  "a",\n  "[[treatments]]",\n  "status = 1",\n]'), "maybe"),
        # sub-tables of a treatment belong to it (as a later field-table change adds them)
        (MINI.replace('evidence = "Small trials, mixed results."',
                      'evidence = "Small trials, mixed results."\n[treatments.administration]\nstatus = "x"\n'
                      '[[treatments.monitoring]]\nstatus = "y"'), "maybe"),
    ],
)
def test_line_numbers_survive_quoted_headers_strings_and_sub_tables(write_dataset: Write, text: str, line: str) -> None:
    from msrx.loader import parse_toml, validate
    from msrx.toml_lines import Lines

    text = text.replace('status = "off-label"', f'status = "{line}"')
    path = write_dataset(text)
    expected = text.splitlines().index(f'status = "{line}"') + 1
    if "[treatments.administration]" in text:  # not a field msrx knows yet: check the finder directly
        doc = parse_toml(text, str(path))
        lines = Lines(text)
        assert lines.of("treatments", 1, "status") == expected
        assert lines.of("treatments", 1, "administration") == text.splitlines().index("[treatments.administration]") + 1
        assert lines.of("treatments", 1, "administration.status") == expected + 10
        assert lines.of("treatments", 1, "monitoring.status") == expected + 12
        assert lines.of("treatments", 2, "id") == text.splitlines().index('id = "gammazine"') + 1
        with pytest.raises(DataError):
            validate(doc, text, str(path))
        return
    found = problems(path)
    assert f"{path}:{expected}: treatment 'betadine': field 'status': unknown status" in found[0], found


def test_top_level_key_of_the_wrong_type_names_its_line(write_dataset: Write) -> None:
    text = '# a comment\nsymptoms = [] # fine\ntreatments = 5\n' + MINI[: MINI.index("[[symptoms]]")]
    path = write_dataset(text)
    [message] = problems(path)
    assert message == f"{path}:3: field 'treatments': treatments must be an array of tables ([[treatments]])"


@pytest.mark.parametrize("where", [0, 120, len(MINI) - 3])
def test_nul_byte_names_file_and_its_line(tmp_path: Path, where: int) -> None:
    path = tmp_path / "nul.toml"
    raw = MINI.encode()
    path.write_bytes(raw[:where] + b"\x00" + raw[where:])
    line = raw[:where].count(b"\n") + 1
    assert problems(path) == [f"{path}:{line}: is a binary file, not TOML text: it holds a NUL byte"]


def test_bundled_dataset_is_valid() -> None:
    from msrx.store import bundled_path

    ds = load(bundled_path())
    assert len(ds.treatments) >= 60


PHRASES = 'words = ["stiffness", "spasms"]\nphrases = [{ text = "legs like planks", page = "https://example.org/forum/1" }]'


def test_a_symptom_keeps_its_phrases_and_their_pages(write_dataset: Write) -> None:
    from msrx.model import Phrase

    ds = load(write_dataset(MINI.replace('words = ["stiffness", "spasms"]', PHRASES)))
    assert ds.symptoms["spasticity"].phrases == (Phrase("legs like planks", "https://example.org/forum/1"),)
    assert ds.symptoms["fatigue"].phrases == ()


@pytest.mark.parametrize(("phrases", "expected"), [
    ('[{ text = "legs like planks" }]', "item 1 must be a table with exactly text and page"),
    ('["legs like planks"]', "item 1 must be a table with exactly text and page"),
    ('[{ text = " ", page = "https://example.org/" }]', "item 1 needs a non-empty text and a page"),
    ('[{ text = "planks", page = "ftp://example.org/" }]', "item 1: page must start with https:// or http://"),
    ('[{ text = "Planks", page = "https://a.org/" }, { text = "planks", page = "https://b.org/" }]', "lists 'planks' twice"),
    ('"planks"', "must be a list of {text, page} tables"),
])
def test_bad_phrases_are_reported_with_their_line(write_dataset: Write, phrases: str, expected: str) -> None:
    text = MINI.replace('words = ["stiffness", "spasms"]', f'words = ["stiffness", "spasms"]\nphrases = {phrases}')
    path = write_dataset(text)
    found = problems(path)[0]  # then: treatments of the dropped symptom name an unknown symptom
    line = text.splitlines().index(f"phrases = {phrases}") + 1
    assert expected in found and f":{line}:" in found, found


def test_an_urgent_message_needs_its_words_and_its_sources(write_dataset: Write) -> None:
    words = 'words = ["tired", "exhausted"]'
    assert words in MINI
    alone = write_dataset(MINI.replace(words, words + '\nurgent = "Get help now: call 988."\nurgent_words = ["suicide"]', 1))
    assert any("urgent, urgent_words and urgent_sources go together" in p for p in problems(alone)), problems(alone)
    unknown = write_dataset(MINI.replace(words, words + '\nurgent = "Get help now: call 988."\nurgent_words = ["suicide"]'
                                         '\nurgent_sources = ["nope"]', 1))
    assert any("cites source 'nope'" in p for p in problems(unknown)), problems(unknown)


def test_a_first_choice_is_a_sourced_treatment_for_the_symptom(write_dataset: Write) -> None:
    words = 'words = ["tired", "exhausted"]'
    ok = load(write_dataset(MINI.replace(words, words + '\nfirst_choice = ["gammazine"]\nfirst_choice_sources = ["review-beta"]', 1)))
    assert ok.symptoms["fatigue"].first_choice == ("gammazine",)
    assert ok.symptoms["fatigue"].first_choice_sources == ("review-beta",)
    text = MINI.replace(words, words + '\nfirst_choice = ["alphamab"]\nfirst_choice_sources = ["review-beta"]', 1)
    found = problems(write_dataset(text))
    line = text.splitlines().index('first_choice = ["alphamab"]') + 1
    assert any("first_choice names 'alphamab', which is not a treatment listing this symptom" in p and f":{line}:" in p
               for p in found), found
    unsourced = problems(write_dataset(MINI.replace(words, words + '\nfirst_choice = ["gammazine"]\nsources = ["review-beta"]', 1)))
    assert any("first_choice and first_choice_sources go together" in p for p in unsourced), unsourced
    undefined = problems(write_dataset(MINI.replace(words, words + '\nfirst_choice = ["gammazine"]\nfirst_choice_sources = ["nope"]', 1)))
    assert any("cites source 'nope', which is not defined" in p for p in undefined), undefined


def test_devices_are_optional_and_named_once_across_treatments(write_dataset: Write) -> None:
    ds = load(write_dataset(MINI.replace('aliases = ["ALM"]', 'aliases = ["ALM"]\ndevices = ["AlphaClick"]')))
    assert ds.get("alphamab").devices == ("AlphaClick",)  # type: ignore[union-attr]
    assert ds.get("betadine").devices == ()  # type: ignore[union-attr]
    clash = MINI.replace('aliases = ["BTD"]', 'aliases = ["BTD"]\ndevices = ["alm"]')
    assert any("'alm' is already the alias of treatment 'alphamab'" in p for p in problems(write_dataset(clash)))
    empty_item = MINI.replace('aliases = ["BTD"]', 'aliases = ["BTD"]\ndevices = [" "]')
    assert any("field 'devices': every item must be a non-empty string" in p for p in problems(write_dataset(empty_item)))


def test_a_broken_treatment_does_not_also_break_the_first_choice_naming_it(write_dataset: Write) -> None:
    words = 'words = ["tired", "exhausted"]'
    text = MINI.replace(words, words + '\nfirst_choice = ["gammazine"]\nfirst_choice_sources = ["review-beta"]', 1)
    found = problems(write_dataset(text.replace('drug_class = "muscle relaxant"', 'drug_class = 7')))
    assert found and not any("first_choice" in p for p in found), found


TRANSLATED = 'words = ["stiffness", "spasms"]\ntranslations = [{ text = "Spastik", lang = "de", source = "review-beta" }]'


def test_a_symptom_keeps_its_names_in_other_languages(write_dataset: Write) -> None:
    from msrx.model import Translation

    ds = load(write_dataset(MINI.replace('words = ["stiffness", "spasms"]', TRANSLATED)))
    assert ds.symptoms["spasticity"].translations == (Translation("Spastik", "de", "review-beta"),)
    assert ds.symptoms["fatigue"].translations == ()


@pytest.mark.parametrize("lang", ["fi", "pl", "cs"])
def test_finnish_polish_and_czech_names_are_languages_msrx_reads(write_dataset: Write, lang: str) -> None:
    from msrx.model import Translation

    text = TRANSLATED.replace('lang = "de"', f'lang = "{lang}"')
    ds = load(write_dataset(MINI.replace('words = ["stiffness", "spasms"]', text)))
    assert ds.symptoms["spasticity"].translations == (Translation("Spastik", lang, "review-beta"),)


@pytest.mark.parametrize(("translations", "expected"), [
    ('[{ text = "Spastik", lang = "de" }]', "item 1 must be a table with exactly text, lang and source"),
    ('[{ text = " ", lang = "de", source = "review-beta" }]', "item 1 needs a non-empty text, lang and source"),
    ('[{ text = "Spastik", lang = "ger", source = "review-beta" }]', "item 1: lang 'ger' is not one of cs, da, de, es, fi"),
    ('[{ text = "Spastik", lang = "de", source = "review-beta" }, { text = "spastik", lang = "de", source = "label-alpha" }]',
     "lists 'spastik' twice"),
    ('[{ text = "Spastik", lang = "de", source = "nowhere" }]', "a translation cites source 'nowhere', which is not defined"),
    ('"Spastik"', "must be a list of {text, lang, source} tables"),
])
def test_bad_translations_are_reported_with_their_line(write_dataset: Write, translations: str, expected: str) -> None:
    text = MINI.replace('words = ["stiffness", "spasms"]', f'words = ["stiffness", "spasms"]\ntranslations = {translations}')
    found = [p for p in problems(write_dataset(text)) if expected in p]
    line = text.splitlines().index(f"translations = {translations}") + 1
    assert found and f":{line}:" in found[0], problems(write_dataset(text))
