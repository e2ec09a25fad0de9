"""The visit sheet: its data, Markdown and HTML (parsed, with hostile text), and the atomic write."""

from __future__ import annotations

import os
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from msrx import datafile, render_sheet, sheet
from msrx.loader import load
from msrx.model import Dataset

LIVING_PATH = Path(__file__).resolve().parent.parent / "living.toml"
LIVING = LIVING_PATH.read_text(encoding="utf-8")
EVIL = '<script>alert(1)</script> & \\"quoted\\" \\u001b[31m *bold* [x](javascript:y) \\u202e'  # as TOML text
EVIL_SHOWN = '<script>alert(1)</script> & "quoted" \\x1b[31m *bold* [x](javascript:y) \\u202e'


def sheet_of(ds: Dataset, *ids: str) -> dict[str, Any]:
    return sheet.build([t for i in ids if (t := ds.get(i)) is not None], ds)


def test_build_has_the_sections_in_order_with_their_numbers(check_json: Callable[[str, Any], None]) -> None:
    ds = load(LIVING_PATH)
    data = sheet_of(ds, "alphamab", "betaferon")
    check_json("sheet", data)
    alpha, beta = data["treatments"]
    assert [s["label"] for s in alpha["sections"]] == [
        "How taken", "Monitoring", "Pregnancy", "Breastfeeding", "Vaccines", "Effectiveness", "Stopping", "Side effects", "Warnings"]
    sections = {s["field"]: s for s in alpha["sections"]}
    assert sections["effectiveness"]["sources"] == [1, 2]
    assert sections["monitoring"]["lines"] == ["hepatitis B screening: before the first dose",
                                               "immunoglobulin levels: before starting and during treatment"]
    assert not any(line.startswith("Sources:") for s in alpha["sections"] for line in s["lines"])
    empty = {s["field"]: s for s in beta["sections"]}["pregnancy"]
    assert (empty["lines"], empty["sources"], empty["empty"]) == ([], [], "not stated")
    assert [s["number"] for s in data["sources"]] == [1, 2, 3]
    assert (alpha["label_revised"], beta["label_revised"]) == ("2025-03-27", "2024-11")
    assert data["title"] == "Clinic visit summary: Alphamab, Betaferon"
    assert "not medical advice" in data["disclaimer"]


def test_markdown_sheet() -> None:
    ds = load(LIVING_PATH)
    md = render_sheet.markdown(sheet_of(ds, "alphamab", "betaferon"))
    assert md.startswith("# Clinic visit summary: Alphamab, Betaferon\n")
    assert "## Alphamab (Alphix)\n" in md and "## Betaferon (Betix, Betix Weekly)\n" in md
    assert "**Effectiveness:** [1] [2]\n- Trial: ALPHA I and II\n" in md
    assert "**Pregnancy:** *not stated*" in md
    assert "*Entry reviewed 2026-01-02; label checked 2025-03-27*" in md
    assert "- [2] Alphamab phase 3 trials. A Journal, 2017. <https://example.org/alpha-trial>" in md
    assert md.rstrip().endswith("changing any treatment.*")


class Page(HTMLParser):
    """Collects tags, attributes and text, and checks every opened element is closed."""

    VOID = frozenset({"meta", "br", "link", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.by_tag: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (self.open, tag)
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.open:
            self.by_tag.setdefault(self.open[-1], []).append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    assert page.open == [], f"unclosed: {page.open}"
    return page


def test_html_page_is_standalone_and_well_formed() -> None:
    ds = load(LIVING_PATH)
    text = render_sheet.page(sheet_of(ds, "alphamab", "betaferon"))
    assert text.startswith("<!DOCTYPE html>\n")
    page = parse(text)
    assert page.tags.count("table") == 1 and page.tags.count("style") == 1
    assert not {"script", "link", "img", "iframe", "object"} & set(page.tags)
    assert not [a for a in page.attrs if a[1] in ("src", "style") or a[1].startswith("on")]
    assert all(v and v.startswith("https://") for tag, k, v in page.attrs if k == "href")
    assert page.by_tag["title"] == ["Clinic visit summary: Alphamab, Betaferon"]
    assert [v for tag, k, v in page.attrs if tag == "li" and k == "value"] == ["1", "2", "3"]
    body = "".join(page.text)
    assert "Compared with: interferon beta-1a 44 mcg three times weekly" in body
    assert body.count("not stated") == 6  # Betaferon: every block but How taken
    assert "Entry reviewed 2026-01-02; label checked 2024-11" in body
    assert "not medical advice" in body


def test_hostile_text_is_escaped_in_html_and_markdown(write_dataset: Callable[..., Path]) -> None:
    text = (LIVING.replace('setting = "infusion centre"', f'setting = "{EVIL}"')
            .replace('title = "Alphamab label"', f'title = "</title><img src=x onerror=alert(1)>{EVIL}"')
            .replace('name = "Alphamab"', 'name = "Alpha</h1><script>x()</script>"')
            .replace('url = "https://example.org/alpha"', 'url = "https://example.org/a\\"><script>y()</script>"'))
    ds = load(write_dataset(text))
    data = sheet_of(ds, "alphamab")
    page = parse(render_sheet.page(data))
    assert "script" not in page.tags and "img" not in page.tags
    assert not [a for a in page.attrs if a[1].startswith("on")]
    body = "".join(page.text)
    assert f"Where: {EVIL_SHOWN}" in body  # the text itself, shown literally
    assert "\x1b" not in body and "\u202e" not in body
    assert page.by_tag["title"] == ["Clinic visit summary: Alpha</h1><script>x()</script>"]
    assert [v for tag, k, v in page.attrs if k == "href"] == ['https://example.org/a"><script>y()</script>',
                                                            "https://example.org/alpha-trial"]
    md = render_sheet.markdown(data)
    assert "\\<script\\>alert(1)\\</script\\>" in md and "\\*bold\\* \\[x\\](javascript:y)" in md
    assert "<https://example.org/a%22%3E%3Cscript%3Ey()%3C/script%3E>" in md
    assert "\x1b" not in md and "<script>" not in md


# -- writing the file --------------------------------------------------------------------


def test_atomic_write_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "visit.html"
    target.write_text("old", encoding="utf-8")
    datafile.write_atomically(str(target), "new ✓\n")
    assert target.read_text(encoding="utf-8") == "new ✓\n"
    assert os.listdir(tmp_path) == ["visit.html"]
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_failed_write_leaves_nothing_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "visit.md"
    target.write_text("old", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space left"):
        datafile.write_atomically(str(target), "x" * 100_000)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["visit.md"]  # the temporary file is gone too


def test_writing_to_a_directory_or_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        datafile.write_atomically(str(tmp_path), "x")
    with pytest.raises(FileNotFoundError):
        datafile.write_atomically(str(tmp_path / "no" / "such.md"), "x")
    assert os.listdir(tmp_path) == []
