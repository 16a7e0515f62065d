"""The JSON API on the seeds: search, documents, health, and errors that are always JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient


@pytest.fixture(scope="module")
def client(seed_index: Path) -> FlaskClient:
    from qidir.web import create_app

    return create_app(seed_index).test_client()


def test_search_shape(client: FlaskClient) -> None:
    data = client.get("/api/search?q=cooperation&per_page=2").get_json()
    assert data["query"] == {"q": "cooperation", "filters": {"country": [], "source": [],
                             "lang": [], "from": None, "to": None}, "sort": "relevance",
                             "page": 1, "per_page": 2}
    assert data["total"] == 4 and len(data["hits"]) == 2
    hit = data["hits"][0]
    for key in ("id", "title", "url", "path", "source", "published", "lang", "script",
                "countries", "snippet", "score"):
        assert key in hit
    assert "<mark>" in hit["snippet"]
    assert set(data["facets"]) == {"country", "source", "lang", "year", "person"}
    assert isinstance(data["took_ms"], float)


def test_filters_and_disjunctive_counts(client: FlaskClient) -> None:
    base = client.get("/api/search?q=cooperation").get_json()
    counts = {v["value"]: v["count"] for v in base["facets"]["country"]}
    picked = client.get("/api/search?q=cooperation&country=AZ").get_json()
    assert picked["total"] == counts["AZ"]
    country = {v["value"]: v for v in picked["facets"]["country"]}
    assert country["AZ"]["selected"]
    # Other countries keep the counts they had: the facet's own filter is left out.
    assert {k: v["count"] for k, v in country.items()} == counts


def test_document_and_404(client: FlaskClient) -> None:
    hit = client.get("/api/search?q=cooperation").get_json()["hits"][0]
    doc = client.get(f"/api/documents/{hit['id']}").get_json()
    assert doc["id"] == hit["id"] and doc["text"]
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_health(client: FlaskClient) -> None:
    assert client.get("/api/health").get_json()["status"] == "ok"
    assert client.get("/api/health").get_json()["documents"] == 5


@pytest.mark.parametrize("query, param", [
    ("q=%22open", "q"),
    ("q=x&per_page=0", "per_page"),
    ("q=x&per_page=abc", "per_page"),
    ("q=x&page=-1", "page"),
    ("q=x&sort=best", "sort"),
    ("q=x&from=2020-02-30", "from"),
    ("q=x&to=yesterday", "to"),
    ("q=x&from=2022-01-01&to=2021-01-01", "from"),
])
def test_bad_parameters_are_400_naming_the_param(client: FlaskClient, query: str,
                                                 param: str) -> None:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["param"] == param and error["message"]


def test_unknown_api_route_is_json_404(client: FlaskClient) -> None:
    response = client.get("/api/nothing/here")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_no_index_is_503(tmp_path: Path) -> None:
    from qidir.web import create_app

    response = create_app(tmp_path / "none").test_client().get("/api/search?q=x")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "no_index"


def test_cors_and_security_headers(client: FlaskClient) -> None:
    response = client.get("/api/health")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_search_page_renders(client: FlaskClient) -> None:
    response = client.get("/search?q=cooperation")
    assert response.status_code == 200
    assert b"<mark>" in response.data and b"result" in response.data


def test_document_page_marks_prefix_and_fuzzy_words(client: FlaskClient) -> None:
    """The page marks what the search matched, prefix and fuzzy expansions included."""
    hit = client.get("/api/search?q=cooperation").get_json()["hits"][0]
    for q in ("cooperat*", "cooperatoin~2"):
        page = client.get(f"/doc/{hit['id']}?q={q}").get_data(as_text=True)
        assert "<mark>cooperation</mark>" in page, q
