"""A document and its Whoosh fields, both ways, in one place.

:func:`to_fields` is what the indexer writes for a :class:`Document`; :func:`from_stored`
is what the service reads back from a stored hit. Keeping the two side by side is what keeps
them inverse: a field added to one is visibly missing from the other. Facet fields come from
the registry in :mod:`qidir.search.fields`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from qidir.analyzers import analysis_language
from qidir.search import fields
from qidir.search.engine.analyzer import FieldValue
from qidir.search.ingest.documents import UNKNOWN_LANG, UNKNOWN_SOURCE, Document

#: Document fields kept together in the stored ``meta`` JSON (shown, never searched).
META_KEYS = ("url", "path", "script", "countries", "country_mentions", "published_precision",
             "origin", "person")


def to_fields(doc: Document) -> dict[str, Any]:
    """The Whoosh field values of one document."""
    meta = {key: getattr(doc, key) for key in META_KEYS}
    # A short title alone shows too little to detect its language; the document's language
    # stands in for parts that have no evidence of their own. A document in a language
    # qidir does not analyse (or undetermined) gets the neutral analysis throughout.
    forced = analysis_language(doc.lang)
    hint = doc.lang if forced is None else None  # None: one of the six, detected part by part
    both = FieldValue((doc.title, doc.text), hint, forced)
    # Filled by the analysis of title and text (see FieldValue) before the document is stored.
    parts: dict[str, list[list[Any]]] = {}
    out: dict[str, Any] = {
        "id": doc.id,
        "title": FieldValue((doc.title,), hint, forced, "title", parts),
        "_stored_title": doc.title,
        "text": FieldValue((doc.text,), hint, forced, "text", parts),
        "parts": parts,
        "_stored_text": doc.text,
        "names": both,
        "published": doc.published or "",
        "undated": "0" if doc.published else "1",
        "meta": json.dumps(meta, ensure_ascii=False),
    }
    for facet in fields.facets():
        values = [v for v in facet.values(doc) if v]
        out[facet.name] = ",".join(values) if facet.multi else (values[0] if values else "")
    return out


def from_stored(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The document as the API shows it, from its stored fields."""
    meta = json.loads(stored.get("meta") or "{}")
    mentions = meta.get("country_mentions") or {}
    countries = sorted(meta.get("countries") or [], key=lambda c: (-mentions.get(c, 0), c))
    return {
        "id": stored["id"],
        "title": stored.get("title", ""),
        "text": stored.get("text", ""),
        "url": meta.get("url"),
        "path": meta.get("path"),
        "source": stored.get("source", UNKNOWN_SOURCE),
        "published": stored.get("published") or None,
        "published_precision": meta.get("published_precision"),
        "lang": stored.get("lang", UNKNOWN_LANG),
        "script": meta.get("script"),
        "countries": countries,
        "country_mentions": mentions,
        "origin": meta.get("origin"),
        "person": meta.get("person") or [],
    }
