"""From files on disk to documents: readers per format, walking directories, and reporting
every input that could not be used instead of dropping it silently.

Ingestion never raises for one bad input: it yields a :class:`Skipped` record naming the file
and the reason, and goes on with the rest, so one broken file never costs a whole rebuild.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from qidir.search.ingest.documents import Document, stable_id
from qidir.search.ingest.records import (
    InputError,
    Note,
    Skipped,
    decode,
    from_extracted,
    from_record,
)

__all__ = ["InputError", "Note", "Skipped", "decode", "from_extracted", "from_record",
           "ingest", "iter_input_files", "read_documents"]

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".jsonl", ".json"}
#: RSS/Atom feeds (recognised by content: an .xml that is not a feed is reported).
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
#: Web archives; ``.warc.gz`` is told by the whole name.
WARC_SUFFIXES = {".warc", ".warc.gz"}
SUPPORTED_SUFFIXES = (TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | FEED_SUFFIXES
                      | WARC_SUFFIXES)


def suffix_of(path: Path) -> str:
    """The suffix that names a file's format (``.warc.gz`` counts as one)."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()

#: Files above this size are reported rather than read: a news article is never this big,
#: and reading a stray multi-gigabyte dump would stall a rebuild. Override with QIDIR_MAX_FILE_MB.
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

def max_file_bytes(max_mb: float | None = None) -> int:
    """The size limit: an explicit ``--max-file-mb`` wins, then QIDIR_MAX_FILE_MB, then 20 MB."""
    if max_mb is not None:
        return int(max_mb * 1024 * 1024)
    value = os.environ.get("QIDIR_MAX_FILE_MB")
    if value:
        try:
            return int(float(value) * 1024 * 1024)
        except ValueError:
            pass
    return DEFAULT_MAX_FILE_BYTES


def iter_input_files(sources: Iterable[Path]) -> Iterator[tuple[Path, Path] | Skipped]:
    """Yield (root, file) for every supported file under the sources, in a stable order.

    Directories are walked recursively with sorted names so rebuilds see files in the same
    order; symlinked directories are followed once (a loop is reported, not followed).
    """
    for source in sources:
        source = Path(source)
        if not source.exists():
            yield Skipped(str(source), "no such file or directory")
        elif source.is_dir():
            yield from _walk(source)
        elif suffix_of(source) in SUPPORTED_SUFFIXES:
            yield (source.parent, source)
        else:
            yield Skipped(str(source), f"unsupported file type {source.suffix or '(none)'!r}; "
                          f"expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")


def _walk(root: Path) -> Iterator[tuple[Path, Path] | Skipped]:
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path) -> Iterator[tuple[Path, Path] | Skipped]:
        try:
            st = directory.stat()
        except OSError as exc:
            yield Skipped(str(directory), f"cannot read directory: {exc.strerror or exc}")
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield Skipped(str(directory), "symlink loop: directory already visited")
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(str(directory), f"cannot read directory: {exc.strerror or exc}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError as exc:
                yield Skipped(str(path), "symlink loop" if exc.errno == errno.ELOOP
                              else f"cannot stat: {exc.strerror or exc}")
                continue
            if is_dir:
                yield from visit(path)
            elif suffix_of(path) in SUPPORTED_SUFFIXES:
                problem = _link_problem(path)
                if problem:
                    yield Skipped(str(path), problem)
                else:
                    yield (root, path)

    yield from visit(root)


def _link_problem(path: Path) -> str | None:
    """Why a directory entry cannot be followed to a file, or None when it can."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if exc.errno == errno.ENOENT:
            return "broken symlink"
        return f"cannot stat: {exc.strerror or exc}"
    return None


def _regular_file(path: Path) -> os.stat_result:
    """The file's stat, or InputError when it is not a regular file we may read.

    FIFOs, sockets and devices are refused before opening: reading a FIFO named
    ``feed.txt`` would block a rebuild forever (and root can "read" anything else).
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symlink loop") from exc
        raise InputError(f"cannot stat: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, expected a file")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else
                "a socket" if stat.S_ISSOCK(st.st_mode) else "a device or special file")
        raise InputError(f"cannot read: {kind}, not a regular file")
    return st


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, refusing what is not a readable regular file of sane size."""
    limit = max_file_bytes() if limit is None else limit
    st = _regular_file(path)
    if st.st_size > limit:
        raise InputError(_too_big(st.st_size, limit))
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)  # the file may have grown since the stat
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise InputError(_too_big(len(data), limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return (f"file is {size / 1048576:.3g} MB, above the limit of {limit / 1048576:.3g} MB "
            "(raise it with --max-file-mb or QIDIR_MAX_FILE_MB)")


def relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_documents(root: Path, path: Path, max_bytes: int | None = None,
                   on_progress: Callable[[float], None] | None = None
                   ) -> Iterator[Document | Skipped | Note]:
    """Every document (or skipped record) one file holds. ``on_progress`` hears how far
    through a long file (a web archive) reading is, as a fraction."""
    rel = relative(root, path)
    for item in _read(root, path, rel, max_bytes, on_progress):
        if isinstance(item, Document) and item.origin is None:
            item.origin = {"kind": "file", "file": rel}
        yield item


def _read(root: Path, path: Path, rel: str, max_bytes: int | None,
          on_progress: Callable[[float], None] | None = None
          ) -> Iterator[Document | Skipped | Note]:
    suffix = suffix_of(path)
    if suffix in WARC_SUFFIXES:
        # Archives run to gigabytes: streamed record by record, the limit applies per page.
        from qidir.search.ingest.warc import read_warc

        yield from read_warc(path, rel, max_file_bytes() if max_bytes is None else max_bytes,
                             on_progress)
        return
    if suffix in FEED_SUFFIXES:
        from qidir.search.ingest.feeds import looks_like_feed, read_feed

        try:
            data = read_bytes(path, max_bytes)
        except InputError as exc:
            yield Skipped(str(path), str(exc))
            return
        if not looks_like_feed(data):
            yield Skipped(str(path), "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> "
                                     "root element)")
            return
        yield from read_feed(data, rel, str(path))
        return
    if suffix == ".jsonl":
        # A feed of many records: streamed line by line, the size limit applies per record.
        yield from _from_jsonl(path, rel, max_file_bytes() if max_bytes is None else max_bytes)
        return
    try:
        text = decode(read_bytes(path, max_bytes))
    except InputError as exc:
        yield Skipped(str(path), str(exc))
        return
    try:
        if suffix in TEXT_SUFFIXES:
            yield _from_plain(text, rel)
        elif suffix in HTML_SUFFIXES:
            yield _from_html(text, rel)
        else:
            yield from _from_json(text, rel, path)
    except InputError as exc:
        yield Skipped(str(path), str(exc))


def _from_plain(text: str, rel: str) -> Document:
    from qidir.search.ingest.metadata import extract_plain

    return from_extracted(extract_plain(text, path=rel), stable_id(rel), rel)


def _from_html(text: str, rel: str) -> Document:
    from qidir.search.ingest.metadata import extract_html

    return from_extracted(extract_html(text, path=rel), stable_id(rel), rel)


def _from_jsonl(path: Path, rel: str, limit: int) -> Iterator[Document | Skipped]:
    """Records of a JSON-lines feed, read as a stream so a feed of any size fits in memory.

    Lines are split on ``\n`` only (JSON strings may hold U+2028, which ``splitlines``
    would cut); each line is UTF-8 as JSON requires, or a detected legacy encoding.
    """
    try:
        _regular_file(path)
        fh = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except (InputError, OSError) as exc:
        reason = str(exc) if isinstance(exc, InputError) else f"cannot read: {exc.strerror}"
        yield Skipped(str(path), reason)
        return
    with fh:
        head = fh.read(8192)
        if b"\x00" in head:
            yield Skipped(str(path), "binary file (contains NUL bytes), not text")
            return
        fh.seek(0)
        found = False
        try:
            for lineno, raw in enumerate(_lines(fh, limit), start=1):
                where = f"{path}:{lineno}"
                if raw is None:
                    yield Skipped(where, f"record is longer than the limit of "
                                  f"{limit / 1048576:.3g} MB (raise it with --max-file-mb "
                                  "or QIDIR_MAX_FILE_MB)")
                    found = True
                    continue
                if lineno == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if not raw.strip():
                    continue
                found = True
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    try:
                        line = decode(raw)
                    except InputError as exc:
                        yield Skipped(where, str(exc))
                        continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Skipped(where, f"malformed JSON line: {exc.msg} at column {exc.colno}")
                    continue
                try:
                    yield from_record(record, rel, f"L{lineno}")
                except InputError as exc:
                    yield Skipped(where, str(exc))
        except OSError as exc:
            yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
            return
    if not found:
        yield Skipped(str(path), "empty file")


def _lines(fh: Any, limit: int) -> Iterator[bytes | None]:
    """Lines of a binary file; None for a line longer than ``limit`` (skipped unread)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the over-long line
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def _from_json(text: str, rel: str, path: Path) -> Iterator[Document | Skipped]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
                         ) from None
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        data = data["documents"]
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        try:
            yield from_record(record, rel, f"R{index}")
        except InputError as exc:
            yield Skipped(f"{path}[{index}]", str(exc))


def ingest(sources: Iterable[Path], max_bytes: int | None = None
           ) -> Iterator[Document | Skipped | Note]:
    """All documents of all sources, in a stable order, with skipped inputs interleaved."""
    for item in iter_input_files(sources):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_documents(*item, max_bytes=max_bytes)
