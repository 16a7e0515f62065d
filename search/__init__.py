"""qidir's search side: everything below the web, behind one small public API.

Data flows one way through the sub-packages: ``ingest`` (file → document), the analyzers
(:mod:`qidir.analyzers`), ``engine`` (the Whoosh index), ``query`` (query string → Whoosh
query, suggestions, highlighting), then :class:`SearchService`, which the CLI, the API and
the pages all ask. ``web/`` and the CLI import what they need from here::

    from qidir.search import SearchService, request_from_params, QueryError

Names are resolved on first use, so importing one sub-package does not import the rest.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "SearchService": "qidir.search.service",
    "SearchResult": "qidir.search.service",
    "QueryPlan": "qidir.search.service",
    "DocumentNotFound": "qidir.search.service",
    "hit_row": "qidir.search.service",
    "SearchRequest": "qidir.search.request",
    "BadRequest": "qidir.search.request",
    "request_from_params": "qidir.search.request",
    "SORTS": "qidir.search.request",
    "MAX_PAGE": "qidir.search.request",
    "MAX_PER_PAGE": "qidir.search.request",
    "DEFAULT_PER_PAGE": "qidir.search.request",
    "DEFAULT_FACET_LIMIT": "qidir.search.request",
    "MAX_FACET_LIMIT": "qidir.search.request",
    "QueryError": "qidir.search.query.parser",
    "MAX_QUERY_CHARS": "qidir.search.query.parser",
    "highlight": "qidir.search.query.highlight",
    "SearchTimeout": "qidir.search.engine.deadline",
    "search_timeout": "qidir.search.engine.deadline",
    "IndexMissing": "qidir.search.engine.store",
    "default_root": "qidir.search.engine.store",
    "analysis_report": "qidir.search.analysis_report",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qidir.search' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
