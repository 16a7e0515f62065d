"""Disjunctive facet counts over per-document value columns held as bitsets.

Whoosh's ``groupedby`` reads every matching document's stored values on every search,
which is what makes faceted Whoosh slow. Here, when a searcher opens, every value of every
facet field becomes one bitset (a Python int, bit n = document n) built from the posting
lists; a search then counts each value with one AND and one popcount in C. Disjunctive
counts (each facet counted with every filter except its own) cost one extra AND per facet.
A facet of many values is counted from the values of the hits' documents instead (see
:mod:`qidir.search.engine.docvalues`), and so is the timeline from their days.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from whoosh.reading import IndexReader

from qidir.search import fields
from qidir.search.engine.docvalues import DocValues, Members
from qidir.search.engine.scoring import bits_from_mask, mask_from_bits

#: Up to this many dated hits, a timeline counts per day whatever its span; above, per
#: month when the span is longer than MONTHS_ONLY months.
SPARSE_HITS = 500
#: Longer spans (in months) are counted per month only: 16 months are over 60 weeks, so such
#: a timeline draws months or years.
MONTHS_ONLY = 16
#: A facet with more values than this is counted from its values per document (see
#: :mod:`qidir.search.engine.docvalues`); at 100k documents, countries (85 values, 184k
#: pairs) 0.17 → 0.01 ms for a few hundred hits, popcounts 7 µs a value.
PAIRS_ABOVE = 32
#: A facet of fewer values is counted by documents too when that is cheaper: counting costs
#: about this many 64-bit words of a popcount per document of the base's smaller side…
DOC_WORDS = 1
#: …plus, when no count read the base's documents yet, about this many popcounts (at 100k
#: documents a popcount of one value takes 7 µs, reading the documents 35 µs).
READ_POPCOUNTS = 6
#: The date range's key among a selection's filter parts (no facet has this name).
DATES = " dates"


def bits_from_ids(ids: Iterable[int], size: int) -> int:
    buf = bytearray((size + 7) >> 3)
    for i in ids:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def ids_from_bits(bits: int) -> list[int]:
    """Document numbers set in a bitset, ascending."""
    return np.flatnonzero(mask_from_bits(bits, bits.bit_length())).tolist()


@dataclass(frozen=True)
class Selection:
    """What the reader selected: values per facet (OR-ed within, AND-ed across) and dates."""

    values: dict[str, tuple[str, ...]]
    date_from: str | None = None
    date_to: str | None = None


class FacetColumns:
    """Bitsets of one index version: built once per searcher, shared by all threads."""

    def __init__(self, reader: IndexReader) -> None:
        self.size = reader.doc_count_all()
        self.live = bits_from_ids(reader.all_doc_ids(), self.size)
        self.live_count = self.live.bit_count()
        self.values: dict[str, dict[str, int]] = {}
        #: Per facet counted by documents (see counts), built on first such count: its
        #: values per document.
        self._by_doc: dict[str, DocValues] = {}
        for fieldname in fields.facet_names():
            columns: dict[str, int] = {}
            for term in _field_terms(reader, fieldname):
                ids = reader.postings(fieldname, term).all_ids()
                bits = bits_from_ids(ids, self.size) & self.live
                if bits:
                    columns[_text(term)] = bits
            self.values[fieldname] = columns
        #: Per facet, ``x`` → the union of the columns ``x-<letter>`` (see Facet.family).
        self.families: dict[str, dict[str, int]] = {}
        for facet in fields.facets():
            if facet.family:
                family: dict[str, int] = {}
                for value, bits in self.values.get(facet.name, {}).items():
                    head, dash, tail = value.rpartition("-")
                    if dash and len(tail) == 1:
                        family[head] = family.get(head, 0) | bits
                self.families[facet.name] = family
        dated = {}
        for term in _field_terms(reader, "published"):
            if not term:
                continue  # undated documents hold an empty date; no range includes them
            bits = bits_from_ids(reader.postings("published", term).all_ids(), self.size)
            dated[_text(term)] = bits & self.live
        #: Every publication day of a live document, in order.
        self._dates = sorted(dated)
        any_date = 0
        #: Each document's day (an index into _dates; -1: undated or deleted): a date range
        #: is two comparisons and a timeline one count per day, in C, whatever their span.
        self._day = np.full(self.size, -1, dtype=np.int32)
        for k, day in enumerate(self._dates):
            any_date |= dated[day]
            self._day[mask_from_bits(dated[day], self.size)] = k
        #: Live documents without a publication date (counted beside a timeline).
        self.undated = self.live & ~any_date
        #: Months with a publication day, and the index in _dates of each one's first day.
        months = sorted({day[:7]: k for k, day in reversed(list(enumerate(self._dates)))}
                        .items())
        self._months = [m for m, _ in months]
        self._month_first = np.array([k for _, k in months], dtype=np.intp)
        #: Live documents per day: an inverted set's days subtract from it.
        self._per_day = np.bincount(self._day[self._day >= 0], minlength=len(self._dates))

    def date_bits(self, date_from: str | None, date_to: str | None) -> int:
        """Documents published within [from, to] (inclusive; either end may be open)."""
        lo = bisect.bisect_left(self._dates, date_from) if date_from else 0
        hi = bisect.bisect_right(self._dates, date_to) if date_to else len(self._dates)
        if lo >= hi:
            return 0
        return bits_from_mask((self._day >= lo) & (self._day < hi))

    def members(self, base: int) -> Members:
        """``base``'s live documents, for :meth:`counts` and :meth:`day_counts` (a search
        makes one per distinct base and shares it: their numbers are read once)."""
        return Members(base, self.live, self.live_count, self.size)

    def day_counts(self, base: int, docs: Members | None = None) -> list[tuple[str, int]]:
        """(day, count of ``base`` documents published that day) for every day with any,
        in date order (a timeline's input): one count of the hits' days. ``docs``: the
        base's :meth:`members`, when the caller has them.

        When there are more than SPARSE_HITS hits over a span longer than ``MONTHS_ONLY``
        months the counts come per month, each on its first day: a timeline of that span
        draws months or years anyway.
        """
        if docs is None:
            docs = self.members(base)
        days = self._day[docs.ids]
        per_day = np.bincount(days[days >= 0], minlength=len(self._dates))
        if docs.inverted:
            per_day = self._per_day - per_day
        n = int(per_day.sum())
        if n == 0:
            return []
        if n > SPARSE_HITS:
            per_month = np.add.reduceat(per_day, self._month_first)
            present = _present(self._months, per_month)
            first, last = present[0][0], present[-1][0]
            span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
            if span > MONTHS_ONLY:
                return [(f"{m}-01", c) for m, c in present]
        return _present(self._dates, per_day)

    def filter_parts(self, selection: Selection) -> dict[str, int]:
        """The bits of each selected filter: per facet with values selected (its values
        OR-ed) and, under DATES, the date range. A search ANDs them in every combination
        its facets need (each without its own) from these, computed once."""
        parts: dict[str, int] = {}
        for fieldname, values in selection.values.items():
            if not values:
                continue
            column = self.values.get(fieldname, {})
            family = self.families.get(fieldname, {})
            union = 0
            for value in values:
                union |= column.get(value, 0) or family.get(value, 0)
            parts[fieldname] = union
        if selection.date_from or selection.date_to:
            parts[DATES] = self.date_bits(selection.date_from, selection.date_to)
        return parts

    def combined(self, parts: dict[str, int], exclude: str | None = None) -> int:
        """Live documents passing every part of :meth:`filter_parts` except ``exclude``."""
        bits = self.live
        for name, part in parts.items():
            if name != exclude:
                bits &= part
        return bits

    def filter_bits(self, selection: Selection, exclude: str | None = None) -> int:
        """Documents passing every selected filter except the facet ``exclude``."""
        return self.combined(self.filter_parts(selection), exclude)

    def first_ids(self, bits: int, n: int) -> list[int]:
        """The lowest ``n`` document numbers set in ``bits`` (without reading the rest)."""
        out: list[int] = []
        while bits and len(out) < n:
            low = bits & -bits
            out.append(low.bit_length() - 1)
            bits ^= low
        return out

    def counts(self, fieldname: str, base: int, docs: Members | None = None
               ) -> dict[str, int]:
        """Count of ``base``'s live documents per value of one facet (zero counts left
        out), in the column's value order. A facet of many values (people, sources), or of
        a few when the base is small, is counted from the values of the base's documents
        (``docs``: its :meth:`members`, when the caller has them) instead of one AND and
        popcount per value, each as long as the index."""
        column = self.values.get(fieldname, {})
        if docs is None:
            docs = self.members(base)
        if self._by_documents(len(column), docs):
            by_doc = self._by_doc.get(fieldname)
            if by_doc is None:
                by_doc = self._by_doc[fieldname] = DocValues(column, self.size)
            return dict(_present(by_doc.names, by_doc.counts(docs)))
        out = {}
        for value, bits in column.items():
            n = (bits & base).bit_count()
            if n:
                out[value] = n
        return out

    def _by_documents(self, n_values: int, docs: Members) -> bool:
        """Whether a facet of ``n_values`` values is counted from its documents' values
        rather than by one popcount per value (each as long as the index)."""
        if n_values > PAIRS_ABOVE:
            return True
        words = (self.size >> 6) + 1
        cost = docs.side * DOC_WORDS + (0 if docs.read else READ_POPCOUNTS * words)
        return cost < n_values * words


def _present(names: Sequence[str], counts: np.ndarray) -> list[tuple[str, int]]:
    """(name, count) of every nonzero count, in order: Python ints, converted in one call
    (a facet has hundreds of values, a timeline hundreds of days)."""
    at = np.flatnonzero(counts)
    return list(zip(map(names.__getitem__, at.tolist()), counts[at].tolist(), strict=True))


def _field_terms(reader: IndexReader, fieldname: str) -> list[bytes]:
    if fieldname not in reader.schema:
        return []
    return list(reader.lexicon(fieldname))


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
