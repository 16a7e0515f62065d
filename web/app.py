"""Application factory: one SearchService per app, shared by the API blueprint and the pages."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response

from qidir.search.service import SearchService
from qidir.search.store import default_root


def create_app(index_root: Path | str | None = None) -> Flask:
    app = Flask(__name__)
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["qidir"] = SearchService(Path(index_root) if index_root else default_root())

    from qidir.web.api import api
    from qidir.web.pages import pages

    app.register_blueprint(api)
    app.register_blueprint(pages)

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
        return response

    return app
