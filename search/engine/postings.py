"""A posting pool that groups postings by term as they come, and writes a term's blocks at once.

Whoosh's pool keeps one tuple per posting (field, term, document, weight, value), sorts all
of them (tuple comparisons, term bytes first), spills sorted runs to disk, merges the runs
back a posting at a time and hands each posting to the field writer with several Python
calls (type checks, block statistics). With ~250 postings per document that per-posting
Python was a third of a build. Here:

- the pool keeps, per field, a dict term → its postings as one flat list ``[doc, weight,
  value, doc, weight, value, …]``: adding a posting is a dict lookup and a list extend;
  documents come in ascending order (a writer numbers them as it adds them, and merged
  segments are added after them), so each term's postings are already in Whoosh's order;
- a run on disk is the sorted terms with their lists, and the final merge merges terms,
  not postings (a term's lists from successive runs are concatenated: runs follow each
  other in document order);
- a term's postings are cut into Whoosh's blocks by slicing, each block's buffer and
  statistics are set at once, and Whoosh's own code writes the block and the term info
  (:meth:`W3PostingsWriter._write_block`, :meth:`W3FieldWriter.finish_term`), so the bytes
  on disk are the ones Whoosh's writer gives.

Where a term's documents are not ascending after all (a caller feeding postings in another
order), that term's postings are sorted as Whoosh's pool would sort them, so the result
does not depend on the order either way.
"""

from __future__ import annotations

import heapq
import pickle
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import W3FieldWriter, W3TermInfo
from whoosh.system import pack_ushort
from whoosh.util import random_name
from whoosh.util.numeric import length_to_byte

#: A term's postings, flattened: document, weight, value, document, weight, value, ...
Flat = list[Any]
#: What a run and the final merge yield: (field name, term bytes, postings).
TermPostings = tuple[str, bytes, Flat]

#: Bytes one posting costs in the pool beyond its value (three list slots, the weight's
#: float, the value's bytes object): what :attr:`TermPool.limit` is counted against.
POSTING_BYTES = 90
#: Bytes a new term costs (its dict entry, key bytes object and list).
TERM_BYTES = 160
_TERMINFO = W3TermInfo._struct
#: Terms per pickle in a run on disk (one merge holds one chunk per run in memory).
RUN_CHUNK = 512


class TermPool:
    """A drop-in for Whoosh's ``PostingPool`` (same constructor, ``add``, ``fieldnames``,
    ``iter_postings``, ``cleanup``) that groups postings by term; see the module."""

    def __init__(self, tempstore: Any, segment: Any, limitmb: float = 128, **kwargs: Any) -> None:
        self.tempstore = tempstore
        self.segment = segment
        self.limit = limitmb * 1024 * 1024
        self.currentsize = 0
        self.fieldnames: set[str] = set()
        #: field name → term bytes → flat postings, for the postings not yet in a run
        self.fields: dict[str, dict[bytes, Flat]] = {}
        self.runs: list[str] = []

    def _table(self, fieldname: str) -> dict[bytes, Flat]:
        table = self.fields.get(fieldname)
        if table is None:
            table = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return table

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting, as Whoosh's writer hands it (segment merges go through here)."""
        fieldname, btext, docnum, weight, value = item
        table = self._table(fieldname)
        postings = table.get(btext)
        if postings is None:
            table[btext] = [docnum, weight, value]
            self.currentsize += TERM_BYTES + len(btext)
        else:
            postings += (docnum, weight, value)
        self.currentsize += POSTING_BYTES + (len(value) if value else 0)
        if self.currentsize > self.limit:
            self.save()

    def add_terms(self, fieldname: str, docnum: int, boost: float,
                  items: Iterable[tuple[str, int, float, bytes]]) -> int:
        """One document's postings in one field, from the field format's ``word_values``
        (term text, frequency, weight, value); the field length (sum of frequencies)."""
        table = self._table(fieldname)
        get = table.get
        length = size = 0
        for text, freq, weight, value in items:
            btext = text.encode("utf-8")
            weight *= boost  # as Whoosh's writer does, even by 1.0 (an int weight turns float)
            length += freq
            size += len(value)
            postings = get(btext)
            if postings is None:
                table[btext] = [docnum, weight, value]
                size += TERM_BYTES + len(btext)
            else:
                postings += (docnum, weight, value)
            size += POSTING_BYTES
        self.currentsize += size
        if self.currentsize > self.limit:
            self.save()
        return length

    # -- runs -------------------------------------------------------------------------------

    def _sorted_terms(self) -> Iterator[TermPostings]:
        fields = self.fields
        for fieldname in sorted(fields):
            table = fields[fieldname]
            for btext in sorted(table):
                yield fieldname, btext, table[btext]

    def save(self) -> None:
        """Write the pool's terms, sorted, as a run on disk and empty the pool."""
        if not self.fields:
            return
        path = f"{random_name()}.run"
        with self.tempstore.create_file(path).raw_file() as f:
            chunk: list[TermPostings] = []
            for item in self._sorted_terms():
                chunk.append(item)
                if len(chunk) >= RUN_CHUNK:
                    pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                    chunk = []
            if chunk:
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        self.runs.append(path)
        self.fields = {}
        self.currentsize = 0

    def _read_run(self, number: int, path: str) -> Iterator[tuple[str, bytes, int, Flat]]:
        f = self.tempstore.open_file(path).raw_file()
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                for fieldname, btext, postings in chunk:
                    yield fieldname, btext, number, postings
        finally:
            f.close()
            self.tempstore.delete_file(path)

    def iter_terms(self) -> Iterator[TermPostings]:
        """Every term in (field, term bytes) order with all its postings, in the order they
        were added."""
        if not self.runs:
            yield from self._sorted_terms()
            self.fields = {}
            return
        self.save()
        runs, self.runs = self.runs, []
        # (field, term, run number): equal terms meet in run order, lists never compared
        merged = heapq.merge(*(self._read_run(i, path) for i, path in enumerate(runs)))
        last: tuple[str, bytes] | None = None
        postings: Flat = []
        for fieldname, btext, _, more in merged:
            if (fieldname, btext) == last:
                postings += more
                continue
            if last is not None:
                yield last[0], last[1], postings
            last, postings = (fieldname, btext), more
        if last is not None:
            yield last[0], last[1], postings

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, Any]]:
        """Whoosh's interface: one (field, term, document, weight, value) at a time."""
        for fieldname, btext, postings in self.iter_terms():
            for i in range(0, len(postings), 3):
                yield fieldname, btext, postings[i], postings[i + 1], postings[i + 2]

    def cleanup(self) -> None:
        for path in self.runs:
            try:
                self.tempstore.delete_file(path)
            except OSError:
                pass
        self.runs = []


def _in_order(postings: Flat) -> Flat:
    """``postings`` with documents ascending; sorted like Whoosh's pool (document, weight,
    value) when they are not already."""
    if len(postings) == 3:
        return postings
    docs = postings[0::3]
    if docs == sorted(docs) and len(set(docs)) == len(docs):
        return postings
    triples = sorted(zip(docs, postings[1::3], postings[2::3], strict=True))
    return [x for triple in triples for x in triple]


def write_terms(fw: W3FieldWriter, schema: Any, lengths: Any,
                terms: Iterable[TermPostings]) -> None:
    """Write every term's postings through ``fw`` (a W3 field writer), block by block.

    ``lengths`` answers ``column(field)`` (every document's length in it, by number) and
    ``doc_field_length``, or is None (a codec without length statistics). The writer's
    state per block is what :meth:`W3PostingsWriter.add_posting` would have built one
    posting at a time: ids, weights (float32), the non-empty values, the highest weight,
    and the shortest and longest non-zero field length.
    """
    lastfn: str | None = None
    lasttext: bytes | None = None
    column: list[int] = []
    count = 0
    pw: Any = None
    blocklimit = inlinelimit = 0
    add_term: Any = None
    fieldid = b""
    for fieldname, btext, postings in terms:
        if fieldname != lastfn:
            if lastfn is not None and fieldname < lastfn:
                raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
            if lastfn is not None:
                fw.finish_field()
            fw.start_field(fieldname, schema[fieldname])
            lastfn, lasttext = fieldname, None
            column = lengths.column(fieldname) if lengths else []
            count = len(column)
            pw = fw._postwriter
            blocklimit = pw._blocklimit
            inlinelimit = min(pw._inlinelimit, blocklimit + 1)
            add_term = fw._tindex.add
            fieldid = pack_ushort(fw._fieldid)
        elif lasttext is not None and btext <= lasttext:
            raise OutOfOrderError(f"Term {fieldname}:{lasttext!r} .. {fieldname}:{btext!r}")
        postings = _in_order(postings)
        if -1 in postings[0::3]:  # Whoosh's spelling postings: never written (as in Whoosh)
            postings = [x for i in range(0, len(postings), 3) if postings[i] != -1
                        for x in postings[i:i + 3]]
            if not postings:
                continue
        lasttext = btext
        docs = postings[0::3]
        weights = postings[1::3]
        values = postings[2::3]
        if lengths:
            dfl = lengths.doc_field_length
            lens = [column[d] if 0 <= d < count else dfl(d, fieldname) for d in docs]
        else:
            lens = [0] * len(docs)
        n = len(docs)
        if n < inlinelimit:  # most terms: their postings go in the term table
            add_term(fieldid + btext, _inlined_info(docs, weights, values, lens))
            continue
        fw.start_term(btext)
        for start in range(0, n, blocklimit):
            end = start + blocklimit
            if start:
                pw._write_block()  # a full block, not the last: as add_posting writes it
            _fill_block(pw, docs[start:end], weights[start:end], values[start:end],
                        lens[start:end])
        fw.finish_term()  # the last block (or the inlined postings) and the term info
    if lastfn is not None:
        fw.finish_field()


def _inlined_info(docs: list[int], weights: list[float], values: list[Any],
                  lens: list[int]) -> bytes:
    """The term table entry Whoosh writes for a term with its postings inlined (what
    ``start_term`` … ``finish_term`` give for one block: :class:`W3TermInfo` after
    ``add_block`` and ``set_inline``, then ``to_bytes``), without the objects."""
    weights32 = array("f", weights)
    kept = [v for v in values if v]
    if len(kept) != len(docs):
        if kept:
            raise ValueError("inlined postings with values for only some documents")
        kept = [None] * len(docs)
    top = max(weights)
    known = [n for n in lens if n]
    info = _TERMINFO.pack(True, sum(weights32), len(docs),
                          length_to_byte(min(known)) if known else 0,
                          length_to_byte(max(known) if known else 0),
                          top if top > 0 else 0, docs[0], docs[-1])
    return info + pickle.dumps((tuple(docs), tuple(weights32), tuple(kept)), 2)


def _fill_block(pw: Any, docs: list[int], weights: list[float], values: list[Any],
                lens: list[int]) -> None:
    """Set a W3 postings writer's buffered block to these postings."""
    pw._ids = docs if pw._byteids else array("I", docs)
    pw._weights = array("f", weights)
    pw._values = [v for v in values if v]
    top = max(weights)
    pw._maxweight = top if top > 0 else 0
    known = [n for n in lens if n]
    pw._minlength = min(known) if known else None
    pw._maxlength = max(known) if known else 0
