"""The index's vocabulary of written words: what prefix, fuzzy and "did you mean" compare a
typed word with.

Prefix and fuzzy terms compare what a reader typed with the words as written in the
articles (see :mod:`qidir.analyzers.surface` for how a surface word is normalised). The
vocabulary is the index's lexicon (:class:`qidir.search.engine.lexicon.Lexicon`): one entry
per distinct written form, each mapped to the index terms its word was analysed to, so an
expanded word is searched in the analysed fields (``title``, ``text``) and no field repeats
every word. An index built before the lexicon has the ``words`` field instead (every written
form of every word, indexed again): :class:`FieldVocabulary` reads that.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

WORDS_FIELD = "words"


class Vocabulary(Protocol):
    def with_prefix(self, prefix: str) -> Iterator[str]:
        """Written forms starting with ``prefix``."""

    def within(self, word: str, maxdist: int, prefix: int = 0) -> set[str]:
        """Written forms within ``maxdist`` edits of ``word``, sharing ``prefix`` chars."""

    def frequency(self, form: str) -> int:
        """How common a written form is (0: not in the index)."""

    def terms(self, forms: Iterable[str]) -> set[str] | None:
        """The analysed terms the forms stand for; None: search the forms themselves in
        the ``words`` field."""


class FieldVocabulary:
    """The vocabulary of an index built before the lexicon: its ``words`` field."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader

    def with_prefix(self, prefix: str) -> Iterator[str]:
        return words_with_prefix(self.reader, prefix)

    def within(self, word: str, maxdist: int, prefix: int = 0) -> set[str]:
        return words_within(self.reader, word, maxdist, prefix)

    def frequency(self, form: str) -> int:
        return int(self.reader.doc_frequency(WORDS_FIELD, form))

    def terms(self, forms: Iterable[str]) -> set[str] | None:
        return None


def vocabulary_of(reader: Any, lexicon: Vocabulary | None) -> Vocabulary | None:
    """The index's vocabulary: its lexicon, else its ``words`` field, else None (an index
    built before prefix and fuzzy search existed)."""
    if lexicon is not None:
        return lexicon
    return FieldVocabulary(reader) if WORDS_FIELD in reader.schema else None


def words_within(reader: Any, word: str, maxdist: int, prefix: int = 0) -> set[str]:
    """Surface words in the ``words`` field within ``maxdist`` edits of ``word``.

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
    """Surface words in the ``words`` field starting with ``prefix``, segment by segment (a
    word in several segments comes more than once)."""
    for leaf, _ in reader.leaf_readers():
        for term in leaf.expand_prefix(WORDS_FIELD, prefix):
            yield term.decode("utf-8") if isinstance(term, bytes) else term
