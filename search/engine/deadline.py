"""A time limit for one search, enforced inside Whoosh's matching loop, not only between steps.

The service checks ``req.deadline`` between the stages of a search (parse, match, hits,
facets, suggestion), but one stage can itself be long: matching a broad query walks every
posting of every expanded term. Whoosh's ``TimeLimitCollector`` only covers the scoring
collector (not ``docs_for_query``, which the facet counts use) and starts a timer thread per
search, so instead the compiled query is wrapped in :class:`DeadlineQuery`, whose matcher
looks at the clock every :data:`CHECK_EVERY` postings and raises ``SearchTimeout`` (the API
answers 503 with ``Retry-After``). Nothing keeps running after the limit: the worker thread is
free for the next request.

The limit is ``QIDIR_SEARCH_TIMEOUT`` seconds (default 10; 0 turns it off); the web app
stamps it on every request (``qidir.web.app.TimedSearchService``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from whoosh.matching.wrappers import WrappingMatcher
from whoosh.query.wrappers import WrappingQuery

DEFAULT_TIMEOUT_SECONDS = 10.0
#: Postings between two looks at the clock: a monotonic() call costs ~50 ns, a posting ~1 µs.
CHECK_EVERY = 256


def search_timeout() -> float | None:
    """Seconds a search may take (QIDIR_SEARCH_TIMEOUT), None when unlimited."""
    value = os.environ.get("QIDIR_SEARCH_TIMEOUT", "").strip()
    if not value:
        return DEFAULT_TIMEOUT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS
    return seconds if seconds > 0 else None


def _expired(deadline: float, stage: str) -> None:
    if time.monotonic() > deadline:
        from qidir.search.service import SearchTimeout

        raise SearchTimeout(f"the search took too long ({stage}); try again or narrow it")


class DeadlineMatcher(WrappingMatcher):
    """Passes every call to the wrapped matcher, looking at the clock now and then."""

    def __init__(self, child: Any, deadline: float, boost: float = 1.0) -> None:
        super().__init__(child, boost)
        self.deadline = deadline
        self._steps = 0

    def _tick(self) -> None:
        self._steps += 1
        if self._steps % CHECK_EVERY == 0:
            _expired(self.deadline, "matching")

    def _replacement(self, newchild: Any) -> DeadlineMatcher:
        return DeadlineMatcher(newchild, self.deadline, self.boost)

    def copy(self) -> DeadlineMatcher:
        return DeadlineMatcher(self.child.copy(), self.deadline, self.boost)

    def next(self) -> Any:
        self._tick()
        return self.child.next()

    def skip_to(self, id: int) -> Any:  # noqa: A002 - Whoosh's signature
        self._tick()
        return self.child.skip_to(id)

    def all_ids(self) -> Iterator[int]:
        for n, docnum in enumerate(self.child.all_ids(), start=1):
            if n % CHECK_EVERY == 0:
                _expired(self.deadline, "matching")
            yield docnum


class DeadlineQuery(WrappingQuery):
    """A query whose matcher stops with SearchTimeout once ``deadline`` has passed."""

    def __init__(self, child: Any, deadline: float) -> None:
        super().__init__(child)
        self.deadline = deadline

    def _rewrap(self, child: Any) -> DeadlineQuery:
        return DeadlineQuery(child, self.deadline)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, DeadlineQuery) and self.child == other.child
                and self.deadline == other.deadline)

    def __hash__(self) -> int:
        return hash(("deadline", hash(self.child), self.deadline))

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        _expired(self.deadline, "matching")
        return DeadlineMatcher(self.child.matcher(searcher, context), self.deadline)


def guard(tr: Any, deadline: float | None) -> Any:
    """A compiled query whose Whoosh query obeys ``deadline`` (unchanged without one)."""
    if tr is None or deadline is None:
        return tr
    return replace(tr, query=DeadlineQuery(tr.query, deadline))
