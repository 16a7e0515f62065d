"""A bounded memo dict: word forms repeat (Zipf), so a cache in front of every stemmer is the
cheapest speed-up there is; bounded so a long indexing run cannot grow memory without limit.

Sizes: the pipeline's per-language caches (surface word → terms) are the hot ones (100k
entries each); the caches inside the language modules only serve the pipeline's misses and
queries, so they are small, except Russian lemmas (100k), which are the expensive ones.
Caches asked about every word of every language (detection's word info, the people finder's
word kinds) hold 400k: a 100k-document collection has ~300k distinct written words, and
a cache that empties itself every few thousand documents misses on most of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(dict[K, V], Generic[K, V]):
    """A dict that empties itself when it reaches ``maxsize`` entries.

    Clearing everything is cruder than LRU eviction but costs nothing per hit, which is what
    matters on the hot path; the frequent forms are back in the cache within a few documents.
    """

    def __init__(self, maxsize: int) -> None:
        super().__init__()
        self.maxsize = maxsize

    def __setitem__(self, key: K, value: V) -> None:
        if len(self) >= self.maxsize:
            self.clear()
        super().__setitem__(key, value)


def memoized(maxsize: int) -> Callable[[Callable[[K], V]], Callable[[K], V]]:
    """Remember a one-argument function's results in a :class:`BoundedCache`.

    The one memoising helper of the analyzers (and of anything that analyses words): every
    per-word function that is asked the same word again and again wears it. The cache is
    reachable as ``fn.cache``, so a hot loop can look a word up inline (``fn.cache.get``) and
    call ``fn`` only on a miss. Results must never be None (None means "not cached yet").
    """

    def wrap(fn: Callable[[K], V]) -> Callable[[K], V]:
        cache: BoundedCache[K, V] = BoundedCache(maxsize)
        get = cache.get

        @functools.wraps(fn)
        def memo(key: K) -> V:
            hit = get(key)
            if hit is None:
                hit = cache[key] = fn(key)
            return hit

        memo.cache = cache  # type: ignore[attr-defined]
        return memo

    return wrap
