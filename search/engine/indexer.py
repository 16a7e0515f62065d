"""Writing documents into the index: rebuild into a new generation, add, remove.

Every change goes through the single-writer lock and is written to a new generation that is
published only once it is complete and on disk (see :mod:`qidir.search.engine.store`): a rebuild
starts from nothing, ``add`` and ``remove`` start from a hard-linked copy of the live
generation. Readers therefore never see a half-built index, a generation never changes
once published, and a crash at any moment leaves the previous generation serving.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.writing import IndexWriter

from qidir.search import logs
from qidir.search.engine import lexicon, longlists, store
from qidir.search.engine.records import to_fields
from qidir.search.engine.schema import SCHEMA_VERSION, build_schema
from qidir.search.engine.writers import WorkerFailed, open_writer
from qidir.search.ingest.readers import (
    Note,
    Skipped,
    iter_input_files,
    max_file_bytes,
    read_documents,
)

#: Called with (inputs done, inputs total, current path); "done" is fractional while a
#: long input (a web archive) is being read.
Progress = Callable[[float, int, str], None]

#: Skipped inputs kept in a generation's metadata (index stats); beyond that only a count.
MAX_RECORDED_SKIPS = 10_000


class NothingIndexed(RuntimeError):
    """A rebuild found no usable document: the live index is kept rather than emptied."""

    def __init__(self, report: BuildReport) -> None:
        super().__init__("no document could be indexed from the given sources; the live "
                         "index was kept unchanged")
        self.report = report


@dataclass
class BuildReport:
    """What a write did: shown by the CLI and kept (skips) in the generation's metadata."""

    indexed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    #: What inputs held besides documents (not failures): shown, not counted against exit 0.
    notes: list[Note] = field(default_factory=list)
    removed: int = 0
    missing: list[str] = field(default_factory=list)
    generation: str = ""
    seconds: float = 0.0
    published: bool = True

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.missing


def _write(writer: IndexWriter, sources: Sequence[Path], report: BuildReport,
           progress: Progress | None, replace: bool, max_bytes: int) -> list[str]:
    """Write every document of ``sources``; the ids written, in order."""
    items = list(iter_input_files(sources))
    files = [i for i in items if not isinstance(i, Skipped)]
    report.skipped.extend(i for i in items if isinstance(i, Skipped))
    seen: dict[str, str] = {}
    for done, (root, path) in enumerate(files, start=1):
        def part(fraction: float, done: int = done, path: Path = path) -> None:
            if progress:
                progress(done - 1 + fraction, len(files), str(path))

        for item in read_documents(root, path, max_bytes, part):
            if isinstance(item, Skipped):
                report.skipped.append(item)
                continue
            if isinstance(item, Note):
                report.notes.append(item)
                continue
            where = item.path or str(path)
            if item.id in seen:
                report.skipped.append(Skipped(str(path), f"duplicate id {item.id!r} (first seen "
                                              f"in {seen[item.id]}); kept the first"))
                continue
            seen[item.id] = where
            fields = to_fields(item)
            if replace:
                writer.update_document(**fields)
            else:
                writer.add_document(**fields)
            report.indexed += 1
        if progress:
            progress(done, len(files), str(path))
    return list(seen)


def _stored_texts(ix: Any, ids: Iterable[str]) -> list[str]:
    """The titles and texts the index holds for ``ids`` (those it has), read before a
    change deletes or replaces them, for the lexicon to count their words off."""
    out: list[str] = []
    with ix.searcher() as searcher:
        for doc_id in dict.fromkeys(ids):
            stored = searcher.document(id=doc_id)
            if stored:
                out += [stored.get("title") or "", stored.get("text") or ""]
    return out


def _check_count(gen: Path, expected: int) -> None:
    """The new generation holds every document handed to the writer, or it is not published."""
    found = windex.open_dir(str(gen)).doc_count()
    if found != expected:
        raise WorkerFailed(f"the new index holds {found} documents where {expected} were "
                           "written; nothing was published")


def _recorded(sources: Iterable[Path]) -> list[str]:
    return [str(Path(s).resolve()) for s in sources]


class _Unchanged(Exception):
    """Raised inside :func:`_new_generation` when there is nothing to publish."""


@dataclass
class _Change:
    gen: Path
    live: Path | None
    unchanged: bool = False

    @property
    def result(self) -> Path:
        """The generation that is live once the change is over."""
        if self.unchanged and self.live is not None:
            return self.live
        return self.gen


@contextmanager
def _new_generation(root: Path, lock_timeout: float, from_live: bool) -> Iterator[_Change]:
    """A generation to write under the writer lock: empty, or a fork of the live one.

    The body publishes it; if the body raises, the generation is deleted with everything in
    it and the live one keeps serving. :class:`_Unchanged` deletes it too, but quietly.
    """
    with store.writer_lock(root, lock_timeout):
        store.remove_stale(root)
        if from_live:
            live: Path | None = store.require_generation(root)
            change = _Change(fork(root, live), live)
        else:
            change = _Change(store.new_generation(root), store.live_generation(root))
        try:
            yield change
        except _Unchanged:
            shutil.rmtree(change.gen, ignore_errors=True)
            change.unchanged = True
        except BaseException:
            shutil.rmtree(change.gen, ignore_errors=True)
            raise


@contextmanager
def _cancelled_on_error(writer: IndexWriter) -> Iterator[IndexWriter]:
    """The writer, cancelled (its workers stopped, its files dropped) if the body fails."""
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise


def rebuild(root: Path, sources: Sequence[Path], progress: Progress | None = None,
            lock_timeout: float = 60.0, max_file_mb: float | None = None,
            procs: int = 1, record_as: Sequence[Path] | None = None) -> BuildReport:
    """Build a new generation from ``sources`` and make it live in one atomic step.

    A rebuild that finds no usable document at all (a mistyped path, a folder of broken
    files) raises :class:`NothingIndexed` and keeps the live index: replacing a working
    index with an empty one would lose everything it held. ``procs`` > 1 analyses and writes
    in that many worker processes (see :mod:`qidir.search.engine.writers`).
    """
    started = time.monotonic()
    report = BuildReport()
    with _new_generation(root, lock_timeout, from_live=False) as change:
        gen = change.gen
        ix = windex.create_in(str(gen), build_schema())
        with lexicon.collecting() as words:
            with _cancelled_on_error(open_writer(ix, procs)) as writer:
                _write(writer, sources, report, progress, replace=False,
                       max_bytes=max_file_bytes(max_file_mb))
                if report.indexed == 0 and (report.skipped or change.live):
                    raise NothingIndexed(report)
            writer.commit()
            lexicon.save(gen, words)
        _check_count(gen, report.indexed)
        report.seconds = time.monotonic() - started
        store.write_meta(gen, {
            "schema_version": SCHEMA_VERSION,
            "sources": _recorded(record_as or sources),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "build_seconds": round(report.seconds, 3),
            "documents": report.indexed,
            **_skips_meta([], report.skipped),
        })
        longlists.write_missing(gen)
        store.publish(root, gen)
    report.generation = gen.name
    logs.event("index.rebuild", generation=gen.name, indexed=report.indexed,
               skipped=len(report.skipped), seconds=round(report.seconds, 3))
    return report


def add(root: Path, sources: Sequence[Path], progress: Progress | None = None,
        lock_timeout: float = 60.0, max_file_mb: float | None = None,
        procs: int = 1, record_as: Sequence[Path] | None = None) -> BuildReport:
    """Add or replace (same id) documents, creating the index if needed.

    ``record_as``: what to record among the index's sources instead of ``sources`` (the
    feed follower adds one spool file per poll and records their folder once).

    Like a rebuild, the change is written to a new generation (a hard-linked copy of the
    live one: Whoosh never modifies a segment file once written) and published by
    replacing CURRENT, so readers never see a half-applied commit and a generation a
    server has open never changes under it.
    """
    if store.live_generation(root) is None:
        return rebuild(root, sources, progress, lock_timeout, max_file_mb, procs, record_as)
    started = time.monotonic()
    report = BuildReport()
    with _new_generation(root, lock_timeout, from_live=True) as change:
        ix = windex.open_dir(str(change.gen))
        keeps_lexicon = lexicon.exists(change.gen)
        with lexicon.collecting() as words:
            with _cancelled_on_error(open_writer(ix, procs)) as writer:
                written = _write(writer, sources, report, progress, replace=True,
                                 max_bytes=max_file_bytes(max_file_mb))
                if report.indexed == 0 and not report.skipped:
                    raise _Unchanged
                replaced = _stored_texts(ix, written) if keeps_lexicon else []
            writer.commit()
            if keeps_lexicon:
                lexicon.save(change.gen, words, removed=replaced)
            else:
                lexicon.discard_parts(change.gen)
        meta = store.read_meta(change.gen)
        recorded = meta.get("sources", [])
        meta["sources"] = recorded + [s for s in _recorded(record_as or sources)
                                      if s not in recorded]
        meta["updated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        meta["documents"] = ix.doc_count()
        meta.update(_skips_meta(meta.get("skipped", []), report.skipped,
                                meta.get("skipped_not_listed", 0)))
        store.write_meta(change.gen, meta)
        longlists.write_missing(change.gen)
        store.publish(root, change.gen)
    report.published = not change.unchanged
    report.generation = change.result.name
    report.seconds = time.monotonic() - started
    logs.event("index.add", generation=report.generation, indexed=report.indexed,
               skipped=len(report.skipped), seconds=round(report.seconds, 3))
    return report


def remove(root: Path, ids: Sequence[str], lock_timeout: float = 60.0) -> BuildReport:
    """Delete documents by id, published as a new generation like :func:`add`."""
    report = BuildReport()
    with _new_generation(root, lock_timeout, from_live=True) as change:
        ix = windex.open_dir(str(change.gen))
        removed = _stored_texts(ix, ids) if lexicon.exists(change.gen) else []
        with _cancelled_on_error(ix.writer()) as writer:
            for doc_id in ids:
                if writer.delete_by_term("id", doc_id):
                    report.removed += 1
                else:
                    report.missing.append(doc_id)
            if report.removed == 0:
                raise _Unchanged
        writer.commit()
        if removed:
            lexicon.save(change.gen, lexicon.Collector(), removed=removed)
        meta = store.read_meta(change.gen)
        meta["updated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        meta["documents"] = ix.doc_count()
        store.write_meta(change.gen, meta)
        longlists.write_missing(change.gen)
        store.publish(root, change.gen)
    report.published = not change.unchanged
    report.generation = change.result.name
    logs.event("index.remove", generation=report.generation, removed=report.removed,
               missing=len(report.missing))
    return report


def fork(root: Path, live: Path) -> Path:
    """A new generation holding the same index as ``live``, to be changed and published.

    Segment and TOC files are hard links (no copying: Whoosh writes new files for every
    change and only unlinks old names), the metadata is copied, lock files and markers are
    left behind. Where hard links are not supported, files are copied.
    """
    gen = store.new_generation(root)
    for child in sorted(live.iterdir()):
        name = child.name
        if (not child.is_file() or name.startswith(".") or name.endswith("WRITELOCK")
                or name == store.META):
            continue
        try:
            os.link(child, gen / name)
        except OSError:
            shutil.copy2(child, gen / name)
    meta = store.read_meta(live)
    if meta:
        store.write_meta(gen, meta)
    return gen


def _skips_meta(before: list[dict[str, str]], new: Sequence[Skipped],
                not_listed: int = 0) -> dict[str, Any]:
    """Skipped inputs for index stats, capped so a huge broken folder cannot bloat it."""
    listed = before + [s.to_dict() for s in new]
    extra = max(0, len(listed) - MAX_RECORDED_SKIPS)
    return {"skipped": listed[:MAX_RECORDED_SKIPS], "skipped_not_listed": not_listed + extra}


def recorded_sources(root: Path) -> list[Path]:
    gen = store.require_generation(root)
    return [Path(s) for s in store.read_meta(gen).get("sources", [])]
