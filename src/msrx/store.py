"""Finding the dataset and keeping a cache of it, parsed, validated and indexed.

The cache is one file per dataset path under the user's cache directory,
keyed by the data file's absolute path, size and modification time, the
msrx version and the Python version. It is written atomically (temporary
file + rename), so concurrent first runs only ever see a whole file, and
every failure to read or write it is silent: the cache is an optimisation,
never a requirement.

Layout: an 8-byte magic, the length of the metadata, an Adler-32 checksum
of everything after the header, then the metadata (dataset info, sources,
symptoms, the core search index and record offsets), the tables only fuzzy
matching needs (loaded on demand) and the treatment records,
each serialised on its own with `marshal`. marshal is the format of .pyc
files: it loads plain lists, dicts and strings several times faster than
JSON, which keeps a 10,000-treatment dataset close to the bundled one's
start-up. Records are decoded only when shown, so a search never pays for
the whole dataset. The checksum turns a corrupt file into a cache miss
before marshal sees it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, overload

from msrx import __version__
from msrx.model import Dataset, DatasetInfo, Source, Symptom, Treatment
from msrx.search import SearchIndex

CACHE_FORMAT = 2
MAGIC = b"MSRXc002"
HEADER = 16  # magic (8) + metadata length (4) + checksum (4)


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
            key = [CACHE_FORMAT, __version__, list(sys.version_info[:2]), absolute, st.st_size, st.st_mtime_ns]
            # A short name per path; the full key inside the file decides, so
            # a name collision only costs a rebuild, never wrong data.
            name = f"{zlib.crc32(absolute.encode('utf-8', 'surrogatepass')):08x}"
            target = directory / f"dataset-{name}.cache"
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
            data = f.read()
        if data[:8] != MAGIC or len(data) < HEADER:
            return None
        meta_len = int.from_bytes(data[8:12], "little")
        if zlib.adler32(memoryview(data)[HEADER:]) != int.from_bytes(data[12:16], "little"):
            return None
        view = memoryview(data)
        meta = marshal.loads(view[HEADER : HEADER + meta_len])
        if meta["key"] != key:
            return None
        extra_start = HEADER + meta_len
        records_start = extra_start + meta["extra_len"]
        records = LazyTreatments(view[records_start:], meta["offsets"])
        info = DatasetInfo(*meta["info"])
        symptoms = {row[0]: Symptom(*row) for row in meta["symptoms"]}
        sources = {row[0]: Source(*row) for row in meta["sources"]}
        index = SearchIndex(meta["index"], load_extra=lambda: marshal.loads(view[extra_start:records_start]))
        return Dataset(info, shown, records, sources, symptoms), index
    except Exception:  # the cache is optional: any failure means rebuild or skip
        return None


def _write_cache(target: Path, key: list[Any], dataset: Dataset, index: SearchIndex) -> None:
    tmp = None
    try:
        blobs = [marshal.dumps(tuple(t)) for t in dataset.treatments]
        offsets = [0]
        for b in blobs:
            offsets.append(offsets[-1] + len(b))
        extra = marshal.dumps(index.extra_data())
        meta = marshal.dumps({
            "key": key,
            "info": tuple(dataset.info),
            "symptoms": [tuple(s) for s in dataset.symptoms.values()],
            "sources": [tuple(s) for s in dataset.sources.values()],
            "index": index.to_data(),
            "offsets": offsets,
            "extra_len": len(extra),
        })
        body = meta + extra + b"".join(blobs)
        header = MAGIC + len(meta).to_bytes(4, "little") + zlib.adler32(body).to_bytes(4, "little")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".dataset-", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(header + body)
        os.replace(tmp, target)
        tmp = None
    except Exception:  # the cache is optional: any failure means rebuild or skip
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


class LazyTreatments(Sequence[Treatment]):
    """Treatment records decoded from the cache on first access, one at a time."""

    def __init__(self, blob: memoryview, offsets: list[int]) -> None:
        self._blob = blob
        self._offsets = offsets
        self._decoded: dict[int, Treatment] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, i: int) -> Treatment: ...
    @overload
    def __getitem__(self, i: slice) -> list[Treatment]: ...
    def __getitem__(self, i: int | slice) -> Treatment | list[Treatment]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        record = self._decoded.get(i)
        if record is None:
            record = Treatment(*marshal.loads(self._blob[self._offsets[i] : self._offsets[i + 1]]))
            self._decoded[i] = record
        return record
