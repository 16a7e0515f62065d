"""One record or page to one document, and the two ways an input can fail: shared by the
file readers, the feed reader and the web-archive reader (which import this module, not
each other).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from qidir.search.ingest.documents import (
    UNKNOWN_SOURCE,
    Document,
    find_people,
    normalize_source,
    people_from_names,
    stable_id,
    valid_id,
)

#: Content types of HTML pages (a web archive's responses, a followed item's page).
HTML_TYPES = ("text/html", "application/xhtml+xml")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Note:
    """What an input held besides documents, for the report (not a failure): e.g. the
    revisit and non-HTML records of a web archive."""

    path: str
    message: str


@dataclass(frozen=True)
class Skipped:
    """An input that was not indexed, and why (shown on stderr and kept in index stats)."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


class InputError(ValueError):
    """A whole input cannot be read; the message says why in words a user can act on."""


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 first, then a detected legacy encoding (cp1251, koi8-r …).

    News archives from the region are full of cp1251 and koi8-r files; dropping them as
    "invalid UTF-8" would lose exactly the Russian and Uzbek articles users care about
    (see :mod:`qidir.search.ingest.decoding` for how short texts are decoded right).
    """
    from qidir.search.ingest.decoding import Undecodable, decode_bytes

    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        text, _ = decode_bytes(data)
    except (Undecodable, UnicodeDecodeError) as exc:
        raise InputError(f"binary or undecodable file: {exc}") from None
    if not text.strip():
        raise InputError("empty file")
    return text


def from_extracted(ex: Any, doc_id: str, rel: str, given: dict[str, Any] | None = None) -> Document:
    if not ex.text.strip() and not (given or {}).get("text"):
        if not (ex.title and ex.published):
            raise InputError("no article text found")
        # A video or photo page: a dated headline and no text. The headline, date and
        # site are still worth finding, so it is kept with an empty text.
    doc = Document(
        id=doc_id,
        title=ex.title or _first_line(ex.text) or rel,
        text=ex.text,
        url=ex.url,
        path=rel,
        source=normalize_source(ex.source or "") or UNKNOWN_SOURCE,
        published=ex.published,
        lang=ex.lang or "und",
        script=ex.script or "Latn",
        countries=sorted(ex.countries),
        country_mentions=dict(ex.countries),
        published_precision=ex.published_precision,
    )
    if given:
        _apply_given(doc, given)
    if given and "person" in given:
        names = given["person"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise InputError("field 'person' must be a list of names")
        doc.person = people_from_names(names, doc.lang)
    else:
        doc.person = find_people(doc.title, doc.text, doc.lang)
    return doc


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


#: The fields extraction works out; a record giving all of them skips extraction.
_EXTRACTED_FIELDS = ("title", "source", "published", "lang", "countries")


def from_record(record: Any, rel: str, position: str) -> Document:
    from qidir.analyzers import script_of
    from qidir.search.ingest.metadata import Extracted, extract_plain

    if not isinstance(record, dict):
        raise InputError(f"record is a JSON {type(record).__name__}, expected an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no 'text' string")
    given_id = record.get("id")
    if given_id is not None:
        given_id = str(given_id)
        if not valid_id(given_id):
            raise InputError(f"record id {given_id[:40]!r} is not valid: use 1-128 letters, "
                             "digits, '_', '.', ':' or '-'")
        doc_id = given_id
    elif isinstance(record.get("url"), str) and record["url"]:
        doc_id = stable_id("url", record["url"])
    else:
        doc_id = stable_id(rel, position)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    if all(key in record for key in _EXTRACTED_FIELDS):
        # Every field extraction would guess is given, and given fields win: reading the
        # text for them would only cost time (most of a feed's indexing time, measured).
        ex = Extracted(title=None, text=text, published=None, published_precision=None,
                       source=None, url=url, script=script_of(text))
    else:
        ex = extract_plain(text, path=rel, url=url)
    return from_extracted(ex, doc_id, rel, record)


def _apply_given(doc: Document, given: dict[str, Any]) -> None:
    """Fields stated in a record win over what extraction guessed, after validation."""
    origin = given.get("origin")
    if origin is not None:
        if not isinstance(origin, dict):
            raise InputError("field 'origin' must be an object")
        doc.origin = {str(k): str(v) for k, v in origin.items() if v is not None}
    for key in ("title", "url", "source", "lang", "script"):
        value = given.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"field {key!r} must be a string")
        setattr(doc, key, normalize_source(value) if key == "source" else value.strip())
    # A record's text is what its producer chose to index: keep it whole.
    doc.text = given["text"]
    if "published" in given:
        value = given["published"]
        if value is None:
            doc.published, doc.published_precision = None, None
        elif isinstance(value, str) and _DATE.match(value[:10]):
            doc.published, doc.published_precision = value[:10], "day"
        else:
            raise InputError(f"field 'published' must be YYYY-MM-DD or null, got {value!r:.40}")
    if "countries" in given:
        value = given["countries"]
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise InputError("field 'countries' must be a list of ISO 3166-1 alpha-2 codes")
        codes = [c.strip().upper() for c in value]
        bad = [c for c in codes if not _COUNTRY.match(c)]
        if bad:
            raise InputError(f"field 'countries' has invalid codes: {', '.join(bad[:5])}")
        doc.countries = sorted(set(codes))
        doc.country_mentions = {c: doc.country_mentions.get(c, 1) for c in doc.countries}
