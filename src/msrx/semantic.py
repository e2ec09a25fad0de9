"""Reading a query for its meaning, when its words alone say too little.

Word matching answers "legs feel like lead" through the words msrx holds. A
writer's own picture ("the whole world started to swirl", "my synapses are
buffering") shares few words with any symptom's phrases, and one common word
of it can point at the wrong symptom. A small sentence encoder,
all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 6 layers, 384
dimensions), maps a sentence to a vector whose direction carries its meaning;
the symptom whose names and phrases lie closest to the query's vector is the
symptom the query most likely describes.

The weights ship with msrx (minilm.npz, int8 with a scale per row, written by
scripts/export_minilm.py) and run here on numpy alone: no model library, no
network. This module is imported only when search falls back on it (see
msrx.search), so no other query pays for numpy or the weights.
"""

from __future__ import annotations

import functools
import io
import os
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np

from msrx.index import SearchIndex

_HERE = os.path.dirname(os.path.realpath(__file__))
MAX_TOKENS = 128  # position embeddings shipped (a query is far shorter); longer text is cut
LAYERS = 6
HEADS = 12
_CLS, _SEP, _UNK, _PAD = "[CLS]", "[SEP]", "[UNK]", "[PAD]"
_MAX_WORD = 100  # BERT's WordPiece reads a longer word as unknown

# A key this close in meaning to the query may answer it (cosine similarity of
# the two vectors). Chosen on the dev half of the real queries (see README,
# "Reading for meaning"): lower let must-return-nothing queries through.
CLOSE = 0.5
# How much closer the new symptom must be than the one word matching chose.
MARGIN = 0.1
# A symptom one word of a long sentence half matched, this far from the whole
# sentence in meaning, is no answer ("my roses are under stress" is no anxiety).
# Chosen on the dev half, as CLOSE was: below every half match that was right.
FAR = 0.27
# The same for a symptom guessed from one common word when nothing matched
# (search's last resort): weaker evidence than a phrase half matched, so it
# needs more of the sentence's meaning behind it. Chosen on the dev half:
# between the guesses that were wrong ("make" of "make some noise": 0.28) and
# the lowest that was right (0.306).
FAR_GUESS = 0.29
# How much closer the closest symptom must be than the next when the query's
# words matched nothing at all (a sentence: see search.SENTENCE_WORDS).
SENTENCE_MARGIN = 0.03


def meaning_answers(sim: float, rival: float, *, sentence: bool) -> bool:
    """Whether a symptom `sim` close in meaning answers instead of `rival`:
    the symptom the words chose, or for a sentence that matched nothing, the
    next closest symptom."""
    return sim >= CLOSE and sim - rival >= (SENTENCE_MARGIN if sentence else MARGIN)


# -- Tokenising, as BERT's uncased BasicTokenizer + WordPiece do ---------------

@functools.cache
def _vocab() -> dict[str, int]:
    with open(os.path.join(_HERE, "minilm_vocab.txt"), encoding="utf-8") as f:
        return {line.rstrip("\n"): i for i, line in enumerate(f)}


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    # BERT counts every non-letter, non-digit ASCII sign as punctuation ("$", "^", "`").
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def _basic_words(text: str) -> list[str]:
    """Lower case, accents stripped, split on white space and around punctuation and CJK characters."""
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
            continue
        out.append(f" {ch} " if _is_cjk(cp) else " " if ch.isspace() else ch)
    words = []
    for word in "".join(out).lower().split():
        word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
        piece = ""
        for ch in word:
            if _is_punctuation(ch):
                if piece:
                    words.append(piece)
                words.append(ch)
                piece = ""
            else:
                piece += ch
        if piece:
            words.append(piece)
    return words


def _wordpiece(word: str, vocab: dict[str, int]) -> list[int]:
    """Longest-match-first pieces of one word ("buffering" -> buff, ##ering), or [UNK]."""
    if len(word) > _MAX_WORD:
        return [vocab[_UNK]]
    ids, start = [], 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                ids.append(vocab[piece])
                break
            end -= 1
        else:
            return [vocab[_UNK]]
        start = end
    return ids


def token_ids(text: str) -> list[int]:
    """The model's input for `text`: [CLS], its word pieces, [SEP] (cut to MAX_TOKENS)."""
    vocab = _vocab()
    ids = [i for word in _basic_words(text) for i in _wordpiece(word, vocab)]
    return [vocab[_CLS], *ids[: MAX_TOKENS - 2], vocab[_SEP]]


# -- The encoder ----------------------------------------------------------------

def _erf(x: np.ndarray) -> np.ndarray:
    """Error function (Abramowitz and Stegun 7.1.26, error under 1.5e-7): numpy has none."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-a * a)
    out: np.ndarray = sign * y
    return out


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + 1e-12) * w + b
    return out


class Encoder:
    """all-MiniLM-L6-v2's forward pass: BERT layers, mean pooling, unit length."""

    def __init__(self, path: str | None = None) -> None:
        with np.load(path or os.path.join(_HERE, "minilm.npz")) as z:
            arrays = {k: z[k] for k in z.files}

        def weight(name: str) -> np.ndarray:  # int8 rows times their scale, transposed for x @ w
            out: np.ndarray = (arrays[f"{name}_q"].astype(np.float32) * arrays[f"{name}_s"][:, None]).T.copy()
            return out

        self.words_q = arrays["word_q"]
        self.words_s = arrays["word_s"]
        self.position = arrays["position"]
        self.token_type = arrays["token_type"]
        self.ln0 = (arrays["ln0_w"], arrays["ln0_b"])
        self.layers = []
        for i in range(LAYERS):
            qkv = np.concatenate([weight(f"{i}.q"), weight(f"{i}.k"), weight(f"{i}.v")], axis=1)
            qkv_b = np.concatenate([arrays[f"{i}.q_b"], arrays[f"{i}.k_b"], arrays[f"{i}.v_b"]])
            self.layers.append((
                qkv, qkv_b, weight(f"{i}.o"), arrays[f"{i}.o_b"], arrays[f"{i}.ln1_w"], arrays[f"{i}.ln1_b"],
                weight(f"{i}.up"), arrays[f"{i}.up_b"], weight(f"{i}.down"), arrays[f"{i}.down_b"],
                arrays[f"{i}.ln2_w"], arrays[f"{i}.ln2_b"],
            ))

    def encode(self, texts: Sequence[str], batch: int = 64) -> np.ndarray:
        """One unit vector (float32, 384) per text."""
        ids = [token_ids(t) for t in texts]
        out = np.zeros((len(texts), self.position.shape[1]), dtype=np.float32)
        # Similar lengths together: less padding to compute.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            out[chunk] = self._encode([ids[i] for i in chunk])
        return out

    def _encode(self, ids: list[list[int]]) -> np.ndarray:
        n, length = len(ids), max(len(i) for i in ids)
        tokens = np.zeros((n, length), dtype=np.int64)  # [PAD] is 0
        mask = np.zeros((n, length), dtype=np.float32)
        for row, seq in enumerate(ids):
            tokens[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        x = self.words_q[tokens].astype(np.float32) * self.words_s[tokens][..., None]
        x = _layer_norm(x + self.position[:length] + self.token_type, *self.ln0).reshape(n * length, -1)
        size = x.shape[-1] // HEADS
        hide = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]  # padding is never attended to
        for qkv, qkv_b, o, o_b, ln1_w, ln1_b, up, up_b, down, down_b, ln2_w, ln2_b in self.layers:
            # Dense layers on one (tokens x 384) matrix: a single BLAS call each.
            h = (x @ qkv + qkv_b).reshape(n, length, 3, HEADS, size).transpose(2, 0, 3, 1, 4)
            q, k, v = h[0], h[1], h[2]
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + hide
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, -1)
            x = _layer_norm(x + context @ o + o_b, ln1_w, ln1_b)
            inner = x @ up + up_b
            inner = 0.5 * inner * (1.0 + _erf(inner / np.float32(np.sqrt(2.0))))  # exact GELU, as BERT
            x = _layer_norm(x + inner @ down + down_b, ln2_w, ln2_b)
        x = x.reshape(n, length, -1)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        unit: np.ndarray = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return unit


@functools.cache
def encoder() -> Encoder:
    return Encoder()


# -- Symptoms by meaning --------------------------------------------------------

def _symptom_keys(index: SearchIndex) -> list[int]:
    from msrx.keys_said import SYMPTOM_KEYS

    # Not a name in another language ("Schwindel", field "translation"): the
    # encoder reads English, and would draw English sentences to word pieces.
    return [k for k, field in enumerate(index.fields) if field in SYMPTOM_KEYS]


_memo: dict[str, np.ndarray] = {}
# The index last read for meaning, its symptom keys and their vectors: a second
# query in one process (the API, the benchmarks) neither lists the keys again
# nor hashes their 1,100 texts to find the vector file.
_last: tuple[SearchIndex, list[int], np.ndarray] | None = None
KEEP_FILES = 4  # vector files kept in the cache directory (one per dataset vocabulary)


def _symptom_vectors(index: SearchIndex) -> tuple[list[int], np.ndarray]:
    """The index's symptom keys and their vectors (none for an index without symptom keys)."""
    global _last
    if _last is None or _last[0] is not index:
        keys = _symptom_keys(index)
        vectors = _load_key_vectors(index, keys) if keys else np.empty((0, 0), dtype=np.float32)
        _last = (index, keys, vectors)
    return _last[1], _last[2]


def _load_key_vectors(index: SearchIndex, keys: list[int]) -> np.ndarray:
    """The vectors of the symptom keys, from memory or the cache when they
    hold them: encoding a dataset's 1,100 names, words and phrases takes
    about two seconds, reading them back a millisecond."""
    from msrx.store import cache_dir, cache_disabled

    texts = [index.values[k] for k in keys]
    size = os.path.getsize(os.path.join(_HERE, "minilm.npz"))
    name = f"meaning-{zlib.crc32(chr(0).join(texts).encode('utf-8', 'surrogatepass')):08x}-{size}.npy"
    if name in _memo:
        return _memo[name]
    directory = None if cache_disabled() else cache_dir()
    path = os.path.join(directory, name) if directory else None
    if path is not None:
        try:
            vectors: np.ndarray = np.load(path, allow_pickle=False).astype(np.float32)
            if vectors.shape == (len(texts), encoder().position.shape[1]):
                _memo[name] = vectors
                return vectors
        except (OSError, ValueError):
            pass  # none yet, or unreadable: encode again
    vectors = _memo[name] = encoder().encode(texts)
    if path is None or directory is None:
        return vectors
    try:
        from msrx.datafile import write_atomically

        os.makedirs(directory, exist_ok=True)
        data = io.BytesIO()
        np.save(data, vectors.astype(np.float16), allow_pickle=False)  # 0.9 MB; as exact as a cosine needs
        write_atomically(path, data.getvalue(), private=True)  # a cache, like the dataset's
        # Each vocabulary leaves a file: keep the newest few, not one per edit ever made.
        kept = sorted((e for e in os.scandir(directory) if e.name.startswith("meaning-") and e.name.endswith(".npy")),
                      key=lambda e: e.stat().st_mtime, reverse=True)
        for old in kept[KEEP_FILES:]:
            os.remove(old.path)
    except OSError:
        pass  # a read-only cache costs time, not answers
    return vectors


def closest_symptoms(index: SearchIndex, text: str) -> dict[int, tuple[float, int]]:
    """For each symptom (as its key owner), how close its closest key is to
    `text` in meaning (cosine similarity), and that key."""
    keys, vectors = _symptom_vectors(index)
    if not keys:
        return {}
    sims = vectors @ encoder().encode([text])[0]
    best: dict[int, tuple[float, int]] = {}
    for k, sim in zip(keys, sims.tolist(), strict=True):
        owner = index.owners[k]
        if owner not in best or sim > best[owner][0]:
            best[owner] = (sim, k)
    return best
