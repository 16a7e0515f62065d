"""The top hits of a relevance search and the set of every matching document, in one pass.

A faceted search needs both: the best few documents to show, and every document the query
matches, for the facet counts. Asked separately, Whoosh walks the posting lists twice (once
scoring with block skipping, once listing ids), and at 100k documents the second walk was a
third of a search's time. This collector walks them once, scoring every match.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from whoosh import query as wq
from whoosh.collectors import TopCollector
from whoosh.searching import Searcher

from qidir.search.engine.deadline import DeadlineQuery, _expired


class TopAndMatched(TopCollector):  # type: ignore[misc]
    """Whoosh's top-N collector that also records every matching document number.

    Block-quality skipping and matcher replacement are off: both skip documents that
    cannot reach the top N, and the facet counts need those too. The top N are taken
    among ``allowed`` documents only (the filters), while ``matched`` keeps every match
    (disjunctive facets count values outside the filters).
    """

    def __init__(self, limit: int, allowed: int | None,
                 bonus: Callable[[int], float] | None = None) -> None:
        super().__init__(limit=limit, usequality=False, replace=0)
        #: Added to a document's score before it is ranked (a relaxed search's reward for
        #: the words a document has, see qidir.search.query.relax); None: the score alone.
        self.bonus = bonus
        # The filters' bitset as bytes: a bit test per match, with no set of (possibly tens
        # of thousands of) document numbers built first.
        self.allowed = (None if allowed is None
                        else allowed.to_bytes((allowed.bit_length() + 7) >> 3, "little"))
        self.matched: list[int] = []

    def collect_matches(self) -> None:
        collect, offset = self.collect, self.offset
        matched, allowed = self.matched, self.allowed
        size = len(allowed) if allowed is not None else 0
        for sub_docnum in self.matches():
            docnum = offset + sub_docnum
            matched.append(docnum)
            if allowed is None or (
                (docnum >> 3) < size and allowed[docnum >> 3] >> (docnum & 7) & 1
            ):
                collect(sub_docnum)

    def _collect(self, global_docnum: int, score: float) -> Any:
        if self.bonus is not None:
            score += self.bonus(global_docnum)
        return super()._collect(global_docnum, score)


class TopAmong(TopCollector):  # type: ignore[misc]
    """Whoosh's top-N collector that scores only the documents listed in ``only`` (sorted
    global document numbers, every one a match): the matcher jumps to each (``skip_to``,
    which skips whole posting blocks) instead of stepping through every match. A document's
    score is the matcher's at that document, as in a full walk, so the top N are the same.
    """

    def __init__(self, limit: int, only: list[int]) -> None:
        super().__init__(limit=limit, usequality=False, replace=0)
        self.only = only

    def collect_matches(self) -> None:
        matcher, collect, offset = self.matcher, self.collect, self.offset
        only = self.only
        end = offset + self.subsearcher.doc_count_all()
        start = bisect_left(only, offset)
        for docnum in only[start:bisect_left(only, end, start)]:
            if not matcher.is_active():
                break
            sub_docnum = docnum - offset
            if matcher.id() < sub_docnum:
                matcher.skip_to(sub_docnum)
                if not matcher.is_active():
                    break
            if matcher.id() == sub_docnum:
                collect(sub_docnum)


def top_among(searcher: Searcher, query: Any, limit: int, only: list[int]) -> Any:
    """Whoosh results of the top ``limit`` hits of ``query`` among ``only`` (sorted global
    document numbers that all match it): for a filtered search, whose hits are a small part
    of the matches."""
    collector = TopAmong(max(1, limit), only)
    searcher.search_with_collector(query, collector)
    return collector.results()


def top_and_matched(searcher: Searcher, query: Any, limit: int, allowed: int | None,
                    bonus: Callable[[int], float] | None = None) -> tuple[Any, list[int]]:
    """(Whoosh results of the top ``limit`` hits among the ``allowed`` bitset (None: all),
    every matching docnum). ``bonus(docnum)`` is added to each score before ranking."""
    collector = TopAndMatched(max(1, limit), allowed, bonus)
    searcher.search_with_collector(query, collector)
    return collector.results(), collector.matched


def matched_docnums(searcher: Searcher, query: Any) -> list[int]:
    """Every document number ``query`` matches, without scoring.

    And, Or, DisjunctionMax, AndNot, AndMaybe, Every and Term are evaluated as set
    operations over the posting lists' ids (read a block at a time by Whoosh), anything
    else (phrases) by its own matcher. The same set as ``searcher.docs_for_query(query)``,
    which steps through the matcher tree one posting at a time: 2-5x faster for queries
    made of many alternatives (10k, bench queries)."""
    out: list[int] = []
    for sub, offset in searcher.leaf_searchers():
        ids = _ids(sub, query)
        out.extend(sorted(ids) if offset == 0 else sorted(offset + i for i in ids))
    return out


def _ids(sub: Searcher, q: Any) -> set[int]:
    if isinstance(q, DeadlineQuery):
        _expired(q.deadline, "matching")
        return _ids(sub, q.child)
    if isinstance(q, wq.Term):
        reader = sub.reader()
        if (q.fieldname, q.text) not in reader:
            return set()
        return set(reader.postings(q.fieldname, q.text).all_ids())
    if isinstance(q, wq.DisjunctionMax) or (isinstance(q, wq.Or) and not q.minmatch):
        out: set[int] = set()
        for child in q.subqueries:
            out |= _ids(sub, child)
        return out
    if isinstance(q, wq.And):
        acc: set[int] | None = None
        for child in q.subqueries:
            ids = _ids(sub, child)
            acc = ids if acc is None else acc & ids
            if not acc:
                return set()
        return acc if acc is not None else set()
    if isinstance(q, wq.AndNot):
        pos = _ids(sub, q.a)
        return pos - _ids(sub, q.b) if pos else pos
    if isinstance(q, wq.AndMaybe):
        return _ids(sub, q.a)
    if isinstance(q, wq.Every) and q.fieldname in (None, "", "*"):
        return set(sub.reader().all_doc_ids())
    if isinstance(q, wq.NullQuery.__class__):
        return set()
    return set(q.docs(sub))
