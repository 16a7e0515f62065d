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


class PostingsCache:
    """Least recently used posting lists (by bytes) and term lookups (by count)."""

    def __init__(self, max_bytes: int, max_terms: int = MAX_TERMS) -> None:
        self.max_bytes = max_bytes
        self.max_terms = max_terms if max_bytes > 0 else 0
        self.bytes = 0
        self._postings: OrderedDict[tuple[Any, ...], Postings] = OrderedDict()
        self._terms: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

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
                self._postings.move_to_end(key)
                self.hits += 1
                return got
            self.misses += 1
        got = load()
        size = got[0].nbytes + got[1].nbytes
        if size > self.max_bytes // 4:
            return got  # one list must not push out everything else
        for a in got:
            a.flags.writeable = False
        with self._lock:
            if key not in self._postings:
                self._postings[key] = got
                self.bytes += size
                while self.bytes > self.max_bytes:
                    _, (ids, weights) = self._postings.popitem(last=False)
                    self.bytes -= ids.nbytes + weights.nbytes
        return got

    def clear(self) -> None:
        """Forget every entry (the budget stays): a benchmark's pass starts cold with it."""
        with self._lock:
            self._postings.clear()
            self._terms.clear()
            self.bytes = 0

    def term(self, key: tuple[Any, ...], load: Callable[[], Any]) -> Any:
        """The term lookup under ``key``, made by ``load`` when not kept."""
        if self.max_terms <= 0:
            return load()
        with self._lock:
            got = self._terms.get(key)
            if got is not None:
                self._terms.move_to_end(key)
                return got
        got = load()
        with self._lock:
            self._terms[key] = got
            if len(self._terms) > self.max_terms:
                self._terms.popitem(last=False)
        return got
