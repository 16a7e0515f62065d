"""The person facet end to end on the seeds and the sample corpus: the API filter (repeatable),
/api/facets/person with a prefix, the query language, the CLI option, the CSV column, the
Atom categories, the pages' filter group and the document page's links."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from qidir.search.cli import cli


@pytest.fixture(scope="module")
def client(sample_index: Path) -> FlaskClient:
    from qidir.web import create_app

    return create_app(sample_index).test_client()


def _people(client: FlaskClient, query: str = "") -> dict[str, dict]:
    data = client.get(f"/api/search?facet_limit=100{query}").get_json()
    return {r["value"]: r for r in data["facets"]["person"]}


def test_the_api_filters_by_people_disjunctively(client: FlaskClient) -> None:
    people = _people(client)
    assert people["tokaev-k"]["label"] == "Kassym-Jomart Tokayev"
    assert people["erdogan-r"]["label"] == "Recep Tayyip Erdoğan"
    one = client.get("/api/search?person=tokaev-k&per_page=100").get_json()
    assert one["total"] == people["tokaev-k"]["count"]
    assert all("tokaev-k" in {p["value"] for p in h["person"]} for h in one["hits"])
    assert one["query"]["filters"]["person"] == ["tokaev-k"]
    # Repeatable and OR-ed; the facet's own counts stay as they were.
    both = client.get("/api/search?person=tokaev-k&person=Erdoğan&facet_limit=100").get_json()
    assert both["query"]["filters"]["person"] == ["tokaev-k", "erdogan-r"]
    assert max(people["tokaev-k"]["count"], people["erdogan-r"]["count"]) < both["total"] <= \
        people["tokaev-k"]["count"] + people["erdogan-r"]["count"]
    assert {r["value"]: r["count"] for r in both["facets"]["person"]} == \
        {v: r["count"] for v, r in people.items()}


def test_the_same_person_typed_in_any_script(client: FlaskClient) -> None:
    totals = {client.get(f"/api/search?person={name}").get_json()["total"]
              for name in ("Tokayev", "Токаев", "Тоқаев", "Тўқаев", "tokaev-k")}
    assert len(totals) == 1
    assert client.get("/api/search?q=person:Токаев").get_json()["total"] == totals.pop()


def test_a_bad_person_is_a_400(client: FlaskClient) -> None:
    bad = client.get("/api/search?person=%21%21")
    assert bad.status_code == 400 and bad.get_json()["error"]["param"] == "person"


def test_facet_values_with_a_prefix(client: FlaskClient) -> None:
    data = client.get("/api/facets/person?prefix=shav").get_json()
    assert data["facet"] == "person"
    assert [r["label"] for r in data["values"]] == ["Shavkat Mirziyoyev"]
    everything = client.get("/api/facets/person").get_json()["values"]
    assert len(everything) > 40 and all(r["count"] >= 1 for r in everything)


def test_the_document_lists_its_people_with_aliases(client: FlaskClient) -> None:
    hit = client.get("/api/search?person=tokaev-k&lang=uz&per_page=1").get_json()["hits"][0]
    doc = client.get(f"/api/documents/{hit['id']}").get_json()
    tokayev = next(p for p in doc["person"] if p["value"] == "tokaev-k")
    assert tokayev["label"] == "Kassym-Jomart Tokayev" and tokayev["aliases"]
    page = client.get(f"/doc/{hit['id']}").get_data(as_text=True)
    assert "<dt>People</dt>" in page
    assert '<a class="badge person" href="/search?person=tokaev-k"' in page


def test_the_filter_panel_has_a_people_group(client: FlaskClient) -> None:
    html = client.get("/search?person=hasanov-z").get_data(as_text=True)
    assert 'id="facet-person"' in html and "<legend>Person</legend>" in html
    assert 'name="person" value="hasanov-z" checked' in html
    assert "Person: Zakir Hasanov" in html


def test_csv_has_a_person_column(client: FlaskClient) -> None:
    text = client.get("/api/search.csv?person=aliev-i").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows and all("Ilham Aliyev" in r["person"].split(";") for r in rows)


def test_atom_entries_carry_people(client: FlaskClient) -> None:
    body = client.get("/search.atom?person=mirzioev-s").get_data()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(body).findall("a:entry", ns)
    assert entries
    for entry in entries:
        people = {c.get("term"): c.get("label") for c in entry.findall("a:category", ns)
                  if c.get("scheme") == "urn:qidir:facet:person"}
        assert people.get("mirzioev-s") == "Shavkat Mirziyoyev"


def test_the_cli_option(sample_index: Path) -> None:
    runner = CliRunner()
    assert re.search(r"--person\b", runner.invoke(cli, ["search", "--help"]).output)
    out = runner.invoke(cli, ["--index", str(sample_index), "search", "--person", "Hasanov",
                              "--person", "Akar", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["query"]["filters"]["person"] == ["hasanov-z", "akar-h"]
    assert data["total"] >= 3 and "timeline" in data
