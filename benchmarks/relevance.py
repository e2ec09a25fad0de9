"""Relevance evaluation of msrx search: top-1 accuracy, recall at 5, MRR.

    python benchmarks/relevance.py            # table of figures, and every miss
    python benchmarks/relevance.py --json     # the same figures as JSON

Queries live in tests/relevance/queries.toml, written as people type them.
tests/unit/test_relevance.py fails when the figures drop below the targets.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "relevance" / "queries.toml"
FIRST_KINDS = ("exact", "typo", "abbrev", "phrase")
SET_KINDS = ("class", "symptom")


@dataclass
class KindScore:
    queries: int = 0
    top1: int = 0
    recall5: float = 0.0
    rr: float = 0.0
    all_in_top10: int = 0
    empty: int = 0
    misses: list[str] = field(default_factory=list)


def evaluate(queries: list[dict[str, object]]) -> dict[str, KindScore]:
    from msrx.search import search
    from msrx.store import open_dataset

    dataset, index = open_dataset(None, use_cache=False)
    scores: dict[str, KindScore] = {}
    for q in queries:
        kind = str(q["kind"])
        text = str(q["query"])
        s = scores.setdefault(kind, KindScore())
        s.queries += 1
        ranked = [h.treatment.id for h in search(dataset, index, text, limit=10)]
        if kind == "nothing":
            if not ranked:
                s.empty += 1
            else:
                s.misses.append(f"{text!r}: expected nothing, got {ranked[:3]}")
            continue
        expected = [str(q["first"])] if kind in FIRST_KINDS else [str(x) for x in q["expect"]]  # type: ignore[attr-defined]
        first_hit = next((i for i, tid in enumerate(ranked) if tid in expected), None)
        s.rr += 0.0 if first_hit is None else 1.0 / (first_hit + 1)
        s.recall5 += sum(1 for e in expected if e in ranked[:5]) / len(expected)
        if ranked[:1] == expected[:1] or (kind in SET_KINDS and ranked[:1] and ranked[0] in expected):
            s.top1 += 1
        elif kind in FIRST_KINDS:
            s.misses.append(f"{text!r}: expected {expected[0]}, got {ranked[:3]}")
        if all(e in ranked for e in expected):
            s.all_in_top10 += 1
        elif kind in SET_KINDS:
            missing = [e for e in expected if e not in ranked]
            s.misses.append(f"{text!r}: {missing} not in the top 10 {ranked}")
    return scores


def summary(scores: dict[str, KindScore]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for kind, s in scores.items():
        n = s.queries
        if kind == "nothing":
            out[kind] = {"queries": n, "no_result": s.empty / n}
        else:
            out[kind] = {"queries": n, "top1": s.top1 / n, "recall_at_5": s.recall5 / n, "mrr": s.rr / n,
                         "all_expected_in_top10": s.all_in_top10 / n}
    named = [scores[k] for k in ("exact", "typo", "abbrev", "phrase") if k in scores]
    total = sum(s.queries for s in named)
    out["names_brands_typos"] = {"queries": total, "top1": sum(s.top1 for s in named) / total}
    return out


def load_queries() -> list[dict[str, object]]:
    with open(QUERIES, "rb") as f:
        return list(tomli.load(f)["q"])


def main() -> int:
    queries = load_queries()
    scores = evaluate(queries)
    figures = summary(scores)
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{len(queries)} queries from {QUERIES.relative_to(ROOT)}\n")
    print(f"{'kind':<20}{'queries':>8}{'top-1':>9}{'recall@5':>10}{'MRR':>8}{'all@10':>9}")
    for kind, f in figures.items():
        if kind == "nothing":
            print(f"{kind:<20}{f['queries']:>8.0f}{'':>9}{'':>10}{'':>8}{'':>9}   no result: {f['no_result']:.1%}")
        elif kind == "names_brands_typos":
            print(f"{kind:<20}{f['queries']:>8.0f}{f['top1']:>9.1%}")
        else:
            print(f"{kind:<20}{f['queries']:>8.0f}{f['top1']:>9.1%}{f['recall_at_5']:>10.1%}{f['mrr']:>8.3f}"
                  f"{f['all_expected_in_top10']:>9.1%}")
    misses = [m for s in scores.values() for m in s.misses]
    if misses:
        print("\nmisses:")
        for m in misses:
            print("  " + m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
