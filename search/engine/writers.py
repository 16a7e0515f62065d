"""Index writers: one process or several, and the posting codec they write with.

Analysis (Snowball, pymorphy3, detection) and Whoosh's posting writer are pure Python, so
one process indexes on one core. With ``procs > 1`` documents are analysed and written by
Whoosh's multi-process writer: the parent reads and extracts documents and hands them out
in batches, each worker writes a segment of its own (``multisegment``: no final merge, which
on two cores was slower than not running in parallel at all).

Whoosh's writer trusts its workers: a worker that dies leaves the parent waiting on a full
queue for ever, and its documents silently missing from the commit. :class:`CheckedMpWriter`
notices both and raises :class:`WorkerFailed`, so the generation being built is discarded
and the live index keeps serving.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import pickle
import queue
import signal
import sys
from typing import Any

from whoosh import writing as whoosh_writing
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3TermInfo
from whoosh.fields import FieldType
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.util.text import utf8encode
from whoosh.writing import IndexWriter, SegmentWriter

from qidir.search.engine import lexicon
from qidir.search.engine.postings import TermPool, write_terms

#: Documents per batch handed to a worker (Whoosh's default is 100).
BATCH = 200
#: Terms with fewer postings than this keep them in the term table instead of a posting
#: block of their own. Most terms of a news collection occur in one to three documents
#: (names, numbers, rare word forms), and writing a pickled, compressed block for each was a
#: fifth of the indexing time; inlined, the index is also smaller.
INLINE_LIMIT = 4


def _set_inline(self: W3TermInfo, ids: Any, weights: Any, values: list[bytes]) -> None:
    """What Whoosh 2.7's posting writer calls (its term info only defines ``set_inlined``,
    the reader side is intact). The writer keeps no value for postings whose format has
    none; a missing value must read back as ``None`` (as from a posting block), not as the
    ``""`` an empty list gives, which Whoosh's own segment merge rejects."""
    if len(values) != len(ids):
        if values:
            raise ValueError("inlined postings with values for only some documents")
        values = [None] * len(ids)
    self.set_inlined(ids, weights, values)


if not hasattr(W3TermInfo, "set_inline"):
    W3TermInfo.set_inline = _set_inline


class _LengthsByField:
    """The segment's field lengths as the posting writer asks for them: once per posting
    (Whoosh looks each up in the length column, a few Python calls every time, ~5% of a
    build); here each field's column is read once into a list."""

    def __init__(self, pdr: Any) -> None:
        self._pdr = pdr
        self._count = pdr.doc_count_all()
        self._fields: dict[tuple[str, int], list[int]] = {}

    def __bool__(self) -> bool:
        return True

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        key = (fieldname, default)
        lengths = self._fields.get(key)
        if lengths is None:
            read = self._pdr.doc_field_length
            lengths = self._fields[key] = [read(d, fieldname, default)
                                           for d in range(self._count)]
        if 0 <= docnum < self._count:
            return lengths[docnum]
        return self._pdr.doc_field_length(docnum, fieldname, default)

    def column(self, fieldname: str) -> list[int]:
        """Every document's length in ``fieldname`` (0 when it has none), by docnum."""
        lengths = self._fields.get((fieldname, 0))
        if lengths is None:
            self.doc_field_length(0, fieldname, 0)
            lengths = self._fields.get((fieldname, 0), [])
        return lengths


def _add_document(self: SegmentWriter, **fields: Any) -> None:
    """Whoosh 2.7's SegmentWriter.add_document, with a field's postings handed to a
    :class:`TermPool` in one call (:meth:`TermPool.add_terms`) instead of one
    ``pool.add`` per posting. Fields whose type has its own ``index`` (numbers, dates) and
    non-string values take Whoosh's path; so does everything when the pool is Whoosh's."""
    self._check_state()
    perdocwriter = self.perdocwriter
    schema = self.schema
    docnum = self.docnum
    pool = self.pool
    grouped = isinstance(pool, TermPool)
    add_post = pool.add
    docboost = self._doc_boost(fields)
    fieldnames = sorted([name for name in fields.keys() if not name.startswith("_")])
    self._check_fields(schema, fieldnames)
    perdocwriter.start_doc(docnum)
    try:
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            vbytes: Any = None
            if field.indexed:
                fieldboost = self._field_boost(fields, fieldname, docboost)
                if (grouped and isinstance(value, str) and field.format
                        and type(field).index is FieldType.index):
                    items = field.format.word_values(value, field.analyzer, mode="index")
                    length = pool.add_terms(fieldname, docnum, fieldboost, items)
                    if not field.scorable:
                        length = 0
                else:
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in field.index(value):
                        weight *= fieldboost
                        if scorable:
                            length += freq
                        add_post((fieldname, tbytes, docnum, weight, vbytes))
            if field.separate_spelling():
                spellfield = field.spelling_fieldname(fieldname)
                for word in field.spellable_words(value):
                    add_post((spellfield, utf8encode(word)[0], 0, 1, vbytes))
            vformat = field.vector
            if vformat:
                vitems = vformat.word_values(value, field.analyzer, mode="index")
                vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes in vitems)
                perdocwriter.add_vector_items(fieldname, field, vitems)
            customval = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None,
                                   length)
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column,
                                              field.to_column_value(customval))
    except Exception:
        perdocwriter.cancel_doc()
        raise
    perdocwriter.finish_doc()
    self._added = True
    self.docnum += 1


def _flush_segment(self: SegmentWriter) -> None:
    """Whoosh 2.7's SegmentWriter._flush_segment, with the field lengths read once per field
    and a :class:`TermPool`'s terms written a block at a time (:func:`write_terms`)."""
    self.perdocwriter.close()
    pdr = self.per_document_reader() if self.codec.length_stats else None
    if isinstance(self.pool, TermPool) and isinstance(self.fieldwriter, W3FieldWriter):
        write_terms(self.fieldwriter, self.schema, _LengthsByField(pdr) if pdr else None,
                    self.pool.iter_terms())
    else:
        self.fieldwriter.add_postings(self.schema, pdr, self.pool.iter_postings())
    self.fieldwriter.close()
    if pdr:
        pdr.close()


#: Whoosh's own, for the identity test that builds an index without the shortcuts.
whoosh_add_document = SegmentWriter.add_document
whoosh_flush_segment = SegmentWriter._flush_segment
WhooshPool = whoosh_writing.PostingPool
SegmentWriter.add_document = _add_document
SegmentWriter._flush_segment = _flush_segment
#: Every segment writer (rebuild, add, remove, merges) pools its postings by term.
whoosh_writing.PostingPool = TermPool


#: Megabytes of postings a writer (each worker) buffers before sorting them into a run on
#: disk. Whoosh counts ~170 bytes per posting and Python keeps about that much, so this is
#: roughly the buffer's real size per process; at 256 (Whoosh's documented fast set-up) two
#: workers alone passed 1 GB at 100k documents. More, smaller runs cost a little more in the
#: final merge of each segment.
POOL_MB = 64
#: How long the parent waits for a free queue slot before checking that workers still live.
POLL_SECONDS = 1.0


class WorkerFailed(RuntimeError):
    """An indexing worker process died; nothing of this write is published."""


def default_procs() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def open_writer(ix: Any, procs: int = 1, limitmb: int | None = None) -> IndexWriter:
    """A writer for ``ix``: a plain segment writer, or ``procs`` worker processes, each
    buffering ``limitmb`` (default :data:`POOL_MB`) of postings."""
    limitmb = POOL_MB if limitmb is None else limitmb
    if procs < 1:
        raise ValueError(f"procs must be at least 1, not {procs}")
    codec = W3Codec(inlinelimit=INLINE_LIMIT)
    if procs == 1:
        return SegmentWriter(ix, limitmb=limitmb, codec=codec)
    return CheckedMpWriter(ix, procs=procs, batchsize=BATCH, multisegment=True,
                           limitmb=limitmb, codec=codec)


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the parent dies (a killed rebuild must not leave
    workers waiting on its queue for ever); elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


#: Batches a worker indexes between two collections of cyclic garbage (see _Worker).
GC_EVERY_BATCHES = 25


class _Worker(SubWriterTask):
    """A worker process that dies with its parent, records the lexicon, and collects
    garbage on its own schedule.

    Python's cyclic collector walks every container object it tracks; a worker holds
    hundreds of thousands of them (the pool's posting lists, the analysis caches), and a
    build allocates millions of short-lived ones, which trigger full collections again and
    again. Indexing makes almost no cyclic garbage (a few hundred objects per thousand
    documents), so the worker turns the automatic collector off and collects every
    :data:`GC_EVERY_BATCHES` batches instead, which keeps memory bounded.
    """

    def run(self) -> None:
        _die_with_parent()
        lexicon.start_worker()
        gc.disable()
        try:
            super().run()
            if self.running:
                # The parent joins this process before it merges the parts into the lexicon.
                lexicon.finish_worker(self.storage.folder, random_name())
        finally:
            gc.enable()

    def _process_file(self, filename: str, doc_count: int) -> None:
        super()._process_file(filename, doc_count)
        self._batches = getattr(self, "_batches", 0) + 1
        if self._batches % GC_EVERY_BATCHES == 0:
            gc.collect()


class CheckedMpWriter(MpWriter):
    """Whoosh's :class:`MpWriter` that fails loudly when a worker dies and whose workers
    die with it."""

    def _new_task(self) -> SubWriterTask:
        task = _Worker(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                       self.subargs, self.multisegment)
        self.tasks.append(task)
        task.start()
        return task

    def _check_workers(self) -> None:
        for task in self.tasks:
            if task.exitcode not in (None, 0):
                raise WorkerFailed(f"an indexing worker process died (exit code "
                                   f"{task.exitcode}); nothing was published")

    def _enqueue(self) -> None:
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as f:
            for item in self.docbuffer:
                pickle.dump(item, f, 2)
        if len(self.tasks) < self.procs:
            self._new_task()
        job = (filename, len(self.docbuffer))
        self.docbuffer = []
        while True:
            self._check_workers()
            try:
                self.jobqueue.put(job, timeout=POLL_SECONDS)
                return
            except queue.Full:
                continue

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self.jobqueue.put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        for task in self.tasks:
            task.join()
        self._check_workers()
        results = []
        for _ in self.tasks:
            try:
                results.append(self.resultqueue.get(timeout=30))
            except queue.Empty as exc:
                raise WorkerFailed("an indexing worker finished without returning its "
                                   "segment; nothing was published") from exc
        finalsegments += [segment for _, _, segment in results]
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()

    def cancel(self) -> None:
        # Whoosh's cancel only flips a flag in the parent's copy of each task object;
        # the worker processes themselves have to be stopped.
        try:
            for task in self.tasks:
                if task.is_alive():
                    task.terminate()
                task.join(5)
        finally:
            SegmentWriter.cancel(self)
