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
import os
import pickle
import queue
import signal
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3TermInfo
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.system import emptybytes
from whoosh.util import random_name
from whoosh.writing import IndexWriter, PostingPool, SegmentWriter

from qidir.search.engine import lexicon

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


def _add_postings(self: W3FieldWriter, schema: Any, lengths: _LengthsByField | None,
                  items: Iterable[tuple[str, bytes, int, float, bytes | None]]) -> None:
    """Whoosh 2.7's FieldWriter.add_postings for its W3 codec, with two Python calls per
    posting fewer: the posting goes straight to the field's postings writer (which is
    what ``self.add`` does) and its length comes from the field's column as a list. Same
    calls, in the same order, with the same arguments."""
    lastfn: str | None = None
    lasttext: bytes | None = None
    add: Any = None
    column: list[int] = []
    count = 0
    dfl = lengths.doc_field_length if lengths else None
    for fieldname, btext, docnum, weight, value in items:
        if fieldname != lastfn:
            if lastfn is not None and fieldname < lastfn:
                raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
            if lasttext is not None:
                self.finish_term()
            if lastfn is not None:
                self.finish_field()
            self.start_field(fieldname, schema[fieldname])
            lastfn = fieldname
            lasttext = None
            add = self._postwriter.add_posting
            column = lengths.column(fieldname) if lengths else []
            count = len(column)
        elif lasttext and btext < lasttext:
            raise OutOfOrderError(f"Term {lastfn}:{lasttext!r} .. {fieldname}:{btext!r}")
        if docnum == -1:  # Whoosh's spelling postings: not written (as in Whoosh)
            continue
        if btext != lasttext:
            if lasttext is not None:
                self.finish_term()
            self.start_term(btext)
            lasttext = btext
        if 0 <= docnum < count:
            length = column[docnum]
        else:
            length = dfl(docnum, fieldname) if dfl else 0
        add(docnum, weight, emptybytes if value is None else value, length)
    if lasttext is not None:
        self.finish_term()
    if lastfn is not None:
        self.finish_field()


W3FieldWriter.add_postings = _add_postings


def _flush_segment(self: SegmentWriter) -> None:
    """Whoosh 2.7's SegmentWriter._flush_segment, with the field lengths read once."""
    self.perdocwriter.close()
    pdr = self.per_document_reader() if self.codec.length_stats else None
    postings = self.pool.iter_postings()
    self.fieldwriter.add_postings(self.schema, _LengthsByField(pdr) if pdr else None,
                                  postings)
    self.fieldwriter.close()
    if pdr:
        pdr.close()


SegmentWriter._flush_segment = _flush_segment


#: Postings per pickle in a posting pool's sorted run on disk. Whoosh pickles every posting
#: on its own when a pool spills a run and unpickles them one by one in the final merge,
#: two Python-level calls per posting (~7% of a build); in chunks it is one call per
#: chunk. The run files are the pool's own scratch space (written and read back by the
#: same writer, then deleted), so the index is unchanged. A merge holds one chunk per run.
RUN_CHUNK = 1024


def _write_run(self: PostingPool, f: Any, items: Iterable[Any]) -> None:
    """Whoosh's SortingPool._write_run, a chunk of postings per pickle."""
    try:
        if isinstance(items, list):
            for i in range(0, len(items), RUN_CHUNK):
                pickle.dump(items[i:i + RUN_CHUNK], f, pickle.HIGHEST_PROTOCOL)
        else:
            it = iter(items)
            while chunk := list(islice(it, RUN_CHUNK)):
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
    finally:
        f.close()


def _read_run(self: PostingPool, path: str) -> Iterator[Any]:
    """Whoosh's SortingPool._read_run for runs written by :func:`_write_run`."""
    f = self._open_run(path)
    try:
        while True:
            try:
                chunk = pickle.load(f)  # a new unpickler each time: each chunk has its memo
            except EOFError:
                return
            yield from chunk
    finally:
        f.close()
        self._remove_run(path)


def _pool_add(self: PostingPool, item: tuple[str, bytes, int, float, bytes | None]) -> None:
    """Whoosh 2.7's PostingPool.add (called once per posting) with its size estimate in one
    expression (the same number: 150 bytes plus the field name, twice the term's bytes and
    the value) and without its type assertions on postings Whoosh's own writer made."""
    fieldname = item[0]
    vbytes = item[4]
    self.fieldnames.add(fieldname)
    self.currentsize += 150 + len(fieldname) + 2 * len(item[1]) + (len(vbytes) if vbytes else 0)
    if self.currentsize > self.limit:
        self.save()
    self.current.append(item)


PostingPool._write_run = _write_run
PostingPool._read_run = _read_run
PostingPool.add = _pool_add


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


class _Worker(SubWriterTask):
    def run(self) -> None:
        _die_with_parent()
        lexicon.start_worker()
        super().run()
        if self.running:
            # The parent joins this process before it merges the parts into the lexicon.
            lexicon.finish_worker(self.storage.folder, random_name())


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
