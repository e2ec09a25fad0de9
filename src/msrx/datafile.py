"""Reading a dataset file's bytes: regular files only, size capped while reading;
and writing a file whole or not at all (the visit sheet, cached vectors).

One read per run: the cache is keyed on the digest of exactly these bytes
and, on a miss, the loader parses the same bytes, so the cache can never
describe a file other than the one read. A FIFO, a device (`/dev/zero`), a
socket or a directory is refused before it is read (a FIFO is never opened
for reading in a way that could wait for a writer), and a file that grows
past the cap while being read is refused too.
"""

from __future__ import annotations

import contextlib
import os
import stat

from msrx.errors import DataError, Problem

# A dataset bigger than this is almost certainly not a dataset; refusing it
# keeps a mistaken `--data /var/log/huge.log` from eating memory.
MAX_BYTES = 64 * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "is a directory, not a dataset file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


def not_regular(mode: int) -> str | None:
    """Why a file of this mode cannot be a dataset, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((why for test, why in _KINDS if test(mode)), "is not a regular file")


def read(path: str) -> bytes:
    """The bytes of a dataset file, or DataError naming the file and the reason."""
    try:
        why = not_regular(os.stat(path).st_mode)
        if why:
            raise DataError([Problem(path, why)])
        # O_NONBLOCK: should the path become a FIFO after the stat, opening it
        # still returns at once (and fstat below refuses it).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
        try:
            st = os.fstat(fd)
            why = not_regular(st.st_mode)
            if why:
                raise DataError([Problem(path, why)])
            if st.st_size > MAX_BYTES:
                raise DataError([Problem(path, f"is {st.st_size} bytes; a dataset file may be at most {MAX_BYTES}")])
            with os.fdopen(fd, "rb", closefd=False) as f:
                raw = f.read(MAX_BYTES + 1)  # the cap holds even if the file grows meanwhile
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise DataError([Problem(path, "no such file")]) from None
    except PermissionError:
        raise DataError([Problem(path, "permission denied")]) from None
    except OSError as exc:
        raise DataError([Problem(path, f"cannot be read ({exc.strerror or exc})")]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(path, f"is more than {MAX_BYTES} bytes; a dataset file may be at most {MAX_BYTES}")])
    return raw


def write_atomically(path: str, data: str | bytes, private: bool = False) -> None:
    """Write text (UTF-8, Unix line ends) or bytes to path through a temporary
    file renamed into place: never a half-written file.

    A file the user asked for is made like any new file (umask) and synced to
    disk before the rename. A `private` file (the dataset cache) stays mode
    0600 and is not synced: it is rebuilt if a crash loses it.

    Raises OSError (the temporary file is removed) when the file cannot be written.
    """
    import tempfile

    target = os.path.abspath(path)
    if os.path.isdir(target):
        raise IsADirectoryError(21, "is a directory", path)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=os.path.dirname(target))
    try:
        if not private:
            mask = os.umask(0)
            os.umask(mask)
            os.fchmod(fd, 0o666 & ~mask)  # as an ordinary new file, not mkstemp's 0600
        raw = data.encode("utf-8") if isinstance(data, str) else data  # text: "\n" line ends as given
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            if not private:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
