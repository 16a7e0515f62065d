"""Application factory: one SearchService per app, shared by the API blueprint and the pages.

The factory also owns what every response gets, whichever blueprint made it: security
headers, the search time limit (503 + Retry-After when exceeded), and one structured log
line per request.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from flask import Flask, Response, render_template
from werkzeug.wsgi import ClosingIterator

from qidir.search import logs
from qidir.search.engine.deadline import search_timeout
from qidir.search.engine.store import default_root
from qidir.search.service import SearchService, SearchTimeout

#: Seconds a client is asked to wait before retrying a search that ran out of time.
RETRY_AFTER_SECONDS = 2

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
}


class TimedSearchService(SearchService):
    """The search service with the server's time limit stamped on every request.

    ``SearchRequest.deadline`` is checked between the stages of a search by the service
    and inside Whoosh's matching loop by :mod:`qidir.search.engine.deadline`; here it is set, once
    per request, from QIDIR_SEARCH_TIMEOUT (default 10 s).
    """

    def __init__(self, root: Path, timeout: float | None) -> None:
        super().__init__(root)
        self.timeout = timeout
        self._seen: object | None = None

    def _current(self) -> Any:
        """The open index version; when it changes, unused old versions are freed now.

        A Whoosh searcher refers to itself, so an old version is only freed by Python's
        cyclic garbage collector, which may not run for a long time in a server; until
        then the memory maps of a deleted generation keep its disk space in use. One
        collection per index change (tens of ms, paid by one request) frees every version
        no request uses any more."""
        v = super()._current()
        if v is not self._seen:
            first = self._seen is None
            self._seen = v
            if not first:
                gc.collect()
        return v

    def _stamp(self, req: Any) -> Any:
        if self.timeout and getattr(req, "deadline", None) is None:
            req.deadline = time.monotonic() + self.timeout
        return req

    def search(self, req: Any) -> Any:
        return super().search(self._stamp(req))

    def facet(self, req: Any, name: str, prefix: str | None = None) -> Any:
        return super().facet(self._stamp(req), name, prefix)

    def iter_hits(self, req: Any, max_rows: int) -> Any:
        return super().iter_hits(self._stamp(req), max_rows)


class RequestLog:
    """WSGI middleware: one JSON line per request (method, path, status, duration), logged
    when the body has been sent, so streamed exports are timed whole. The query string is
    not logged: it holds what people searched for."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        started = time.perf_counter()
        seen: dict[str, int] = {"status": 0}

        def recording_start_response(status: str, headers: list[tuple[str, str]],
                                     exc_info: Any = None) -> Any:
            seen["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        def done() -> None:
            logs.event("http.request", method=environ.get("REQUEST_METHOD", ""),
                       path=environ.get("PATH_INFO", ""), status=seen["status"] or 500,
                       ms=round((time.perf_counter() - started) * 1000, 2), pid=os.getpid())

        try:
            body = self.app(environ, recording_start_response)
        except BaseException:
            seen["status"] = seen["status"] or 500
            done()
            raise
        return ClosingIterator(body, [done])


def create_app(index_root: Path | str | None = None, search_timeout_s: float | None = None
               ) -> Flask:
    """``search_timeout_s``: seconds a search may run (default QIDIR_SEARCH_TIMEOUT or 10;
    0 for no limit)."""
    app = Flask(__name__)
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    timeout = search_timeout() if search_timeout_s is None else (search_timeout_s or None)
    root = Path(index_root) if index_root else default_root()
    app.extensions["qidir"] = TimedSearchService(root, timeout)

    from qidir.web.api import api
    from qidir.web.pages import pages

    app.register_blueprint(api)
    app.register_blueprint(pages)

    @app.errorhandler(SearchTimeout)
    def search_timed_out(exc: SearchTimeout) -> Any:
        # Pages only: the API blueprint answers its own timeouts as JSON.
        response = Response(render_template("error.html", status=503, message=str(exc)),
                            status=503, mimetype="text/html")
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.wsgi_app = RequestLog(app.wsgi_app)  # type: ignore[method-assign]
    return app
