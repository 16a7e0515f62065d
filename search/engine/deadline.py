"""A time limit for one search, enforced inside Whoosh's matching loop, not only between steps.

A :class:`Deadline` starts when the service begins a request (the service's ``timeout``
argument: the web app passes QIDIR_SEARCH_TIMEOUT, default 10 s; the CLI none). The service
calls :meth:`Deadline.check` between the stages of a search (parse, match, hits, facets,
suggestion), but one stage can itself be long: matching a broad query walks every posting
of every expanded term. Whoosh's ``TimeLimitCollector`` only covers the scoring collector
(not ``docs_for_query``, which the facet counts use) and starts a timer thread per search,
so instead the compiled query is wrapped in :class:`DeadlineQuery`, whose matcher looks at
the clock every :data:`CHECK_EVERY` postings and raises :class:`SearchTimeout` (the web
answers 503 with ``Retry-After``). Nothing keeps running after the limit: the worker thread
is free for the next request.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
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


class SearchTimeout(RuntimeError):
    """A search ran past its deadline; the web answers 503 with Retry-After."""


def _expired(deadline: float, stage: str) -> None:
    if time.monotonic() > deadline:
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


class Deadline:
    """The moment one search must be done by (``at``, on ``time.monotonic``; None: never)."""

    __slots__ = ("at",)

    def __init__(self, timeout: float | None) -> None:
        self.at = time.monotonic() + timeout if timeout else None

    def check(self, stage: str) -> None:
        """Called between the stages of a search."""
        if self.at is not None:
            _expired(self.at, stage)

    def guard(self, query: Any) -> Any:
        """A Whoosh query whose matching stops once the deadline has passed."""
        return query if self.at is None else DeadlineQuery(query, self.at)
