"""One error contract: every row of the table answers the same status, code and
Retry-After on the API and the feed (JSON) and on the pages (HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qidir.search import (
    BadRequest,
    DocumentNotFound,
    IndexMissing,
    QueryError,
    SearchTimeout,
)
from qidir.web import create_app
from qidir.web.errors import ERRORS

RAISED = {
    BadRequest: BadRequest("sort", "sort must be one of relevance, newest, oldest"),
    QueryError: QueryError("unclosed quotation mark", 3),
    DocumentNotFound: DocumentNotFound("abc"),
    IndexMissing: IndexMissing("no index at /nowhere"),
    SearchTimeout: SearchTimeout("the search took too long (matching)"),
}


def test_every_row_is_exercised() -> None:
    assert {cls for cls, _ in ERRORS} == set(RAISED)


@pytest.mark.parametrize(("cls", "kind"), ERRORS, ids=[c.__name__ for c, _ in ERRORS])
@pytest.mark.parametrize("url", ["/api/search?q=x", "/search.atom?q=x", "/search?q=x"])
def test_each_error_is_answered_the_same_way_everywhere(
        web_index: Path, monkeypatch: pytest.MonkeyPatch, cls: type, kind, url: str) -> None:  # type: ignore[no-untyped-def]
    app = create_app(web_index)

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RAISED[cls]

    monkeypatch.setattr(app.extensions["qidir"], "search", fail)
    response = app.test_client().get(url)
    assert response.status_code == kind.status
    assert (response.headers.get("Retry-After") is not None) == (kind.retry_after is not None)
    if url.startswith("/search?"):
        assert response.mimetype == "text/html"
        page = response.get_data(as_text=True)
        assert kind.title in page and f"HTTP status {kind.status}" in page
        assert "Traceback" not in page
    else:
        error = response.get_json()["error"]
        assert error["code"] == kind.code and error["message"]


def test_an_unexpected_error_is_a_500_without_a_traceback(
        web_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(web_index)

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("secret detail")

    monkeypatch.setattr(app.extensions["qidir"], "search", boom)
    client = app.test_client()
    api = client.get("/api/search?q=x")
    assert api.status_code == 500 and api.get_json()["error"]["code"] == "internal_error"
    page = client.get("/search?q=x")
    assert page.status_code == 500
    assert "secret detail" not in page.get_data(as_text=True) + api.get_data(as_text=True)
