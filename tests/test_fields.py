"""Adding a facet is one registry entry: a throwaway facet, registered here and nowhere else,
shows up in the index, the API (filter and counts), the pages' filter panel, OpenAPI and
the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from testsupport import SEEDS, build_index

from qidir.search import fields
from qidir.search.cli import cli
from qidir.search.fields import Facet
from qidir.search.request import BadRequest, SearchRequest, request_from_params

#: A facet nobody would ship: the script a document is written in.
SCRIPT = Facet(
    name="script", title="Writing system",
    values=lambda doc: [doc.script],
    pattern=r"^[A-Z][a-z]{3}$", example="an ISO 15924 code like Latn",
    normalize=str.title,
    label=lambda code, locale="en": {"Latn": "Latin", "Cyrl": "Cyrillic"}.get(code, code),
    schema={"type": "string", "pattern": "^[A-Za-z]{4}$"},
    help="ISO 15924 script codes (OR-ed), e.g. Cyrl.", in_contract=False,
)


@pytest.fixture(scope="module")
def with_script(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with fields.registered(SCRIPT):
        yield build_index(tmp_path_factory.mktemp("fields") / "index", SEEDS)


def test_the_facet_is_counted_and_filters_in_the_api(with_script: Path) -> None:
    from qidir.web import create_app

    client = create_app(with_script).test_client()
    data = client.get("/api/search").get_json()
    counts = {v["value"]: v for v in data["facets"]["script"]}
    assert set(counts) == {"Latn", "Cyrl"}  # English and Uzbek Cyrillic seeds
    assert counts["Cyrl"]["label"] == "Cyrillic"
    assert sum(v["count"] for v in counts.values()) == data["total"] == 5
    picked = client.get("/api/search?script=cyrl").get_json()
    assert picked["total"] == counts["Cyrl"]["count"]
    assert picked["query"]["filters"]["script"] == ["Cyrl"]
    assert {h["script"] for h in picked["hits"]} == {"Cyrl"}
    # The query language knows the field too, and the facet's own values endpoint works.
    assert client.get("/api/search?q=script:Cyrl").get_json()["total"] == picked["total"]
    assert client.get("/api/facets/script").get_json()["facet"] == "script"
    bad = client.get("/api/search?script=latin1")
    assert bad.status_code == 400 and bad.get_json()["error"]["param"] == "script"


def test_the_facet_is_in_the_filter_panel(with_script: Path) -> None:
    from qidir.web import create_app

    html = create_app(with_script).test_client().get("/search?script=Cyrl").get_data(
        as_text=True)
    assert 'id="facet-script"' in html and "<legend>Writing system</legend>" in html
    assert 'name="script" value="Cyrl" checked' in html
    assert "Writing system: Cyrillic" in html  # the filters-in-use summary


def test_the_facet_is_in_openapi(with_script: Path) -> None:
    from qidir.web.openapi import openapi_spec

    spec = openapi_spec()
    params = {p["name"]: p for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert params["script"]["schema"]["items"]["pattern"] == "^[A-Za-z]{4}$"
    assert "script" in spec["components"]["schemas"]["SearchResponse"]["properties"][
        "facets"]["required"]


def test_the_facet_is_a_cli_option(with_script: Path) -> None:
    runner = CliRunner()
    assert "--script" in runner.invoke(cli, ["search", "--help"]).output
    out = runner.invoke(cli, ["--index", str(with_script), "search", "--script", "Cyrl",
                              "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["total"] >= 1 and {h["script"] for h in data["hits"]} == {"Cyrl"}


def test_a_facet_registered_for_a_block_is_gone_after_it() -> None:
    other = replace(SCRIPT, name="writing")
    with fields.registered(other):
        assert fields.get("writing") is other
        assert SearchRequest(writing=("Latn",)).values["writing"] == ("Latn",)
    assert fields.get("writing") is None
    with pytest.raises(TypeError):
        SearchRequest(writing=("Cyrl",))


@pytest.mark.parametrize(("params", "param"), [
    ({"country": ["Kazakhstan"]}, "country"),
    ({"lang": ["english"]}, "lang"),
    ({"year": ["22"]}, "year"),
    ({"from": ["2022-02-30"]}, "from"),
    ({"sort": ["best"]}, "sort"),
    ({"per_page": ["0"]}, "per_page"),
    ({"page": ["two"]}, "page"),
])
def test_a_request_is_checked_once_when_made(params: dict, param: str) -> None:
    with pytest.raises(BadRequest) as err:
        request_from_params(params)
    assert err.value.param == param


def test_registering_a_reserved_name_fails() -> None:
    with pytest.raises(ValueError):
        fields.register(Facet(name="sort", title="x", values=lambda d: [], pattern=".*",
                              example="x"))
