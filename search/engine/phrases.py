"""Phrases (Whoosh's ``Sequence``) evaluated from the words' arrays and the positions of the
few documents that have every word, instead of walking Whoosh's span matchers.

The compiler turns a phrase, a hyphenated compound and words written apart into
``Or([Sequence([Or([Term(f, t) for t in slot]) for slot in slots], slop=s) for f in
fields])``. Whoosh answers a ``Sequence`` by walking a tree of ``SpanNearMatcher``s over
``IntersectionMatcher``s over ``UnionMatcher``s, several Python calls per posting of every
word, and decodes the positions of every document all the words share. That walk was about
an eighth of a faceted search at 100k documents (py-spy, bench queries) and most of a
phrase's. Here the words are scored as arrays by the scorer (:mod:`scoring`), their
documents intersected, and positions are decoded only for the documents left (only the
blocks that hold them are read); the span rule is then applied to those documents alone.

**The same answers, bit for bit.** Every step repeats Whoosh's:

- ``Sequence._matcher`` evaluates its slots with ``needs_current=True``, which makes every
  ``Or`` below it Whoosh's binary tree of unions even in a small segment; the caller sets
  that flag on its context while it evaluates the slots.
- The slots are joined by ``make_binary_tree`` (``[a, b, c]`` → ``near(a, near(b, c))``),
  each join being ``SpanNearMatcher._get_spans`` with ``mindist=1``: :func:`near` is that
  loop, with ``Span.distance_to``, ``Span.overlaps`` and ``Span.to`` written out. A join
  whose side has no spans for a document does not match it (``SpanWrappingMatcher`` skips
  it), which :func:`matches` repeats by stopping there.
- A slot's spans are the union of its words' positions in the document (``UnionMatcher.spans``
  is ``sorted(set(a) | set(b))``). Whoosh breaks out of its loop over the right side's spans
  on the first one that starts too far; that equals going on only while spans are sorted by
  start, so a posting whose stored positions go backwards (never written by our analyser,
  but possible in a Whoosh value) makes :func:`positions` give up and the caller walks.
- A matching document scores ``IntersectionMatcher``'s ``a.score() + b.score()`` over the
  same binary tree (:func:`tree_sum`), times the Sequence's boost (``WrappingMatcher``); a
  ``SpanNearMatcher`` itself multiplies by 1.0, which changes nothing.

Character spans (a ``Characters`` format) would only add start and end characters that no
join looks at, but are left to Whoosh all the same: only ``Positions`` fields are read here.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate
from pickle import loads
from typing import Any

import numpy as np
from whoosh import formats
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.system import _INT_SIZE

from qidir.search.engine.deadline import _expired

#: Whoosh's ``Or`` stops building a union tree at this many clauses (``TOO_MANY_CLAUSES``).
_TOO_MANY_CLAUSES = wq.Or.TOO_MANY_CLAUSES
#: ``SpanNear.SpanNearMatcher``'s default, which ``Sequence`` keeps.
MINDIST = 1

#: A span: (start, end) positions, both included.
Span = tuple[int, int]
_NONE = np.zeros(0, dtype=np.int64)


def evaluate(seg: Any, q: wq.Sequence) -> Any:
    """The scores of a :func:`supported` Sequence over one segment (``scoring._Segment``:
    its ``eval``, ``estimate``, ``lookup``, ``postings`` and ``context``), as sparse
    (docnums, scores); None when they cannot be guaranteed equal to Whoosh's (the caller
    walks Whoosh's matcher)."""
    subs = q.subqueries
    if len(subs) <= 1:
        # CompoundQuery.matcher: no sub, no match; one, its own matcher (no boost, no
        # needs_current).
        return seg.eval(subs[0]) if subs else (_NONE, np.zeros(0))
    if not q.boost > 0.0:
        return None
    context = seg.context
    seg.context = context.set(needs_current=True)  # Sequence._matcher
    try:
        values, alive = _rarest_first(seg, subs, seg.eval)
    finally:
        seg.context = context
    if not len(alive):
        return _NONE, np.zeros(0)
    hits = _spanned(seg, q, alive)
    if hits is None:
        return None
    picked = [v[1][np.searchsorted(v[0], hits)] if isinstance(v, tuple) else v[hits]
              for v in values]
    scores = tree_sum(picked)
    if q.boost != 1.0:
        scores = scores * q.boost  # WrappingMatcher(m, boost).score()
    return hits, scores


def match(seg: Any, q: wq.Sequence) -> np.ndarray | None:
    """The boolean counterpart of :func:`evaluate` (a mask over the segment; None: ask
    Whoosh)."""
    subs = q.subqueries
    if len(subs) <= 1:
        return seg.matches(subs[0]) if subs else np.zeros(seg.n, dtype=bool)
    _values, alive = _rarest_first(seg, subs, seg.matches)
    out = np.zeros(seg.n, dtype=bool)
    if len(alive):
        hits = _spanned(seg, q, alive)
        if hits is None:
            return None
        out[hits] = True
    return out


def _rarest_first(seg: Any, subs: list[Any], run: Any) -> tuple[list[Any], np.ndarray]:
    """Each slot evaluated by ``run`` (scores or a mask), rarest first (Whoosh's estimate),
    and the documents all of them have; stops as soon as none is left (the commoner words'
    lists are then not read)."""
    values: list[Any] = [None] * len(subs)
    alive: np.ndarray | None = None
    for i in sorted(range(len(subs)), key=lambda i: seg.estimate(subs[i])):
        v = values[i] = run(subs[i])
        if isinstance(v, tuple):
            ids = v[0]
        else:
            ids = np.flatnonzero(v)
        alive = ids if alive is None else np.intersect1d(alive, ids, assume_unique=True)
        if not len(alive):
            break
    assert alive is not None
    return values, alive


def _spanned(seg: Any, q: wq.Sequence, alive: np.ndarray) -> np.ndarray | None:
    """Those of ``alive`` (documents with every slot) where the slots' positions make a
    span (see :func:`matches`); None when the positions cannot be read as Whoosh reads
    them. Deleted documents are left out first: Whoosh's reader never shows them."""
    reader = seg.reader
    if reader.has_deletions():
        deleted = reader.deleted_docs_set
        if deleted:
            alive = alive[~np.isin(alive, np.fromiter(deleted, dtype=np.int64,
                                                      count=len(deleted)))]
    if not len(alive):
        return alive
    postfile = reader._terms._postfile
    found: list[list[dict[int, list[int]]]] = []
    for slot in q.subqueries:
        per: list[dict[int, list[int]]] = []
        for term in leaves(slot) or ():
            if seg.deadline is not None:
                _expired(seg.deadline, "matching")
            field, btext, info = seg.lookup(term)
            if field is None or info is None:
                continue
            ids = (None if info.is_inlined()
                   else seg.postings(term.fieldname, btext, info)[0])
            got = positions(postfile, field, info, ids, alive)
            if got is None:
                return None
            if got:
                per.append(got)
        found.append(per)
    slop, ordered = q.slop, q.ordered
    keep = [d for d, spans in document_spans(found, alive) if matches(spans, slop, ordered)]
    return np.array(keep, dtype=np.int64)


def supported(q: Any) -> bool:
    """Whether ``q`` is a Sequence evaluated here: Whoosh's own class (not a subclass with
    another matcher), whose slots are terms or unions of terms (:func:`leaves`)."""
    return (type(q) is wq.Sequence and isinstance(q.slop, int)
            and all(leaves(s) is not None for s in q.subqueries))


def leaves(slot: Any) -> list[wq.Term] | None:
    """The terms whose positions make a slot's spans: a Term, or an Or (no ``minmatch``, no
    ``scale``, under Whoosh's clause limit: a tree of unions) of Terms and such Ors; None
    for anything else (its spans would follow another matcher's rule)."""
    if type(slot) is wq.Term:
        return [slot]
    if (type(slot) is wq.Or and not slot.minmatch and not slot.scale
            and slot.matcher_type in (wq.Or.AUTO_MATCHER, wq.Or.DEFAULT_MATCHER)
            and len(slot.subqueries) < _TOO_MANY_CLAUSES):
        out: list[wq.Term] = []
        for sub in slot.subqueries:
            got = leaves(sub)
            if got is None:
                return None
            out.extend(got)
        return out
    return None


def positions(postfile: Any, field: Any, info: Any, ids: np.ndarray | None,
              docs: np.ndarray) -> dict[int, list[int]] | None:
    """The positions of one term in each of ``docs`` (sorted docnums) that it has, as
    Whoosh's ``Positions.decode_positions`` reads them; None when the field keeps no plain
    positions or a posting's positions are not in order (the caller then asks Whoosh).

    ``ids``: the term's docnums in posting order (block-stored lists; None when inlined).
    Only the blocks holding one of ``docs`` are unpickled, and only their postings' values
    decoded."""
    if type(field.format) is not formats.Positions:
        return None
    out: dict[int, list[int]] = {}
    if info.is_inlined():
        raw_ids, _weights, values = info.inlined_postings()
        wanted = set(docs.tolist())
        for i, d in enumerate(raw_ids):
            if d in wanted:
                got = _decode(values[i])
                if got is None:
                    return None
                out[d] = got
        return out
    assert ids is not None
    at = np.searchsorted(ids, docs)
    inside = at < len(ids)
    at = at[inside]
    at = at[ids[at] == docs[inside]].tolist()  # posting indexes, ascending
    if not at:
        return out
    offset, length = info.extent()
    m = W3LeafMatcher(postfile, offset, length, field.format)
    start, j = 0, 0
    while True:
        end = start + m._blocklength
        if end > len(ids) or m._maxid != ids[end - 1]:
            return None  # the blocks are not the list ``ids`` was read from
        if at[j] < end:
            m._read_data()
            values = m._data[2]
            while j < len(at) and at[j] < end:
                got = _decode(values[at[j] - start])
                if got is None:
                    return None
                out[int(ids[at[j]])] = got
                j += 1
            if j == len(at):
                return out
        if m._lastblock:
            return None  # the list ended before its own docnums: not a list we understand
        start = end
        m._goto(m._nextoffset)


def _decode(value: bytes) -> list[int] | None:
    """``Positions.decode_positions``: the pickled deltas after the count, summed; None when
    they go backwards."""
    if not value.endswith(b"."):
        value += b"."
    codes = loads(value[_INT_SIZE:])
    if codes and min(codes[1:], default=0) < 0:
        return None
    return list(accumulate(codes))


def near(a: list[Span], b: list[Span], slop: int, ordered: bool) -> list[Span]:
    """``SpanNear.SpanNearMatcher._get_spans`` for one document (``mindist`` 1): each pair
    of spans of ``a`` and ``b`` close enough (and in order, when ``ordered``) joined into the
    span covering both; sorted by start. ``b`` must be sorted by start."""
    spans: set[Span] = set()
    for a_start, a_end in a:
        for b_start, b_end in b:
            if b_end < a_start - slop or (ordered and a_start > b_start):
                continue
            if b_start > a_end + slop:
                break
            # Span.distance_to: 0 when they overlap, else the gap between them.
            if ((b_start <= a_start <= b_end) or (b_start <= a_end <= b_end)
                    or (a_start <= b_start <= a_end) or (a_start <= b_end <= a_end)):
                dist = 0
            elif a_end < b_start:
                dist = b_start - a_end
            else:
                dist = a_start - b_end
            if MINDIST <= dist <= slop:
                spans.add((min(a_start, b_start), max(a_end, b_end)))
    return sorted(spans)


def matches(slots: list[list[Span]], slop: int, ordered: bool) -> bool:
    """Whether a document with these spans per slot matches the Sequence: Whoosh's binary
    tree of span joins (``make_binary_tree``) leaves at least one span."""
    return bool(_tree_spans(slots, slop, ordered))


def _tree_spans(slots: list[list[Span]], slop: int, ordered: bool) -> list[Span]:
    if len(slots) == 1:
        return slots[0]
    half = len(slots) // 2
    a = _tree_spans(slots[:half], slop, ordered)
    if not a:
        return a
    b = _tree_spans(slots[half:], slop, ordered)
    if not b:
        return b
    return near(a, b, slop, ordered)


def tree_sum(values: list[np.ndarray]) -> np.ndarray:
    """The slots' scores added as Whoosh's binary tree of intersections adds them:
    ``[a, b, c]`` → ``a + (b + c)``."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return tree_sum(values[:half]) + tree_sum(values[half:])


def slot_spans(found: list[dict[int, list[int]]], doc: int) -> list[Span]:
    """A slot's spans in a document: the union of its words' positions there, sorted."""
    got = [p for f in found if (p := f.get(doc)) is not None]
    if len(got) == 1:
        return [(p, p) for p in got[0]]
    return [(p, p) for p in sorted(set().union(*got))]


def document_spans(found: list[list[dict[int, list[int]]]], docs: np.ndarray
                   ) -> Iterator[tuple[int, list[list[Span]]]]:
    """(docnum, spans of each slot) for each of ``docs``."""
    for d in docs.tolist():
        yield d, [slot_spans(f, d) for f in found]
