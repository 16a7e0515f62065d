"""The OpenAPI 3.1 description of the JSON API, exports and feed (GET /api/openapi.json).

Written as data next to the code it describes, and checked two ways in the tests: by
openapi-spec-validator (it is a valid 3.1 document) and by schemathesis (the running API
answers what it says, for generated requests).
"""

from __future__ import annotations

from typing import Any

from qidir.analyzers import LANGUAGES
from qidir.search import fields
from qidir.search.export import CSV_COLUMNS, MAX_EXPORT_ROWS
from qidir.search.query.parser import MAX_QUERY_CHARS
from qidir.search.request import (
    DEFAULT_FACET_LIMIT,
    DEFAULT_PER_PAGE,
    MAX_FACET_LIMIT,
    MAX_PAGE,
    MAX_PER_PAGE,
    SORTS,
)
from qidir.web import i18n

_NULLABLE_STR = {"type": ["string", "null"]}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(_ref("Error"), description)


def _array_param(name: str, item: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "style": "form", "explode": True,
            "schema": {"type": "array", "items": item, "maxItems": fields.MAX_VALUES}}


def _search_params() -> list[dict[str, Any]]:
    return [
        {"name": "q", "in": "query", "required": False,
         "description": "Query in the query language (see README): AND by default, OR, "
                        "NOT/-term, \"phrases\", title:/country:/source:/lang:/year: fields, "
                        "prefix*, fuzzy~N. Empty: every document, newest first.",
         "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS}},
        *(_array_param(f.name, f.schema, f.help) for f in fields.facets()),
        {"name": "from", "in": "query", "required": False, "schema": _DATE,
         "description": "Published on or after this date (inclusive)."},
        {"name": "to", "in": "query", "required": False, "schema": _DATE,
         "description": "Published on or before this date (inclusive)."},
        {"name": "sort", "in": "query", "required": False,
         "description": "relevance (default; newest first when q is empty), newest or "
                        "oldest; undated documents come last with newest and oldest.",
         "schema": {"type": "string", "enum": list(SORTS), "default": "relevance"}},
        {"name": "page", "in": "query", "required": False, "description": "1-based page.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
        {"name": "per_page", "in": "query", "required": False, "description": "Hits per page.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                    "default": DEFAULT_PER_PAGE}},
        {"name": "facet_limit", "in": "query", "required": False,
         "description": "Values listed per facet (selected values are always listed).",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_FACET_LIMIT,
                    "default": DEFAULT_FACET_LIMIT}},
    ]


def _ui_param() -> dict[str, Any]:
    return {"name": i18n.PARAM, "in": "query", "required": False,
            "description": "The language of labels (facet values' `label`: country and language "
                           "names): " + ", ".join(i18n.CODES) + " (Uzbek in Latin or Cyrillic "
                           "script). Without it, the best match of the Accept-Language header, "
                           "else English. Values, codes, hits and counts never change with it; "
                           "a language not offered is a 400.",
            "schema": {"type": "string", "enum": list(i18n.CODES)}}


def _schemas() -> dict[str, Any]:
    doc_fields = {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "url": _NULLABLE_STR,
        "path": _NULLABLE_STR,
        "source": {"type": "string"},
        "published": {"type": ["string", "null"], "format": "date"},
        "lang": {"type": "string"},
        "script": _NULLABLE_STR,
        "countries": {"type": "array", "items": {"type": "string"}},
        "person": {"type": "array", "items": _ref("PersonRef"),
                   "description": "People the text names, most mentioned first."},
    }
    hit_base = {**doc_fields, "score": {"type": ["number", "null"],
                                        "description": "Relevance; null for date sorts."}}
    facet_value = {
        "type": "object",
        "required": ["value", "label", "count", "selected"],
        "properties": {"value": {"type": "string"},
                       "label": {"type": "string", "description":
                                 "The value's name in the language `ui` asks for."},
                       "count": {"type": "integer", "minimum": 0},
                       "selected": {"type": "boolean"}},
    }
    names = list(fields.facet_names())
    facets = {"type": "object", "required": names,
              "properties": {n: {"type": "array", "items": _ref("FacetValue")} for n in names}}
    filters = {"type": "object",
               "required": [f.name for f in fields.facets() if f.in_contract] + ["from", "to"],
               "properties": {**{n: {"type": "array", "items": {"type": "string"}}
                                 for n in names},
                              "from": _NULLABLE_STR, "to": _NULLABLE_STR}}
    token = {"type": "object", "required": ["term", "surface", "pos", "start", "end"],
             "properties": {"term": {"type": "string"}, "surface": {"type": "string"},
                            "pos": {"type": "integer"}, "start": {"type": "integer"},
                            "end": {"type": "integer"}}}
    return {
        "Error": {
            "type": "object", "required": ["error"],
            "properties": {"error": {
                "type": "object", "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                               "param": {"type": "string",
                                         "description": "The parameter that was wrong."}}}},
        },
        "FacetValue": facet_value,
        "PersonRef": {"type": "object", "required": ["value", "label"],
                      "properties": {"value": {"type": "string", "description":
                                               "The person facet's value (tokaev-k): one per "
                                               "person across scripts."},
                                     "label": {"type": "string", "description":
                                               "The spelling English news use."}}},
        "Person": {"type": "object", "required": ["value", "label", "aliases"],
                   "properties": {"value": {"type": "string"}, "label": {"type": "string"},
                                  "aliases": {"type": "array", "items": {"type": "string"},
                                              "description": "The spellings the text uses "
                                                             "(dictionary forms)."}}},
        "TimelinePeriod": {
            "type": "object", "required": ["from", "to", "label", "count", "selected"],
            "properties": {"from": {"type": "string", "format": "date"},
                           "to": {"type": "string", "format": "date"},
                           "label": {"type": "string"},
                           "count": {"type": "integer", "minimum": 0},
                           "selected": {"type": "boolean", "description":
                                        "Inside the request's from/to range."}}},
        "Timeline": {
            "type": "object", "required": ["interval", "periods", "dated", "undated"],
            "description": "Hits per period over the search with every filter except the "
                           "date range; every period from the first to the last hit, at most "
                           "about 60 bars.",
            "properties": {"interval": {"type": ["string", "null"],
                                        "enum": ["day", "week", "month", "year", None]},
                           "periods": {"type": "array", "items": _ref("TimelinePeriod")},
                           "dated": {"type": "integer", "minimum": 0},
                           "undated": {"type": "integer", "minimum": 0,
                                       "description": "Hits without a date (not in a bar)."}}},
        "Hit": {"type": "object", "required": [*hit_base, "snippet", "title_html"],
                "properties": {**hit_base,
                               "snippet": {"type": "string", "description":
                                           "HTML-safe passage; only <mark> is added."},
                               "title_html": {"type": "string", "description":
                                              "HTML-safe title with <mark>."},
                               "missing": {"type": "array", "items": {"type": "string"},
                                           "description": "In a relaxed search only: the "
                                                          "words this hit does not have."}}},
        "RelatedDocument": {"type": "object", "required": list(hit_base),
                            "properties": hit_base},
        "SearchResponse": {
            "type": "object",
            "required": ["query", "total", "took_ms", "hits", "facets", "suggestion"],
            "properties": {
                "query": {"type": "object", "required": ["q", "filters", "sort", "page",
                                                         "per_page"],
                          "properties": {"q": {"type": "string"}, "filters": filters,
                                         "sort": {"type": "string", "enum": list(SORTS)},
                                         "page": {"type": "integer"},
                                         "per_page": {"type": "integer"}}},
                "total": {"type": "integer", "minimum": 0},
                "took_ms": {"type": "number"},
                "hits": {"type": "array", "items": _ref("Hit")},
                "facets": facets,
                "facets_more": {"type": "object",
                                "additionalProperties": {"type": "boolean"},
                                "description": "Per facet: more values exist than listed."},
                "suggestion": {"type": ["string", "null"],
                               "description": "A corrected query, when one finds more."},
                "suggestion_total": {"type": ["integer", "null"],
                                     "description": "Hits the suggestion would give."},
                "timeline": _ref("Timeline"),
                "relaxed": {
                    "type": ["object", "null"],
                    "description": (
                        "Set when fewer than 10 documents have all the words: those come "
                        "first, then the documents with most of the words (rarest words "
                        "count most). Phrases, NOT/-word, explicit OR groups, field:terms "
                        "and +word are never left out. Null otherwise."),
                    "required": ["words", "missing", "complete"],
                    "properties": {
                        "words": {"type": "array", "items": {"type": "string"},
                                  "description": "The words that may be left out."},
                        "missing": {"type": "array", "items": {"type": "string"},
                                    "description": "Words some hit on this page lacks."},
                        "complete": {"type": "integer", "minimum": 0,
                                     "description": "Documents that have every word."}}},
            },
        },
        "Document": {
            "type": "object", "required": [*doc_fields, "text", "related"],
            "properties": {**doc_fields, "text": {"type": "string"},
                           "person": {"type": "array", "items": _ref("Person")},
                           "published_precision": _NULLABLE_STR,
                           "country_mentions": {"type": "object",
                                                "additionalProperties": {"type": "integer"}},
                           "origin": {"type": ["object", "null"], "description":
                                      "Where the document came from: kind file (file), feed "
                                      "(feed, item, content: full|summary|page, author) or "
                                      "warc (file, record, captured: the capture date, "
                                      "never the publication date).",
                                      "additionalProperties": {"type": "string"}},
                           "related": {"type": "array", "maxItems": 5,
                                       "items": _ref("RelatedDocument")}},
        },
        "FacetResponse": {"type": "object", "required": ["facet", "values"],
                          "properties": {"facet": {"type": "string",
                                                   "enum": list(fields.facet_names())},
                                         "values": {"type": "array",
                                                    "items": _ref("FacetValue")}}},
        "Stats": {"type": "object",
                  "required": ["documents", "schema_version", "facets", "sources"],
                  "properties": {"documents": {"type": "integer"},
                                 "generation": {"type": "string"},
                                 "schema_version": {"type": "integer"},
                                 "schema_current": {
                                     "type": "boolean",
                                     "description": "false: built by an older qidir; "
                                                    "rebuild to apply today's analysis"},
                                 "built_at": _NULLABLE_STR, "updated_at": _NULLABLE_STR,
                                 "build_seconds": {"type": ["number", "null"]},
                                 "sources": {"type": "array", "items": {"type": "string"}},
                                 "facets": {"type": "object", "additionalProperties": {
                                     "type": "object",
                                     "additionalProperties": {"type": "integer"}}},
                                 "missing": {"type": "object",
                                             "additionalProperties": {"type": "integer"}},
                                 "skipped": {"type": "array"},
                                 "feeds": {"type": "array", "description":
                                           "Followed feeds (qidir feeds): last poll, its "
                                           "status and error, new and total documents.",
                                           "items": {"type": "object"}}}},
        "Health": {"type": "object", "required": ["status", "documents"],
                   "properties": {"status": {"type": "string", "const": "ok"},
                                  "documents": {"type": "integer"},
                                  "generation": {"type": "string"},
                                  "schema_current": {"type": "boolean"}}},
        "Analysis": {"type": "object", "required": ["text", "lang", "script", "parts", "fields"],
                     "properties": {
                         "text": {"type": "string"}, "lang": {"type": "string"},
                         "script": {"type": "string"},
                         "parts": {"type": "array", "items": {
                             "type": "object",
                             "required": ["start", "end", "lang", "script", "text"],
                             "properties": {"start": {"type": "integer"},
                                            "end": {"type": "integer"},
                                            "lang": {"type": "string"},
                                            "script": {"type": "string"},
                                            "text": {"type": "string"}}}},
                         "fields": {"type": "object", "additionalProperties": {
                             "type": "array", "items": token}}}},
    }


_BAD = _error("A bad parameter or query; `param` names it.")
_NO_INDEX = _error("No index yet, or the search ran out of time (then with Retry-After).")


def openapi_spec() -> dict[str, Any]:
    search_params = _search_params()
    export_note = (f"Every hit of the search across all pages, in the requested order, at "
                   f"most {MAX_EXPORT_ROWS} rows, streamed. Headers X-Total-Count (all hits) "
                   "and X-Export-Truncated tell whether rows were left out.")
    return {
        "openapi": "3.1.0",
        "info": {"title": "qidir API", "version": "1.0.0",
                 "description": "Full-text search with faceted browsing for multilingual news. "
                                "Read-only; every GET allows cross-origin requests. Errors are "
                                "JSON {error: {code, message, param}}."},
        "servers": [{"url": "/"}],
        "paths": {
            "/api/search": {"get": {
                "operationId": "search", "summary": "Search with disjunctive facets",
                "parameters": [*search_params, _ui_param()],
                "responses": {"200": _json(_ref("SearchResponse"), "Hits, facets, suggestion."),
                              "400": _BAD, "503": _NO_INDEX}}},
            "/api/search.csv": {"get": {
                "operationId": "searchCsv", "summary": "Export a search as CSV",
                "description": export_note + " Columns: " + ", ".join(CSV_COLUMNS) +
                "; countries and people (their labels) are joined with ';'.",
                "parameters": search_params,
                "responses": {"200": {"description": "RFC 4180 CSV with a header row.",
                                      "content": {"text/csv": {"schema": {"type": "string"}}}},
                              "400": _BAD, "503": _NO_INDEX}}},
            "/api/search.ndjson": {"get": {
                "operationId": "searchNdjson", "summary": "Export a search as NDJSON",
                "description": export_note + " One RelatedDocument-shaped object per line.",
                "parameters": search_params,
                "responses": {"200": {"description": "Newline-delimited JSON.",
                                      "content": {"application/x-ndjson": {
                                          "schema": {"type": "string"}}}},
                              "400": _BAD, "503": _NO_INDEX}}},
            "/search.atom": {"get": {
                "operationId": "searchAtom", "summary": "Atom feed of the newest matches",
                "description": "The newest documents matching a search (sort is always "
                               "newest; per_page entries, default 20).",
                "parameters": [p for p in search_params if p["name"] not in ("sort", "page")],
                "responses": {"200": {"description": "An Atom 1.0 feed.",
                                      "content": {"application/atom+xml": {
                                          "schema": {"type": "string"}}}},
                              "400": _BAD, "503": _NO_INDEX}}},
            "/api/documents/{id}": {"get": {
                "operationId": "getDocument", "summary": "One document with related ones",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": _json(_ref("Document"), "The whole document."),
                              "404": _error("No document with this id."),
                              "503": _NO_INDEX}}},
            "/api/facets/{facet}": {"get": {
                "operationId": "getFacet", "summary": "All values of one facet for a search",
                "parameters": [{"name": "facet", "in": "path", "required": True,
                                "schema": {"type": "string", "enum": list(fields.facet_names())}},
                               {"name": "prefix", "in": "query", "required": False,
                                "description": "Keep values whose label or value starts "
                                               "with this (case-insensitive).",
                                "schema": {"type": "string", "maxLength": 100}},
                               *search_params, _ui_param()],
                "responses": {"200": _json(_ref("FacetResponse"), "The facet's values."),
                              "400": _BAD, "404": _error("No such route."),
                              "503": _NO_INDEX}}},
            "/api/stats": {"get": {
                "operationId": "stats", "summary": "What `qidir index stats --json` prints",
                "responses": {"200": _json(_ref("Stats"), "Index statistics."),
                              "503": _NO_INDEX}}},
            "/api/health": {"get": {
                "operationId": "health", "summary": "Liveness and document count",
                "responses": {"200": _json(_ref("Health"), "The index is served."),
                              "503": _NO_INDEX}}},
            "/api/analyze": {"get": {
                "operationId": "analyze", "summary": "What `qidir analyze --json` prints",
                "parameters": [{"name": "text", "in": "query", "required": True,
                                "schema": {"type": "string", "minLength": 1,
                                           "maxLength": 20_000}},
                               {"name": "lang", "in": "query", "required": False,
                                "schema": {"type": "string", "enum": list(LANGUAGES)}}],
                "responses": {"200": _json(_ref("Analysis"), "Parts and tokens per field."),
                              "400": _BAD}}},
            "/api/openapi.json": {"get": {
                "operationId": "openapi", "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1",
                                      "content": {"application/json": {
                                          "schema": {"type": "object"}}}}}}},
        },
        "components": {"schemas": _schemas()},
    }
