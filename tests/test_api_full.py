"""The JSON API beyond the basics: every parameter's bad values, deep and empty pages, the
document with related ones, one facet, stats, analyze, CORS and the time limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from qidir.web import create_app


@pytest.fixture(scope="module")
def client(sample_index: Path) -> FlaskClient:
    return create_app(sample_index).test_client()


BAD = [
    ("/api/search?q=%22open", "q", "bad_query"),
    ("/api/search?q=(a", "q", "bad_query"),
    ("/api/search?q=a~7", "q", "bad_query"),
    ("/api/search?q=x*", "q", "bad_query"),
    ("/api/search?q=colour:red", "q", "bad_query"),
    ("/api/search?q=country:Atlantis", "q", "bad_query"),
    ("/api/search?q=" + "a%20" * 600, "q", "bad_query"),
    ("/api/search?country=KAZ", "country", "bad_parameter"),
    ("/api/search?country=1", "country", "bad_parameter"),
    ("/api/search?lang=english", "lang", "bad_parameter"),
    ("/api/search?year=22", "year", "bad_parameter"),
    ("/api/search?year=later", "year", "bad_parameter"),
    ("/api/search?source=" + "x" * 300, "source", "bad_parameter"),
    ("/api/search?from=2021-02-30", "from", "bad_parameter"),
    ("/api/search?from=02/03/2021", "from", "bad_parameter"),
    ("/api/search?to=tomorrow", "to", "bad_parameter"),
    ("/api/search?from=2022-01-02&to=2022-01-01", "from", "bad_parameter"),
    ("/api/search?sort=popular", "sort", "bad_parameter"),
    ("/api/search?page=0", "page", "bad_parameter"),
    ("/api/search?page=two", "page", "bad_parameter"),
    ("/api/search?page=1001", "page", "bad_parameter"),
    ("/api/search?per_page=0", "per_page", "bad_parameter"),
    ("/api/search?per_page=101", "per_page", "bad_parameter"),
    ("/api/search?per_page=1.5", "per_page", "bad_parameter"),
    ("/api/search?facet_limit=0", "facet_limit", "bad_parameter"),
    ("/api/search?facet_limit=101", "facet_limit", "bad_parameter"),
    ("/api/facets/colour", "facet", "bad_parameter"),
    ("/api/facets/country?per_page=-1", "per_page", "bad_parameter"),
    ("/api/analyze", "text", "bad_parameter"),
    ("/api/analyze?text=hello&lang=xx", "lang", "bad_parameter"),
    ("/api/search.csv?sort=best", "sort", "bad_parameter"),
    ("/api/search.ndjson?q=%22x", "q", "bad_query"),
    ("/search.atom?country=Kazakhstan", "country", "bad_parameter"),
    ("/search.atom?per_page=500", "per_page", "bad_parameter"),
]


@pytest.mark.parametrize("url, param, code", BAD)
def test_bad_values_are_400_naming_the_param(client: FlaskClient, url: str, param: str,
                                             code: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.data[:300]
    error = response.get_json()["error"]
    assert error["param"] == param and error["code"] == code and error["message"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_query_errors_say_where(client: FlaskClient) -> None:
    message = client.get("/api/search?q=Kazakhstan%20AND").get_json()["error"]["message"]
    assert "AND" in message and "character 12" in message


def test_deep_pages_are_disjoint_and_complete(client: FlaskClient) -> None:
    total = client.get("/api/search?per_page=1").get_json()["total"]
    assert total > 30
    seen: list[str] = []
    page = 1
    while True:
        data = client.get(f"/api/search?per_page=7&page={page}").get_json()
        if not data["hits"]:
            break
        seen += [h["id"] for h in data["hits"]]
        page += 1
    assert len(seen) == len(set(seen)) == total
    everything = client.get("/api/search?per_page=100").get_json()["hits"]
    assert [h["id"] for h in everything] == seen
    past = client.get("/api/search?per_page=100&page=1000").get_json()
    assert past["hits"] == [] and past["total"] == total


def test_empty_result(client: FlaskClient) -> None:
    data = client.get("/api/search?q=zzzqqqxxx").get_json()
    assert data["total"] == 0 and data["hits"] == []
    assert all(rows == [] for rows in data["facets"].values())
    assert data["suggestion"] is None and data["suggestion_total"] is None


def test_suggestion_fields(client: FlaskClient) -> None:
    data = client.get("/api/search?q=cooperatoin").get_json()
    assert data["total"] == 0 and data["suggestion"] == "cooperation"
    assert data["suggestion_total"] == client.get("/api/search?q=cooperation").get_json()["total"]


def test_filters_echoed_and_normalised(client: FlaskClient) -> None:
    data = client.get("/api/search?country=kz,tr&lang=EN&source=Azernews.Az&year=2022"
                      "&from=2020-01-01").get_json()
    assert data["query"]["filters"] == {"country": ["KZ", "TR"], "source": ["azernews.az"],
                                        "lang": ["en"], "from": "2020-01-01", "to": None,
                                        "year": ["2022"]}


def test_hits_carry_title_html_and_facets_more(client: FlaskClient) -> None:
    data = client.get("/api/search?q=Kazakhstan&facet_limit=2").get_json()
    assert all("title_html" in h for h in data["hits"])
    assert data["facets_more"]["country"] is True
    assert len(data["facets"]["country"]) == 2


def test_document_with_related(client: FlaskClient) -> None:
    hit = client.get("/api/search?q=Tokayev").get_json()["hits"][0]
    doc = client.get(f"/api/documents/{hit['id']}").get_json()
    for key in ("id", "title", "text", "url", "path", "source", "published", "lang", "script",
                "countries", "related"):
        assert key in doc
    assert 1 <= len(doc["related"]) <= 5
    assert hit["id"] not in {r["id"] for r in doc["related"]}
    missing = client.get("/api/documents/does-not-exist")
    assert missing.status_code == 404 and missing.get_json()["error"]["param"] == "id"


def test_one_facet_endpoint(client: FlaskClient) -> None:
    data = client.get("/api/facets/country?q=Kazakhstan").get_json()
    assert data["facet"] == "country"
    search = client.get("/api/search?q=Kazakhstan&facet_limit=100").get_json()
    assert data["values"] == search["facets"]["country"]
    pref = client.get("/api/facets/country?q=Kazakhstan&prefix=tu").get_json()["values"]
    assert [r["value"] for r in pref] == ["TR"] or all(
        r["label"].lower().startswith("tu") for r in pref)


def test_stats_health_analyze(client: FlaskClient) -> None:
    stats = client.get("/api/stats").get_json()
    health = client.get("/api/health").get_json()
    assert health == {"status": "ok", "documents": stats["documents"],
                      "generation": stats["generation"], "schema_current": True}
    assert stats["schema_current"] is True
    assert sum(stats["facets"]["lang"].values()) == stats["documents"]
    analysis = client.get("/api/analyze?text=Тўқаевнинг%20ташрифи&lang=uz").get_json()
    assert analysis["lang"] == "uz" and analysis["fields"]["text"]


def test_cross_origin_get_on_every_endpoint(client: FlaskClient) -> None:
    for url in ("/api/search", "/api/search.csv", "/api/search.ndjson", "/api/stats",
                "/api/health", "/api/openapi.json", "/search.atom", "/api/nothing"):
        assert client.get(url).headers["Access-Control-Allow-Origin"] == "*", url


def test_search_past_its_deadline_is_503_with_retry_after(
        client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # The server's service stops a search past its time limit; a limit of a nanosecond has
    # passed by the first look at the clock.
    monkeypatch.setattr(client.application.extensions["qidir"], "timeout", 1e-9)
    response = client.get("/api/search?q=Kazakhstan")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert response.get_json()["error"]["code"] == "timeout"
