"""What every benchmarked engine shares: the corpus record view and the engine protocol."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from benchmarks.corpus import read_corpus

FACETS = ("country", "source", "lang", "year")
UNKNOWN_YEAR = "unknown"


@dataclass(frozen=True)
class Outcome:
    """What one search returned: enough to check engines agree, nothing that costs to build."""

    total: int | None  # None when the engine's plain search does not count (see README)
    hits: int
    facet_values: int = 0  # number of (facet, value) counts returned


class Engine(Protocol):
    name: str

    def search(self, query: dict, filters: dict | None, facets: bool) -> Outcome:
        """Run one benchmark query; `filters`/`facets` only in the faceted variant."""
        ...

    def close(self) -> None: ...


def year_of(doc: dict) -> str:
    published = doc.get("published")
    return str(published)[:4] if published else UNKNOWN_YEAR


def filter_years(filters: dict) -> list[str]:
    """A year range as the explicit list of years (every engine filters on the year value)."""
    if filters.get("year_from") is None and filters.get("year_to") is None:
        return []
    lo = filters.get("year_from") or 1900
    hi = filters.get("year_to") or 2100
    return [str(y) for y in range(int(lo), int(hi) + 1)]


def documents(corpus: Path) -> Iterator[dict]:
    return read_corpus(corpus)
