"""Facet values by document, so a count reads only the hits' values.

A facet of many values (countries, sources, people) cannot be counted with one AND and
popcount per value: each is as long as the index. Counting from its (document, value)
pairs costs a pass over every pair of the facet (184k for countries at 100k documents)
whatever the search matched, typically a few hundred documents. Here the pairs are held
per document (CSR: a document's values are ``values[start[d]:start[d + 1]]``), and a count
gathers the values of the documents it is asked about only.

Those documents are a :class:`Members`: a set of live documents given by its smaller side,
its own numbers or (when it holds more than half of the live documents) the numbers of the
live documents it leaves out, whose counts are then taken from the facet's totals. Either
way a count reads at most half of the index's pairs, and a search makes one
:class:`Members` per distinct base and shares it between its facets and its timeline.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

import numpy as np

from qidir.search.engine.scoring import mask_from_bits


class Members:
    """A set of live documents (``bits``; its other documents are left out), read by its
    smaller side when a count first asks: :attr:`ids` (ascending) are its documents, or,
    when :attr:`inverted`, the live documents it leaves out."""

    def __init__(self, bits: int, live: int, live_count: int, size: int) -> None:
        self.bits = bits & live
        self._live = live
        self._live_count = live_count
        self._size = size

    @cached_property
    def count(self) -> int:
        return self.bits.bit_count()

    @property
    def side(self) -> int:
        """How many documents the smaller side holds (what a count reads)."""
        return min(self.count, self._live_count - self.count)

    @property
    def read(self) -> bool:
        """Whether the documents were read already (by an earlier count)."""
        return "_side" in self.__dict__

    @cached_property
    def _side(self) -> tuple[np.ndarray, bool]:
        if self.count * 2 <= self._live_count:
            return doc_ids(self.bits, self.count, self._size), False
        rest = self._live & ~self.bits
        return doc_ids(rest, self._live_count - self.count, self._size), True

    @property
    def ids(self) -> np.ndarray:
        return self._side[0]

    @property
    def inverted(self) -> bool:
        return self._side[1]


#: A set of fewer documents than 1/SPARSE_BELOW of the index is read byte by byte.
SPARSE_BELOW = 32


def doc_ids(bits: int, count: int, size: int) -> np.ndarray:
    """The ``count`` documents set in ``bits`` (a bitset of ``size``), ascending. A few
    hundred hits are a few hundred non-zero bytes: only those are unpacked (at 100k
    documents 15 µs instead of 28 for the whole index unpacked, which is cheaper above a few
    thousand)."""
    if count * SPARSE_BELOW >= size:
        return np.flatnonzero(mask_from_bits(bits, size))
    data = np.frombuffer(bits.to_bytes(max(size + 7, bits.bit_length() + 7) >> 3, "little"),
                         dtype=np.uint8)
    at = np.flatnonzero(data.view(bool))
    set_bits = np.flatnonzero(np.unpackbits(data[at], bitorder="little").view(bool))
    return at[set_bits >> 3] * 8 + (set_bits & 7)


class DocValues:
    """One facet's values per document, built from its columns (value → bitset of its live
    documents); counts come back in the columns' order (:attr:`names`)."""

    def __init__(self, columns: Mapping[str, int], size: int) -> None:
        self.names = list(columns)
        docs = [np.flatnonzero(mask_from_bits(bits, size)) for bits in columns.values()]
        doc_of = np.concatenate(docs) if docs else np.zeros(0, dtype=np.intp)
        value_of = (np.concatenate([np.full(len(d), k, dtype=np.int32)
                                    for k, d in enumerate(docs)])
                    if docs else np.zeros(0, dtype=np.int32))
        per_doc = np.bincount(doc_of, minlength=size)
        self.n_values = len(docs)
        #: Every live document's count per value: an inverted set's counts subtract from it.
        self.totals = np.bincount(value_of, minlength=self.n_values)
        #: Each document's only value (-1: none) when no document has two; a count is then
        #: one gather, without the CSR's second indirection.
        self.single: np.ndarray | None = None
        if not len(per_doc) or per_doc.max() <= 1:
            self.single = np.full(size, -1, dtype=np.int32)
            self.single[doc_of] = value_of
            return
        self.start = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(per_doc, out=self.start[1:])
        # A stable sort keeps each document's values in the column's order.
        self.values = value_of[np.argsort(doc_of, kind="stable")]

    def counts(self, docs: Members) -> np.ndarray:
        """Count per value (in the column's order) of the documents ``docs`` holds."""
        ids = docs.ids
        if self.single is not None:
            gathered = self.single[ids]
            n = np.bincount(gathered[gathered >= 0], minlength=self.n_values)
        else:
            first = self.start[ids]
            lengths = self.start[ids + 1] - first
            # Positions of every pair of those documents: each document's run of pairs,
            # laid end to end (its first pair's position minus where its run begins here).
            ends = np.cumsum(lengths)
            at = np.repeat(first - ends + lengths, lengths) + np.arange(int(ends[-1])
                                                                      if len(ends) else 0)
            n = np.bincount(self.values[at], minlength=self.n_values)
        return self.totals - n if docs.inverted else n
