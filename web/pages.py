"""Server-rendered HTML pages: the same search service, rendered with Jinja templates."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from qidir.search.labels import country_name, language_name
from qidir.search.query import QueryError
from qidir.search.service import BadRequest, SearchService, request_from_params
from qidir.search.store import IndexMissing

pages = Blueprint("pages", __name__)


def service() -> SearchService:
    return current_app.extensions["qidir"]


def _args() -> dict[str, list[str]]:
    return {key: request.args.getlist(key) for key in request.args}


def url_with(**changes: Any) -> str:
    """The current search URL with some parameters replaced (None removes one)."""
    args = _args()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value if isinstance(value, list) else [str(value)]
    if "page" not in changes:
        args.pop("page", None)
    pairs = [(k, v) for k, values in args.items() for v in values if v != ""]
    return "/search" + ("?" + urlencode(pairs) if pairs else "")


def toggle_url(facet: str, value: str) -> str:
    values = request.args.getlist(facet)
    values = [v for v in values if v != value] if value in values else values + [value]
    return url_with(**{facet: values})


@pages.app_context_processor
def helpers() -> dict[str, Any]:
    return {"url_with": url_with, "toggle_url": toggle_url, "country_name": country_name,
            "language_name": language_name}


def _page_error(status: int, message: str) -> tuple[str, int]:
    return render_template("error.html", status=status, message=message), status


@pages.get("/")
@pages.get("/search")
def search_page() -> Any:
    try:
        req = request_from_params(_args())
        result = service().search(req).to_json()
    except (BadRequest, QueryError) as exc:
        return render_template("search.html", result=None, error=exc.message,
                               param=exc.param, q=request.args.get("q", "")), 400
    except IndexMissing as exc:
        return _page_error(503, str(exc))
    return render_template("search.html", result=result, error=None, q=req.q)


@pages.get("/doc/<doc_id>")
def document_page(doc_id: str) -> Any:
    try:
        doc = service().document(doc_id)
    except IndexMissing as exc:
        return _page_error(503, str(exc))
    if doc is None:
        return _page_error(404, f"There is no document with id {doc_id}.")
    return render_template("document.html", doc=doc, q=request.args.get("q", ""))


@pages.app_errorhandler(404)
def not_found(exc: HTTPException) -> Any:
    if request.path.startswith("/api/"):
        from qidir.web.api import error

        return error(404, "not_found", f"no API route {request.path}")
    return _page_error(404, "There is no page at this address.")


@pages.app_errorhandler(Exception)
def unexpected(exc: Exception) -> Response | tuple[str, int]:
    if isinstance(exc, HTTPException):
        return _page_error(exc.code or 500, exc.description or exc.name)
    current_app.logger.exception("unexpected error on %s", request.path)
    return _page_error(500, "Something went wrong on our side; it has been logged.")
