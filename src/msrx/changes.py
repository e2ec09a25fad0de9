"""The change log of dataset releases (`[[changes]]`): versions, filters, order.

A dataset version is a date, YYYY.MM.DD, with an optional .N for a second
release on the same day (2026.11.28.1). Versions compare as those numbers,
so 2026.11.28.1 is newer than 2026.11.28 and older than 2026.12.01.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

from msrx.model import Change

VERSION_FORMAT = "YYYY.MM.DD or YYYY.MM.DD.N"
_VERSION = re.compile(r"^([0-9]{4})\.([0-9]{2})\.([0-9]{2})(?:\.([0-9]{1,6}))?$")


def version_key(text: str) -> tuple[int, int, int, int] | None:
    """A version as comparable numbers, or None if it is not YYYY.MM.DD[.N] with a real date."""
    m = _VERSION.fullmatch(text)
    if m is None:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        _dt.date(year, month, day)
    except ValueError:
        return None
    return year, month, day, int(m.group(4) or 0)


def select(changes: Iterable[Change], since: str | None = None, treatment: str | None = None) -> list[Change]:
    """The changes newer than `since` (a version; not that release itself) and, given a
    treatment id, only that treatment's: newest release first, file order within a release.

    Raises ValueError for a `since` that is not a version.
    """
    floor = None
    if since is not None:
        floor = version_key(since)
        if floor is None:
            raise ValueError(f"{since!r} is not a dataset version ({VERSION_FORMAT}, e.g. 2026.11.27)")
    chosen = []
    for n, c in enumerate(changes):
        key = version_key(c.version) or (0, 0, 0, 0)  # the loader lets no other version through
        if floor is not None and key <= floor:
            continue
        if treatment is not None and c.treatment != treatment:
            continue
        chosen.append((key, n, c))
    chosen.sort(key=lambda item: (tuple(-k for k in item[0]), item[1]))
    return [c for _, _, c in chosen]


def grouped(changes: Iterable[Change]) -> list[tuple[str, list[Change]]]:
    """Consecutive changes of the same release, as (version, changes)."""
    groups: list[tuple[str, list[Change]]] = []
    for c in changes:
        if groups and groups[-1][0] == c.version:
            groups[-1][1].append(c)
        else:
            groups.append((c.version, [c]))
    return groups
