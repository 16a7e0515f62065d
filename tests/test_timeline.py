"""The timeline of a search: periods chosen from the span, counts that agree with the
date filter, every filter but the date range applied, undated hits counted apart."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from qidir.search.service import SearchRequest, SearchService
from qidir.search.timeline import MAX_BARS, build_timeline, choose_interval, period_start


@pytest.mark.parametrize(("first", "last", "interval"), [
    ("2024-05-01", "2024-05-01", "day"),
    ("2024-05-01", "2024-06-29", "day"),      # 60 days
    ("2024-05-01", "2024-06-30", "week"),     # 61 days
    ("2023-01-02", "2024-02-18", "week"),     # 60 ISO weeks
    ("2023-01-02", "2024-02-26", "month"),    # 61 ISO weeks
    ("2019-01-15", "2023-12-02", "month"),    # 60 months
    ("2019-01-15", "2024-01-02", "year"),     # 61 months
    ("1991-12-16", "2026-12-06", "year"),
])
def test_the_finest_period_that_fits_sixty_bars(first: str, last: str, interval: str) -> None:
    a, b = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    assert choose_interval(a, b) == interval


@pytest.mark.parametrize(("day", "interval", "start"), [
    ("2024-02-29", "day", "2024-02-29"),
    ("2024-02-29", "week", "2024-02-26"),  # a Thursday; ISO weeks start on Monday
    ("2024-02-29", "month", "2024-02-01"),
    ("2024-02-29", "year", "2024-01-01"),
])
def test_period_starts(day: str, interval: str, start: str) -> None:
    assert period_start(datetime.date.fromisoformat(day), interval).isoformat() == start


def test_every_period_between_first_and_last_is_a_bar_gaps_included() -> None:
    t = build_timeline([("2022-03-15", 2), ("2022-01-03", 1), ("2022-06-30", 4)], undated=3)
    assert t["interval"] == "week"
    t = build_timeline([("2021-03-15", 2), ("2021-01-03", 1), ("2022-06-30", 4)], undated=3)
    assert t["interval"] == "month"
    assert [p["from"] for p in t["periods"]][:3] == ["2021-01-01", "2021-02-01", "2021-03-01"]
    assert [p["count"] for p in t["periods"]][:3] == [1, 0, 2]
    assert t["periods"][-1] == {"from": "2022-06-01", "to": "2022-06-30", "label": "Jun 2022",
                                "count": 4, "selected": False}
    assert len(t["periods"]) == 18 and t["dated"] == 7 and t["undated"] == 3


def test_no_dated_hits_is_an_empty_timeline() -> None:
    assert build_timeline([], undated=2) == {"interval": None, "periods": [], "dated": 0,
                                             "undated": 2}


@settings(max_examples=60, deadline=None, database=None, derandomize=True)
@given(st.lists(st.tuples(st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)),
                          st.integers(1, 50)), min_size=1, max_size=40))
def test_property_periods_tile_the_span_and_keep_every_hit(
        days: list[tuple[datetime.date, int]]) -> None:
    t = build_timeline([(d.isoformat(), n) for d, n in days], undated=0)
    periods = t["periods"]
    assert 1 <= len(periods) <= MAX_BARS
    assert sum(p["count"] for p in periods) == sum(n for _, n in days) == t["dated"]
    for before, after in zip(periods, periods[1:], strict=False):
        gap = (datetime.date.fromisoformat(after["from"])
               - datetime.date.fromisoformat(before["to"])).days
        assert gap == 1, "periods follow each other without gaps or overlaps"
    for d, _ in days:
        assert any(p["from"] <= d.isoformat() <= p["to"] for p in periods)


# -- over an index ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def service(sample_index: Path) -> SearchService:
    return SearchService(sample_index)


@pytest.mark.parametrize(("q", "filters"), [
    ("", {}),
    ("Tokayev", {}),
    ("port OR railway", {"country": ("KZ",)}),
    ("", {"lang": ("ru", "uz")}),
    ("cooperation", {"year": ("2022", "2024", "unknown")}),
])
def test_each_bar_counts_what_its_date_range_finds(service: SearchService, q: str,
                                                  filters: dict) -> None:
    """A bar's count is the total of the same search narrowed to its period, and the bars
    with the undated count add up to the total without a date range."""
    result = service.search(SearchRequest(q, **filters))
    t = result.timeline
    assert t["dated"] + t["undated"] == result.total
    for p in t["periods"]:
        narrowed = service.search(SearchRequest(q, date_from=p["from"], date_to=p["to"],
                                                per_page=1, **filters))
        assert narrowed.total == p["count"], p


def test_the_date_range_does_not_narrow_the_timeline(service: SearchService) -> None:
    """Like a facet without its own filter: the bars outside the range keep their counts,
    and the bars inside it are marked selected."""
    wide = service.search(SearchRequest("")).timeline
    narrow = service.search(SearchRequest("", date_from="2022-01-01",
                                          date_to="2023-12-31")).timeline
    assert [(p["from"], p["count"]) for p in narrow["periods"]] == \
        [(p["from"], p["count"]) for p in wide["periods"]]
    assert narrow["undated"] == wide["undated"] > 0
    assert {p["label"] for p in narrow["periods"] if p["selected"]} == {"2022", "2023"}
    assert not any(p["selected"] for p in wide["periods"])


@pytest.fixture(scope="module")
def client(sample_index: Path) -> FlaskClient:
    from qidir.web import create_app

    return create_app(sample_index).test_client()


def test_the_api_returns_the_timeline(client: FlaskClient) -> None:
    data = client.get("/api/search?q=Tashkent&per_page=1").get_json()
    t = data["timeline"]
    assert t["interval"] in ("day", "week", "month", "year")
    assert sum(p["count"] for p in t["periods"]) + t["undated"] == data["total"]
    assert set(t["periods"][0]) == {"from", "to", "label", "count", "selected"}


def test_the_page_draws_bars_that_narrow_the_dates(client: FlaskClient) -> None:
    data = client.get("/api/search?q=Tashkent").get_json()
    html = client.get("/search?q=Tashkent").get_data(as_text=True)
    assert '<svg class="timeline-chart" role="group"' in html
    assert "<title>Results per " in html and 'id="timeline-desc"' in html
    busiest = max(data["timeline"]["periods"], key=lambda p: p["count"])
    assert f"busiest: {busiest['label']} ({busiest['count']})" in html
    href = f'/search?q=Tashkent&amp;from={busiest["from"]}&amp;to={busiest["to"]}'
    assert f'<a href="{href}" aria-label="{busiest["label"]}: {busiest["count"]} result' in html
    bars = sum(1 for p in data["timeline"]["periods"] if p["count"])
    assert html.count('class="bar') == bars, "a bar per period with hits, each a link"


def test_undated_hits_are_counted_beside_the_chart(client: FlaskClient) -> None:
    data = client.get("/api/search").get_json()
    undated = data["timeline"]["undated"]
    assert undated > 0
    html = client.get("/search").get_data(as_text=True)
    assert f"{undated} undated result{'' if undated == 1 else 's'} not shown" in html


def test_no_chart_without_dated_hits(client: FlaskClient) -> None:
    html = client.get("/search?year=unknown").get_data(as_text=True)
    assert "timeline-chart" not in html


@pytest.mark.parametrize(("q", "filters"), [
    ("", {}),                                  # years: counted per month
    ("", {"year": ("2022",)}),                 # one year: per day within its months
    ("Tokayev", {"year": ("2024", "2025")}),
    ("cooperation", {}),
])
def test_many_hits_counted_per_month_give_the_same_timeline(
        service: SearchService, monkeypatch: pytest.MonkeyPatch, q: str, filters: dict) -> None:
    """The dense path (per month, then per day within a short span) draws what walking the
    hits one by one draws."""
    from qidir.search.engine import facets

    walked = service.search(SearchRequest(q, **filters)).timeline
    monkeypatch.setattr(facets, "SPARSE_HITS", 0)
    counted = service.search(SearchRequest(q, **filters)).timeline
    assert counted == walked and walked["periods"]
