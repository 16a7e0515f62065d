"""Scores of every matching document, computed a posting list at a time instead of a posting
at a time.

A faceted search needs the score of every match (the facets count all matches, the hits
are the best of them). Whoosh computes those by walking its matcher tree: each query word is
a disjunction of several alternatives (a reading per plausible language, a name key, title
and text fields), and each step of the walk costs several Python calls per posting. That
walk was about two thirds of a search (cProfile, 10k, bench queries). Here each leaf term's
posting list is read in bulk (its blocks' ids and weights, positions left unread: see
:mod:`blocks`), scored with BM25F as arrays, and the tree is combined as whole arrays, one
operation per node instead of per posting: numpy, the well-kept library made for exactly
that.

**The same answers, bit for bit.** A score here is the float Whoosh's walk computes: the
leaf formula is Whoosh's ``bm25`` with the same idf, average length, B and K1 (read as
Whoosh's ``BM25F.scorer`` reads them), the same quantised field length (the segment's length
column, decoded with Whoosh's table), and the same weights (float32 where Whoosh's block
keeps them as float32); compound nodes are combined in the same binary trees Whoosh builds
(``make_weighted_tree`` by estimated size, ties kept in query order; an ``Or`` in a
segment of at most 5,000 documents is Whoosh's preloaded array union, summed left to
right), so every addition happens in the same order on the same operands. A document that
does not match scores 0.0 here, and 0.0 is an exact identity for every operation used
(``x + 0.0``, ``max(x, 0.0) + t * 0.0``), which is why a dense array per segment needs no
separate match mask: every BM25 score of a posting is positive (idf > 0, weight > 0), and
queries with a non-positive boost are left to Whoosh (:class:`Unsupported`). A node that
matches few documents is kept sparse, (docnums, scores), with the same arithmetic on the
documents it has. The tests compare hits, order and scores with Whoosh's collector for
equality, not within a tolerance.

Phrases (Whoosh's ``Sequence``) are scored by :mod:`phrases`: their words as arrays here,
the span rule on the positions of the documents that have every word. What is not a Term,
Or, And, AndNot, AndMaybe, BestOf, Scaled, DeadlineQuery or such a phrase (Whoosh's own
DisjunctionMax, Or with ``minmatch`` or ``scale``, anything new) is scored by walking
Whoosh's matcher for that subtree alone, which gives its exact scores; the rest of the
query is still combined as arrays. Deleted documents are in the posting lists
(Whoosh filters them in its reader) and are zeroed at the end of each segment. The search's
deadline is looked at before each posting list is read (Whoosh's walk looked every 256
postings).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching import NullMatcherClass
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from qidir.search.engine import blocks, phrases, ranking, sortedsets
from qidir.search.engine.deadline import DeadlineQuery, _expired
from qidir.search.engine.longlists import LongLists
from qidir.search.engine.postcache import PostingsCache

#: Whoosh's quantised field length for each length byte (0: no length, see lengths()).
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
#: Whoosh's ``Or`` sums with a preloaded array union in segments of at most this many
#: documents (``Or._matcher``: ``dc > 5000``) and below this many clauses.
_OR_TREE_ABOVE_DOCS = 5000
_OR_TOO_MANY_CLAUSES = wq.Or.TOO_MANY_CLAUSES

#: One node's scores over a segment: dense (an array of the segment's size, 0.0 where it
#: does not match) or sparse ((sorted docnums, their scores)) while it matches few.
Scores = np.ndarray | tuple[np.ndarray, np.ndarray]
#: Two sparse operands are combined sparse while they hold under 1/SPARSE_SHARE of the
#: segment's documents (a rare word's alternatives, fuzzy and prefix expansions); bigger
#: ones as dense arrays, where an operation costs the segment's size whatever they hold.
SPARSE_SHARE = 64
#: Per-version cache of decoded length columns: (segment id, field) → length per docnum.
LengthCache = dict[tuple[str, str], np.ndarray]
#: Each segment's long lists (segment id → its file, None where it has none).
LongListsBySegment = Mapping[str, "LongLists | None"]
#: One search's term lookups and decoded posting lists, shared by its passes (a relaxed
#: search reads each word in its strict pass, its word set and its relaxed pass):
#: ("term", segment id, field, text) → (field, bytes, term info), ("postings", segment id,
#: field, bytes) → (docnums, weights). Dropped with the search: nothing is kept from one
#: search to the next.
Memo = dict[tuple[Any, ...], Any]


class Unsupported(Exception):
    """The query cannot be scored here with the same answers (the caller asks Whoosh)."""


def score_all(searcher: Searcher, query: Any, cache: LengthCache | None = None,
              memo: Memo | None = None, shared: PostingsCache | None = None,
              lists: LongListsBySegment | None = None) -> np.ndarray:
    """The score of every document of ``searcher`` for ``query`` (global document numbers;
    0.0 where it does not match), equal to what Whoosh's scoring walk gives each match.
    ``memo``: term lookups and decoded posting lists kept for the other passes of the same
    search; ``shared``: the index version's cache of them (see :mod:`postcache`);
    ``lists``: the segments' long lists (see :mod:`longlists`). Raises
    :class:`Unsupported` when that cannot be guaranteed."""
    context = searcher.context()
    parts = []
    start = 0
    for sub, offset in searcher.leaf_searchers():
        if offset != start:
            raise Unsupported("segments are not contiguous")
        seg = _Segment(sub, context, cache if cache is not None else {}, memo, shared, lists)
        start += seg.n
        scores = seg.dense(seg.eval(query))
        _clear_deleted(sub, scores)
        parts.append(scores)
    return _joined(parts, np.float64)


def match_mask(searcher: Searcher, query: Any, memo: Memo | None = None,
               shared: PostingsCache | None = None,
               lists: LongListsBySegment | None = None) -> np.ndarray:
    """Every document ``query`` matches (global document numbers), without scoring: the set
    algebra of ``collector.matched_docnums`` on boolean arrays, posting lists read a block
    at a time. Anything but Term, Or, DisjunctionMax (BestOf), And, AndNot, AndMaybe, Every,
    the wrappers and phrases (:mod:`phrases`) is asked of its own matcher."""
    parts = []
    for sub, _offset in searcher.leaf_searchers():
        seg = _Segment(sub, searcher.context(), {}, memo, shared, lists)
        mask = seg.matches(query)
        _clear_deleted(sub, mask)
        parts.append(mask)
    return _joined(parts, bool)


def _clear_deleted(sub: Searcher, values: np.ndarray) -> None:
    """Zero (score 0.0, no match) a segment's deleted documents: their postings stay in
    the segment's files until a merge."""
    reader = sub.reader()
    deleted = reader.deleted_docs_set if reader.has_deletions() else None
    if deleted:
        values[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = 0


def _joined(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
    """The segments' arrays end to end (global document numbers)."""
    if not parts:
        return np.zeros(0, dtype=dtype)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def mask_from_bits(bits: int, size: int) -> np.ndarray:
    """A bitset (bit i: document i) as a boolean array of ``size``."""
    data = bits.to_bytes(max(size + 7, bits.bit_length() + 7) >> 3, "little")
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
        terms = getattr(bonus, "terms", None)
        if terms is not None:
            # (bitset, weight) pairs: total = 0.0, then += weight for each bitset with the
            # document, in order, as the per-document call sums (adding 0.0 changes nothing).
            total = np.zeros(len(idx))
            for bits, weight in terms:
                total = total + np.where(mask_from_bits(bits, len(scores))[idx], weight, 0.0)
        else:
            total = np.fromiter((bonus(int(d)) for d in idx), dtype=np.float64,
                                count=len(idx))
        vals = vals + total
    limit = max(1, limit)
    if len(idx) > limit:
        kth = np.partition(vals, len(vals) - limit)[len(vals) - limit]
        keep = vals >= kth
        idx, vals = idx[keep], vals[keep]
    order = np.lexsort((idx, -vals))[:limit]
    return [(int(idx[i]), float(vals[i])) for i in order]


class _Segment:
    """Evaluates a query tree over one segment: scores (dense or sparse, see ``Scores``)
    with :meth:`eval`, match masks with :meth:`matches`."""

    def __init__(self, sub: Searcher, context: Any, cache: LengthCache,
                 memo: Memo | None = None, shared: PostingsCache | None = None,
                 lists: LongListsBySegment | None = None) -> None:
        self.sub = sub
        self.shared = shared
        self.reader = sub.reader()
        self.segid = self.reader.segment().segment_id()
        #: This segment's long lists stored as arrays (None: all from Whoosh's blocks).
        self.long = lists.get(self.segid) if lists is not None else None
        self.memo: Memo = memo if memo is not None else {}
        self.context = context
        self.weighting = context.weighting
        self.n = sub.doc_count_all()
        self.cache = cache
        #: Estimated sizes by query node (id), documents frequencies of terms included.
        self.df: dict[int, int] = {}
        #: Term lookups by query node (id): see :meth:`lookup`.
        self.infos: dict[int, tuple[Any, bytes | None, Any]] = {}
        #: The search's deadline (time.monotonic), looked at before each posting list.
        self.deadline: float | None = None

    def zeros(self) -> np.ndarray:
        return np.zeros(self.n, dtype=np.float64)

    def dense(self, v: Scores) -> np.ndarray:
        if isinstance(v, tuple):
            out = self.zeros()
            out[v[0]] = v[1]
            return out
        return v

    def combine(self, a: Scores, b: Scores, op: Callable[[np.ndarray, np.ndarray], np.ndarray],
                both: bool) -> Scores:
        """``op`` of two nodes' scores where either matches (``both``: where both do), 0.0
        standing for a missing score exactly as in the dense arrays."""
        if (isinstance(a, tuple) and isinstance(b, tuple)
                and (len(a[0]) + len(b[0])) * SPARSE_SHARE < self.n):
            (ia, va), (ib, vb) = a, b
            if both:
                ids, xa, xb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
                return ids, op(va[xa], vb[xb])
            ids = sortedsets.union(ia, ib)
            fa = np.zeros(len(ids))
            fa[np.searchsorted(ids, ia)] = va
            fb = np.zeros(len(ids))
            fb[np.searchsorted(ids, ib)] = vb
            return ids, op(fa, fb)
        return (_both_sum if both else op)(self.dense(a), self.dense(b))

    def eval(self, q: Any) -> Scores:
        if isinstance(q, DeadlineQuery):
            _expired(q.deadline, "matching")
            self.deadline = q.deadline
            return self.eval(q.child)  # DeadlineMatcher scores child × 1.0: the same
        t = type(q)
        if t is wq.Term:
            if self.deadline is not None:
                _expired(self.deadline, "matching")
            return self.term(q)
        if t is ranking.Scaled:
            if q.factor == 1.0:
                return self.eval(q.child)
            _positive(q.factor)
            # (A NullMatcher child stays 0.0 either way.)
            return _times(self.eval(q.child), q.factor)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return _EMPTY
        if t in (ranking.BestOf, wq.Or, wq.And):
            subs = q.subqueries
            if not subs:
                return _EMPTY
            if len(subs) == 1:
                return self.eval(subs[0])  # Whoosh drops the compound's boost here
            if t is ranking.BestOf:
                out = self.tree(subs, self.estimate, _tiebreak_max(q.tiebreak), False)
            elif t is wq.And:
                evaluated = self.all_of(subs)
                if evaluated is None:
                    return _EMPTY
                out = self.tree(subs, lambda s: 0 - self.estimate(s), np.add, True,
                                evaluated)
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
                out = self.tree(subs, self.estimate, np.add, False)
            if q.boost != 1.0:
                _positive(q.boost)
                out = _times(out, q.boost)
            return out
        if t is wq.AndNot:
            a = self.eval(q.a)
            b = self.matches(q.b)  # AndNotMatcher: b only excludes, unscored
            if isinstance(a, tuple):
                keep = ~b[a[0]]
                return a[0][keep], a[1][keep]
            return np.where(b, 0.0, a)
        if t is wq.AndMaybe:
            a, b = self.eval(q.a), self.dense(self.eval(q.b))
            if isinstance(a, tuple):
                return a[0], a[1] + b[a[0]]
            return np.where(a > 0.0, a + b, 0.0)
        if phrases.supported(q):
            got = phrases.evaluate(self, q)
            if got is not None:
                return got  # type: ignore[no-any-return]
        return self.walk(q)

    def matches(self, q: Any) -> np.ndarray:
        """The boolean counterpart of :meth:`eval` (which documents, not how well)."""
        if isinstance(q, DeadlineQuery):
            _expired(q.deadline, "matching")
            self.deadline = q.deadline
            return self.matches(q.child)
        if isinstance(q, wq.Term):
            if self.deadline is not None:
                _expired(self.deadline, "matching")
            out = np.zeros(self.n, dtype=bool)
            field, _btext, info = self.lookup(q)
            if field is None or info is None:
                return out
            if info.is_inlined():
                out[np.array(info.inlined_postings()[0], dtype=np.int64)] = True
            else:
                out[self.postings(field, q.fieldname, _btext, info)[0]] = True
            return out
        if type(q) is ranking.Scaled:
            return self.matches(q.child)
        if isinstance(q, wq.DisjunctionMax) or (isinstance(q, wq.Or) and not q.minmatch):
            out = np.zeros(self.n, dtype=bool)
            for child in q.subqueries:
                out |= self.matches(child)
            return out
        if isinstance(q, wq.And):
            if not q.subqueries:
                return np.zeros(self.n, dtype=bool)
            out = self.matches(q.subqueries[0])
            for child in q.subqueries[1:]:
                if not out.any():
                    break
                out &= self.matches(child)
            return out
        if isinstance(q, wq.AndNot):
            out = self.matches(q.a)
            if out.any():
                out &= ~self.matches(q.b)
            return out
        if isinstance(q, wq.AndMaybe):
            return self.matches(q.a)
        if isinstance(q, wq.Every) and q.fieldname in (None, "", "*"):
            return np.ones(self.n, dtype=bool)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return np.zeros(self.n, dtype=bool)
        if phrases.supported(q):
            mask = phrases.match(self, q)
            if mask is not None:
                return mask
        out = np.zeros(self.n, dtype=bool)
        ids = list(q.docs(self.sub))
        if ids:
            out[np.array(ids, dtype=np.int64)] = True
        return out

    def all_of(self, subs: list[Any]) -> list[Scores] | None:
        """The subqueries of an And evaluated rarest first (by estimate), None as soon as
        no document has all of those evaluated: then the And matches nothing, and the
        commoner words' posting lists need not be read (a relaxed search's strict pass)."""
        evaluated, alive = self.rarest_first(subs, self.eval)
        return evaluated if len(alive) else None

    def rarest_first(self, subs: list[Any], run: Callable[[Any], Any]
                     ) -> tuple[list[Any], np.ndarray]:
        """Each of ``subs`` evaluated by ``run`` (:meth:`eval` or :meth:`matches`), rarest
        first (by estimate), and the documents all of them have; stops as soon as none is
        left (the subqueries not reached stay None)."""
        values: list[Any] = [None] * len(subs)
        alive: np.ndarray | None = None
        for i in sorted(range(len(subs)), key=lambda i: self.estimate(subs[i])):
            v = values[i] = run(subs[i])
            ids = v[0] if isinstance(v, tuple) else np.flatnonzero(v)
            alive = ids if alive is None else np.intersect1d(alive, ids, assume_unique=True)
            if not len(alive):
                break
        assert alive is not None
        return values, alive

    def tree(self, subs: list[Any], weight: Callable[[Any], int],
             op: Callable[[np.ndarray, np.ndarray], np.ndarray], both: bool,
             evaluated: list[Scores] | None = None) -> Scores:
        """Whoosh's ``make_weighted_tree``: sorted by weight (ties in query order, which
        Whoosh's matcher comparisons leave as they are), the two lightest joined and put
        back after every node of equal or lower weight, until one is left."""
        if evaluated is None:
            evaluated = [self.eval(s) for s in subs]
        items = sorted(zip((weight(s) for s in subs), evaluated, strict=True), key=_first)
        while len(items) > 1:
            (wa, a), (wb, b) = items[0], items[1]
            del items[:2]
            insort(items, (wa + wb, self.combine(a, b, op, both)), key=_first)
        return items[0][1]

    def preloaded_or(self, subs: list[Any], boost: float) -> np.ndarray:
        """Whoosh's ``ArrayUnionMatcher``: ``a[i] += score * boost``, sub by sub."""
        if boost != 1.0:
            _positive(boost)
        acc = self.zeros()
        for s in subs:
            v = self.eval(s)
            if isinstance(v, tuple):
                acc[v[0]] += v[1] * boost
            else:
                acc += v * boost
        return acc

    def term(self, q: wq.Term) -> Scores:
        """A term's BM25F scores: ``Term.matcher`` → ``Searcher.postings`` →
        ``BM25F.scorer`` → ``BM25FScorer``, with one term-index lookup instead of four."""
        field, btext, info = self.lookup(q)
        if field is None:
            return _EMPTY
        if q.minquality or type(self.weighting) is not BM25F or not field.scorable:
            return self.walk(q)
        if info is None:
            return _EMPTY
        if info.is_inlined():
            raw_ids, raw_w, _ = info.inlined_postings()
            ids = np.array(raw_ids, dtype=np.int64)
            # ListMatcher.weight: the weight, or 1.0 when the list has none.
            tf = (np.asarray(raw_w, dtype=np.float64) if raw_w
                  else np.ones(len(ids), dtype=np.float64))
        else:
            ids, tf = self.postings(field, q.fieldname, btext, info)
        fl = self.lengths(q.fieldname)[ids]
        if not fl.all():
            return self.walk(q)  # a zero length byte: Whoosh's dfl is then None
        w = self.weighting
        parent = self.sub.get_parent()
        idf = parent.idf(q.fieldname, btext)
        avgfl = parent.avg_field_length(q.fieldname) or 1
        B = w._field_B.get(q.fieldname, w.B)  # noqa: N806 - BM25's names
        K1 = w.K1  # noqa: N806
        # whoosh.scoring.bm25, operation for operation.
        scores = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        if q.boost != 1.0:
            _positive(q.boost)
            scores = scores * q.boost
        return ids, scores

    def postings(self, field: Any, fieldname: str, btext: Any, info: Any
                 ) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, weights) of a term's block-stored posting list, decoded once a search."""
        key = ("postings", self.segid, fieldname, btext)
        got = self.memo.get(key)
        if got is None:
            offset, length = info.extent()

            def load() -> tuple[np.ndarray, np.ndarray]:
                got = self.long.get(fieldname, btext) if self.long is not None else None
                if got is not None:
                    return got
                return blocks.read(self.reader._terms._postfile, offset, length, field.format)

            got = self.memo[key] = (self.shared.postings(key, load) if self.shared is not None
                                    else load())
        return got  # type: ignore[no-any-return]

    def lookup(self, q: wq.Term) -> tuple[Any, bytes | None, Any]:
        """(field, term bytes, term info) of a term in this segment, looked up once; field
        None: not in the schema or not encodable (Whoosh: no match); info None: absent."""
        got = self.infos.get(id(q))
        if got is None:
            key = ("term", self.segid, q.fieldname, q.text)
            got = self.memo.get(key)
            if got is None:
                got = self.memo[key] = (self.shared.term(key, lambda: self._lookup(q))
                                        if self.shared is not None else self._lookup(q))
            self.infos[id(q)] = got
        return got

    def _lookup(self, q: wq.Term) -> tuple[Any, bytes | None, Any]:
        schema = self.sub.schema
        field = schema[q.fieldname] if q.fieldname in schema else None
        btext, info = None, None
        if field is not None:
            try:
                btext = field.to_bytes(q.text)
            except ValueError:
                field = None
        if field is not None:
            try:
                info = self.reader.term_info(q.fieldname, btext)
            except TermNotFound:
                info = None
        return field, btext, info

    def estimate(self, q: Any) -> int:
        """``q.estimate_size(reader)``, which orders Whoosh's matcher trees, remembered per
        node: Whoosh recomputes a subtree's estimate at every level above it."""
        key = id(q)
        got = self.df.get(key)
        if got is not None:
            return got
        method = type(q).estimate_size
        if method is wq.Term.estimate_size:
            # Term.estimate_size: 0 outside the schema or unencodable, else the document
            # frequency (0 when absent), which the term info holds.
            field, _btext, info = self.lookup(q)
            got = info.doc_frequency() if field is not None and info is not None else 0
        elif method is wq.CompoundQuery.estimate_size:
            got = min(sum(self.estimate(s) for s in q.subqueries), self.reader.doc_count())
        elif method is wq.And.estimate_size:
            got = min(self.estimate(s) for s in q.subqueries)
        elif method is wq.Sequence.estimate_size and q.subqueries:
            got = min(self.estimate(s) for s in q.subqueries)  # that of And(subqueries)
        elif method is wq.WrappingQuery.estimate_size:
            got = self.estimate(q.child)
        else:
            got = q.estimate_size(self.reader)
        self.df[key] = got
        return got

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

    def walk(self, q: Any) -> Scores:
        """The exact scores of a subtree by Whoosh's own matcher (phrases and the like)."""
        m = q.matcher(self.sub, self.context)
        if isinstance(m, NullMatcherClass):
            return _EMPTY
        ids: list[int] = []
        scores: list[float] = []
        while m.is_active():
            ids.append(m.id())
            scores.append(m.score())
            m.next()
        vals = np.array(scores, dtype=np.float64)
        if not (vals > 0.0).all():
            raise Unsupported(f"non-positive score in {q!r}")
        return np.array(ids, dtype=np.int64), vals


_EMPTY: tuple[np.ndarray, np.ndarray] = (np.zeros(0, dtype=np.int64), np.zeros(0))


def _times(v: Scores, factor: float) -> Scores:
    return (v[0], v[1] * factor) if isinstance(v, tuple) else v * factor


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
