"""Exports of a whole search: CSV and NDJSON rows, produced as the hits are read.

A newsroom exports a query's hits to a spreadsheet or a script; both formats stream one hit
per line, so a large export starts at once and needs little memory. Rows are bounded by
MAX_EXPORT_ROWS (the response says how many hits there were in all).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

MAX_EXPORT_ROWS = 10_000

#: CSV columns, in order; list fields (countries, people) are joined with ";" inside one
#: cell, people by their English labels.
CSV_COLUMNS = ("id", "title", "published", "source", "lang", "script", "countries", "person",
               "url", "path", "score")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(_cell(v["label"] if isinstance(v, dict) else v) for v in value)
    text = str(value)
    # A cell starting with = + - @ would run as a formula in spreadsheet programs.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """RFC 4180 CSV (quotes doubled, fields with commas/quotes/newlines quoted, CRLF rows)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    yield buf.getvalue()
    for row in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow([_cell(row.get(c)) for c in CSV_COLUMNS])
        yield buf.getvalue()


def ndjson_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line, the hit fields of the search API (without snippets)."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
