"""The index's vocabulary of surface words (the ``words`` field), expanded segment by segment.

Prefix, fuzzy and "did you mean" compare what a reader typed with the words as written in
the articles (see :mod:`qidir.analyzers.surface` for how a surface word is normalised); this
module asks the index which such words exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

WORDS_FIELD = "words"


def words_within(reader: Any, word: str, maxdist: int, prefix: int = 0) -> set[str]:
    """Surface words in the index within ``maxdist`` edits of ``word``.

    Asked of each segment on its own: a segment reader walks its term dictionary with a
    Levenshtein automaton, while Whoosh's reader over several segments (what a multi-process
    build or an ``index add`` leaves) falls back to computing the distance to every term
    sharing the first ``prefix`` characters, which made a fuzzy query ~7x slower.
    """
    found: set[str] = set()
    for leaf, _ in reader.leaf_readers():
        for term in leaf.terms_within(WORDS_FIELD, word, maxdist, prefix=prefix):
            found.add(term.decode("utf-8") if isinstance(term, bytes) else term)
    return found


def words_with_prefix(reader: Any, prefix: str) -> Iterator[str]:
    """Surface words in the index starting with ``prefix``, segment by segment (a word in
    several segments comes more than once)."""
    for leaf, _ in reader.leaf_readers():
        for term in leaf.expand_prefix(WORDS_FIELD, prefix):
            yield term.decode("utf-8") if isinstance(term, bytes) else term
