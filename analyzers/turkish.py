"""Turkish: Turkic case folding (I→ı, İ→i), proper-noun apostrophes, Snowball Turkish stems.

Turkish writes suffixes of proper nouns after an apostrophe (``Türkiye'nin``, ``Erdoğan'ın``):
the part after it is a suffix, so it is dropped before stemming.
"""

from __future__ import annotations

import threading

import snowballstemmer
from snowballstemmer.basestemmer import BaseStemmer

from qidir.analyzers.cache import BoundedCache
from qidir.analyzers.normalize import APOSTROPHE, cut_turkic_suffix, turkic_lower
from qidir.analyzers.wordlists import TR_STOP

_local = threading.local()


def _stemmer() -> BaseStemmer:
    """A Snowball stemmer keeps the word being stemmed in the object, so two threads
    sharing one corrupt each other (IndexError/AssertionError under server load): one
    stemmer per thread."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("turkish")
    return stemmer


_cache: BoundedCache[str, str] = BoundedCache(30_000)


def analyze_word(surface: str) -> str:
    """Index term of one Turkish word; ``""`` for a stop word."""
    term = _cache.get(surface)
    if term is None:
        w = turkic_lower(surface)
        if APOSTROPHE in w:
            w = cut_turkic_suffix(w)
        term = "" if w in TR_STOP else (w if w.isdigit() else _stemmer().stemWord(w))
        _cache[surface] = term
    return term
