"""The JSON API blueprint: every answer comes from the search service; errors are JSON."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context
from werkzeug.exceptions import HTTPException

from qidir.analyzers import LANGUAGES
from qidir.search.analysis_report import analysis_report
from qidir.search.engine.store import IndexMissing
from qidir.search.export import MAX_EXPORT_ROWS, csv_lines, ndjson_lines
from qidir.search.query.parser import QueryError
from qidir.search.service import (
    BadRequest,
    SearchService,
    SearchTimeout,
    request_from_params,
)
from qidir.web.feed import atom_feed

api = Blueprint("api", __name__, url_prefix="/api")

MAX_ANALYZE_CHARS = 20_000
#: Entries in an Atom feed: the default and the most a reader may ask for (per_page).
FEED_ENTRIES = 20
#: Seconds a client is told to wait after a search ran out of time.
RETRY_AFTER_SECONDS = 2


def service() -> SearchService:
    return current_app.extensions["qidir"]


def error(status: int, code: str, message: str, param: str | None = None) -> Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if param:
        body["param"] = param
    response = jsonify({"error": body})
    response.status_code = status
    return response


def params() -> dict[str, list[str]]:
    return {key: request.args.getlist(key) for key in request.args}


@api.after_request
def cors(response: Response) -> Response:
    # The API is read-only: any page may GET it (no credentials are involved).
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@api.errorhandler(BadRequest)
def bad_request(exc: BadRequest) -> Response:
    return error(400, "bad_parameter", exc.message, exc.param)


@api.errorhandler(QueryError)
def bad_query(exc: QueryError) -> Response:
    return error(400, "bad_query", exc.message, exc.param)


@api.errorhandler(IndexMissing)
def no_index(exc: IndexMissing) -> Response:
    return error(503, "no_index", str(exc))


@api.errorhandler(SearchTimeout)
def timed_out(exc: SearchTimeout) -> Response:
    response = error(503, "timeout", str(exc))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@api.errorhandler(HTTPException)
def http_error(exc: HTTPException) -> Response:
    code = (exc.name or "error").lower().replace(" ", "_")
    return error(exc.code or 500, code, exc.description or exc.name)


@api.errorhandler(Exception)
def unexpected(exc: Exception) -> Response:
    current_app.logger.exception("unexpected error on %s", request.path)
    return error(500, "internal_error", "an unexpected error occurred; it has been logged")


@api.get("/search")
def search() -> Response:
    result = service().search(request_from_params(params()))
    return jsonify(result.to_json())


@api.get("/documents/<doc_id>")
def document(doc_id: str) -> Response:
    doc = service().document(doc_id)
    if doc is None:
        return error(404, "not_found", f"no document with id {doc_id!r}", "id")
    doc["related"] = service().related(doc_id)
    return jsonify(doc)


@api.get("/facets/<facet>")
def facet(facet: str) -> Response:
    args = params()
    prefix = (args.pop("prefix", None) or [None])[-1]
    return jsonify(service().facet(request_from_params(args), facet, prefix))


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


def search_atom() -> Response:
    """GET /search.atom: the newest documents matching a search, as an Atom feed.

    It lives outside /api (a feed reader follows a page-like URL) but answers errors the
    API's way, as JSON."""
    try:
        args = params()
        args["sort"] = ["newest"]
        args.pop("page", None)
        if not args.get("per_page") or not args["per_page"][-1]:
            args["per_page"] = [str(FEED_ENTRIES)]
        req = request_from_params(args)
        result = service().search(req)
    except (BadRequest, QueryError) as exc:
        code = "bad_query" if isinstance(exc, QueryError) else "bad_parameter"
        return error(400, code, exc.message, exc.param)
    except IndexMissing as exc:
        return error(503, "no_index", str(exc))
    except SearchTimeout as exc:
        return timed_out(exc)
    query = request.query_string.decode("utf-8", "replace")
    page_url = request.host_url.rstrip("/") + "/search" + ("?" + query if query else "")
    title = f"qidir: {req.q}" if req.q.strip() else "qidir: newest documents"
    doc_url = request.host_url.rstrip("/") + "/doc/{id}"
    body = atom_feed(title, request.url, page_url, doc_url, result.to_json()["hits"])
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@api.record_once
def _register_feed(state: Any) -> None:
    # The feed sits at /search.atom, beside the /search page, not under the /api prefix.
    state.app.add_url_rule("/search.atom", "search_atom", search_atom, methods=["GET"])


@api.route("/<path:anything>")
def not_found(anything: str) -> Response:
    return error(404, "not_found", f"no API route /api/{anything}")
