"""The follower's state, kept beside the index in ``<index>/feeds/``.

``state.json`` holds the followed feeds (URL, name, HTTP validators, the ids of items
already indexed, the last poll's outcome) and the spool files not yet indexed. ``items/``
holds one JSON-lines file per poll with the documents that poll found, complete (text and
metadata), so ``qidir index rebuild`` re-reads them without fetching anything, and a poll
killed after writing its spool but before the index took it is finished by the next poll
(``pending``). Every write replaces the file atomically.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from qidir.search.engine import store

FOLDER = "feeds"
STATE_FILE = "state.json"
ITEMS = "items"
#: Item ids remembered per feed: far more than any feed lists at once.
MAX_SEEN = 5000


@dataclass
class Feed:
    url: str
    name: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)
    last_poll: str | None = None
    last_status: str | None = None  # "ok", "unchanged" or "error"
    last_error: str | None = None
    last_new: int = 0
    documents: int = 0

    def remember(self, keys: list[str]) -> None:
        known = set(self.seen)
        self.seen.extend(k for k in keys if k not in known)
        del self.seen[:-MAX_SEEN]

    def summary(self) -> dict[str, Any]:
        """What `index stats` and /api/stats show of a feed."""
        return {"url": self.url, "name": self.name, "last_poll": self.last_poll,
                "last_status": self.last_status, "last_error": self.last_error,
                "new_documents": self.last_new, "documents": self.documents}


@dataclass
class Pending:
    """A spool file written by a poll and not yet in the index, with the item ids it holds."""

    file: str
    keys: dict[str, list[str]]  # feed URL → item ids


@dataclass
class State:
    feeds: dict[str, Feed] = field(default_factory=dict)
    pending: list[Pending] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"feeds": [asdict(f) for f in self.feeds.values()],
                           "pending": [asdict(p) for p in self.pending]},
                          ensure_ascii=False, indent=1)


def folder(root: Path) -> Path:
    return Path(root) / FOLDER


def items_folder(root: Path) -> Path:
    return folder(root) / ITEMS


def load(root: Path) -> State:
    path = folder(root) / STATE_FILE
    if not path.exists():
        return State()
    data = json.loads(path.read_text(encoding="utf-8"))
    feeds = {f["url"]: Feed(**f) for f in data.get("feeds", [])}
    return State(feeds, [Pending(**p) for p in data.get("pending", [])])


def save(root: Path, state: State) -> None:
    folder(root).mkdir(parents=True, exist_ok=True)
    store.write_atomic(folder(root) / STATE_FILE, state.to_json())


@contextmanager
def locked(root: Path, timeout: float = 60.0) -> Iterator[State]:
    """The state, under the follower's own lock (one poll or edit at a time), saved by the
    caller with :func:`save`."""
    folder(root).mkdir(parents=True, exist_ok=True)
    with store.writer_lock(folder(root), timeout):
        yield load(root)


def summaries(root: Path) -> list[dict[str, Any]]:
    """The followed feeds as `index stats` shows them (empty when none are followed)."""
    try:
        return [f.summary() for f in load(root).feeds.values()]
    except (OSError, ValueError):
        return []
