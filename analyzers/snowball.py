"""Snowball stemmers, one per thread and language.

A Snowball stemmer keeps the word being stemmed in the object, so two threads sharing one
corrupt each other (IndexError/AssertionError under server load): each thread gets its own.
"""

from __future__ import annotations

import threading

import snowballstemmer
from snowballstemmer.basestemmer import BaseStemmer

_local = threading.local()


def stemmer(language: str) -> BaseStemmer:
    """This thread's Snowball stemmer for ``language`` ("english", "turkish", …)."""
    stemmers: dict[str, BaseStemmer] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    found = stemmers.get(language)
    if found is None:
        found = stemmers[language] = snowballstemmer.stemmer(language)
    return found
