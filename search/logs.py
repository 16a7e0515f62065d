"""Structured, single-line logs on stderr: one line per HTTP request and per index change.

Lines are JSON objects so they can be grepped by eye and parsed by any log shipper. The
library only emits records on the ``qidir`` logger at INFO level; nothing is printed until
the CLI (or an embedding application) calls :func:`configure`, so tests and library users
are not spammed.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any, TextIO

LOGGER = logging.getLogger("qidir")
_HANDLER_FLAG = "_qidir_json_handler"


class JsonLineFormatter(logging.Formatter):
    """One JSON object per line; newlines inside values are escaped by json.dumps."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "event": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            # Still one line: the traceback is a JSON string (its newlines escaped), for the
            # operator; it never reaches a client.
            exc = record.exc_info[1]
            line["error"] = f"{type(exc).__name__}: {exc}"
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(stream: TextIO | None = None, level: int = logging.INFO) -> None:
    """Send qidir's records to ``stream`` (stderr) as JSON lines; idempotent."""
    for handler in LOGGER.handlers:
        if getattr(handler, _HANDLER_FLAG, False):
            return
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLineFormatter())
    setattr(handler, _HANDLER_FLAG, True)
    LOGGER.addHandler(handler)
    LOGGER.setLevel(level)
    LOGGER.propagate = False
    # waitress logs through the same JSON lines. Its "task queue depth" warning fires on
    # every queued request under load; the request log's durations already show queueing.
    waitress = logging.getLogger("waitress")
    waitress.addHandler(handler)
    waitress.setLevel(level)
    waitress.propagate = False
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def event(name: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log one structured event, e.g. ``event("index.rebuild", indexed=42, generation=g)``."""
    LOGGER.log(level, name, extra={"fields": fields})
