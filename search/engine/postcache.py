"""A bounded cache of decoded posting lists and term lookups, shared by the searches of one
index version.

Reading a term's posting list means unzipping and unpickling each of its blocks (the block
holds the positions too, which scoring does not need but cannot skip), and finding the term
is a lookup in the segment's hash file: a third of a search's scoring at 30k documents
(cProfile, bench queries). A reader who pages through results, refines a search with a facet
or retypes a query asks for the same words again, and so do the searches of a whole
newsroom. Entries are keyed by segment id, which Whoosh never reuses, and the cache belongs
to one :class:`~qidir.search.engine.searching.IndexVersion`, so a new generation or a
commit starts empty, and a segment's postings never change while it is open (deletions are
applied after reading, see ``scoring._clear_deleted``).

Bounded by the bytes of its arrays (``QIDIR_POSTINGS_CACHE_MB``, default 64; 0 turns it
off) and by a number of term lookups; least recently used entries go first. The arrays are
made read-only, since every search shares them.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np

#: Megabytes of decoded posting lists kept per index version (0: none).
DEFAULT_MB = 64.0
ENV = "QIDIR_POSTINGS_CACHE_MB"
#: Term lookups kept per index version (each a few hundred bytes).
MAX_TERMS = 200_000

Postings = tuple[np.ndarray, np.ndarray]


def configured_mb() -> float:
    """The budget ``QIDIR_POSTINGS_CACHE_MB`` asks for (a bad value: the default)."""
    try:
        return max(0.0, float(os.environ.get(ENV, DEFAULT_MB)))
    except ValueError:
        return DEFAULT_MB


class _Lru:
    """A table kept within a budget of weight (bytes, or 1 per entry), the least recently
    used entries going first; the caller holds the lock."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.weight = 0
        self._items: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> Any:
        got = self._items.get(key)
        if got is None:
            return None
        self._items.move_to_end(key)
        return got[0]

    def put(self, key: tuple[Any, ...], value: Any, weight: int) -> None:
        if key in self._items:
            return
        self._items[key] = (value, weight)
        self.weight += weight
        while self.weight > self.budget:
            _, (_, gone) = self._items.popitem(last=False)
            self.weight -= gone

    def clear(self) -> None:
        self._items.clear()
        self.weight = 0


class PostingsCache:
    """Least recently used posting lists (by bytes) and term lookups (by count)."""

    def __init__(self, max_bytes: int, max_terms: int = MAX_TERMS) -> None:
        self.max_bytes = max_bytes
        self.max_terms = max_terms if max_bytes > 0 else 0
        self._postings = _Lru(max_bytes)
        self._terms = _Lru(self.max_terms)
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @property
    def bytes(self) -> int:
        """Bytes of the posting lists kept."""
        return self._postings.weight

    @classmethod
    def from_env(cls) -> PostingsCache:
        return cls(int(configured_mb() * 1024 * 1024))

    def postings(self, key: tuple[Any, ...], load: Callable[[], Postings]) -> Postings:
        """The posting list under ``key``, decoded by ``load`` when not kept."""
        if self.max_bytes <= 0:
            return load()
        with self._lock:
            got = self._postings.get(key)
            if got is not None:
                self.hits += 1
                return got  # type: ignore[no-any-return]
            self.misses += 1
        got = load()
        size = got[0].nbytes + got[1].nbytes
        if size > self.max_bytes // 4:
            return got  # one list must not push out everything else
        for a in got:
            a.flags.writeable = False
        with self._lock:
            self._postings.put(key, got, size)
        return got

    def clear(self) -> None:
        """Forget every entry (the budget stays): a benchmark's pass starts cold with it."""
        with self._lock:
            self._postings.clear()
            self._terms.clear()

    def term(self, key: tuple[Any, ...], load: Callable[[], Any]) -> Any:
        """The term lookup under ``key``, made by ``load`` when not kept."""
        if self.max_terms <= 0:
            return load()
        with self._lock:
            got = self._terms.get(key)
        if got is None:
            got = load()
            with self._lock:
                self._terms.put(key, got, 1)
        return got
