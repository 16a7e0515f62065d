"""End to end through the search service: every example of the contract's "Search behaviour"
section, the query language, dates and sorts, snippets and suggestions, on the seeds, the
sample corpus and a few records written here for forms the corpora do not contain."""

from __future__ import annotations

import json
import re

import pytest
from testsupport import SAMPLE, SEEDS, build_index

from qidir.analyzers.normalize import APOSTROPHES, HYPHENS
from qidir.search.query.parser import QueryError
from qidir.search.service import SearchRequest, SearchService

#: Records written for this test, for word forms neither corpus has.
EXTRA = [
    {"id": "t-cooperate", "title": "Farmers agree to cooperate on irrigation",
     "text": "Villages along the canal will cooperate on sharing pumps this summer, the "
             "district office said on Monday.",
     "lang": "en", "published": "2024-03-01", "source": "test-desk", "countries": ["UZ"]},
    {"id": "t-hasanov", "title": "Həsənov Bakıda görüş keçirdi",
     "text": "Müdafiə naziri Zakir Həsənov bu gün Bakıda xarici nümayəndə heyətini qəbul etdi.",
     "lang": "az", "published": "2023-06-01", "source": "test-desk", "countries": ["AZ"]},
    {"id": "t-yo", "title": "Ёлочный базар открылся в центре",
     "text": "В центре города открылся ёлочный базар, где продают живые ели и игрушки.",
     "lang": "ru", "published": "2023-12-20", "source": "test-desk", "countries": ["RU"]},
    {"id": "t-apart", "title": "Delegates gather in Nur Sultan for a water forum",
     "text": "Engineers from five countries met in Nur Sultan to compare canal repair plans.",
     "lang": "en", "published": "2021-09-14", "source": "test-desk", "countries": ["KZ"]},
    {"id": "t-nosign", "title": "Fargona vodiysida uzum yigim-terimi boshlandi",
     "text": "Vodiy fermerlari bu yil uzumni erta yigʻishga kirishdi, dedi viloyat qishloq "
             "xojaligi boshqarmasi. Hosilning bir qismi Toshkentga joʻnatiladi.",
     "lang": "uz", "published": "2025-09-02", "source": "test-desk", "countries": ["UZ"]},
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    base = tmp_path_factory.mktemp("behaviour")
    extra = base / "extra"
    extra.mkdir()
    (extra / "records.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in EXTRA) + "\n", encoding="utf-8")
    return SearchService(build_index(base / "index", SEEDS, SAMPLE, extra))


def ids(service: SearchService, q: str, **kw: object) -> set[str]:
    total, rows = service.iter_hits(SearchRequest(q=q, **kw), 10_000)  # type: ignore[arg-type]
    found = {r["id"] for r in rows}
    assert len(found) == total
    return found


def seed_ids(service: SearchService, prefix: str) -> str:
    """The id of a seed by its file-name prefix ("001")."""
    _, rows = service.iter_hits(SearchRequest(), 10_000)
    matches = [r["id"] for r in rows if (r["path"] or "").startswith(prefix + "_")]
    assert len(matches) == 1, prefix
    return matches[0]


# -- the contract's examples -------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    # English: Snowball stems
    ("cooperation", ["t-cooperate"]),
    ("exercises", ["seed:000"]),
    ("exercise", ["seed:000"]),
    # Russian: pymorphy3 lemmas, ё = е
    ("подписать", ["seed:001"]),
    ("Казахстан", ["seed:001"]),
    ("елочный", ["t-yo"]),
    # Uzbek: Cyrillic document, Latin query with any apostrophe; suffixes stripped
    ("Qozog'iston", ["seed:001"]),
    ("Qozogʻiston", ["seed:001"]),
    ("Qozog`iston", ["seed:001"]),
    ("Qozog’iston", ["seed:001"]),
    ("Qozogʼiston", ["seed:001"]),
    ("Turkiya", ["seed:001"]),
    # names across scripts
    ("Tokayev", ["seed:000", "seed:001"]),
    ("Erdogan", ["seed:001"]),
    ("Hasanov", ["seed:004", "t-hasanov"]),
])
def test_contract_examples(service: SearchService, query: str, expected: list[str]) -> None:
    found = ids(service, query)
    for want in expected:
        doc_id = seed_ids(service, want[5:]) if want.startswith("seed:") else want
        assert doc_id in found, f"{query!r} should find {want}"


@pytest.mark.parametrize("apostrophe", list(APOSTROPHES))
def test_every_apostrophe_the_index_folds_splits_a_query_the_same_way(
        service: SearchService, apostrophe: str) -> None:
    """The query side tokenises with the analyzers' own apostrophe set: a word typed with any
    form the index folds stays one word, alone and inside a phrase."""
    expected = seed_ids(service, "001")
    assert expected in ids(service, f"Qozog{apostrophe}iston")
    assert expected in ids(service, f'"Qozog{apostrophe}iston"')


@pytest.mark.parametrize("hyphen", list(HYPHENS))
def test_every_hyphen_the_index_knows_joins_a_query_compound(
        service: SearchService, hyphen: str) -> None:
    assert "t-apart" in ids(service, f"Nur{hyphen}Sultan")


def docs_containing(service: SearchService, pattern: str) -> set[str]:
    """Documents whose title or text has a word starting with ``pattern`` (a regex)."""
    _, rows = service.iter_hits(SearchRequest(), 10_000)
    out = set()
    for row in rows:
        doc = service.document(row["id"])
        assert doc is not None
        if re.search(rf"(?<!\w){pattern}", f"{doc['title']}\n{doc['text']}"):
            out.add(row["id"])
    return out


@pytest.mark.parametrize("query, forms", [
    ("Tokayev", ["Tokayev", "Токаев", "Тўқаев"]),
    ("Erdogan", ["Erdoğan", "Эрдоган", "Эрдўған"]),
    ("Эрдоган", ["Erdoğan", "Эрдоган", "Эрдўған"]),
    ("Hasanov", ["Z\\.Hasanov", "Həsənov", "Hasanov"]),
    # places by any of their names (exonyms)
    ("Tashkent", ["Toshkent", "Тошкент", "Ташкент", "Tashkent"]),
    ("Тошкент", ["Toshkent", "Тошкент", "Ташкент", "Tashkent"]),
    ("Uzbekistan", ["Oʻzbekiston", "Ўзбекистон", "Узбекистан", "Uzbekistan"]),
    ("Türkiye", ["Turkey", "Турци", "Туркия", "Turkiya", "Türkiye"]),
])
def test_names_across_scripts_find_every_written_form(service: SearchService, query: str,
                                                      forms: list[str]) -> None:
    found = ids(service, query)
    for form in forms:
        having = docs_containing(service, form)
        assert having, f"the corpora have no {form!r}: the test would prove nothing"
        assert having <= found, f"{query!r} misses documents with {form!r}"


@pytest.mark.parametrize("query, form", [
    ("yoqilgi", "[Yy]oqilg['ʻ’]i"),  # the sign left out of the query …
    ("ozbekistonda", "Oʻzbekistonda"),
    ("xoʻjaligi", "xojaligi"),  # … or out of the document
    ("Fargʻona", "Fargona"),
])
def test_uzbek_sign_may_be_left_out(service: SearchService, query: str, form: str) -> None:
    having = docs_containing(service, form)
    assert having, f"the corpora have no {form!r}: the test would prove nothing"
    assert having <= ids(service, query)


def test_a_place_found_by_another_name_is_marked_in_the_snippet(service: SearchService) -> None:
    hits = service.search(SearchRequest(q="Tashkent", per_page=50)).hits
    marked = {m for h in hits for m in re.findall(r"<mark>(.*?)</mark>", h["snippet"])}
    assert any(m.startswith("Toshkent") for m in marked), marked


def test_hyphenated_name_finds_it_joined_and_apart(service: SearchService) -> None:
    found = ids(service, "Nur-Sultan")
    assert "t-apart" in found
    assert docs_containing(service, "Nur-Sultan") <= found
    assert ids(service, "Nursultan") <= found


def test_mixed_document_russian_quote_is_found_by_russian_lemma(service: SearchService) -> None:
    # Seed 001 is Uzbek (Cyrillic) quoting a Russian statement: each part in its language.
    uz = seed_ids(service, "001")
    assert uz in ids(service, "подписать") and uz in ids(service, "заявление")


# -- query language ----------------------------------------------------------------------

def test_and_is_the_default(service: SearchService) -> None:
    a, b = ids(service, "Kazakhstan"), ids(service, "Turkey")
    assert ids(service, "Kazakhstan Turkey") == a & b
    assert ids(service, "Kazakhstan AND Turkey") == a & b
    assert a & b and a - b and b - a


def test_or_not_and_minus(service: SearchService) -> None:
    a, b = ids(service, "Kazakhstan"), ids(service, "Turkey")
    assert ids(service, "Kazakhstan OR Turkey") == a | b
    assert ids(service, "Kazakhstan -Turkey") == a - b
    assert ids(service, "Kazakhstan NOT Turkey") == a - b
    assert ids(service, "(Kazakhstan OR Turkey) -Azerbaijan") == (a | b) - ids(service,
                                                                              "Azerbaijan")


def test_phrase_needs_the_words_in_order(service: SearchService) -> None:
    phrase = ids(service, '"military cooperation"')
    assert phrase and phrase <= ids(service, "military cooperation")
    assert ids(service, '"cooperation military"') != phrase


@pytest.mark.parametrize("field_query, filters", [
    ("country:KZ", {"country": ("KZ",)}),
    ("country:Kazakhstan", {"country": ("KZ",)}),
    ("lang:ru", {"lang": ("ru",)}),
    ("source:azernews.az", {"source": ("azernews.az",)}),
])
def test_keyword_fields_equal_filters(service: SearchService, field_query: str,
                                      filters: dict[str, tuple[str, ...]]) -> None:
    found = ids(service, field_query)
    assert found and found == ids(service, "", **filters)


def test_title_field_only_matches_titles(service: SearchService) -> None:
    in_title = ids(service, "title:cooperation")
    assert in_title and in_title < ids(service, "cooperation")
    for doc_id in in_title:
        doc = service.document(doc_id)
        assert doc and re.search(r"cooperat", doc["title"], re.I)


def test_prefix_on_surface_words_and_its_bound(service: SearchService,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # The index keeps stems (cooper); a prefix is matched against the words as written.
    assert ids(service, "cooperation") <= ids(service, "cooperat*")
    assert ids(service, "title:cooperat*") == ids(service, "title:cooperation") | \
        ids(service, "title:cooperate")
    with pytest.raises(QueryError, match="too short"):
        service.search(SearchRequest(q="c*"))
    from qidir.search.query import compiler

    monkeypatch.setattr(compiler, "MAX_EXPANSION", 3)
    with pytest.raises(QueryError, match="more than 3"):
        service.search(SearchRequest(q="co*"))


def test_fuzzy_works_on_what_the_reader_types(service: SearchService) -> None:
    # The stem of "cooperatoin" is far from "cooper"; the surface word is 2 edits away, and
    # the word found is searched as if typed: "cooperation" finds "cooperate" by its stem.
    found = ids(service, "cooperatoin~2")
    assert docs_containing(service, "(?i:cooperation)") <= found == ids(service, "cooperation")
    assert ids(service, "Tokaev~1") & ids(service, "Tokayev")
    assert ids(service, "Токаевым~2") & ids(service, "Токаев")
    with pytest.raises(QueryError, match="fuzzy distance"):
        service.search(SearchRequest(q="cooperation~3"))


@pytest.mark.parametrize("q, where", [
    ('"open', 1), ("(Kazakhstan", 1), ("Kazakhstan)", 11), ("OR Turkey", 1),
    ("Turkey OR", 8), ("NOT", 1), ("color:red", 1),
])
def test_unparseable_queries_say_where(service: SearchService, q: str, where: int) -> None:
    with pytest.raises(QueryError, match=f"at character {where}"):
        service.search(SearchRequest(q=q))


# -- dates and sorts ---------------------------------------------------------------------

def _dates(service: SearchService, **kw: object) -> list[str | None]:
    _, rows = service.iter_hits(SearchRequest(**kw), 10_000)  # type: ignore[arg-type]
    return [r["published"] for r in rows]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_sorts_put_undated_last(service: SearchService, sort: str) -> None:
    dates = _dates(service, sort=sort)
    dated = [d for d in dates if d]
    assert None in dates and dates.index(None) == len(dated)  # every undated one at the end
    assert dated == sorted(dated, reverse=(sort == "newest"))


def test_empty_query_relevance_is_newest_first(service: SearchService) -> None:
    assert _dates(service) == _dates(service, sort="newest")


def test_date_range_is_inclusive_and_open_ended(service: SearchService) -> None:
    all_dates = [d for d in _dates(service, sort="oldest") if d]
    lo, hi = all_dates[3], all_dates[-4]
    between = _dates(service, date_from=lo, date_to=hi, sort="oldest")
    assert between == [d for d in all_dates if lo <= d <= hi]
    assert between[0] == lo and between[-1] == hi
    assert _dates(service, date_from=hi, sort="oldest") == [d for d in all_dates if d >= hi]
    assert _dates(service, date_to=lo, sort="oldest") == [d for d in all_dates if d <= lo]


def test_relevance_sort_has_scores_and_date_sorts_do_not(service: SearchService) -> None:
    rel = service.search(SearchRequest(q="Kazakhstan")).hits
    assert all(isinstance(h["score"], float) for h in rel)
    assert [h["score"] for h in rel] == sorted((h["score"] for h in rel), reverse=True)
    assert all(h["score"] is None for h in service.search(
        SearchRequest(q="Kazakhstan", sort="newest")).hits)


# -- snippets and titles -----------------------------------------------------------------

def test_snippets_mark_surface_words_in_any_script(service: SearchService) -> None:
    hits = service.search(SearchRequest(q="Tokayev", per_page=50)).hits
    marked = {m for h in hits for m in re.findall(r"<mark>(.*?)</mark>", h["snippet"])}
    assert {"Tokayev", "Токаев"} <= {re.sub(r"[’'].*", "", m) for m in marked}
    assert any(m.startswith("Тўқаев") for m in marked)


def test_snippet_and_title_are_html_safe(service: SearchService) -> None:
    for h in service.search(SearchRequest(q="Kazakhstan", per_page=100)).hits:
        for html in (h["snippet"], h["title_html"]):
            assert not re.search(r"<(?!/?mark>)", html)
    hit = service.search(SearchRequest(q="title:cooperation")).hits[0]
    assert "<mark>" in hit["title_html"]


def test_fuzzy_and_prefix_words_are_marked(service: SearchService) -> None:
    hit = service.search(SearchRequest(q="cooperatoin~2")).hits[0]
    assert re.search(r"<mark>cooperation</mark>", hit["snippet"], re.I)
    hit = service.search(SearchRequest(q="cooperat*")).hits[0]
    assert re.search(r"<mark>cooperat\w*</mark>", hit["snippet"], re.I)


# -- did you mean ------------------------------------------------------------------------

@pytest.mark.parametrize("typed, corrected", [
    ("cooperatoin", "cooperation"),
    ("Kazkahstan", "Kazakhstan"),
    ("Toshkant", "Toshkent"),  # one edit away; finds Tashkent too (exonyms)
    ("Мирзияев", "Мирзиёев"),
    ("militray cooperatoin", "military cooperation"),
])
def test_suggestion_in_the_words_own_script(service: SearchService, typed: str,
                                            corrected: str) -> None:
    result = service.search(SearchRequest(q=typed))
    assert result.suggestion is not None, typed
    assert result.suggestion["q"] == corrected
    assert result.suggestion["total"] == service.search(SearchRequest(q=corrected)).total > 0
    body = result.to_json()
    assert body["suggestion"] == corrected and body["suggestion_total"] > result.total


def test_no_suggestion_for_words_the_index_knows(service: SearchService) -> None:
    assert service.search(SearchRequest(q="cooperation")).suggestion is None


def test_related_documents_exclude_the_document(service: SearchService) -> None:
    doc_id = seed_ids(service, "000")
    related = service.related(doc_id)
    assert 1 <= len(related) <= 5 and doc_id not in {r["id"] for r in related}
    assert {"id", "title", "url", "source", "published", "lang", "countries",
            "score"} <= set(related[0])
    assert service.related("no-such-id") == []


@pytest.mark.parametrize("q", [
    "Kazakhstan", "Tokayev", "Токаев", "cooperation", "cooperat*", "cooperatoin~2",
    "Kazakhstan Tashkent", '"Nur Sultan"', "canal -repair", "title:cooperation",
    "Həsənov", "ёлочный базар", "uzum yigim-terimi", "Kazakhstan OR Bakıda",
    "quokka canal zebra irrigation", "Tashkent*",
])
def test_the_match_set_without_scoring_is_whooshs(service: SearchService, q: str) -> None:
    """match_bits' set operations over the posting lists give exactly the documents Whoosh's
    own walk gives, for every query form (and for a relaxed search's query)."""
    from whoosh import query as wq

    from qidir.search.engine.collector import matched_docnums

    plan = service.plan(SearchRequest(q=q))
    searcher = plan.version.searcher()
    queries = [plan.query]
    if plan.relax():
        queries.append(plan.query)
    queries.append(wq.AndNot(wq.Every(), plan.query))
    queries.append(wq.AndMaybe(wq.Or([plan.query, wq.Term("lang", "en")]), wq.NullQuery))
    for query in queries:
        expected = sorted(searcher.docs_for_query(query))
        assert matched_docnums(searcher, query) == expected
        assert plan.version.match_bits(query).bit_count() == len(expected)


@pytest.mark.parametrize("q", ["Kazakhstan", "Tokayev", "canal", "cooperat*", "Tashkent OR Bakıda"])
@pytest.mark.parametrize("sel", [{"country": ("KZ",)}, {"lang": ("ru",)}, {"lang": ("en",)},
                                 {"source": ("test-desk",)}, {"country": ("UZ", "AZ")}])
def test_a_filtered_search_scoring_only_its_hits_ranks_as_the_full_walk(
    service: SearchService, q: str, sel: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scoring only the filtered hits (the matcher jumping to each) gives the same page, in
    the same order with the same scores, as one walk scoring every match."""
    from qidir.search.engine import searching

    def answer() -> tuple:
        r = service.search(SearchRequest(q=q, per_page=50, **sel))
        return r.total, [(h["id"], h["score"]) for h in r.hits], r.facets

    monkeypatch.setattr(searching, "AMONG_BELOW", 0)  # always only the hits
    among = answer()
    monkeypatch.setattr(searching, "AMONG_BELOW", 10**9)  # never: one walk
    assert among == answer()
    hit_any.append(bool(among[1]))


hit_any: list[bool] = []


def test_the_filtered_searches_above_had_hits() -> None:
    assert sum(hit_any) >= 10
