"""Relevance against queries real people wrote (tests/relevance/real_queries.toml).

    python benchmarks/relevance_real.py               # dev half: the half used for tuning
    python benchmarks/relevance_real.py --split test  # the held-out half, reported, never tuned on
    python benchmarks/relevance_real.py --split all --json

Each row cites the page its wording came from. A row passes when the FIRST
result meets its expectation (a treatment for the symptom, one of the ids,
a route/category/status), or, for `nothing` rows, when there is no result.
A first result that matched only through side effects never passes, and is
counted separately: that must stay at zero.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "relevance" / "real_queries.toml"
FAMILIES = ("symptom_phrase", "question", "misspelling", "name", "nothing")


@dataclass
class FamilyScore:
    queries: int = 0
    passed: int = 0
    side_effect_first: int = 0
    misses: list[str] = field(default_factory=list)


def load_queries(split: str = "dev") -> list[dict[str, Any]]:
    with open(QUERIES, "rb") as f:
        rows = list(tomli.load(f)["q"])
    return rows if split == "all" else [r for r in rows if r["split"] == split]


def passes(row: dict[str, Any], hits: list[Any]) -> bool:
    if row.get("nothing"):
        return not hits
    if not hits:
        return False
    top = hits[0]
    t = top.treatment
    if top.relation == "causes":
        return False
    if "top_symptom" in row and row["top_symptom"] not in t.symptoms:
        return False
    if "top_in" in row and t.id not in row["top_in"]:
        return False
    if "top_category" in row and t.category != row["top_category"]:
        return False
    if "top_route" in row:
        from msrx.dosing import ROUTE_GROUPS

        if not set(ROUTE_GROUPS.get(row["top_route"], (row["top_route"],))) & set(t.routes):
            return False
    return not ("top_status" in row and t.status != row["top_status"])


def evaluate(rows: list[dict[str, Any]]) -> dict[str, FamilyScore]:
    from msrx.search import search
    from msrx.store import open_dataset

    dataset, index = open_dataset(None, use_cache=False)
    scores = {f: FamilyScore() for f in FAMILIES}
    for row in rows:
        s = scores[row["family"]]
        s.queries += 1
        hits = search(dataset, index, row["query"], limit=10)
        if hits and hits[0].relation == "causes" and "top_symptom" in row:
            s.side_effect_first += 1
        if passes(row, hits):
            s.passed += 1
        else:
            got = [(h.treatment.id, h.field) for h in hits[:3]]
            want = {k: v for k, v in row.items() if k.startswith("top_") or k == "nothing"}
            s.misses.append(f"{row['query']!r}: want {want}, got {got}")
    return scores


def summary(scores: dict[str, FamilyScore]) -> dict[str, dict[str, float]]:
    return {
        family: {"queries": s.queries, "passed": s.passed, "rate": s.passed / s.queries if s.queries else 0.0,
                 "side_effect_first": s.side_effect_first}
        for family, s in scores.items()
    }


def main() -> int:
    split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else "dev"
    rows = load_queries(split)
    scores = evaluate(rows)
    figures = summary(scores)
    if "--json" in sys.argv:
        print(json.dumps({"split": split, "families": figures}, indent=2))
        return 0
    print(f"{len(rows)} real queries ({split} half) from {QUERIES.relative_to(ROOT)}\n")
    print(f"{'family':<16}{'queries':>8}{'passed':>8}{'rate':>8}{'side-effect first':>19}")
    for family, f in figures.items():
        print(f"{family:<16}{f['queries']:>8.0f}{f['passed']:>8.0f}{f['rate']:>8.1%}{f['side_effect_first']:>19.0f}")
    total = sum(f["queries"] for f in figures.values())
    passed = sum(f["passed"] for f in figures.values())
    print(f"{'all':<16}{total:>8.0f}{passed:>8.0f}{passed / total:>8.1%}")
    if "--misses" in sys.argv:
        print("\nmisses:")
        for s in scores.values():
            for m in s.misses:
                print("  " + m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
