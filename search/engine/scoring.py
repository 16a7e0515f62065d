"""Scores of every matching document, computed a posting list at a time instead of a posting
at a time.

A faceted search needs the score of every match (the facets count all matches, the hits
are the best of them). Whoosh computes those by walking its matcher tree: each query word is
a disjunction of several alternatives (a reading per plausible language, a name key, title
and text fields), and each step of the walk costs several Python calls per posting. That
walk was about two thirds of a search (cProfile, 10k, bench queries). Here each leaf term's
posting list is read in bulk (Whoosh's own block reader decodes a block of ids and weights
at a time), scored with BM25F as arrays, and the tree is combined as whole arrays, one
operation per node instead of per posting: numpy, the well-kept library made for exactly
that.

**The same answers, bit for bit.** A score here is the float Whoosh's walk computes: the
leaf formula is Whoosh's ``bm25`` with the same idf, average length, B and K1 (taken from
Whoosh's own scorer object), the same quantised field length (the segment's length
column, decoded with Whoosh's table), and the same weights (float32 where Whoosh's block
keeps them as float32); compound nodes are combined in the same binary trees Whoosh builds
(``make_weighted_tree`` by estimated size, ties kept in query order; an ``Or`` in a
segment of at most 5,000 documents is Whoosh's preloaded array union, summed left to
right), so every addition happens in the same order on the same operands. A document that
does not match scores 0.0 here, and 0.0 is an exact identity for every operation used
(``x + 0.0``, ``max(x, 0.0) + t * 0.0``), which is why a dense array per segment needs no
separate match mask: every BM25 score of a posting is positive (idf > 0, weight > 0), and
queries with a non-positive boost are left to Whoosh. The tests compare hits, order and
scores with Whoosh's collector for equality, not within a tolerance.

What is not a Term, Or, And, AndNot, AndMaybe, BestOf, Scaled or DeadlineQuery (phrases,
Whoosh's own DisjunctionMax, Or with ``minmatch`` or ``scale``, anything new) is scored by
walking Whoosh's matcher for that subtree alone, which gives its exact scores; the rest of
the query is still combined as arrays. Deleted documents are in the posting lists
(Whoosh filters them in its reader) and are zeroed at the end of each segment.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import NullMatcherClass
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from qidir.search.engine import ranking
from qidir.search.engine.collector import _ids
from qidir.search.engine.deadline import DeadlineQuery, _expired

#: Whoosh's quantised field length for each length byte (0: no length, see _lengths).
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
#: Whoosh's ``Or`` sums with a preloaded array union in segments of at most this many
#: documents (``Or._matcher``: ``dc > 5000``) and below this many clauses.
_OR_TREE_ABOVE_DOCS = 5000
_OR_TOO_MANY_CLAUSES = wq.Or.TOO_MANY_CLAUSES

Scores = np.ndarray
#: Per-version cache of decoded length columns: (segment id, field) → length per docnum.
LengthCache = dict[tuple[str, str], np.ndarray]


class Unsupported(Exception):
    """The query cannot be scored here with the same answers (the caller asks Whoosh)."""


def score_all(searcher: Searcher, query: Any, cache: LengthCache | None = None
              ) -> np.ndarray:
    """The score of every document of ``searcher`` for ``query`` (global document numbers;
    0.0 where it does not match), equal to what Whoosh's scoring walk gives each match.
    Raises :class:`Unsupported` when that cannot be guaranteed."""
    context = searcher.context()
    parts = []
    start = 0
    for sub, offset in searcher.leaf_searchers():
        if offset != start:
            raise Unsupported("segments are not contiguous")
        seg = _Segment(sub, context, cache if cache is not None else {})
        start += seg.n
        scores = seg.eval(query)
        deleted = sub.reader().deleted_docs_set if sub.reader().has_deletions() else None
        if deleted:
            scores[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = 0.0
        parts.append(scores)
    if not parts:
        return np.zeros(0)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def mask_from_bits(bits: int, size: int) -> np.ndarray:
    """A bitset (bit i: document i) as a boolean array of ``size``."""
    data = bits.to_bytes((size + 7) >> 3, "little") if bits else bytes((size + 7) >> 3)
    return np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="little",
                         count=size).astype(bool)


def bits_from_mask(mask: np.ndarray) -> int:
    """A boolean array as a bitset (bit i: document i)."""
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")


def top(scores: np.ndarray, limit: int, allowed: np.ndarray | None,
        bonus: Callable[[int], float] | None = None) -> list[tuple[int, float]]:
    """The best ``limit`` (docnum, score) among the matches (score > 0) that ``allowed``
    keeps, best first: Whoosh's ``TopCollector`` order (a higher score first, then the lower
    document number; a later document only displaces a strictly lower score).
    ``bonus(docnum)`` is added to each candidate's score first, as the ranking collector
    does for relaxed searches."""
    cand = scores > 0.0
    if allowed is not None:
        cand &= allowed
    idx = np.flatnonzero(cand)
    vals = scores[idx]
    if bonus is not None and len(idx):
        vals = vals + np.fromiter((bonus(int(d)) for d in idx), dtype=np.float64,
                                  count=len(idx))
    limit = max(1, limit)
    if len(idx) > limit:
        kth = np.partition(vals, len(vals) - limit)[len(vals) - limit]
        keep = vals >= kth
        idx, vals = idx[keep], vals[keep]
    order = np.lexsort((idx, -vals))[:limit]
    return [(int(idx[i]), float(vals[i])) for i in order]


class _Segment:
    """Evaluates a query tree over one segment as dense score arrays."""

    def __init__(self, sub: Searcher, context: Any, cache: LengthCache) -> None:
        self.sub = sub
        self.reader = sub.reader()
        self.context = context
        self.weighting = context.weighting
        self.n = sub.doc_count_all()
        self.cache = cache

    def zeros(self) -> np.ndarray:
        return np.zeros(self.n, dtype=np.float64)

    def eval(self, q: Any) -> np.ndarray:
        if isinstance(q, DeadlineQuery):
            _expired(q.deadline, "matching")
            return self.eval(q.child)  # DeadlineMatcher scores child × 1.0: the same
        t = type(q)
        if t is wq.Term:
            return self.term(q)
        if t is ranking.Scaled:
            if q.factor == 1.0:
                return self.eval(q.child)
            _positive(q.factor)
            # (A NullMatcher child stays 0.0 either way.)
            return self.eval(q.child) * q.factor
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return self.zeros()
        if t in (ranking.BestOf, wq.Or, wq.And):
            subs = q.subqueries
            if not subs:
                return self.zeros()
            if len(subs) == 1:
                return self.eval(subs[0])  # Whoosh drops the compound's boost here
            if t is ranking.BestOf:
                out = self.tree(subs, lambda s: s.estimate_size(self.reader),
                                _tiebreak_max(q.tiebreak))
            elif t is wq.And:
                out = self.tree(subs, lambda s: 0 - s.estimate_size(self.reader), _both_sum)
            else:
                if q.minmatch or q.scale:
                    return self.walk(q)
                kind = q.matcher_type
                if kind == wq.Or.AUTO_MATCHER:  # Whoosh's choice, Or._matcher
                    kind = (wq.Or.DEFAULT_MATCHER if len(subs) < _OR_TOO_MANY_CLAUSES and (
                        self.context.needs_current or len(subs) == 2
                        or self.n > _OR_TREE_ABOVE_DOCS)
                        else wq.Or.ARRAY_MATCHER)
                if kind == wq.Or.ARRAY_MATCHER:
                    return self.preloaded_or(subs, q.boost)
                if kind != wq.Or.DEFAULT_MATCHER:
                    raise Unsupported(f"Or matcher type {kind}")
                out = self.tree(subs, lambda s: s.estimate_size(self.reader), np.add)
            if q.boost != 1.0:
                _positive(q.boost)
                out = out * q.boost
            return out
        if t is wq.AndNot:
            a = self.eval(q.a)
            ids = _ids(self.sub, q.b)
            if ids:
                a[np.fromiter(ids, dtype=np.int64, count=len(ids))] = 0.0
            return a
        if t is wq.AndMaybe:
            a, b = self.eval(q.a), self.eval(q.b)
            return np.where(a > 0.0, a + b, 0.0)
        return self.walk(q)

    def tree(self, subs: list[Any], weight: Callable[[Any], int],
             op: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
        """Whoosh's ``make_weighted_tree``: sorted by weight (ties in query order, which
        Whoosh's matcher comparisons leave as they are), the two lightest joined and put
        back after every node of equal or lower weight, until one is left."""
        items = sorted(((weight(s), self.eval(s)) for s in subs), key=_first)
        while len(items) > 1:
            (wa, a), (wb, b) = items[0], items[1]
            del items[:2]
            insort(items, (wa + wb, op(a, b)), key=_first)
        return items[0][1]

    def preloaded_or(self, subs: list[Any], boost: float) -> np.ndarray:
        """Whoosh's ``ArrayUnionMatcher``: ``a[i] += score * boost``, sub by sub."""
        if boost != 1.0:
            _positive(boost)
        acc = self.zeros()
        for s in subs:
            acc += self.eval(s) * boost
        return acc

    def term(self, q: wq.Term) -> np.ndarray:
        schema = self.sub.schema
        if q.fieldname not in schema:
            return self.zeros()
        field = schema[q.fieldname]
        try:
            btext = field.to_bytes(q.text)
        except ValueError:
            return self.zeros()
        if (q.fieldname, btext) not in self.reader:
            return self.zeros()
        if q.minquality:
            raise Unsupported("minquality")
        scorer = self.weighting.scorer(self.sub, q.fieldname, btext)
        out = self.zeros()
        if type(scorer) is not BM25FScorer:
            return self.walk(q)
        postings = self.reader.postings(q.fieldname, btext)
        if isinstance(postings, FilterMatcher):
            postings = postings.child  # deletions: zeroed for the whole segment at the end
        if type(postings) is not W3LeafMatcher:
            return self.walk(q)  # inlined (one posting) or another codec: Whoosh scores it
        ids, tf = _read_postings(postings)
        fl = self.lengths(q.fieldname)[ids]
        if not fl.all():
            return self.walk(q)  # a zero length byte: Whoosh's dfl is then None
        idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1  # noqa: N806
        # whoosh.scoring.bm25, operation for operation.
        out[ids] = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        if q.boost != 1.0:
            _positive(q.boost)
            out *= q.boost
        return out

    def lengths(self, fieldname: str) -> np.ndarray:
        """The segment's field lengths as Whoosh's scorer sees them (0.0: no length byte)."""
        key = (self.reader.segment().segment_id(), fieldname)
        got = self.cache.get(key)
        if got is None:
            perdoc = self.reader._perdoc
            column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if column is None:
                got = np.ones(self.n, dtype=np.float64)  # Whoosh's default of 1
            else:
                count = min(column._count, self.n)
                raw = np.zeros(self.n, dtype=np.uint8)
                raw[:count] = np.frombuffer(column._dbfile.get(column._basepos, count),
                                            dtype=np.uint8)
                got = _LENGTH_OF_BYTE[raw]
            self.cache[key] = got
        return got

    def walk(self, q: Any) -> np.ndarray:
        """The exact scores of a subtree by Whoosh's own matcher (phrases and the like)."""
        m = q.matcher(self.sub, self.context)
        out = self.zeros()
        if isinstance(m, NullMatcherClass):
            return out
        ids: list[int] = []
        scores: list[float] = []
        while m.is_active():
            ids.append(m.id())
            scores.append(m.score())
            m.next()
        if ids:
            vals = np.array(scores, dtype=np.float64)
            if not (vals > 0.0).all():
                raise Unsupported(f"non-positive score in {q!r}")
            out[np.array(ids, dtype=np.int64)] = vals
        return out


def _read_postings(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Every (docnum, weight) of a posting list, a block at a time, with the weights as
    Whoosh's block reader gives them (float32 when the block stores none or one for all)."""
    ids_parts: list[np.ndarray] = []
    w_parts: list[np.ndarray] = []
    while True:
        m._read_data()
        raw_ids, raw_w = m._data[0], m._data[1]
        count = m._blocklength
        ids = np.array(raw_ids, dtype=np.int64)
        if not m._byteids:
            ids = np.cumsum(ids)
        ids_parts.append(ids)
        if raw_w is None:
            w_parts.append(np.ones(count, dtype=np.float64))
        elif isinstance(raw_w, float):
            w_parts.append(np.full(count, np.float32(raw_w), dtype=np.float64))
        else:
            w_parts.append(np.asarray(raw_w, dtype=np.float64))
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    if len(ids_parts) == 1:
        return ids_parts[0], w_parts[0]
    return np.concatenate(ids_parts), np.concatenate(w_parts)


def _first(item: tuple[int, Any]) -> int:
    return item[0]


def _positive(boost: float) -> None:
    if not boost > 0.0:
        raise Unsupported(f"boost {boost}")


def _both_sum(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IntersectionMatcher: a + b where both match."""
    return np.where((a > 0.0) & (b > 0.0), a + b, 0.0)


def _tiebreak_max(tiebreak: float) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """TieBreakMaxMatcher: max + tiebreak × min where both match, the one score elsewhere
    (with the other 0.0 that is the same formula, exactly)."""
    def op(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.maximum(a, b) + tiebreak * np.minimum(a, b)
    return op
