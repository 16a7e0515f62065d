"""RSS and Atom feed files: every item becomes a document.

A feed is recognised by its content (an ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` root), not by
its name: ``.xml`` is also what sitemaps and exports are called. feedparser reads RSS 0.9x,
1.0 and 2.0 and Atom 0.3 and 1.0 alike; the bytes are decoded by qidir first (UTF-8, then a
detected legacy encoding), because feeds from the region often declare one encoding and are
written in another, and feedparser trusts the declaration.

An item's text is its full content where the feed carries it (``content:encoded``, Atom
``content``), otherwise its summary; the document's ``origin`` says which, so a reader knows
a summary-only document is short on purpose. Fields the feed states (title, link, date,
source) win over what extraction would guess from the text, as for JSON records.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

#: How a feed's root element starts, after an XML declaration, comments or a BOM.
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>]")
#: Bytes looked at to tell a feed from another XML file.
SNIFF_BYTES = 4096
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "tr", "figcaption", "pre")


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes are an RSS or Atom document (judged by the root element)."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:SNIFF_BYTES].decode("utf-16", "ignore").encode("utf-8")
    m = _FEED_ROOT.search(head)
    if m is None:
        return False
    before = head[:m.start()]
    # Only a declaration, processing instructions, comments and a doctype may come first.
    return not re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s", b"", before, flags=re.S)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (an item's content), one paragraph per line."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types on broken markup
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def _site(parsed: Any, feed_url: str | None) -> str | None:
    """The outlet: the domain of the feed's site link, else of the feed's own address."""
    for url in (parsed.feed.get("link"), feed_url):
        if url:
            host = urlsplit(url).hostname
            if host:
                return host
    return None


def _content(entry: Any) -> tuple[str, str]:
    """(text, "full" | "summary") of one item."""
    best = ""
    for part in entry.get("content") or []:
        value = html_to_text(part.get("value") or "")
        if len(value) > len(best):
            best = value
    summary = html_to_text(entry.get("summary") or "")
    if best and len(best) >= len(summary):
        return best, "full"
    return summary, "summary"


def feed_records(data: bytes, feed_url: str | None = None,
                 feed_name: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
    """The items of a feed as JSON-style records (``text``, ``title``, ``url``,
    ``published``, ``source``, ``origin``), and a problem with the feed or None.

    A feed that is not well-formed XML is read as far as it goes, and the problem is
    returned with what was read; an undecodable one gives no records and the problem.
    """
    import feedparser

    from qidir.search.ingest.records import InputError, decode

    try:
        text = decode(data)
    except InputError as exc:
        return [], str(exc)
    # Decoded already: declare UTF-8 so feedparser does not decode again by the declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    parsed = feedparser.parse(('<?xml version="1.0" encoding="utf-8"?>' + text).encode())
    problem = _malformed(parsed)
    source = _site(parsed, feed_url)
    origin_feed = feed_url or feed_name or ""
    records: list[dict[str, Any]] = []
    for entry in parsed.entries:
        body, kind = _content(entry)
        title = html_to_text(entry.get("title") or "")
        if not body:
            body = title
        if not body:
            continue
        link = entry.get("link") or None
        origin = {"kind": "feed", "feed": origin_feed, "item": entry.get("id") or link or title,
                  "content": kind}
        if entry.get("author"):
            origin["author"] = html_to_text(entry["author"])
        record: dict[str, Any] = {"text": body, "origin": origin}
        if title:
            record["title"] = title
        if link and urlsplit(link).scheme in ("http", "https"):
            record["url"] = link
        published = _date(entry)
        if published:
            record["published"] = published
        if source:
            record["source"] = source
        records.append(record)
    return records, problem


def _malformed(parsed: Any) -> str | None:
    """Why a feed is not well-formed XML (None when it is, or when feedparser only
    complained about something harmless such as the declared encoding)."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if exc is None or type(exc).__name__ != "SAXParseException":
        return None
    line = getattr(exc, "getLineNumber", lambda: None)()
    where = f" (line {line})" if line else ""
    return f"malformed feed: {exc.getMessage()}{where}; read as far as it goes"


def item_key(record: dict[str, Any]) -> str:
    """What identifies an item across polls: its id, else its link, else its title."""
    origin = record.get("origin") or {}
    return str(origin.get("item") or record.get("url") or record.get("title") or "")


def read_feed(data: bytes, rel: str, path: str) -> Iterator[Any]:
    """Documents (or Skipped records) of one feed file."""
    from qidir.search.ingest.records import InputError, Skipped, from_record

    records, problem = feed_records(data, feed_name=rel)
    if problem:
        yield Skipped(path, problem)
    elif not records:
        yield Skipped(path, "feed has no items")
    for index, record in enumerate(records):
        try:
            yield from_record(record, rel, f"I{index}")
        except InputError as exc:
            yield Skipped(f"{path}[{index}]", str(exc))
