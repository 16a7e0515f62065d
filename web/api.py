"""The JSON API blueprint: every answer comes from the search service; errors are JSON."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context
from werkzeug.exceptions import NotFound

from qidir.analyzers import LANGUAGES
from qidir.search import (
    BadRequest,
    IndexMissing,
    SearchService,
    analysis_report,
    request_from_params,
)
from qidir.search.export import MAX_EXPORT_ROWS, csv_lines, ndjson_lines
from qidir.web import i18n

api = Blueprint("api", __name__, url_prefix="/api")

MAX_ANALYZE_CHARS = 20_000


def service() -> SearchService:
    return current_app.extensions["qidir"]


def params() -> dict[str, list[str]]:
    return {key: request.args.getlist(key) for key in request.args}


@api.after_request
def cors(response: Response) -> Response:
    # The API is read-only: any page may GET it (no credentials are involved).
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@api.get("/search")
def search() -> Response:
    result = service().search(request_from_params(params()), i18n.locale_id())
    return jsonify(result.to_json())


@api.get("/documents/<doc_id>")
def document(doc_id: str) -> Response:
    doc = service().document(doc_id)
    doc["related"] = service().related(doc_id)
    return jsonify(doc)


@api.get("/facets/<facet>")
def facet(facet: str) -> Response:
    args = params()
    prefix = (args.pop("prefix", None) or [None])[-1]
    return jsonify(service().facet(request_from_params(args), facet, prefix, i18n.locale_id()))


@api.get("/stats")
def stats() -> Response:
    return jsonify(service().stats())


@api.get("/health")
def health() -> Response:
    try:
        return jsonify(service().health())
    except IndexMissing as exc:
        # Monitors read "status"; clients of the error format read "error".
        response = jsonify({"status": "no_index", "documents": 0, "generation": None,
                            "error": {"code": "no_index", "message": str(exc)}})
        response.status_code = 503
        return response


@api.get("/analyze")
def analyze() -> Response:
    text = request.args.get("text", "")
    if not text.strip():
        raise BadRequest("text", "text is required")
    if len(text) > MAX_ANALYZE_CHARS:
        raise BadRequest("text", f"text is longer than {MAX_ANALYZE_CHARS} characters")
    lang = request.args.get("lang") or None
    if lang is not None and lang not in LANGUAGES:
        raise BadRequest("lang", f"lang must be one of {', '.join(LANGUAGES)}")
    return jsonify(analysis_report(text, lang))


def _export(lines: Any, mimetype: str, extension: str) -> Response:
    req = request_from_params(params())
    total, rows = service().iter_hits(req, MAX_EXPORT_ROWS)
    response = Response(stream_with_context(lines(rows)), content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="qidir-search.{extension}"'
    response.headers["X-Total-Count"] = str(total)
    response.headers["X-Export-Truncated"] = "true" if total > MAX_EXPORT_ROWS else "false"
    return response


@api.get("/search.csv")
def search_csv() -> Response:
    return _export(csv_lines, "text/csv; charset=utf-8", "csv")


@api.get("/search.ndjson")
def search_ndjson() -> Response:
    return _export(ndjson_lines, "application/x-ndjson; charset=utf-8", "ndjson")


@api.get("/openapi.json")
def openapi() -> Response:
    from qidir.web.openapi import openapi_spec

    return jsonify(openapi_spec())


@api.route("/<path:anything>")
def not_found(anything: str) -> Response:
    raise NotFound()
