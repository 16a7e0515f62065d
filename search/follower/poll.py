"""One poll of every followed feed, added to the index as one atomic change.

For each feed: a conditional GET (a 304 costs nothing more); the items not seen before; for
each, the page its link points to, extracted like an HTML file (the feed's own content
stands in when the page cannot be fetched or is not HTML). The new documents are written,
complete, to a spool file (see :mod:`.state`), recorded as pending, then added to the index
in one generation, and only then marked as seen. A poll killed at any moment therefore
loses nothing and duplicates nothing: before the spool is written nothing has changed (the
next poll fetches the same items again); after it, the next poll first finishes the
pending spool; an add that is repeated replaces documents by id.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qidir.search import logs
from qidir.search.engine import indexer, store
from qidir.search.follower import state as feed_state
from qidir.search.follower.client import FetchError, PoliteClient
from qidir.search.ingest.documents import stable_id
from qidir.search.ingest.feeds import feed_records, item_key, looks_like_feed
from qidir.search.ingest.records import HTML_TYPES, InputError, decode, from_extracted


@dataclass
class PollReport:
    feeds: int = 0
    new_documents: int = 0
    #: (feed URL, reason) for each feed that failed; the others were still polled.
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: Items indexed from the feed's content because their page could not be used.
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _with_page(record: dict[str, Any], client: PoliteClient, report: PollReport) -> None:
    """Replace an item's feed content by its page's main text and metadata, when it can be
    fetched and is HTML; otherwise keep the feed's content and say why."""
    from qidir.search.ingest.metadata import extract_html

    url = record.get("url")
    if not url:
        return
    try:
        page = client.get(url)
        if page.status != 200:
            raise FetchError(f"HTTP {page.status}")
        if page.content_type and page.content_type not in HTML_TYPES:
            raise FetchError(f"not an HTML page ({page.content_type})")
        ex = extract_html(decode(page.body), url=page.url)
        doc = from_extracted(ex, record["id"], "")
    except (FetchError, InputError) as exc:
        report.notes.append(f"{url}: {exc}; indexed the feed's own content")
        return
    record["text"] = doc.text
    record.setdefault("title", doc.title)
    if "published" not in record:
        record["published"] = doc.published
    record.setdefault("source", doc.source)
    record["lang"] = doc.lang
    record["countries"] = doc.countries
    record["origin"] = {**record["origin"], "content": "page"}


def _poll_feed(feed: feed_state.Feed, client: PoliteClient,
               report: PollReport) -> list[dict[str, Any]]:
    response = client.get(feed.url, feed.etag, feed.last_modified)
    if response.status == 304:
        feed.last_status, feed.last_new = "unchanged", 0
        return []
    if not looks_like_feed(response.body):
        raise FetchError("not an RSS or Atom feed")
    records, problem = feed_records(response.body, feed_url=feed.url, feed_name=feed.name)
    if problem:
        raise FetchError(problem)
    seen = set(feed.seen)
    fresh: list[dict[str, Any]] = []
    for record in records:
        key = item_key(record)
        if key in seen:
            continue
        seen.add(key)
        record["id"] = (stable_id("url", record["url"]) if record.get("url")
                        else stable_id("feed", feed.url, key))
        _with_page(record, client, report)
        fresh.append(record)
    feed.etag = response.headers.get("ETag")
    feed.last_modified = response.headers.get("Last-Modified")
    feed.last_status, feed.last_new = "ok", len(fresh)
    return fresh


def _finish_pending(root: Path, state: feed_state.State, lock_timeout: float) -> int:
    """Add every pending spool file to the index, then mark its items as seen."""
    added = 0
    while state.pending:
        pending = state.pending[0]
        path = feed_state.items_folder(root) / pending.file
        if path.exists():
            result = indexer.add(root, [path], lock_timeout=lock_timeout,
                                 record_as=[feed_state.items_folder(root)])
            added += result.indexed
        for url, keys in pending.keys.items():
            feed = state.feeds.get(url)
            if feed is not None:
                feed.remember(keys)
                feed.documents += len(keys)
        state.pending.pop(0)
        feed_state.save(root, state)
    return added


def poll(root: Path, client: PoliteClient | None = None, lock_timeout: float = 60.0,
         progress: Callable[[int, int, str], None] | None = None) -> PollReport:
    """Poll every followed feed once; see the module's docstring for what is guaranteed."""
    client = client or PoliteClient()
    report = PollReport()
    with feed_state.locked(root, lock_timeout) as state:
        _finish_pending(root, state, lock_timeout)
        found: dict[str, list[dict[str, Any]]] = {}
        feeds = list(state.feeds.values())
        report.feeds = len(feeds)
        for done, feed in enumerate(feeds, start=1):
            feed.last_poll = _now()
            try:
                records = _poll_feed(feed, client, report)
            except FetchError as exc:
                feed.last_status, feed.last_error, feed.last_new = "error", str(exc), 0
                report.errors.append((feed.url, str(exc)))
            else:
                feed.last_error = None
                if records:
                    found[feed.url] = records
            if progress:
                progress(done, len(feeds), feed.url)
        if found:
            items = feed_state.items_folder(root)
            items.mkdir(parents=True, exist_ok=True)
            name = f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}.jsonl"
            lines = [json.dumps(r, ensure_ascii=False) for rs in found.values() for r in rs]
            store.write_atomic(items / name, "\n".join(lines) + "\n")
            state.pending.append(feed_state.Pending(
                name, {url: [item_key(r) for r in rs] for url, rs in found.items()}))
            feed_state.save(root, state)
            report.new_documents = _finish_pending(root, state, lock_timeout)
        feed_state.save(root, state)
    logs.event("feeds.poll", feeds=report.feeds, new=report.new_documents,
               errors=len(report.errors))
    return report
