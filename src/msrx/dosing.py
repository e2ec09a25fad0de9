"""Routes and dosing intervals: the filters and sorts of `list`, shared by msrx.api (and search).

Route groups put the dataset's route words into the three ways people
think of taking a drug. A treatment's dosing interval is its maintenance
`interval_days`; an entry covering brands dosed differently (weekly and
three-times-weekly interferons) has one per product, and passes an interval
filter when any of them does. Treatments with no interval never pass an
interval filter and sort last.
"""

from __future__ import annotations

from collections.abc import Iterable

from msrx.model import Treatment

ROUTE_GROUPS: dict[str, tuple[str, ...]] = {
    "oral": ("oral",),
    "injection": ("subcutaneous", "intramuscular"),
    "infusion": ("intravenous",),
}
SORTS = ("name", "interval")


def by_route(t: Treatment, group: str) -> bool:
    """Whether a treatment is taken in this route group (oral, injection or infusion)."""
    routes = ROUTE_GROUPS[group]
    return any(r in routes for r in t.routes)


def intervals(t: Treatment) -> tuple[int, ...]:
    """Every maintenance interval stated for a treatment, in days (its own, then its products')."""
    a = t.administration
    if a is None:
        return ()
    own = () if a.interval_days is None else (a.interval_days,)
    return own + tuple(p.interval_days for p in a.products if p.interval_days is not None)


def interval(t: Treatment) -> int | None:
    """The treatment's interval in days for sorting: its own, else its most frequent product's; None if unstated."""
    found = intervals(t)
    if not found:
        return None
    a = t.administration
    return a.interval_days if a is not None and a.interval_days is not None else min(found)


def within(t: Treatment, least: int | None = None, most: int | None = None) -> bool:
    """Whether any of the treatment's intervals lies in [least, most] (a treatment without one never does)."""
    return any((least is None or d >= least) and (most is None or d <= most) for d in intervals(t))


def select(treatments: Iterable[Treatment], *, route: str | None = None, min_interval: int | None = None,
           max_interval: int | None = None) -> list[Treatment]:
    """The treatments taken by `route` (a ROUTE_GROUPS key) with an interval in [min_interval, max_interval]."""
    if route and route not in ROUTE_GROUPS:
        raise ValueError(f"unknown route {route!r} (expected one of: {', '.join(ROUTE_GROUPS)})")
    out = list(treatments)
    if route:
        out = [t for t in out if by_route(t, route)]
    if min_interval is not None or max_interval is not None:
        out = [t for t in out if within(t, min_interval, max_interval)]
    return out


def ordered(treatments: Iterable[Treatment], by: str) -> list[Treatment]:
    """Sorted by name, or by interval (shortest first, unstated last, then by name)."""
    if by == "name":
        return sorted(treatments, key=lambda t: t.name.casefold())
    if by == "interval":
        def key(t: Treatment) -> tuple[bool, int, str]:
            days = interval(t)
            return (days is None, days or 0, t.name.casefold())

        return sorted(treatments, key=key)
    raise ValueError(f"unknown sort {by!r} (expected one of: {', '.join(SORTS)})")
