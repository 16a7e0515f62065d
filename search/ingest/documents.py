"""The one document model every layer shares, and the rule that makes ids stable.

A document's id must not change when the same input is indexed again, so that links,
bookmarks and `index remove ID` keep working across rebuilds. Ids therefore come from
where a document was found (its path relative to the source root, plus the record's
position or own id for JSON lines), never from a counter or the time.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

#: Ids given by users (in JSON records) must be safe in URLs and never reach the filesystem.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")

UNKNOWN_SOURCE = "unknown"
UNKNOWN_LANG = "und"


def normalize_source(value: str) -> str:
    """Domains are case-insensitive, so they are kept lower-case (``Azernews.Az`` →
    ``azernews.az``); an outlet's name is kept as written."""
    value = " ".join(value.split())
    if value and " " not in value and "." in value:
        return value.lower().removeprefix("www.")
    return value


def stable_id(*parts: str) -> str:
    """A short hex id derived only from the given parts (path, record key)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


def valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value))


def find_people(title: str, text: str, lang: str | None) -> list[dict[str, Any]]:
    """The people a document names (title and text), as the ``person`` field holds them."""
    from qidir.analyzers.people import find_people as find

    return [p.to_dict() for p in find(f"{title}\n{text}", lang)]


def people_from_names(names: list[str], lang: str | None) -> list[dict[str, Any]]:
    """The ``person`` field from names a record gives (``["Ilham Aliyev", "Токаев"]``)."""
    from qidir.analyzers.people import english_spelling, known_label, person_value

    out: dict[str, dict[str, Any]] = {}
    for name in names:
        value = person_value(name)
        if not value:
            continue
        entry = out.setdefault(value, {"value": value, "aliases": [],
                                       "label": known_label(value) or
                                       english_spelling(name.strip(), lang)})
        if name.strip() not in entry["aliases"]:
            entry["aliases"].append(name.strip())
    return list(out.values())


@dataclass
class Document:
    """A news article as qidir indexes it; field names follow the public contract."""

    id: str
    title: str
    text: str
    url: str | None = None
    path: str | None = None
    source: str = UNKNOWN_SOURCE
    published: str | None = None
    lang: str = UNKNOWN_LANG
    script: str = "Latn"
    countries: list[str] = field(default_factory=list)
    #: How often the main text mentions each country, so the API can order them by weight.
    country_mentions: dict[str, int] = field(default_factory=dict)
    #: "day" when the text states the full date, "day-inferred-year" when the year came
    #: from another full date in the same article, None when there is no date.
    published_precision: str | None = None
    #: Where the document came from: ``{"kind": "file", "file": …}``, ``{"kind": "feed",
    #: "feed": URL, "item": id, "content": "full"|"summary"|"page", "author": …}`` or
    #: ``{"kind": "warc", "file": …, "record": WARC-Record-ID, "captured": date}``.
    origin: dict[str, str] | None = None
    #: The people the text names, most mentioned first: ``{"value", "label", "aliases"}``
    #: each (one value per person across scripts; see :mod:`qidir.analyzers.people`).
    person: list[dict[str, Any]] = field(default_factory=list)

    @property
    def person_values(self) -> list[str]:
        return [p["value"] for p in self.person]

    @property
    def year(self) -> str:
        return self.published[:4] if self.published else "unknown"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})
