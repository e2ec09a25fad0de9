"""The clinic-visit sheet (msrx.sheet) as Markdown or as a standalone, printable HTML page.

The HTML page has its CSS inline and loads nothing; it is laid out for
printing (compact type, one column per treatment, print styles). Every piece of dataset text goes
through textsafe.safe (control characters made visible) and then
html.escape; in Markdown, through md_cell, which escapes the characters
that would make markup. Neither format ever carries dataset text as markup.
"""

from __future__ import annotations

import html
import re
from typing import Any

from msrx.textsafe import safe

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_cell(text: str) -> str:
    """Dataset text for inline Markdown: one line, control characters visible, markup characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(safe(text).split()))


def _cites(numbers: list[int]) -> str:
    return " ".join(f"[{n}]" for n in numbers)


def _source_text(s: dict[str, Any]) -> str:
    year = f", {s['year']}" if s["year"] else ""
    return f"{s['title']}. {s['publisher']}{year}."


def _dates(entry: dict[str, Any]) -> str:
    label = f"; label checked {entry['label_revised']}" if entry["label_revised"] else ""
    return f"entry reviewed {entry['reviewed']}{label}"


# -- Markdown ---------------------------------------------------------------------


def _url(url: str) -> str:
    """A URL for a Markdown autolink (<...>): spaces, angle brackets and control characters percent-encoded."""
    from urllib.parse import quote

    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


def markdown(sheet: dict[str, Any]) -> str:
    out = [f"# {md_cell(sheet['title'])}", ""]
    ds = sheet["dataset"]
    out += [f"msrx dataset {md_cell(ds['version'])}, reviewed {md_cell(ds['reviewed'])}. "
            "Source numbers are those of `msrx show` and `msrx sources`.", ""]
    for entry in sheet["treatments"]:
        brands = f" ({md_cell(', '.join(entry['brands']))})" if entry["brands"] else ""
        out += [f"## {md_cell(entry['name'])}{brands}", ""]
        out += [f"**Status:** {md_cell(entry['status'])}: {md_cell(entry['status_meaning'])}  ",
                f"**Category:** {md_cell(entry['category'])}; **routes:** {md_cell(', '.join(entry['routes']))}", ""]
        for section in entry["sections"]:
            cites = f" {_cites(section['sources'])}" if section["sources"] and section["lines"] else ""
            if not section["lines"]:
                out.append(f"**{md_cell(section['label'])}:** *{md_cell(section['empty'])}*")
            elif len(section["lines"]) == 1:
                out.append(f"**{md_cell(section['label'])}:** {md_cell(section['lines'][0])}{cites}")
            else:
                out.append(f"**{md_cell(section['label'])}:**{cites}")
                out += [f"- {md_cell(line)}" for line in section["lines"]]
            out.append("")
        out += [f"*{md_cell(_dates(entry).capitalize())}*", ""]
    out += ["## Sources", ""]
    out += [f"- [{s['number']}] {md_cell(_source_text(s))} <{_url(s['url'])}>" for s in sheet["sources"]]
    out += ["", "---", "", f"*{md_cell(sheet['disclaimer'])}*", ""]
    return "\n".join(out)


# -- HTML -------------------------------------------------------------------------


def _h(text: str) -> str:
    return html.escape(safe(text), quote=True)


STYLE = """\
@page { size: auto; margin: 12mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #111; margin: 0 auto;
       max-width: 60rem; padding: 1rem; }
h1 { font-size: 14pt; margin: 0 0 .2rem; }
h2 { font-size: 11pt; margin: .8rem 0 .3rem; }
p { margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #999; padding: .2rem .4rem; vertical-align: top; text-align: left; }
thead th { background: #eee; }
tbody th { width: 8.5rem; font-weight: 600; }
ul { margin: 0; padding-left: 1rem; }
.meta, .cite, .sources { color: #333; font-size: 8.5pt; }
.empty { color: #555; font-style: italic; }
.sources { padding-left: 1.6rem; }
.sources a { color: inherit; word-break: break-all; }
footer { margin-top: .6rem; border-top: 1px solid #999; padding-top: .3rem; font-size: 9pt; }
@media print { body { padding: 0; max-width: none; } thead th { background: none; } a { text-decoration: none; } }
"""


def _cell(section: dict[str, Any]) -> str:
    if not section["lines"]:
        return f'<td><span class="empty">{_h(section["empty"])}</span></td>'
    cites = f' <span class="cite">{_cites(section["sources"])}</span>' if section["sources"] else ""
    if len(section["lines"]) == 1:
        return f"<td>{_h(section['lines'][0])}{cites}</td>"
    items = "".join(f"<li>{_h(line)}</li>" for line in section["lines"])
    return f"<td><ul>{items}</ul>{cites}</td>"


def page(sheet: dict[str, Any]) -> str:
    """A standalone HTML page: one column per treatment, one row per section."""
    entries = sheet["treatments"]
    ds = sheet["dataset"]
    head = "".join(
        f'<th scope="col">{_h(e["name"])}'
        + (f'<br><span class="meta">{_h(", ".join(e["brands"]))}</span>' if e["brands"] else "")
        + "</th>"
        for e in entries
    )
    rows = ['<tr><th scope="row">Status</th>'
            + "".join(f"<td><strong>{_h(e['status'])}</strong>: {_h(e['status_meaning'])}"
                      f'<br><span class="meta">{_h(e["category"])}; {_h(", ".join(e["routes"]))}</span></td>' for e in entries)
            + "</tr>"]
    for i, section in enumerate(entries[0]["sections"]):
        rows.append(f'<tr><th scope="row">{_h(section["label"])}</th>' + "".join(_cell(e["sections"][i]) for e in entries) + "</tr>")
    rows.append('<tr><th scope="row">Checked</th>'
                + "".join(f'<td class="meta">{_h(_dates(e).capitalize())}</td>' for e in entries) + "</tr>")
    sources = "".join(
        f'<li value="{s["number"]}">{_h(_source_text(s))} <a href="{_h(s["url"])}">{_h(s["url"])}</a></li>'
        for s in sheet["sources"]
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_h(sheet["title"])}</title>
<style>
{STYLE}</style>
</head>
<body>
<header>
<h1>{_h(sheet["title"])}</h1>
<p class="meta">msrx dataset {_h(ds["version"])}, reviewed {_h(ds["reviewed"])}. Numbers in brackets are the sources below
(as numbered by <code>msrx show</code>).</p>
</header>
<main>
<table>
<thead><tr><th scope="col"></th>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<h2>Sources</h2>
<ol class="sources">{sources}</ol>
</main>
<footer><p>{_h(sheet["disclaimer"])}</p></footer>
</body>
</html>
"""
