"""Phrases (Whoosh's ``Sequence``) evaluated from the words' arrays and the positions of the
documents that have every word, instead of walking Whoosh's span matchers.

The compiler turns a phrase, a hyphenated compound and words written apart into
``Or([Sequence([Or([Term(f, t) for t in slot]) for slot in slots], slop=s) for f in
fields])``. Whoosh answers a ``Sequence`` by walking a tree of ``SpanNearMatcher``s over
``IntersectionMatcher``s over ``UnionMatcher``s, several Python calls per posting of every
word and per span of every document the words share. That walk was about an eighth of a
faceted search at 100k documents (py-spy, bench queries) and most of a phrase's. Here the
slots are scored as arrays by the scorer (:mod:`scoring`), their documents intersected,
positions decoded only for the documents left (only the blocks that hold them are
unpickled), and the span rule applied to all of those documents at once, as arrays.

**The same answers, bit for bit.** Every step repeats Whoosh's:

- ``Sequence._matcher`` evaluates its slots with ``needs_current=True``, which makes every
  ``Or`` below it Whoosh's binary tree of unions even in a small segment; :func:`evaluate`
  sets that flag on the scorer's context while it evaluates the slots.
- A slot's spans in a document are the set of its words' positions there
  (``UnionMatcher.spans`` is ``sorted(set(a) | set(b))``; a term's are its positions).
- The slots are joined by ``make_binary_tree`` (``[a, b, c]`` → ``near(a, near(b, c))``),
  each join being ``SpanNearMatcher._get_spans`` with ``mindist=1`` and ``ordered=True``.
  Written out with ``Span.overlaps``/``distance_to``/``to``, for spans ``a`` and ``b``
  (start ≤ end) that loop keeps exactly the pairs with ``a.end < b.start ≤ a.end + slop``
  (``a.start > b.start`` is skipped; ``b.start ≤ a.end`` overlaps, distance 0 < mindist;
  otherwise ``a`` is before ``b`` at distance ``b.start - a.end``), each giving the span
  ``(a.start, b.end)``, and a set of them per document: :func:`near` finds those pairs for
  every document at once with two binary searches. Whoosh's ``break`` on the first right
  span starting too far equals going on only while those spans are sorted by start, which
  they are (positions are checked to be in order, see :func:`positions`; joins and unions
  are sorted).
- A join with no span in a document does not match it (``SpanWrappingMatcher`` skips it).
- A matching document scores ``IntersectionMatcher``'s ``a.score() + b.score()`` over the
  same binary tree (:func:`tree_sum`), times the Sequence's boost (``WrappingMatcher``); a
  ``SpanNearMatcher`` multiplies by 1.0, which changes nothing.

Anything else (``ordered=False``, another subclass, slots that are not unions of terms, a
field without plain ``Positions``, positions out of order) is left to Whoosh's matcher:
:func:`supported` and the None these functions return say so.
"""

from __future__ import annotations

import pickle
import zlib
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

import numpy as np
from whoosh import formats
from whoosh import query as wq
from whoosh.system import _INT_SIZE

from qidir.search.engine import blocks, sortedsets
from qidir.search.engine.deadline import _expired

#: Whoosh's ``Or`` stops building a union tree at this many clauses (``TOO_MANY_CLAUSES``).
_TOO_MANY_CLAUSES = wq.Or.TOO_MANY_CLAUSES
#: A (document, position) pair packed in one int64: the document above these bits.
_SHIFT = 32
#: Positions and slops kept below this, so ``position + slop`` stays within the low bits.
_MAX_POSITION = 1 << 30
#: How protocol 2 names the function that makes a ``bytes`` value, and its faster twin.
_ENCODE = b"c_codecs\nencode\n"
_LATIN_1_ENCODE = b"c_codecs\nlatin_1_encode\n"
_NONE = np.zeros(0, dtype=np.int64)

#: Spans of many documents: (docnums, starts, ends), sorted by all three, each once.
Spans = tuple[np.ndarray, np.ndarray, np.ndarray]


def supported(q: Any) -> bool:
    """Whether ``q`` is a Sequence evaluated here: Whoosh's own class (not a subclass with
    another matcher), ordered, with a slop in range, whose slots are terms or unions of
    terms (:func:`leaves`)."""
    return (type(q) is wq.Sequence and q.ordered is True and type(q.slop) is int
            and 0 < q.slop < _MAX_POSITION
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


def evaluate(seg: Any, q: wq.Sequence) -> Any:
    """The scores of a :func:`supported` Sequence over one segment (``seg``: a
    ``scoring._Segment``, whose ``eval``, ``rarest_first``, ``lookup``, ``postings``,
    ``context`` and ``deadline`` are used), as sparse (docnums, scores); None when they cannot be
    guaranteed equal to Whoosh's (the caller walks Whoosh's matcher)."""
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
        values, alive = seg.rarest_first(subs, seg.eval)
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
    """The boolean counterpart of :func:`evaluate`: a mask over the segment (None: ask
    Whoosh)."""
    subs = q.subqueries
    if len(subs) <= 1:
        return seg.matches(subs[0]) if subs else np.zeros(seg.n, dtype=bool)
    _values, alive = seg.rarest_first(subs, seg.matches)
    out = np.zeros(seg.n, dtype=bool)
    if len(alive):
        hits = _spanned(seg, q, alive)
        if hits is None:
            return None
        out[hits] = True
    return out


def tree_sum(values: list[np.ndarray]) -> np.ndarray:
    """The slots' scores added as Whoosh's binary tree of intersections adds them:
    ``[a, b, c]`` → ``a + (b + c)``."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return tree_sum(values[:half]) + tree_sum(values[half:])


class _Unreadable(Exception):
    """Positions Whoosh would read otherwise: nothing is kept, the caller walks."""


def _spanned(seg: Any, q: wq.Sequence, alive: np.ndarray) -> np.ndarray | None:
    """Those of ``alive`` (documents with every slot) where the slots' positions make a
    span; None when the positions cannot be read as Whoosh reads them.

    Kept in the search's memo and in the index version's postings cache (``seg.shared``)
    under the segment, the slop and the slots' words (which decide ``alive`` too): decoding
    positions is most of a phrase's cost, and a reader who refines a phrase search with a
    facet, or pages through it, asks for the same phrase again. A version never changes its
    segments' documents or deletions, so the answer stays right while the cache lives."""
    key = ("phrase", seg.segid, q.slop, q.ordered,
           tuple(tuple((t.fieldname, t.text) for t in leaves(s) or ()) for s in q.subqueries))
    got = seg.memo.get(key)
    if got is None:
        def load() -> tuple[np.ndarray, np.ndarray]:
            hits = _spanned_now(seg, q, alive)
            if hits is None:
                raise _Unreadable
            return hits, _NONE

        try:
            got = seg.memo[key] = (seg.shared.postings(key, load) if seg.shared is not None
                                   else load())
        except _Unreadable:
            return None
    return got[0]  # type: ignore[no-any-return]


def _spanned_now(seg: Any, q: wq.Sequence, alive: np.ndarray) -> np.ndarray | None:
    """:func:`_spanned`, read from the postings. Deleted documents are left out first:
    Whoosh's reader never shows them. A slot's positions are read only for the documents
    the slots joined before it left (the tree's left half first)."""
    reader = seg.reader
    if reader.has_deletions():
        deleted = reader.deleted_docs_set
        if deleted:
            alive = alive[~np.isin(alive, np.fromiter(deleted, dtype=np.int64,
                                                      count=len(deleted)))]
    if not len(alive):
        return alive
    postfile = reader._terms._postfile

    def slot_spans(slot: Any, docs: np.ndarray) -> Spans | None:
        keys: list[np.ndarray] = []
        for term in leaves(slot) or ():
            if seg.deadline is not None:
                _expired(seg.deadline, "matching")
            field, btext, info = seg.lookup(term)
            if field is None or info is None:
                continue
            ids = (None if info.is_inlined()
                   else seg.postings(field, term.fieldname, btext, info)[0])
            got = positions(postfile, field, info, ids, docs)
            if got is None:
                return None
            keys.append((got[0] << _SHIFT) | got[1])
        return _points(sortedsets.distinct(np.concatenate(keys)) if keys else _NONE)

    spans = _tree(q.subqueries, q.slop, alive, slot_spans)
    return None if spans is None else sortedsets.distinct(spans[0])


def positions(postfile: Any, field: Any, info: Any, ids: np.ndarray | None,
              docs: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(docnum, position) of each position of one term in those of ``docs`` (sorted
    docnums) that it has, decoded as Whoosh's ``Positions.decode_positions`` does; None when
    the field keeps no plain positions or they cannot be read as Whoosh reads them
    (positions out of order, a block that is not the list ``ids`` was read from).

    ``ids``: the term's docnums in posting order (block-stored lists; None when inlined).
    Only the blocks holding one of ``docs`` are unpickled, and only their postings' values
    decoded."""
    if type(field.format) is not formats.Positions:
        return None
    found: list[int] = []
    values: list[bytes] = []
    if info.is_inlined():
        raw_ids, _weights, raw_values = info.inlined_postings()
        wanted = set(docs.tolist())
        for i, d in enumerate(raw_ids):
            if d in wanted:
                found.append(d)
                values.append(raw_values[i])
    else:
        assert ids is not None
        at = np.searchsorted(ids, docs)
        inside = at < len(ids)
        at = at[inside]
        at = at[ids[at] == docs[inside]]
        if not len(at):
            return _NONE, _NONE
        found = ids[at].tolist()
        got = _values(postfile, info, ids, at.tolist())
        if got is None:
            return None
        values = got
    return _decoded(found, values)


def _values(postfile: Any, info: Any, ids: np.ndarray, at: list[int]) -> list[bytes] | None:
    """The stored values (pickled positions) of the postings at indexes ``at`` (ascending)
    of a block-stored list, unpickling only the blocks that hold them (each block:
    ``(ids, weights, values)``, zlib-compressed when its header says so; see
    ``whoosh3.W3LeafMatcher``)."""
    try:
        data = blocks.list_bytes(postfile, *info.extent())
    except ValueError:
        return None
    start, j = 0, 0
    out: list[bytes] = []
    for count, maxid, compression, lo, hi in blocks.walk(data):
        end = start + count
        if end > len(ids) or maxid != ids[end - 1]:
            return None  # not the list ``ids`` was read from
        if at[j] < end:
            raw = data[lo:hi]
            stored, as_pairs = _block_values(zlib.decompress(raw) if compression else raw)
            k = bisect_left(at, end, j)
            picked = [stored[i - start] for i in at[j:k]]
            if as_pairs:
                picked = [v[0] for v in picked if type(v) is tuple]
                if len(picked) != k - j:
                    return None
            out.extend(picked)
            j = k
            if j == len(at):
                return out
        start = end
    return None


def _block_values(block: bytes) -> tuple[Any, bool]:
    """A block's values, unpickled: (values, False), or (values, True) with each value as
    ``(bytes, length)``.

    Protocol 2 pickles each value (a ``bytes``) as a call of ``_codecs.encode(text,
    "latin1")``, which looks the codec up by its name for every posting: two fifths of
    unpickling a block. The global is named once (later calls refer to it by memo), so
    naming ``_codecs.latin_1_encode`` there instead makes the same bytes without the
    lookups, as ``(bytes, length)`` (its second argument is the error handler's name, only
    looked up on an error, which text decoded from latin-1 cannot raise). The first
    occurrence is that global: ids and weights, ahead of it, are integers and floats whose
    opcodes cannot spell it (see ``blocks``). Any other block is unpickled as it is."""
    if _ENCODE in block:
        try:
            return pickle.loads(block.replace(_ENCODE, _LATIN_1_ENCODE, 1))[2], True
        except Exception:  # noqa: BLE001 - not the layout expected: read it as Whoosh does
            pass
    return pickle.loads(block)[2], False


def _decoded(found: list[int], values: list[bytes]) -> tuple[np.ndarray, np.ndarray] | None:
    """``Positions.decode_positions`` of each value (a count, then the pickled deltas),
    as (docnum, position) arrays; None when a posting's positions go backwards or out of
    range."""
    lists = _delta_lists(values)
    deltas = [x for codes in lists for x in codes]
    counts = [len(codes) for codes in lists]
    d = np.array(deltas, dtype=np.int64)
    c = np.array(counts, dtype=np.int64)
    first = np.cumsum(c) - c
    nonempty = first[c > 0]
    steps = d.copy()
    steps[nonempty] = 0
    if len(d) and (steps.min() < 0 or d[nonempty].min() < 0):
        return None
    pos = np.cumsum(d)
    # Each posting's positions start again from its first delta.
    pos -= np.repeat(pos[nonempty] - d[nonempty], c[c > 0])
    if len(pos) and pos.max() >= _MAX_POSITION:
        return None
    return np.repeat(np.array(found, dtype=np.int64), c), pos


def _delta_lists(values: list[bytes]) -> list[list[int]]:
    """Each value's pickled deltas (the bytes after its 4-byte count), as
    ``Positions.decode_positions`` unpickles them. Values as Whoosh writes them (protocol 2,
    a STOP at the end) are unpickled in one call: their bodies between one MARK and a
    LIST are one pickle of the list of their lists, opcode for opcode the same (a list of
    integers refers to no memo entry it did not put itself)."""
    head = b"\x80\x02"
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    joined = b"".join(values)
    raw = np.frombuffer(joined, dtype=np.uint8)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    if (len(values) and lengths.min() > _INT_SIZE + len(head)
            and (raw[ends - 1] == ord(".")).all()
            and (raw[starts + _INT_SIZE] == head[0]).all()
            and (raw[starts + _INT_SIZE + 1] == head[1]).all()):
        # Drop each value's count, protocol header and STOP: a +1 at each start of a cut
        # and a -1 after it, summed, marks the bytes cut.
        cut = np.zeros(len(raw) + 1, dtype=np.int64)
        np.add.at(cut, starts, 1)
        np.add.at(cut, starts + _INT_SIZE + len(head), -1)
        np.add.at(cut, ends - 1, 1)
        np.add.at(cut, ends, -1)
        body = raw[np.cumsum(cut[:-1]) == 0].tobytes()
        return pickle.loads(head + b"(" + body + b"l.")  # type: ignore[no-any-return]
    return [pickle.loads(v[_INT_SIZE:] if v.endswith(b".") else v[_INT_SIZE:] + b".")
            for v in values]


def _points(keys: np.ndarray) -> Spans:
    """Single-position spans from sorted unique (docnum << _SHIFT | position) keys."""
    pos = keys & ((1 << _SHIFT) - 1)
    return keys >> _SHIFT, pos, pos


def _tree(slots: list[Any], slop: int, docs: np.ndarray,
          read: Callable[[Any, np.ndarray], Spans | None]) -> Spans | None:
    """``make_binary_tree`` of span joins over ``docs``: the left half joined first, then
    the right half over the documents the left one matched (``read``: a slot's spans in
    those documents; None: not readable as Whoosh reads them)."""
    if len(slots) == 1:
        return read(slots[0], docs)
    half = len(slots) // 2
    a = _tree(slots[:half], slop, docs, read)
    if a is None or not len(a[0]):
        return a
    b = _tree(slots[half:], slop, sortedsets.distinct(a[0]), read)
    if b is None or not len(b[0]):
        return b
    return near(a, b, slop)


def near(a: Spans, b: Spans, slop: int) -> Spans:
    """``SpanNearMatcher._get_spans`` (ordered, mindist 1) in every document at once: each
    span of ``a`` with each span of ``b`` in the same document that starts 1 to ``slop``
    positions after it ends, joined into ``(a.start, b.end)``; the set of them per document
    (see the module's docstring for why that is Whoosh's loop)."""
    a_doc, a_start, a_end = a
    b_doc, b_start, b_end = b
    b_key = (b_doc << _SHIFT) | b_start  # sorted: b is sorted by document, then start
    base = a_doc << _SHIFT
    lo = np.searchsorted(b_key, base | (a_end + 1), side="left")
    hi = np.searchsorted(b_key, base | (a_end + slop), side="right")
    n = hi - lo
    total = int(n.sum())
    if not total:
        return _NONE, _NONE, _NONE
    ai = np.repeat(np.arange(len(a_doc)), n)
    bi = np.repeat(lo - (np.cumsum(n) - n), n) + np.arange(total)
    doc, start, end = a_doc[ai], a_start[ai], b_end[bi]
    order = np.lexsort((end, start, doc))
    doc, start, end = doc[order], start[order], end[order]
    keep = np.ones(total, dtype=bool)
    keep[1:] = (doc[1:] != doc[:-1]) | (start[1:] != start[:-1]) | (end[1:] != end[:-1])
    return doc[keep], start[keep], end[keep]
