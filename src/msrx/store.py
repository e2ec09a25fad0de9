"""Finding the dataset and keeping a cache of it, parsed, validated and indexed.

The cache is one file per dataset path under the user's cache directory,
keyed by the content of the data file (its length and BLAKE2b digest of the
bytes read, which are also the bytes parsed on a miss), the msrx version and
the Python version: an edit that keeps the size and modification time is
still seen, and an unreadable file is an error before the cache is looked at. It is written atomically (temporary
file + rename), so concurrent first runs only ever see a whole file, and
every failure to read or write it is silent: the cache is an optimisation,
never a requirement.

Layout: an 8-byte magic, the length of the metadata, an Adler-32 checksum
of everything after the header, then the metadata (dataset info, sources,
symptoms, the change log, the core search index and record offsets), the tables only fuzzy
matching needs (loaded on demand) and the treatment records,
each serialised on its own with `marshal`. marshal is the format of .pyc
files: it loads plain lists, dicts and strings several times faster than
JSON, which keeps a 10,000-treatment dataset close to the bundled one's
start-up. Records are decoded only when shown, so a search never pays for
the whole dataset. The checksum turns a corrupt file into a cache miss
before marshal sees it; a part found damaged later (a record, the fuzzy
tables) is rebuilt from the dataset file, and the cache rewritten.

Key and digest, measured: reading and hashing the bundled 210 KB file takes
about 0.2 ms with BLAKE2b (crc32: 0.04 ms), a generated 4 MB
10,000-treatment file 4 ms (crc32: 0.8 ms). BLAKE2b's 128 bits make a
collision between two edits of a file a non-event, for well under a
millisecond on the bundled data.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO, overload

from msrx import __version__
from msrx.fields import from_row, to_row
from msrx.model import Change, Dataset, DatasetInfo, Phrase, Source, Symptom, Translation, Treatment
from msrx.search import SearchIndex

CACHE_FORMAT = 35
ROWS = "rows:"  # a cache part holding a table's rows (symptoms, sources, changes), not index tables
MAGIC = b"MSRXc010"
HEADER = 16  # magic (8) + metadata length (4) + metadata checksum (4)


# Paths are plain strings here and in the CLI: pathlib costs about 4 ms to
# import, a tenth of the whole start-up budget.


def bundled_path() -> str:
    """The dataset shipped with msrx: inside the wheel, or the repo's data/."""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "data", "treatments.toml")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "treatments.toml")


def cache_dir() -> str | None:
    override = os.environ.get("MSRX_CACHE_DIR")
    if override:
        return override
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return os.path.join(base, "msrx", "Cache") if base else None
    home = os.environ.get("HOME") or os.path.expanduser("~")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "msrx")
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "msrx")
    return os.path.join(home, ".cache", "msrx") if home and home != "~" else None


def cache_disabled() -> bool:
    return os.environ.get("MSRX_NO_CACHE", "") not in ("", "0")


def open_dataset(path: str | os.PathLike[str] | None = None, use_cache: bool = True) -> tuple[Dataset, SearchIndex]:
    """The dataset at `path` (default: bundled) and its search index.

    Raises DataError when the file cannot be read or is invalid.
    """
    from msrx.datafile import read

    p = os.fspath(path) if path is not None else bundled_path()
    raw = read(p)  # an unreadable, special or huge file is an error, cache or not
    target = key = None
    if use_cache and not cache_disabled():
        directory = cache_dir()
        if directory is not None:
            absolute = os.path.realpath(p)
            key = [CACHE_FORMAT, __version__, list(sys.version_info[:2]), len(raw), digest(raw)]
            # One cache file per path; the content key inside it decides.
            name = f"{zlib.crc32(absolute.encode('utf-8', 'surrogatepass')):08x}"
            target = os.path.join(directory, f"dataset-{name}.cache")
            cached = _read_cache(target, key, p)
            if cached is not None:
                return cached
    return _build(p, raw, target, key)


def digest(raw: bytes) -> bytes:
    """The cache key's content hash: CRC-32 of the bytes (with their length in the key).

    The cache guards against accidental staleness (an edit that keeps size and
    mtime), not against an adversary who can already write the data file:
    CRC-32 catches every change of up to 32 consecutive bits and misses a
    random one with odds of 1 in 4 billion, at a fifth of BLAKE2b's cost
    (0.8 ms against 4 ms for a 4 MB, 10,000-treatment file).
    """
    return zlib.crc32(raw).to_bytes(4, "little")


def _build(shown: str, raw: bytes, target: str | None, key: list[Any] | None) -> tuple[Dataset, SearchIndex]:
    """Parse and index the bytes read, and (re)write the cache from them."""
    from msrx.loader import load

    dataset = load(shown, raw)
    index = SearchIndex.build(dataset)
    if target is not None and key is not None:
        _write_cache(target, key, dataset, index)
    return dataset, index


def _rebuild(shown: str, target: str, key: list[Any]) -> tuple[Dataset, SearchIndex]:
    """A part of the cache failed its checksum after it was opened: read the
    file again, check it is still the content the cache was keyed on, and
    rewrite the cache from it."""
    from msrx.datafile import read
    from msrx.errors import DataError, Problem

    raw = read(shown)
    if [len(raw), digest(raw)] != key[-2:]:
        raise DataError([Problem(shown, "changed while msrx was reading it; run the command again")])
    return _build(shown, raw, target, key)


def _open_regular(target: str) -> BinaryIO | None:
    """The cache file, opened only if it is a regular file (a FIFO there never blocks)."""
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return os.fdopen(fd, "rb")
    except OSError:
        pass
    os.close(fd)
    return None


def _read_cache(target: str, key: list[Any], shown: str) -> tuple[Dataset, SearchIndex] | None:
    f = _open_regular(target)  # stays open: records and fuzzy tables are read on demand
    if f is None:
        return None
    opened = False
    try:
        head = f.read(HEADER)
        if len(head) != HEADER or head[:8] != MAGIC:
            return None
        meta_bytes = f.read(int.from_bytes(head[8:12], "little"))
        if zlib.adler32(meta_bytes) != int.from_bytes(head[12:16], "little"):
            return None
        meta = marshal.loads(meta_bytes)
        if meta["key"] != key:
            return None
        extra_start = HEADER + len(meta_bytes)
        records_start = extra_start + sum(part[1] for part in meta["extra"].values())
        rebuilt: list[tuple[Dataset, SearchIndex]] = []

        def rebuild() -> tuple[Dataset, SearchIndex]:
            if not rebuilt:
                rebuilt.append(_rebuild(shown, target, key))
            return rebuilt[0]

        def read_part(name: str) -> Any:
            offset, length, adler = meta["extra"][name]
            blob = os.pread(f.fileno(), length, extra_start + offset)
            if zlib.adler32(blob) != adler:
                raise CacheCorrupt
            return marshal.loads(blob)

        def load_rows(name: str) -> list[Any] | None:
            try:
                found = read_part(ROWS + name)
            except Exception:  # damaged cache: None, and the caller reads the file itself
                return None
            return found if isinstance(found, list) else None

        def load_extra(group: str) -> dict[str, Any]:
            try:
                extra: dict[str, Any] = read_part(group)
                if not isinstance(extra, dict) or set(extra) != set(SearchIndex.EXTRA_GROUPS[group]):
                    raise CacheCorrupt
            except Exception:  # damaged cache: the same tables, built from the file itself
                return rebuild()[1].extra_data(group)
            return extra

        records = LazyTreatments(f, records_start, _int_array(meta["offsets"]), _int_array(meta["adlers"]),
                                 lambda: rebuild()[0].treatments)
        info = DatasetInfo(*meta["info"])

        # Read and built on first use: a name lookup or a search needs none of these.
        def symptoms() -> dict[str, Symptom]:
            found = load_rows("symptoms")
            if found is None:
                return rebuild()[0].symptoms
            return {row[0]: Symptom._make((*row[:5], tuple(Phrase(*p) for p in row[5]), *row[6:-1],
                                           tuple(Translation(*t) for t in row[-1]))) for row in found}

        def changes() -> list[Change]:
            found = load_rows("changes")
            return list(rebuild()[0].changes) if found is None else [Change(*row) for row in found]

        def sources() -> list[Any]:
            found = load_rows("sources")
            return [tuple(s) for s in rebuild()[0].sources.values()] if found is None else found

        index = SearchIndex(meta["index"], load_extra=load_extra)
        opened = True
        return Dataset(info, shown, records, LazySources(sources), symptoms, changes), index
    except Exception:  # the cache is optional: any failure means rebuild or skip
        return None
    finally:
        if not opened:
            f.close()


def _write_cache(target: str, key: list[Any], dataset: Dataset, index: SearchIndex) -> None:
    try:
        blobs = [marshal.dumps(to_row(t)) for t in dataset.treatments]
        offsets = [0]
        for b in blobs:
            offsets.append(offsets[-1] + len(b))
        parts: dict[str, tuple[int, int, int]] = {}
        chunks: list[bytes] = []
        at = 0
        # The symptoms, sources and change log are read only by the commands
        # that show them (`search --json` needs none): each is a part of its own.
        rows: dict[str, list[Any]] = {
            # marshal stores plain tuples: the nested phrases and translations (first and last) as such.
            ROWS + "symptoms": [(*s[:5], tuple(map(tuple, s.phrases)), *s[6:-1], tuple(map(tuple, s.translations)))
                                for s in dataset.symptoms.values()],
            ROWS + "sources": [tuple(s) for s in dataset.sources.values()],
            ROWS + "changes": [tuple(c) for c in dataset.changes],
        }
        for group in (*SearchIndex.EXTRA_GROUPS, *rows):
            data: Any = rows[group] if group in rows else index.extra_data(group)
            chunk = marshal.dumps(data)
            parts[group] = (at, len(chunk), zlib.adler32(chunk))
            chunks.append(chunk)
            at += len(chunk)
        extra = b"".join(chunks)
        meta = marshal.dumps({
            "key": key,
            "info": tuple(dataset.info),
            "index": index.to_data(),
            "offsets": array("q", offsets).tobytes(),
            "adlers": array("q", [zlib.adler32(b) for b in blobs]).tobytes(),
            "extra": parts,
        })
        header = MAGIC + len(meta).to_bytes(4, "little") + zlib.adler32(meta).to_bytes(4, "little")
        from msrx.datafile import write_atomically  # lazy: only a cache miss writes

        os.makedirs(os.path.dirname(target), exist_ok=True)
        write_atomically(target, header + meta + extra + b"".join(blobs), private=True)
    except Exception:  # the cache is optional: any failure means rebuild or skip
        pass


class CacheCorrupt(Exception):
    """A part of the cache file failed its checksum."""


def _int_array(raw: bytes) -> array[int]:
    table = array("q")
    table.frombytes(raw)
    return table


class LazySources(Mapping[str, Source]):
    """Sources read from the cache when first asked for, each built on first
    use: a lookup cites a handful of the dataset's hundreds, a search none."""

    def __init__(self, read: Callable[[], Sequence[Sequence[Any]]]) -> None:
        self._read = read
        self._rows: Sequence[Sequence[Any]] | None = None
        self._at: dict[str, int] = {}
        self._built: dict[str, Source] = {}

    def _table(self) -> Sequence[Sequence[Any]]:
        if self._rows is None:
            self._rows = self._read()
            self._at = {row[0]: i for i, row in enumerate(self._rows)}
        return self._rows

    def __getitem__(self, source_id: str) -> Source:
        source = self._built.get(source_id)
        if source is None:
            rows = self._table()
            source = self._built[source_id] = Source(*rows[self._at[source_id]])
        return source

    def __iter__(self) -> Iterator[str]:
        self._table()
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._table())


class LazyTreatments(Sequence[Treatment]):
    """Treatment records read from the cache file and decoded on first access.

    Each record carries its own checksum; a record that fails it (the file
    was damaged after it was written) makes the whole list fall back to the
    dataset file itself, so a damaged cache can never show wrong data.
    """

    def __init__(self, f: BinaryIO, start: int, offsets: array[int], adlers: array[int],
                 reload: Callable[[], Sequence[Treatment]]) -> None:
        self._file = f
        self._start = start
        self._offsets = offsets
        self._adlers = adlers
        self._reload = reload
        self._fallback: Sequence[Treatment] | None = None
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
        if self._fallback is not None:
            return self._fallback[i]
        record = self._decoded.get(i)
        if record is None:
            try:
                size = self._offsets[i + 1] - self._offsets[i]
                blob = os.pread(self._file.fileno(), size, self._start + self._offsets[i])
                if zlib.adler32(blob) != self._adlers[i]:
                    raise CacheCorrupt
                record = from_row(marshal.loads(blob))
            except Exception:  # damaged cache: serve the dataset file itself
                self._fallback = self._reload()
                return self._fallback[i]
            self._decoded[i] = record
        return record
