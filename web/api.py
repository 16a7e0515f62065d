"""The JSON API blueprint: every answer comes from the search service; errors are JSON."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from qidir.search.analysis_report import analysis_report
from qidir.search.query import QueryError
from qidir.search.service import BadRequest, SearchService, request_from_params
from qidir.search.store import IndexMissing

api = Blueprint("api", __name__, url_prefix="/api")

MAX_ANALYZE_CHARS = 20_000


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
    return jsonify(service().health())


@api.get("/analyze")
def analyze() -> Response:
    text = request.args.get("text", "")
    if not text.strip():
        raise BadRequest("text", "text is required")
    if len(text) > MAX_ANALYZE_CHARS:
        raise BadRequest("text", f"text is longer than {MAX_ANALYZE_CHARS} characters")
    lang = request.args.get("lang") or None
    return jsonify(analysis_report(text, lang))


@api.route("/<path:anything>")
def not_found(anything: str) -> Response:
    return error(404, "not_found", f"no API route /api/{anything}")
