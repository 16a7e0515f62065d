"""Disjunctive facets on the seeds and the sample corpus.

The property that defines them: the count next to a facet value is exactly the number of
hits the reader gets by selecting that value instead of that facet's current selection
(every other filter kept). hypothesis checks it for random queries and filter sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qidir.search.engine.facets import FacetColumns, Selection, bits_from_ids, ids_from_bits
from qidir.search.service import SearchRequest, SearchService

QUERIES = ["", "cooperation", "Tokayev", "person:Tokayev", "person:Эрдоган OR Aliyev",
           "Kazakhstan OR Turkey", "-Turkey", "water",
           '"military cooperation"', "Erdogan", "trade*", "Токаев", "president -Russia",
           "gas OR oil", "title:Kazakhstan", "country:UZ", "Uzbekistan", "border"]
FIELDS = ("country", "source", "lang", "year", "person")
FIELD_ARG = {"country": "country", "source": "source", "lang": "lang", "year": "year",
             "person": "person"}


@pytest.fixture(scope="module")
def service(sample_index: Path) -> SearchService:
    return SearchService(sample_index)


@pytest.fixture(scope="module")
def values(service: SearchService) -> dict[str, list[str]]:
    return {name: list(counts) for name, counts in service.stats()["facets"].items()}


def _request(q: str, sel: dict[str, tuple[str, ...]], dates: tuple[str | None, str | None],
             **kw: object) -> SearchRequest:
    return SearchRequest(q=q, country=sel.get("country", ()), source=sel.get("source", ()),
                         lang=sel.get("lang", ()), year=sel.get("year", ()),
                         person=sel.get("person", ()),
                         date_from=dates[0], date_to=dates[1], **kw)  # type: ignore[arg-type]


def test_property_every_count_is_the_total_of_selecting_that_value(
        service: SearchService, values: dict[str, list[str]]) -> None:
    dates = st.sampled_from([(None, None), ("2020-01-01", None), (None, "2022-12-31"),
                             ("2019-06-01", "2024-06-30")])
    selections = st.fixed_dictionaries({
        name: st.lists(st.sampled_from(values[name]), max_size=2, unique=True).map(tuple)
        for name in FIELDS})

    @settings(max_examples=40, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(q=st.sampled_from(QUERIES), sel=selections, dates=dates)
    def check(q: str, sel: dict[str, tuple[str, ...]],
              dates: tuple[str | None, str | None]) -> None:
        result = service.search(_request(q, sel, dates, per_page=1, facet_limit=100))
        for name in FIELDS:
            listed = result.facets[name]
            assert {r["value"] for r in listed if r["selected"]} == set(sel[name])
            for row in listed[:6] + [r for r in listed if r["selected"]]:
                alone = dict(sel, **{name: (row["value"],)})
                total = service.search(_request(q, alone, dates, per_page=1)).total
                assert row["count"] == total, (q, sel, dates, name, row)
        # And the hits themselves satisfy every selection at once.
        if result.total:
            wide = service.search(_request(q, sel, dates, per_page=100))
            for hit in wide.hits:
                assert not sel["country"] or set(sel["country"]) & set(hit["countries"])
                assert not sel["lang"] or hit["lang"] in sel["lang"]
                assert not sel["source"] or hit["source"] in sel["source"]
                year = hit["published"][:4] if hit["published"] else "unknown"
                assert not sel["year"] or year in sel["year"]
                people = {p["value"] for p in hit["person"]}
                assert not sel["person"] or set(sel["person"]) & people
                if dates != (None, None):
                    assert hit["published"] is not None
                    assert (dates[0] or "") <= hit["published"] <= (dates[1] or "9999")

    check()


def test_unselected_values_keep_their_counts(service: SearchService) -> None:
    before = {r["value"]: r["count"] for r in
              service.search(SearchRequest(q="Kazakhstan", facet_limit=100)).facets["country"]}
    picked = service.search(SearchRequest(q="Kazakhstan", country=("TR",), facet_limit=100))
    after = {r["value"]: r["count"] for r in picked.facets["country"]}
    assert after == before
    assert picked.total == before["TR"]
    # Another facet is narrowed by the country selection (facets are AND-ed).
    lang_before = sum(r["count"] for r in
                      service.search(SearchRequest(q="Kazakhstan")).facets["lang"])
    assert sum(r["count"] for r in picked.facets["lang"]) == picked.total < lang_before


def test_labels_from_pycountry_and_unknown_year(service: SearchService) -> None:
    facets = service.search(SearchRequest(facet_limit=100)).facets
    country = {r["value"]: r["label"] for r in facets["country"]}
    assert country["KZ"] == "Kazakhstan" and country["TR"] == "Turkey"
    assert country["UZ"] == "Uzbekistan"
    lang = {r["value"]: r["label"] for r in facets["lang"]}
    assert lang["en"] == "English" and lang["ru"] == "Russian" and lang["uz"] == "Uzbek"
    years = {r["value"]: r for r in facets["year"]}
    assert years["unknown"]["label"] == "unknown"
    undated = service.search(SearchRequest(year=("unknown",)))
    assert undated.total == years["unknown"]["count"] > 0
    assert all(h["published"] is None for h in undated.hits)


def test_sorted_by_count_then_label(service: SearchService) -> None:
    for rows in service.search(SearchRequest(facet_limit=100)).facets.values():
        keys = [(-r["count"], r["label"].casefold()) for r in rows]
        assert keys == sorted(keys)


def test_selected_values_are_listed_even_with_zero(service: SearchService) -> None:
    result = service.search(SearchRequest(q="Tokayev", country=("NZ",), lang=("az",),
                                          facet_limit=1))
    assert result.total == 0
    nz = [r for r in result.facets["country"] if r["value"] == "NZ"]
    assert nz == [{"value": "NZ", "label": "New Zealand", "count": 0, "selected": True}]
    assert any(r["value"] == "az" and r["selected"] for r in result.facets["lang"])


def test_facet_limit_and_more_flag(service: SearchService) -> None:
    full = service.search(SearchRequest(facet_limit=100))
    assert len(full.facets["country"]) > 3 and not full.facets_more["country"]
    short = service.search(SearchRequest(facet_limit=3))
    assert short.facets["country"] == full.facets["country"][:3]
    assert short.facets_more["country"]
    default = service.search(SearchRequest())
    assert len(default.facets["country"]) == min(10, len(full.facets["country"]))
    # A selected value beyond the limit is still listed.
    last = full.facets["country"][-1]["value"]
    picked = service.search(SearchRequest(country=(last,), facet_limit=3))
    assert last in {r["value"] for r in picked.facets["country"]}


def test_one_facet_with_prefix(service: SearchService) -> None:
    everything = service.facet(SearchRequest(), "country")["values"]
    assert len(everything) == len(service.stats()["facets"]["country"])
    ka = service.facet(SearchRequest(), "country", prefix="ka")["values"]
    assert ka and all(r["label"].casefold().startswith("ka") or r["value"].startswith("KA")
                      for r in ka)
    assert "KZ" in {r["value"] for r in ka}


def test_people_facet_across_scripts(service: SearchService) -> None:
    """One value per person: selecting it finds every script's spelling; a name typed in any
    script selects the same value; labels are the English spelling."""
    people = {r["value"]: r for r in service.search(SearchRequest(facet_limit=100)).facets[
        "person"]}
    tokayev = people["tokaev-k"]
    assert tokayev["label"] == "Kassym-Jomart Tokayev" and tokayev["count"] >= 8
    hits = service.search(SearchRequest(person=("tokaev-k",), per_page=100))
    assert hits.total == tokayev["count"]
    assert {h["lang"] for h in hits.hits} >= {"en", "ru", "uz", "kk", "tr"}
    for typed in ("Tokayev", "Токаев", "Тоқаев", "Toʻqayev"):
        from qidir.search.request import request_from_params

        req = request_from_params({"person": [typed]})
        assert req.values["person"] == ("tokaev-k",)
    assert service.search(SearchRequest("person:Тўқаев")).total == tokayev["count"]
    # Labels of people nobody listed come from the documents' own spelling.
    assert people["burchuladze-j"]["label"] == "Juansher Burchuladze"
    ok = service.facet(SearchRequest(), "person", prefix="zak")["values"]
    assert [r["value"] for r in ok] == ["hasanov-z"]


def test_a_surname_alone_selects_every_person_of_that_surname(service: SearchService) -> None:
    aliyevs = [r for r in service.search(SearchRequest(facet_limit=100)).facets["person"]
               if r["value"].startswith("aliev-")]
    assert len(aliyevs) >= 2  # Ilham, Heydar, Rustam ...
    family = service.search(SearchRequest(person=("aliev",))).total
    union = service.search(SearchRequest(person=tuple(r["value"] for r in aliyevs))).total
    assert family == union > max(r["count"] for r in aliyevs) - 1


def test_bitset_helpers_round_trip() -> None:
    ids = [0, 1, 7, 8, 63, 64, 1000]
    assert ids_from_bits(bits_from_ids(ids, 1001)) == ids
    assert ids_from_bits(0) == []


def test_date_bits_are_inclusive(service: SearchService) -> None:
    v = service._current()
    cols: FacetColumns = v.columns
    day = "2022-02-08"
    on_day = cols.filter_bits(Selection({}, day, day)).bit_count()
    assert on_day == service.search(SearchRequest(date_from=day, date_to=day)).total >= 1


@pytest.mark.parametrize("q", ["Tashkent", "cotton OR wheat", "Казахстан", "hamkorlik", "trade"])
def test_one_pass_gives_what_two_passes_give(service: SearchService, q: str) -> None:
    """The single pass that scores the page's hits and collects the matching set (for the
    facets) agrees with Whoosh's own two passes: the same set, the same top hits in order."""
    from qidir.search.engine.collector import top_and_matched
    from qidir.search.query.compiler import compile_query
    from qidir.search.query.parser import parse

    searcher = service._current().searcher()
    query = compile_query(parse(q), searcher.reader()).query
    results, matched = top_and_matched(searcher, query, 5, None)
    assert matched and sorted(matched) == sorted(searcher.docs_for_query(query))
    plain = searcher.search(query, limit=5)
    assert [(h.docnum, round(h.score, 6)) for h in results] == [
        (h.docnum, round(h.score, 6)) for h in plain]
    allowed = set(sorted(matched)[::2])
    results, again = top_and_matched(searcher, query, 5, bits_from_ids(allowed, max(matched) + 1))
    assert again == matched and {h.docnum for h in results} <= allowed
    assert [h.docnum for h in results] == [
        h.docnum for h in searcher.search(query, limit=5, filter=allowed)]


@pytest.mark.parametrize("q", ["", "Tokayev", "cooperation", "Kazakhstan OR Toshkent"])
def test_counting_by_document_value_pairs_gives_the_popcounts(
        service: SearchService, q: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A facet of many values is counted from its (document, value) pairs: the same counts,
    in the same value order, as one AND and popcount per value (forced for every facet)."""
    from qidir.search.engine import facets

    columns = service._current().columns
    plan = service.plan(SearchRequest(q=q))
    bases = [plan.matched, plan.matched & columns.filter_bits(plan.selection), 0,
             columns.live]
    for name, column in columns.values.items():
        for base in bases:
            expected = {v: (b & base).bit_count() for v, b in column.items()
                        if (b & base).bit_count()}
            monkeypatch.setattr(facets, "PAIRS_ABOVE", 0)
            got = columns.counts(name, base)
            monkeypatch.setattr(facets, "PAIRS_ABOVE", 10**9)
            assert list(got.items()) == list(expected.items()), (q, name)
            assert list(columns.counts(name, base).items()) == list(expected.items())


def _published(service: SearchService) -> dict[int, str]:
    """Each live document's publication day as stored (undated documents left out)."""
    searcher = service._current().searcher()
    return {n: f["published"] for n, f in searcher.iter_docs() if f.get("published")}


@pytest.mark.parametrize(("date_from", "date_to"), [
    (None, None), ("2022-01-01", "2022-12-31"), ("2022-02-08", "2022-02-08"), (None, "2021-06-30"),
    ("2023-03-15", None), ("2030-01-01", None), ("2022-05-01", "2021-01-01")])
def test_a_date_range_keeps_the_documents_published_in_it(
        service: SearchService, date_from: str | None, date_to: str | None) -> None:
    """The date range's bits are the documents whose stored day lies in it (both ends kept;
    undated documents never)."""
    columns: FacetColumns = service._current().columns
    expected = [n for n, day in sorted(_published(service).items())
                if (date_from or "") <= day <= (date_to or "9999")]
    assert ids_from_bits(columns.date_bits(date_from, date_to)) == expected


@pytest.mark.parametrize("sparse", [0, 10**9])
@pytest.mark.parametrize("q", ["", "Tokayev", "cooperation OR water", "year:2022"])
def test_day_counts_are_the_hits_per_publication_day(
        service: SearchService, monkeypatch: pytest.MonkeyPatch, q: str, sparse: int) -> None:
    """A timeline's input counts the hits of each day (or, over more than MONTHS_ONLY months
    with more than SPARSE_HITS hits, of each month, on its first day), from the stored days."""
    from collections import Counter

    from qidir.search.engine import facets

    monkeypatch.setattr(facets, "SPARSE_HITS", sparse)
    columns: FacetColumns = service._current().columns
    plan = service.plan(SearchRequest(q=q))
    days = _published(service)
    hits = [days[n] for n in ids_from_bits(plan.matched) if n in days]
    per_day = sorted(Counter(hits).items())
    months = sorted({d[:7] for d in hits})
    span = ((int(months[-1][:4]) - int(months[0][:4])) * 12 + int(months[-1][5:])
            - int(months[0][5:]) + 1)
    if len(hits) > sparse and span > facets.MONTHS_ONLY:
        expected = sorted(Counter(f"{d[:7]}-01" for d in hits).items())
    else:
        expected = per_day
    assert columns.day_counts(plan.matched) == expected
