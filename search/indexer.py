"""Writing documents into the index: rebuild into a new generation, add, remove.

Every change goes through the single-writer lock; a rebuild is published only once it is
complete (see :mod:`qidir.search.store`), so readers never see a half-built index.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.writing import IndexWriter

from qidir.search import store
from qidir.search.documents import Document
from qidir.search.ingest import Skipped, iter_input_files, read_documents
from qidir.search.schema import SCHEMA_VERSION, build_schema

#: Called after each input file with (files done, files total, current path).
Progress = Callable[[int, int, str], None]


@dataclass
class BuildReport:
    """What a write did: shown by the CLI and kept (skips) in the generation's metadata."""

    indexed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    removed: int = 0
    missing: list[str] = field(default_factory=list)
    generation: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.missing


def document_fields(doc: Document) -> dict[str, Any]:
    """The Whoosh field values of one document."""
    meta = {
        "url": doc.url,
        "path": doc.path,
        "script": doc.script,
        "countries": doc.countries,
        "country_mentions": doc.country_mentions,
        "published_precision": doc.published_precision,
    }
    return {
        "id": doc.id,
        "title": doc.title,
        "text": doc.text,
        "names": f"{doc.title}\n{doc.text}",
        "words": f"{doc.title}\n{doc.text}",
        "country": ",".join(doc.countries),
        "source": doc.source,
        "lang": doc.lang,
        "year": doc.year,
        "published": doc.published or "",
        "undated": "0" if doc.published else "1",
        "meta": json.dumps(meta, ensure_ascii=False),
    }


def _write(writer: IndexWriter, sources: Sequence[Path], report: BuildReport,
           progress: Progress | None, replace: bool) -> None:
    items = list(iter_input_files(sources))
    files = [i for i in items if not isinstance(i, Skipped)]
    report.skipped.extend(i for i in items if isinstance(i, Skipped))
    seen: dict[str, str] = {}
    for done, (root, path) in enumerate(files, start=1):
        for item in read_documents(root, path):
            if isinstance(item, Skipped):
                report.skipped.append(item)
                continue
            where = item.path or str(path)
            if item.id in seen:
                report.skipped.append(Skipped(str(path), f"duplicate id {item.id!r} (first seen "
                                              f"in {seen[item.id]}); kept the first"))
                continue
            seen[item.id] = where
            fields = document_fields(item)
            if replace:
                writer.update_document(**fields)
            else:
                writer.add_document(**fields)
            report.indexed += 1
        if progress:
            progress(done, len(files), str(path))


def _recorded(sources: Iterable[Path]) -> list[str]:
    return [str(Path(s).resolve()) for s in sources]


def rebuild(root: Path, sources: Sequence[Path], progress: Progress | None = None,
            lock_timeout: float = 60.0) -> BuildReport:
    """Build a new generation from ``sources`` and make it live in one atomic step."""
    started = time.monotonic()
    report = BuildReport()
    with store.writer_lock(root, lock_timeout):
        store.remove_stale(root)
        gen = store.new_generation(root)
        try:
            ix = windex.create_in(str(gen), build_schema())
            writer = ix.writer(limitmb=256)
            try:
                _write(writer, sources, report, progress, replace=False)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            report.seconds = time.monotonic() - started
            store.write_meta(gen, {
                "schema_version": SCHEMA_VERSION,
                "sources": _recorded(sources),
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "build_seconds": round(report.seconds, 3),
                "skipped": [s.to_dict() for s in report.skipped],
            })
            store.publish(root, gen)
        except BaseException:
            shutil.rmtree(gen, ignore_errors=True)
            raise
    report.generation = gen.name
    return report


def add(root: Path, sources: Sequence[Path], progress: Progress | None = None,
        lock_timeout: float = 60.0) -> BuildReport:
    """Add or replace (same id) documents in the live generation, creating one if needed."""
    if store.live_generation(root) is None:
        return rebuild(root, sources, progress, lock_timeout)
    started = time.monotonic()
    report = BuildReport()
    with store.writer_lock(root, lock_timeout):
        gen = store.require_generation(root)
        ix = windex.open_dir(str(gen))
        writer = ix.writer(limitmb=256)
        try:
            _write(writer, sources, report, progress, replace=True)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        _sync(gen)
        meta = store.read_meta(gen)
        recorded = meta.get("sources", [])
        meta["sources"] = recorded + [s for s in _recorded(sources) if s not in recorded]
        meta["updated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        meta["skipped"] = meta.get("skipped", []) + [s.to_dict() for s in report.skipped]
        store.write_meta(gen, meta)
    report.generation = gen.name
    report.seconds = time.monotonic() - started
    return report


def remove(root: Path, ids: Sequence[str], lock_timeout: float = 60.0) -> BuildReport:
    report = BuildReport()
    with store.writer_lock(root, lock_timeout):
        gen = store.require_generation(root)
        ix = windex.open_dir(str(gen))
        writer = ix.writer()
        try:
            for doc_id in ids:
                if writer.delete_by_term("id", doc_id):
                    report.removed += 1
                else:
                    report.missing.append(doc_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        _sync(gen)
        meta = store.read_meta(gen)
        meta["updated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        store.write_meta(gen, meta)
    report.generation = gen.name
    return report


def recorded_sources(root: Path) -> list[Path]:
    gen = store.require_generation(root)
    return [Path(s) for s in store.read_meta(gen).get("sources", [])]


def _sync(gen: Path) -> None:
    """Whoosh does not fsync its commits; do it so an acknowledged change survives a crash."""
    store.fsync_tree(gen)
