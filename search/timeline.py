"""The timeline of a search: hit counts per period, the period chosen from the span.

A reader looks at *when* a story broke before reading it; the facet columns already hold one
bitset per publication day (:meth:`FacetColumns.day_counts`), so a timeline is a popcount
per day folded into periods. The period is the finest of day, week, month and year that
draws the span of the hits in at most :data:`MAX_BARS` bars, and every period between the
first and the last one is a bar, empty ones included: a gap in the coverage is news too.
Undated hits have no place on a time axis and are counted beside it.

Plain Python, no Whoosh: the service gives the per-day counts, this module only folds them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

#: The most bars a timeline has ("at most about 60": a bar stays wide enough to click).
MAX_BARS = 60
#: Periods from finest to coarsest; the first that fits the span wins.
INTERVALS = ("day", "week", "month", "year")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=1 << 14)
def _day(value: str) -> datetime.date | None:
    """A ``YYYY-MM-DD`` day (None: not one). Cached: a search's timeline reads every day
    with a hit, and an index has a few thousand days, read by every search."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def period_start(day: datetime.date, interval: str) -> datetime.date:
    """The first day of the period holding ``day`` (weeks start on Monday, as ISO 8601)."""
    if interval == "day":
        return day
    if interval == "week":
        return day - datetime.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def next_start(start: datetime.date, interval: str) -> datetime.date:
    """The first day of the period after the one starting on ``start``."""
    if interval == "day":
        return start + datetime.timedelta(days=1)
    if interval == "week":
        return start + datetime.timedelta(days=7)
    if interval == "month":
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1) if start.year < datetime.MAXYEAR else start


def period_label(start: datetime.date, interval: str) -> str:
    """A short, unambiguous English name of a period (also the bar's accessible name)."""
    if interval == "day":
        return f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    if interval == "week":
        return f"week of {start.day} {MONTHS[start.month - 1]} {start.year}"
    if interval == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    return str(start.year)


def _count_periods(first: datetime.date, last: datetime.date, interval: str) -> int:
    if interval == "day":
        return (last - first).days + 1
    if interval == "week":
        return (period_start(last, "week") - period_start(first, "week")).days // 7 + 1
    if interval == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def choose_interval(first: datetime.date, last: datetime.date, max_bars: int = MAX_BARS) -> str:
    """The finest period that draws ``first``..``last`` in at most ``max_bars`` bars."""
    for interval in INTERVALS[:-1]:
        if _count_periods(first, last, interval) <= max_bars:
            return interval
    return "year"


def build_timeline(day_counts: Iterable[tuple[str, int]], undated: int,
                   date_from: str | None = None, date_to: str | None = None,
                   max_bars: int = MAX_BARS) -> dict[str, Any]:
    """The ``timeline`` object of a search response.

    ``day_counts``: (``YYYY-MM-DD``, hits) for every day with hits, in any order; ``undated``:
    hits without a date. A period is ``selected`` when it lies within the request's date
    range, so a page can show which bars the current ``from``/``to`` keeps.
    """
    days = [(day, n) for value, n in day_counts if (day := _day(value)) is not None and n > 0]
    out: dict[str, Any] = {"interval": None, "periods": [], "dated": 0, "undated": undated}
    if not days:
        return out
    days.sort()
    first, last = days[0][0], days[-1][0]
    interval = choose_interval(first, last, max_bars)
    counts: dict[datetime.date, int] = {}
    # The days are in order, so each period's start is worked out once, at its first day.
    start = following = first
    for day, n in days:
        if day >= following:
            start = period_start(day, interval)
            following = next_start(start, interval)
            if following <= start:  # the last year there is: it holds every later day
                following = datetime.date.max
        counts[start] = counts.get(start, 0) + n
    periods = []
    start = period_start(first, interval)
    end_of_span = period_start(last, interval)
    while start <= end_of_span:
        following = next_start(start, interval)
        end = following - datetime.timedelta(days=1) if following > start else start
        a, b = start.isoformat(), end.isoformat()
        periods.append({
            "from": a, "to": b, "label": period_label(start, interval),
            "count": counts.get(start, 0),
            "selected": (date_from or "") <= a and b <= (date_to or "9999-12-31")
                        if (date_from or date_to) else False,
        })
        if following <= start:
            break
        start = following
    out.update(interval=interval, periods=periods, dated=sum(counts.values()))
    return out


def busiest(timeline: dict[str, Any], n: int = 3) -> list[dict[str, Any]]:
    """The ``n`` periods with the most hits, most first (the chart's text alternative)."""
    rows = [p for p in timeline.get("periods", []) if p["count"]]
    return sorted(rows, key=lambda p: (-p["count"], p["from"]))[:n]
