"""Random strings and parameter sets at the query parser and at /api/search: never a 5xx,
never a traceback, and every 400 names its parameter. Deterministic (derandomized) and
bounded, so it runs the same in CI every time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_helpers import SEEDS

from qidir.search.engine import indexer
from qidir.search.query.compiler import compile_query
from qidir.search.query.parser import QueryError, parse
from qidir.search.service import SearchService
from qidir.web import create_app

FUZZ = settings(derandomize=True, database=None, deadline=None, max_examples=250,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

SYNTAX = ['"', "(", ")", "*", "~", ":", "-", "+", " ", "'", "ʻ", "’", "`", "\\", "/", "?"]
WORDS = ["AND", "OR", "NOT", "title:", "country:", "source:", "lang:", "year:", "url:",
         "cooperation", "Tashkent", "Тошкент", "Казахстана", "oʻzbek", "Erdoğan", "a", "x~2",
         "ab*", "te*", "2022", "KZ", "ru", "\u0000", "\u202e", "\U0001f600", "ё"]
QUERY = st.lists(st.one_of(st.sampled_from(SYNTAX), st.sampled_from(WORDS),
                           st.text(max_size=8)), max_size=30).map("".join)
PARAMS = ["q", "country", "source", "lang", "year", "from", "to", "sort", "page", "per_page",
          "facet_limit"]
VALUE = st.one_of(
    QUERY,
    st.text(max_size=20),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.sampled_from(["", " ", "0", "1", "100", "101", "1000", "1001", "-1", "1e3", "0x10",
                     "2022-02-30", "2022-13-01", "9999-12-31", "2022-01-01", "newest",
                     "relevance", "random", "KZ,TR", "zz", "en", "unknown", "NaN", "٣"]),
)
PARAM_SETS = st.lists(st.tuples(st.one_of(st.sampled_from(PARAMS), st.text(max_size=6)),
                                VALUE), max_size=8)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "index"
    indexer.rebuild(root, [SEEDS])
    return root


@pytest.fixture(scope="module")
def reader(index: Path):  # type: ignore[no-untyped-def]
    service = SearchService(index)
    return service._current().searcher().reader()


@FUZZ
@given(q=QUERY)
def test_parser_and_compiler_fail_only_with_query_errors(q: str, reader) -> None:  # type: ignore[no-untyped-def]
    try:
        node = parse(q)
        if node is not None:
            compile_query(node, reader)
    except QueryError as exc:
        assert exc.param == "q" and exc.message.strip()


@FUZZ
@given(pairs=PARAM_SETS)
def test_api_search_never_fails_with_5xx(pairs: list[tuple[str, str]], index: Path) -> None:
    client = _client(index)
    response = client.get("/api/search", query_string=pairs)
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 400), (pairs, response.status_code, body[:500])
    assert "Traceback" not in body
    data = response.get_json()
    if response.status_code == 400:
        error = data["error"]
        assert error["code"] and error["message"]
        assert error["param"] in {key for key, _ in pairs} | {"q"}, (pairs, error)
    else:
        assert isinstance(data["total"], int) and data["total"] >= 0


@FUZZ
@given(q=QUERY)
def test_search_page_never_fails_with_5xx(q: str, index: Path) -> None:
    response = _client(index).get("/search", query_string={"q": q})
    assert response.status_code in (200, 400)
    assert "Traceback" not in response.get_data(as_text=True)


_CLIENTS: dict[Path, object] = {}


def _client(index: Path):  # type: ignore[no-untyped-def]
    if index not in _CLIENTS:
        _CLIENTS[index] = create_app(index).test_client()
    return _CLIENTS[index]
