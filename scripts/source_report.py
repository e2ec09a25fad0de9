"""Maintainer tool: the dataset's sources by class under the source policy.

    python scripts/source_report.py [DATA.toml] [--policy data/source_policy.toml] [--list]

Classes: primary (an allow-listed domain), secondary (a drug reference),
news (a news outlet or wire), exception (another host, listed with a reason),
forbidden (an API query, a mirror or aggregator: never allowed) and
unclassified (none of these, no exception). Secondary and news sources are
allowed only with a written exception (news: "news: <event>"). Prints the
counts and, with --list, every source under its class; exits 1 when a
source breaks the policy.

Standard library only (tomllib needs Python 3.11; tomli is used on 3.10).
Not part of the installed package; tests/unit/test_data_policy.py uses its
classifier, so the report and the tests can never disagree.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from typing import Any, NamedTuple
from urllib.parse import urlsplit

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(ROOT, "data", "treatments.toml")
DEFAULT_POLICY = os.path.join(ROOT, "data", "source_policy.toml")
CLASSES = ("primary", "secondary", "news", "exception", "forbidden", "unclassified")
NEWS_PREFIX = "news: "


class Policy(NamedTuple):
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    news: tuple[str, ...]
    api_patterns: tuple[str, ...]
    forbidden_hosts: tuple[str, ...]
    forbidden_patterns: tuple[str, ...]
    exceptions: dict[str, str]  # source id -> reason


class Verdict(NamedTuple):
    source: str
    url: str
    host: str
    klass: str  # one of CLASSES
    problem: str | None  # None: the source is allowed
    reason: str | None  # its exception's reason, if any


def load_toml(path: str) -> dict[str, Any]:
    with open(path, "rb") as f:
        doc: dict[str, Any] = tomllib.load(f)
    return doc


def load_policy(path: str = DEFAULT_POLICY) -> Policy:
    doc = load_toml(path)
    primary = tuple(d for group in doc["primary"].values() for d in group)
    exceptions: dict[str, str] = {}
    for row in doc.get("exceptions", []):
        exceptions[row["source"]] = row.get("reason", "")
    forbidden = doc["forbidden"]
    return Policy(primary, tuple(doc["secondary"]["domains"]), tuple(doc["news"]["domains"]),
                  tuple(forbidden["api_patterns"]), tuple(forbidden["hosts"]), tuple(forbidden["url_patterns"]), exceptions)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def under(host: str, domains: Iterable[str]) -> bool:
    """Is the host one of the domains or a subdomain of one?"""
    return any(host == d or host.endswith("." + d) for d in domains)


def is_api(url: str, policy: Policy) -> bool:
    return any(p in url for p in policy.api_patterns)


def is_forbidden(url: str, policy: Policy) -> bool:
    return under(host_of(url), policy.forbidden_hosts) or any(p in url for p in policy.forbidden_patterns)


def classify(source_id: str, url: str, policy: Policy) -> Verdict:
    host = host_of(url)
    reason = policy.exceptions.get(source_id)
    written = bool(reason and reason.strip())

    def verdict(klass: str, problem: str | None) -> Verdict:
        return Verdict(source_id, url, host, klass, problem, reason)

    if is_api(url, policy):
        return verdict("forbidden", "an API query, not a page a reader can check")
    if under(host, policy.forbidden_hosts):
        return verdict("forbidden", f"{host} is a forbidden host (a mirror, an aggregator or an unrelated site)")
    pattern = next((p for p in policy.forbidden_patterns if p in url), None)
    if pattern is not None:
        return verdict("forbidden", f"the URL matches the forbidden pattern {pattern!r} (a staging copy or a redirect, not the page cited)")
    if under(host, policy.primary):
        return verdict("primary", None)
    if under(host, policy.secondary):
        return verdict("secondary", None if written else f"{host} is a secondary drug reference and the source has no exception")
    if under(host, policy.news):
        news = written and reason is not None and reason.startswith(NEWS_PREFIX) and reason[len(NEWS_PREFIX):].strip() != ""
        return verdict("news", None if news else f"{host} is a news outlet and the source has no 'news: <event>' exception")
    if written:
        return verdict("exception", None)
    return verdict("unclassified", f"{host} is not in the allow-list and the source has no exception")


def report(sources: list[dict[str, Any]], policy: Policy) -> list[Verdict]:
    return [classify(s["id"], s["url"], policy) for s in sources]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default=DEFAULT_DATA, help="dataset file (default: data/treatments.toml)")
    parser.add_argument("--policy", default=DEFAULT_POLICY, help="source policy (default: data/source_policy.toml)")
    parser.add_argument("--list", action="store_true", help="list every source under its class")
    args = parser.parse_args(argv)
    verdicts = report(load_toml(args.data).get("sources", []), load_policy(args.policy))
    print(f"{args.data}: {len(verdicts)} sources")
    for klass in CLASSES:
        group = [v for v in verdicts if v.klass == klass]
        bad = sum(1 for v in group if v.problem)
        note = f"  ({len(group) - bad} with a written reason, {bad} without)" if klass in ("secondary", "news") else ""
        print(f"  {klass:<13}{len(group):>4}{note}")
    failing = [v for v in verdicts if v.problem]
    print(f"  {'breaking the policy':<13}{len(failing):>4}")
    if args.list:
        for klass in CLASSES:
            group = [v for v in verdicts if v.klass == klass]
            if group:
                print(f"\n{klass} ({len(group)})")
            for v in group:
                mark = "  !" if v.problem else "   "
                print(f"{mark} {v.source}\t{v.host}" + (f"\t{v.problem}" if v.problem else ""))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
