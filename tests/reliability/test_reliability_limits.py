"""Every bound on a query is a clear 400 naming its parameter (the limits live in
search/query/parser.py, search/query/compiler.py and search/service.py; this checks them
end to end)."""

from __future__ import annotations

import pytest
from reliability_helpers import SEEDS

from qidir.search import service
from qidir.search.engine import indexer
from qidir.search.query import compiler
from qidir.search.query import parser as query
from qidir.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("limits") / "index"
    indexer.rebuild(root, [SEEDS])
    return create_app(root).test_client()


def _error(client, path: str, params: dict[str, str]) -> dict:  # type: ignore[no-untyped-def]
    response = client.get(path, query_string=params)
    assert response.status_code == 400, (params, response.status_code)
    return response.get_json()["error"]


@pytest.mark.parametrize("params, param, fragment", [
    ({"q": "x" * (query.MAX_QUERY_CHARS + 1)}, "q", f"limit is {query.MAX_QUERY_CHARS}"),
    ({"q": " ".join(f"w{i}" for i in range(query.MAX_CLAUSES + 1))}, "q", "too many terms"),
    ({"q": "a*"}, "q", "too short"),
    ({"q": "cooperation~3"}, "q", "fuzzy distance"),
    ({"q": "ab~2"}, "q", "longer than its edit distance"),
    ({"per_page": str(service.MAX_PER_PAGE + 1)}, "per_page", str(service.MAX_PER_PAGE)),
    ({"per_page": "0"}, "per_page", "per_page"),
    ({"page": str(service.MAX_PAGE + 1)}, "page", str(service.MAX_PAGE)),
    ({"page": "0"}, "page", "page"),
    ({"page": "ten"}, "page", "whole number"),
    ({"facet_limit": str(service.MAX_FACET_LIMIT + 1)}, "facet_limit", "facet_limit"),
    ({"sort": "random"}, "sort", "sort"),
    ({"from": "2022-02-30"}, "from", "from"),
])
def test_each_limit_is_a_400_naming_its_parameter(client, params: dict[str, str],  # type: ignore[no-untyped-def]
                                                  param: str, fragment: str) -> None:
    error = _error(client, "/api/search", params)
    assert error["param"] == param
    assert fragment in error["message"]


@pytest.mark.parametrize("q", ["co*", "cooperatio~1"])
def test_prefix_and_fuzzy_expansion_is_bounded(client, q: str,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiler, "MAX_EXPANSION", 0)
    error = _error(client, "/api/search", {"q": q})
    assert error["param"] == "q" and "matches more than 0" in error["message"]


def test_analyze_text_length_is_bounded(client) -> None:  # type: ignore[no-untyped-def]
    from qidir.web.api import MAX_ANALYZE_CHARS

    error = _error(client, "/api/analyze", {"text": "a" * (MAX_ANALYZE_CHARS + 1)})
    assert error["param"] == "text"
