"""Exports and feeds: CSV and NDJSON of every hit of a search, and the Atom feed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from flask.testing import FlaskClient
from testsupport import SEEDS, build_index, run_qidir

from qidir.search import export
from qidir.search.export import CSV_COLUMNS
from qidir.web import create_app

ATOM = "{http://www.w3.org/2005/Atom}"

#: Records whose fields need CSV quoting, and one that a spreadsheet would run as a formula.
TRICKY = [
    {"id": "x-quote", "title": 'Officials say "talks, not tariffs" will settle the canal row',
     "text": "The canal row between two districts will be settled by talks, officials said.",
     "source": "Desk, Central", "published": "2024-05-02", "lang": "en", "countries": ["UZ"]},
    {"id": "x-formula", "title": "=SUM(A1:A2) canal figures do not add up",
     "text": "The canal figures published last week do not add up, auditors found.",
     "published": "2023-01-15", "lang": "en", "countries": ["KZ", "UZ"]},
    {"id": "x-undated", "title": "Canal notes without a date",
     "text": "Notes about the canal, kept without any date.", "lang": "en"},
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("exports")
    extra = base / "extra"
    extra.mkdir()
    (extra / "tricky.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in TRICKY) + "\n", encoding="utf-8")
    return build_index(base / "index", SEEDS, extra)


@pytest.fixture(scope="module")
def client(index: Path) -> FlaskClient:
    return create_app(index).test_client()


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_columns_escaping_and_all_pages(client: FlaskClient) -> None:
    response = client.get("/api/search.csv?q=canal&per_page=1")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    assert next(reader) == list(CSV_COLUMNS)
    rows = _csv(text)
    # per_page=1 does not limit an export: every hit of every page is there.
    assert {r["id"] for r in rows} == {"x-quote", "x-formula", "x-undated"}
    assert response.headers["X-Total-Count"] == "3"
    quote = next(r for r in rows if r["id"] == "x-quote")
    assert quote["title"] == TRICKY[0]["title"] and quote["source"] == "Desk, Central"
    assert quote["countries"] == "UZ" and float(quote["score"]) > 0
    formula = next(r for r in rows if r["id"] == "x-formula")
    assert formula["title"] == "'" + TRICKY[1]["title"]  # not run as a formula
    assert set(formula["countries"].split(";")) == {"KZ", "UZ"}
    undated = next(r for r in rows if r["id"] == "x-undated")
    assert undated["published"] == "" and undated["url"] == ""


def test_csv_keeps_the_requested_order(client: FlaskClient) -> None:
    rows = _csv(client.get("/api/search.csv?sort=oldest").get_data(as_text=True))
    dates = [r["published"] for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[len(dated):] == [""] * (len(dates) - len(dated))
    assert len(rows) == client.get("/api/search").get_json()["total"]


def test_ndjson_lines_are_hits(client: FlaskClient) -> None:
    response = client.get("/api/search.ndjson?q=canal&country=UZ")
    assert response.mimetype == "application/x-ndjson"
    lines = response.get_data(as_text=True).splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["id"] for r in records} == {"x-quote", "x-formula"}
    for r in records:
        assert {"id", "title", "url", "path", "source", "published", "lang", "countries",
                "score"} <= set(r)


def test_export_is_bounded(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("qidir.web.api.MAX_EXPORT_ROWS", 2)
    response = client.get("/api/search.ndjson")
    assert len(response.get_data(as_text=True).splitlines()) == 2
    assert response.headers["X-Export-Truncated"] == "true"
    assert int(response.headers["X-Total-Count"]) > 2


def test_empty_export_has_only_the_header(client: FlaskClient) -> None:
    text = client.get("/api/search.csv?q=zzzqqq").get_data(as_text=True)
    assert text == ",".join(CSV_COLUMNS) + "\r\n"
    assert client.get("/api/search.ndjson?q=zzzqqq").get_data(as_text=True) == ""


def test_atom_feed_parses_with_entries_newest_first(client: FlaskClient) -> None:
    response = client.get("/search.atom?q=canal OR cooperation")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "qidir: canal OR cooperation"
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) >= 5
    published = [e.findtext(f"{ATOM}published") for e in entries]
    dated = [p for p in published if p]
    assert dated == sorted(dated, reverse=True)
    assert published[len(dated):] == [None] * (len(published) - len(dated))  # undated last
    assert feed.findtext(f"{ATOM}updated") == dated[0]
    for e in entries:
        assert e.findtext(f"{ATOM}id").startswith("urn:qidir:doc:")
        assert e.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        assert e.findtext(f"{ATOM}updated")
    summaries = [e.findtext(f"{ATOM}summary") or "" for e in entries]
    assert any("<mark>" in s for s in summaries)  # escaped HTML inside the XML


def test_atom_respects_filters_and_per_page(client: FlaskClient) -> None:
    feed = ET.fromstring(client.get("/search.atom?country=UZ&per_page=2").data)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for e in entries:
        assert "UZ" in {c.get("term") for c in e.findall(f"{ATOM}category")}


def test_csv_cell_guard() -> None:
    assert export._cell(["KZ", "TR"]) == "KZ;TR"
    assert export._cell(None) == ""
    assert export._cell("+7 cities") == "'+7 cities"
    assert export._cell(1.5) == "1.5"


def test_cli_format_csv_and_ndjson(index: Path) -> None:
    out = run_qidir("search", "canal", "--format", "csv", index=index, check=True).stdout
    rows = _csv(out)
    assert {r["id"] for r in rows} == {"x-quote", "x-formula", "x-undated"}
    nd = run_qidir("search", "canal", "--format", "ndjson", "--country", "KZ", index=index,
                   check=True).stdout
    assert [json.loads(line)["id"] for line in nd.splitlines()] == ["x-formula"]
    both = run_qidir("search", "canal", "--format", "csv", "--json", index=index)
    assert both.returncode == 2
