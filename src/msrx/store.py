"""Finding the dataset and keeping a cache of it, parsed, validated and indexed.

The cache is a JSON file per dataset path under the user's cache directory.
It is keyed by the data file's absolute path, size and modification time
and by the msrx version, written atomically (temporary file + rename) so
concurrent first runs can only ever see a whole file, and every failure to
read or write it is silent: the cache is an optimisation, never a
requirement.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from msrx import __version__
from msrx.model import Dataset, DatasetInfo, Source, Symptom, Treatment
from msrx.search import SearchIndex

CACHE_FORMAT = 1
_TREATMENT_FIELDS = tuple(Treatment.__dataclass_fields__)


def bundled_path() -> Path:
    """The dataset shipped with msrx: inside the wheel, or the repo's data/."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "treatments.toml"
    if packaged.is_file():
        return packaged
    return here.parent.parent / "data" / "treatments.toml"


def cache_dir() -> Path | None:
    override = os.environ.get("MSRX_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "msrx" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "msrx"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "msrx"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "msrx" if home else None


def cache_disabled() -> bool:
    return os.environ.get("MSRX_NO_CACHE", "") not in ("", "0")


def open_dataset(path: Path | None = None, use_cache: bool = True) -> tuple[Dataset, SearchIndex]:
    """The dataset at `path` (default: bundled) and its search index.

    Raises DataError when the file cannot be read or is invalid.
    """
    from msrx.errors import DataError, Problem

    p = path if path is not None else bundled_path()
    try:
        st = p.stat()
    except OSError:
        st = None  # let the loader produce the proper message
    if st is not None and p.is_dir():
        raise DataError([Problem(str(p), "is a directory, not a dataset file")])
    use_cache = use_cache and st is not None and not cache_disabled()
    target = key = None
    if use_cache and st is not None:
        directory = cache_dir()
        if directory is not None:
            absolute = str(p.resolve())
            key = [CACHE_FORMAT, __version__, absolute, st.st_size, st.st_mtime_ns]
            name = hashlib.sha256(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:24]
            target = directory / f"dataset-{name}.json"
            cached = _read_cache(target, key, str(p))
            if cached is not None:
                return cached

    from msrx.loader import load

    dataset = load(p)
    index = SearchIndex.build(dataset)
    if target is not None and key is not None:
        _write_cache(target, key, dataset, index)
    return dataset, index


def _read_cache(target: Path, key: list[Any], shown: str) -> tuple[Dataset, SearchIndex] | None:
    try:
        with open(target, "rb") as f:
            doc = json.loads(f.read())
        if doc.get("key") != key:
            return None
        return _decode(doc, shown)
    except Exception:
        return None


def _write_cache(target: Path, key: list[Any], dataset: Dataset, index: SearchIndex) -> None:
    doc = {"key": key, "dataset": _encode(dataset), "index": index.to_data()}
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".dataset-", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f, separators=(",", ":"))
        os.replace(tmp, target)
        tmp = None
    except Exception:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _encode(dataset: Dataset) -> dict[str, Any]:
    return {
        "info": [dataset.info.version, dataset.info.reviewed, dataset.info.title],
        "symptoms": [[s.id, s.name, list(s.words)] for s in dataset.symptoms.values()],
        "sources": [[s.id, s.title, s.publisher, s.year, s.url] for s in dataset.sources.values()],
        "treatments": [[getattr(t, f) for f in _TREATMENT_FIELDS] for t in dataset.treatments],
    }


def _decode(doc: dict[str, Any], shown: str) -> tuple[Dataset, SearchIndex]:
    d = doc["dataset"]
    info = DatasetInfo(*d["info"])
    symptoms = {row[0]: Symptom(row[0], row[1], tuple(row[2])) for row in d["symptoms"]}
    sources = {row[0]: Source(*row) for row in d["sources"]}
    treatments = [_treatment(row) for row in d["treatments"]]
    dataset = Dataset(info=info, path=shown, treatments=treatments, sources=sources, symptoms=symptoms)
    return dataset, SearchIndex(doc["index"])


def _treatment(row: list[Any]) -> Treatment:
    # JSON has no tuples; the model's sequences are tuples.
    values: list[Any] = [tuple(v) if isinstance(v, list) else v for v in row]
    return Treatment(*values)
