"""One error contract for the whole app: one table, two renderers, one hook.

Every exception a request can end with is looked up in :data:`ERRORS` (status, code, the
page's heading, ``Retry-After``), then rendered as JSON for the API and the feed
(``{"error": {"code", "message", "param"}}``) or as the HTML error page for the pages. The
hook is registered once, in the app factory (like Datasette's ``handle_exception``), so no
view catches errors of its own, and a bad request is never a 500 and never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from qidir.search import (
    BadRequest,
    DocumentNotFound,
    IndexMissing,
    QueryError,
    SearchTimeout,
)
from qidir.search.labels import N_

#: Seconds a client is asked to wait before retrying a search that ran out of time.
RETRY_AFTER_SECONDS = 2
#: Blueprints whose errors are JSON (a feed reader or a script reads them, not a person).
JSON_BLUEPRINTS = frozenset({"api", "feeds"})


@dataclass(frozen=True)
class ErrorKind:
    status: int
    code: str
    #: The heading of the HTML error page (English, marked for the catalogs with ``N_``;
    #: the page shows it in the reader's language).
    title: str
    retry_after: int | None = None
    #: What the HTML page says, when it says more than the JSON message (in the reader's
    #: language: it runs when the page is rendered).
    page_message: Callable[[Any], str] | None = None


#: Exception → how it is answered. The first matching row wins (subclasses first).
ERRORS: tuple[tuple[type[Exception], ErrorKind], ...] = (
    (BadRequest, ErrorKind(400, "bad_parameter", N_("A parameter is not right"),
                           page_message=lambda e: gettext("%(message)s (parameter “%(param)s”).",
                                                          message=e.message, param=e.param))),
    (QueryError, ErrorKind(400, "bad_query", N_("Cannot run this query"))),
    (DocumentNotFound, ErrorKind(
        404, "not_found", N_("Document not found"),
        page_message=lambda e: gettext("There is no document with the id “%(id)s”.",
                                       id=e.doc_id))),
    (IndexMissing, ErrorKind(503, "no_index", N_("No index yet"))),
    (SearchTimeout, ErrorKind(503, "timeout", N_("The search took too long"),
                              retry_after=RETRY_AFTER_SECONDS)),
)
UNEXPECTED = ErrorKind(500, "internal_error", N_("Something went wrong"))


@dataclass(frozen=True)
class Answer:
    """One error, ready for either renderer."""

    kind: ErrorKind
    message: str
    page_message: str
    param: str | None = None


def describe(exc: Exception) -> Answer:
    for cls, kind in ERRORS:
        if isinstance(exc, cls):
            message = getattr(exc, "message", None) or str(exc)
            page = kind.page_message(exc) if kind.page_message else message
            return Answer(kind, message, page, getattr(exc, "param", None))
    if isinstance(exc, HTTPException):
        status = exc.code or 500
        code = (exc.name or "error").lower().replace(" ", "_")
        if status == 404:
            kind = ErrorKind(404, "not_found", N_("Page not found"))
            if request.path.startswith("/api/"):
                message = f"no API route {request.path}"
                return Answer(kind, message, message)
            return Answer(kind, "There is no page at this address.",
                          gettext("There is no page at this address."))
        kind = ErrorKind(status, code, exc.name or "Error")
        return Answer(kind, exc.description or exc.name, exc.description or exc.name)
    current_app.logger.exception("unexpected error on %s", request.path)
    return Answer(UNEXPECTED, "an unexpected error occurred; it has been logged",
                  gettext("Something went wrong on our side; it has been logged."))


def json_error(answer: Answer) -> Response:
    body: dict[str, Any] = {"code": answer.kind.code, "message": answer.message}
    if answer.param:
        body["param"] = answer.param
    response = jsonify({"error": body})
    response.status_code = answer.kind.status
    return response


def html_error(answer: Answer) -> Response:
    body = render_template("error.html", status=answer.kind.status, message=answer.page_message,
                           title=gettext(answer.kind.title), q=request.args.get("q", ""))
    return Response(body, status=answer.kind.status, mimetype="text/html")


def wants_json() -> bool:
    return request.blueprint in JSON_BLUEPRINTS or request.path.startswith("/api/")


def handle_exception(exc: Exception) -> Response:
    answer = describe(exc)
    response = json_error(answer) if wants_json() else html_error(answer)
    if answer.kind.retry_after is not None:
        response.headers["Retry-After"] = str(answer.kind.retry_after)
    return response


def register(app: Flask) -> None:
    """The one place errors are hooked into the app."""
    app.register_error_handler(Exception, handle_exception)
