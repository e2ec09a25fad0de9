"""Maintainer tool: which FDA labels changed since the dataset last checked them?

    python scripts/check_labels.py [--data PATH] [--only ID ...] [--json]
                                   [--api-key KEY] [--delay SECONDS] [--timeout SECONDS]
                                   [--replay DIR]

For every approved or withdrawn treatment, the label sources are the sources
it cites whose URL is a DailyMed set id page
(https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=<SETID>). For each
set id the script asks openFDA for the current label
(https://api.fda.gov/drug/label.json?search=set_id:"<SETID>"&limit=1) and
compares its `effective_time` with the treatment's `label_revised`. It lists
every product whose label is newer, or whose treatment has no
`label_revised`, with the sections openFDA reports as recently changed
(`recent_major_changes`). See README "Updating the data" for what to do next.

Exit status: 0 every label is current; 1 some label is newer (or a treatment
has no label_revised); 2 usage, data-file or network error (one message on
stderr).

Standard library only (tomllib needs Python 3.11; tomli is used on 3.10).
Not part of the installed package and never needed at run time. openFDA
allows 240 requests a minute and 1,000 a day per address without a key; pass
`--api-key` (or set OPENFDA_API_KEY) for more. `--replay DIR` reads recorded
responses (DIR/<SETID>.json) instead of asking openFDA, for offline tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import http.client
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data" / "treatments.toml"
OPENFDA_LABEL = "https://api.fda.gov/drug/label.json"
DAILYMED_HOST = "dailymed.nlm.nih.gov"
USER_AGENT = "msrx-check-labels/1 (maintainer script of the msrx MS treatment reference; Python urllib)"
CHECKED_STATUSES = ("approved", "withdrawn")
SET_ID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
PROG = "check_labels"

# Per product: the label is newer than label_revised / the treatment has no
# label_revised / the label is not newer / openFDA holds no label for the set id.
NEWER, UNCHECKED, CURRENT, NOT_FOUND = "newer", "no_label_revised", "current", "not_in_openfda"
NEEDS_REVIEW = (NEWER, UNCHECKED)

Label = dict[str, Any]
# Given a set id: the openFDA label record, or None when openFDA has none.
Fetch = Callable[[str], Label | None]
UrlOpen = Callable[..., Any]


class CheckError(Exception):
    """A usage, data-file or network problem: one line for stderr, exit 2."""


@dataclass(frozen=True)
class Product:
    """One label source of one treatment."""

    treatment: str
    name: str
    label_revised: str | None
    source: str
    title: str
    url: str
    set_id: str


@dataclass
class Result:
    product: Product
    status: str
    effective: str | None = None  # YYYY-MM-DD
    version: str | None = None
    brand: str | None = None
    changes: list[str] = field(default_factory=list)


# --- the dataset -------------------------------------------------------------


def load_dataset(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise CheckError(f"cannot read {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CheckError(f"{path} is not valid TOML: {exc}") from None


def set_id_of(url: str) -> str | None:
    """The set id of a DailyMed label page URL (any page that names one by `setid=`)."""
    parts = urllib.parse.urlsplit(url)
    if parts.hostname != DAILYMED_HOST:
        return None
    for value in urllib.parse.parse_qs(parts.query).get("setid", []):
        if SET_ID.match(value):
            return value.lower()
    return None


def revision_text(value: object) -> str | None:
    """label_revised as written: a TOML string (YYYY-MM-DD or YYYY-MM) or date."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def label_products(data: dict[str, Any], only: Sequence[str] = ()) -> tuple[list[Product], list[dict[str, str]]]:
    """The label products to check, and the approved or withdrawn treatments with no label source."""
    sources = {s.get("id"): s for s in data.get("sources", []) if isinstance(s, dict)}
    treatments = [t for t in data.get("treatments", []) if isinstance(t, dict) and t.get("status") in CHECKED_STATUSES]
    if only:
        known = {t.get("id") for t in treatments}
        unknown = [i for i in only if i not in known]
        if unknown:
            raise CheckError(f"not an approved or withdrawn treatment in the dataset: {', '.join(unknown)}")
        treatments = [t for t in treatments if t.get("id") in only]
    products: list[Product] = []
    no_source: list[dict[str, str]] = []
    for t in treatments:
        found = False
        for sid in t.get("sources", []):
            src = sources.get(sid, {})
            set_id = set_id_of(str(src.get("url", "")))
            if set_id is None:
                continue
            found = True
            products.append(
                Product(
                    treatment=str(t["id"]),
                    name=str(t.get("name", t["id"])),
                    label_revised=revision_text(t.get("label_revised")),
                    source=str(sid),
                    title=str(src.get("title", "")),
                    url=str(src["url"]),
                    set_id=set_id,
                )
            )
        if not found:
            no_source.append({"treatment": str(t["id"]), "name": str(t.get("name", t["id"])), "status": str(t.get("status"))})
    return products, no_source


# --- openFDA -----------------------------------------------------------------


def label_url(set_id: str, api_key: str | None = None) -> str:
    query = {"search": f'set_id:"{set_id}"', "limit": "1"}
    if api_key:
        query["api_key"] = api_key
    return f"{OPENFDA_LABEL}?{urllib.parse.urlencode(query)}"


def parse_response(body: bytes, set_id: str) -> Label | None:
    """The label record in an openFDA response body; None for an empty result or openFDA's NOT_FOUND."""
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise CheckError(f"openFDA sent a response that is not JSON for set id {set_id}") from None
    if not isinstance(doc, dict):
        raise CheckError(f"openFDA sent an unexpected response for set id {set_id}")
    error = doc.get("error")
    if isinstance(error, dict):
        if error.get("code") == "NOT_FOUND":
            return None
        raise CheckError(f"openFDA error for set id {set_id}: {error.get('code')}: {error.get('message')}")
    results = doc.get("results")
    if not isinstance(results, list):
        raise CheckError(f"openFDA sent an unexpected response for set id {set_id} (no results list)")
    for record in results:
        if isinstance(record, dict) and str(record.get("set_id", "")).lower() == set_id:
            return record
    return None


def http_fetcher(
    api_key: str | None = None, timeout: float = 20.0, delay: float = 0.5, urlopen: UrlOpen = urllib.request.urlopen
) -> Fetch:
    """A Fetch that asks openFDA over HTTPS, pausing `delay` seconds between requests."""
    last = [0.0]

    def fetch(set_id: str) -> Label | None:
        wait = last[0] + delay - time.monotonic()
        if last[0] and wait > 0:
            time.sleep(wait)
        last[0] = time.monotonic()
        request = urllib.request.Request(label_url(set_id, api_key), headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
        try:
            with urlopen(request, timeout=timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read() if exc.fp is not None else b""
            if exc.code == 404:  # openFDA's answer when nothing matches
                return parse_response(body or b'{"error": {"code": "NOT_FOUND"}}', set_id)
            hint = " (rate limit: wait, or pass --api-key)" if exc.code == 429 else ""
            raise CheckError(f"openFDA answered HTTP {exc.code} {exc.reason} for set id {set_id}{hint}") from None
        except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, resets, cut-off replies
            reason = getattr(exc, "reason", None) or exc
            raise CheckError(f"cannot reach openFDA for set id {set_id}: {reason}") from None
        return parse_response(body, set_id)

    return fetch


def replay_fetcher(directory: Path) -> Fetch:
    """A Fetch that reads recorded openFDA responses, DIR/<SETID>.json, and never the network."""
    if not directory.is_dir():
        raise CheckError(f"--replay: {directory} is not a directory")

    def fetch(set_id: str) -> Label | None:
        path = directory / f"{set_id}.json"
        try:
            body = path.read_bytes()
        except OSError:
            raise CheckError(f"--replay: no recorded response for set id {set_id} ({path})") from None
        return parse_response(body, set_id)

    return fetch


# --- comparing ---------------------------------------------------------------


def effective_date(label: Label) -> str | None:
    """openFDA's effective_time (YYYYMMDD) as YYYY-MM-DD, or None if absent or malformed."""
    raw = str(label.get("effective_time", ""))
    try:
        return dt.datetime.strptime(raw[:8], "%Y%m%d").date().isoformat() if len(raw) >= 8 else None
    except ValueError:
        return None


def is_newer(effective: str, label_revised: str) -> bool:
    """Whether a label dated `effective` (YYYY-MM-DD) is newer than `label_revised` (YYYY-MM-DD or YYYY-MM).

    A month-only label_revised is compared by month: any label dated in that month counts as checked.
    """
    return effective[: len(label_revised)] > label_revised


def _text(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def changed_sections(label: Label) -> list[str]:
    """The label's recent major changes, one entry per changed section ("Warnings and Precautions (5.3) 6/2025")."""
    texts = _text(label.get("recent_major_changes")) or [re.sub(r"<[^>]+>", " ", t) for t in _text(label.get("recent_major_changes_table"))]
    sections: list[str] = []
    for text in texts:
        text = " ".join(html.unescape(text).split())
        text = re.sub(r"^(?:\d+\s+)?RECENT MAJOR CHANGES:?\s*", "", text, flags=re.I)
        # Each entry ends with the month it was made: "... (5.4) 12/2024".
        parts = [p.strip(" ;,") for p in re.findall(r".+?\b\d{1,2}\s*/\s*\d{4}", text)]
        rest = re.sub(r".+?\b\d{1,2}\s*/\s*\d{4}", "", text).strip(" ;,")
        sections.extend(p for p in parts if p)
        if rest or not parts:
            sections.append(rest or text)
    return [s for s in sections if s]


def check(products: Iterable[Product], fetch: Fetch) -> list[Result]:
    labels: dict[str, Label | None] = {}
    results: list[Result] = []
    for product in products:
        if product.set_id not in labels:
            labels[product.set_id] = fetch(product.set_id)
        label = labels[product.set_id]
        if label is None:
            results.append(Result(product, NOT_FOUND))
            continue
        effective = effective_date(label)
        openfda = label.get("openfda")
        brands = _text(openfda.get("brand_name")) if isinstance(openfda, dict) else []
        result = Result(product, CURRENT, effective, str(label["version"]) if "version" in label else None, brands[0] if brands else None)
        if product.label_revised is None:
            result.status = UNCHECKED
        elif effective is None or is_newer(effective, product.label_revised):
            result.status = NEWER  # an undated label cannot be shown to be current
        if result.status in NEEDS_REVIEW:
            result.changes = changed_sections(label)
        results.append(result)
    return results


# --- output ------------------------------------------------------------------


def as_json(results: Sequence[Result], no_source: Sequence[dict[str, str]], data: Path) -> dict[str, Any]:
    counts = {s: sum(r.status == s for r in results) for s in (NEWER, UNCHECKED, CURRENT, NOT_FOUND)}
    return {
        "data": str(data),
        "summary": {"products": len(results), **counts, "no_label_source": len(no_source)},
        "products": [
            {
                "treatment": r.product.treatment,
                "name": r.product.name,
                "label_revised": r.product.label_revised,
                "source": r.product.source,
                "title": r.product.title,
                "url": r.product.url,
                "set_id": r.product.set_id,
                "status": r.status,
                "brand": r.brand,
                "effective_time": r.effective,
                "version": r.version,
                "changed_sections": r.changes,
            }
            for r in results
        ],
        "no_label_source": list(no_source),
    }


def as_text(results: Sequence[Result], no_source: Sequence[dict[str, str]]) -> str:
    lines: list[str] = []
    for r in results:
        if r.status not in NEEDS_REVIEW:
            continue
        p = r.product
        product = r.brand or p.title or p.set_id
        why = f"label newer than label_revised {p.label_revised}" if r.status == NEWER else "treatment has no label_revised"
        lines.append(f"{p.name} [{p.treatment}]: {product}: {why}")
        lines.append(f"  label:    {r.effective or 'no effective_time'}" + (f" (version {r.version})" if r.version else ""))
        lines.append(f"  source:   {p.source}  {p.url}")
        if r.changes:
            lines.append("  changed sections (openFDA recent major changes):")
            lines.extend(f"    - {c}" for c in r.changes)
        else:
            lines.append("  changed sections: not reported by openFDA; read the label")
        lines.append("")
    missing = [r for r in results if r.status == NOT_FOUND]
    if missing:
        lines.append("not in openFDA (check the set id on DailyMed):")
        lines.extend(f"  {r.product.treatment}: {r.product.source} ({r.product.set_id})" for r in missing)
        lines.append("")
    if no_source:
        lines.append("no label source (no DailyMed setid page among the sources):")
        lines.extend(f"  {t['treatment']} ({t['status']})" for t in no_source)
        lines.append("")
    review = sum(r.status in NEEDS_REVIEW for r in results)
    current = sum(r.status == CURRENT for r in results)
    lines.append(
        f"{len(results)} label products checked: {review} to review, {current} current, {len(missing)} not in openFDA; "
        f"treatments with no label source: {len(no_source)}"
    )
    return "\n".join(lines) + "\n"


# --- command line ------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="List approved and withdrawn treatments whose FDA label (openFDA) is newer than the dataset's label_revised.",
        epilog="Exit status: 0 all current, 1 some label newer or no label_revised, 2 usage, data or network error.",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="dataset file (default: data/treatments.toml)")
    parser.add_argument("--only", action="append", default=[], metavar="ID", help="check only this treatment (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON: summary, products (each with its status), no_label_source")
    parser.add_argument("--api-key", default=os.environ.get("OPENFDA_API_KEY"), help="openFDA API key (default: $OPENFDA_API_KEY)")
    parser.add_argument("--delay", type=float, default=0.5, help="seconds between openFDA requests (default 0.5)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each openFDA response (default 20)")
    parser.add_argument("--replay", type=Path, metavar="DIR", help="read recorded responses DIR/<SETID>.json instead of asking openFDA")
    args = parser.parse_args(argv)
    if args.delay < 0 or args.timeout <= 0:
        parser.error("--delay must be 0 or more and --timeout more than 0")
    return args


def main(argv: Sequence[str] | None = None, urlopen: UrlOpen = urllib.request.urlopen) -> int:
    args = parse_args(argv)
    try:
        products, no_source = label_products(load_dataset(args.data), args.only)
        fetch = replay_fetcher(args.replay) if args.replay else http_fetcher(args.api_key, args.timeout, args.delay, urlopen)
        results = check(products, fetch)
    except CheckError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    out = json.dumps(as_json(results, no_source, args.data), indent=2, ensure_ascii=True) + "\n" if args.json else as_text(results, no_source)
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: end quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return 1 if any(r.status in NEEDS_REVIEW for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
