"""Web archives (WARC, as Heritrix, wget --warc-file, Browsertrix and the Internet Archive
write them): every HTML page captured with status 200 becomes a document.

The archive is streamed record by record with warcio (gzip per record or not at all), so a
multi-gigabyte archive is read in constant memory; a page larger than the size limit is
reported, not read. A page's text and metadata come from the same HTML extraction as an
``.html`` file, its URL from the record. The capture date is kept in the document's origin
and never used as the publication date: an archive may capture a years-old article today.
Revisits, non-HTML responses, error responses and repeated captures of one URL are counted
and reported as one note per archive, since an archive is full of them by design.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from qidir.search.ingest.documents import UNKNOWN_SOURCE, Document, normalize_source, stable_id
from qidir.search.ingest.records import (
    HTML_TYPES,
    InputError,
    Note,
    Skipped,
    decode,
    from_extracted,
)


def _is_html(content_type: str | None, head: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in HTML_TYPES
    sniff = head[:1024].lower()
    return b"<html" in sniff or b"<!doctype html" in sniff


def _charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def _text(body: bytes, content_type: str | None) -> str:
    """The page as text: the charset the server declared when the bytes agree, else ours."""
    charset = _charset(content_type)
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(body)


def _read_limited(stream: Any, limit: int) -> bytes | None:
    """At most ``limit`` bytes of a payload, or None when it is longer (then drained)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        while stream.read(1 << 20):
            pass
        return None
    return data


def _starts_like_warc(fh: Any) -> bool:
    """Whether a file opens with a WARC record (gzipped per record or not)."""
    import zlib

    head = fh.read(4096)
    fh.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


#: Records between two progress reports.
PROGRESS_EVERY = 50


def read_warc(path: Path, rel: str, limit: int,
              on_progress: Callable[[float], None] | None = None
              ) -> Iterator[Document | Skipped | Note]:
    """Documents of one archive, then one note counting what was passed over.
    ``on_progress`` hears the fraction of the file read, every few records."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from qidir.search.ingest.metadata import extract_html

    counts: Counter[str] = Counter()
    seen: set[str] = set()
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        if not _starts_like_warc(fh):
            yield Skipped(str(path), "not a WARC archive (it does not open with a WARC/1.x "
                                     "record)")
            return
        try:
            size = max(1, path.stat().st_size)
            records = ArchiveIterator(fh)
            for number, record in enumerate(records, start=1):
                if on_progress is not None and number % PROGRESS_EVERY == 0:
                    # The record's own offset: the file is read ahead in large blocks.
                    on_progress(min(1.0, records.get_record_offset() / size))
                kind = record.rec_type
                if kind == "revisit":
                    counts["revisit records"] += 1
                    continue
                if kind != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path}#{uri}"
                status = record.http_headers.get_statuscode()
                if status != "200":
                    counts[f"responses with status {status}"] += 1
                    continue
                content_type = record.http_headers.get_header("Content-Type")
                body = _read_limited(record.content_stream(), limit)
                if body is None:
                    yield Skipped(where, f"page is above the limit of {limit / 1048576:.3g} MB")
                    continue
                if not _is_html(content_type, body):
                    counts["non-HTML responses"] += 1
                    continue
                if uri in seen:
                    counts["repeated captures of a URL"] += 1
                    continue
                seen.add(uri)
                origin = {"kind": "warc", "file": rel,
                          "record": record.rec_headers.get_header("WARC-Record-ID") or "",
                          "captured": (record.rec_headers.get_header("WARC-Date") or "")[:10]}
                try:
                    ex = extract_html(_text(body, content_type), path=rel, url=uri or None)
                    doc = from_extracted(ex, stable_id("url", uri) if uri else
                                         stable_id(rel, origin["record"]), rel)
                except InputError as exc:
                    yield Skipped(where, str(exc))
                    continue
                if uri:
                    doc.url = uri
                    if doc.source == UNKNOWN_SOURCE:
                        doc.source = normalize_source(urlsplit(uri).hostname or "") or \
                            UNKNOWN_SOURCE
                doc.origin = origin
                counts["pages indexed"] += 1
                yield doc
        except (ArchiveLoadFailed, OSError, ValueError) as exc:
            yield Skipped(str(path), f"not a readable WARC archive: {exc}")
            return
    if not counts:
        yield Skipped(str(path), "archive holds no HTTP response records")
        return
    indexed = counts.pop("pages indexed", 0)
    passed = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
    yield Note(str(path), f"{indexed} HTML page(s) indexed"
                          + (f"; passed over {passed}" if passed else ""))
