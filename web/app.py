"""Application factory: one SearchService per app, shared by the API blueprint and the pages.

The factory also owns what every response gets, whichever blueprint made it: security
headers, the search time limit (the service's ``timeout``), the one error hook
(:mod:`qidir.web.errors`), and one structured log line per request.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from flask import Flask, Response
from werkzeug.wsgi import ClosingIterator

from qidir.search import SearchService, default_root, logs, search_timeout
from qidir.web import errors, i18n

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
    app.extensions["qidir"] = SearchService(root, timeout)
    i18n.init_app(app)

    from qidir.web.api import api
    from qidir.web.feed import feeds
    from qidir.web.pages import pages

    app.register_blueprint(api)
    app.register_blueprint(feeds)
    app.register_blueprint(pages)
    errors.register(app)

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.wsgi_app = RequestLog(app.wsgi_app)  # type: ignore[method-assign]
    return app
