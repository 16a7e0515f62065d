"""Ranking on a small index written here: a word counts once whatever form it was found in,
hyphenated words rank compound > adjacent > apart, and a search that no document fully
matches is relaxed to the documents with most of the words, rarest first."""

from __future__ import annotations

import json

import pytest
from testsupport import build_index

from qidir.search.engine import ranking
from qidir.search.query import relax
from qidir.search.query.parser import parse
from qidir.search.service import SearchRequest, SearchService

FILLER = ("The district office published its weekly bulletin on Monday, with notes on roads, "
          "schools and the new bus timetable. ")

RECORDS = [
    # one name, written in the reader's script and in another
    {"id": "tok-latn", "title": "A visit to Ankara",
     "text": "President Tokayev arrived in Ankara for talks. " + FILLER, "lang": "en"},
    {"id": "tok-cyrl", "title": "Визит в Анкару",
     "text": "Президент Токаев прибыл в Анкару на переговоры. Делегация осталась довольна.",
     "lang": "ru"},
    # a hyphenated word: joined, parts adjacent, parts apart, one part only
    {"id": "hy-compound", "title": "Wind tunnel notes",
     "text": "The shock-sound interaction was measured in the tunnel. " + FILLER, "lang": "en"},
    {"id": "hy-adjacent", "title": "Wind tunnel notes",
     "text": "The shock sound interaction was measured in the tunnel. " + FILLER, "lang": "en"},
    {"id": "hy-apart", "title": "Wind tunnel notes",
     "text": "The shock wave and its sound were measured in the tunnel. " + FILLER,
     "lang": "en"},
    {"id": "hy-one", "title": "Wind tunnel notes",
     "text": "The shock wave was measured in the tunnel. " + FILLER, "lang": "en"},
    # relaxation: no document has all of "irrigation canal pumps quokka"
    {"id": "rx-three", "title": "Canal repairs",
     "text": "Irrigation pumps along the canal were repaired. " + FILLER, "lang": "en"},
    {"id": "rx-rare", "title": "Wildlife",
     "text": "A quokka was seen near the irrigation ditch. " + FILLER, "lang": "en"},
    {"id": "rx-common", "title": "Canal news",
     "text": "The canal was busy. " + FILLER, "lang": "en"},
    {"id": "rx-common2", "title": "Canal boats",
     "text": "Boats on the canal. " + FILLER, "lang": "en"},
    {"id": "rx-none", "title": "Elections",
     "text": "Voters went to the polls. " + FILLER, "lang": "en"},
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    base = tmp_path_factory.mktemp("ranking")
    src = base / "src"
    src.mkdir()
    (src / "records.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    return SearchService(build_index(base / "index", src))


def ranked(service: SearchService, q: str) -> list[str]:
    return [h["id"] for h in service.search(SearchRequest(q=q, per_page=100)).hits]


def test_a_name_in_another_script_is_found_but_ranks_below_the_word_itself(
        service: SearchService) -> None:
    order = ranked(service, "Tokayev")
    assert order[:2] == ["tok-latn", "tok-cyrl"]


def test_a_word_matching_its_text_term_and_its_name_key_counts_about_once(
        service: SearchService) -> None:
    """The name key adds at most the tie-breaker's share to the text term's score."""
    from qidir.search.query.compiler import TEXT_FIELDS, _Compiler

    s = service._current().searcher()
    both = {h["id"]: h["score"] for h in service.search(SearchRequest(q="Tokayev")).hits}
    text_only = _Compiler(s.reader(), {}).word("Tokayev", TEXT_FIELDS, with_names=False)
    assert text_only is not None
    alone = {s.stored_fields(h.docnum)["id"]: h.score for h in s.search(text_only)}
    assert alone["tok-latn"] <= both["tok-latn"] <= alone["tok-latn"] * (1 + ranking.TIEBREAK)


def test_hyphenated_word_ranks_compound_then_adjacent_then_apart(service: SearchService) -> None:
    order = [d for d in ranked(service, "shock-sound") if d.startswith("hy-")]
    assert order == ["hy-compound", "hy-adjacent", "hy-apart"]


def test_tiebreak_max_matcher_scores_each_document_by_its_own_matches(
        service: SearchService) -> None:
    """Whoosh's DisjunctionMaxMatcher can give a document another document's score; ours
    scores a document matching one alternative by that alternative alone."""
    from whoosh import query as wq

    s = service._current().searcher()
    quokka = wq.Term("text", "quokka")
    canal = wq.Term("text", "canal")
    alone = {s.stored_fields(h.docnum)["id"]: h.score for h in s.search(quokka)}
    best = {s.stored_fields(h.docnum)["id"]: h.score
            for h in s.search(ranking.BestOf([quokka, canal]), limit=None)}
    assert best["rx-rare"] == pytest.approx(alone["rx-rare"])
    both = {s.stored_fields(h.docnum)["id"]: h.score for h in s.search(canal, limit=None)}
    assert best["rx-three"] == pytest.approx(both["rx-three"])


# -- relaxation ----------------------------------------------------------------------------

@pytest.mark.parametrize("q, words, kept", [
    ("irrigation canal pumps quokka", ["irrigation", "canal", "pumps", "quokka"], 0),
    ('"irrigation pumps" canal quokka', ["canal", "quokka"], 1),
    ("irrigation +canal quokka", ["irrigation", "quokka"], 1),
    ("irrigation canal -quokka", ["irrigation", "canal"], 1),
    ("title:canal irrigation quokka", ["irrigation", "quokka"], 1),
    ("(canal OR boats) irrigation quokka", ["irrigation", "quokka"], 1),
])
def test_what_may_be_left_out(q: str, words: list[str], kept: int) -> None:
    parts = relax.split(parse(q))
    assert parts is not None
    assert [t.word for t in parts[0]] == words and len(parts[1]) == kept


@pytest.mark.parametrize("q", ["canal", '"irrigation canal"', "canal OR quokka", "canal -quokka",
                               "+canal +quokka", "title:canal title:quokka", ""])
def test_queries_that_are_never_relaxed(q: str) -> None:
    assert relax.split(parse(q)) is None


def test_idf_counts_rarer_words_more() -> None:
    assert relax.idf(1, 100) > relax.idf(10, 100) > relax.idf(90, 100) >= 0


# -- how much each reading of a word counts -------------------------------------------------

@pytest.mark.parametrize("q, lang", [
    ("Tokayev", "und"),  # too short to tell
    ("Tokayev Erdogan", "und"),
    ("military cooperation agreement signed", "en"),
    ("Türkiye ile askeri işbirliği anlaşması", "tr"),
    ("Qozogʻiston bilan harbiy hamkorlik", "uz"),
    ("-Russia military cooperation agreement", "en"),
])
def test_query_language_is_told_from_enough_words(q: str, lang: str) -> None:
    from qidir.search.query.compiler import query_language

    node = parse(q)
    assert node is not None and query_language(node) == lang


def test_readings_weigh_by_the_index_mix_and_the_query_language(
        service: SearchService) -> None:
    from qidir.search.query.compiler import LANG_FLOOR, _Compiler, language_weights

    reader = service._current().searcher().reader()
    weights = language_weights(reader)
    assert weights["en"] == 1.0  # most documents here are English
    assert LANG_FLOOR < weights["ru"] < 1.0 and weights["kk"] == LANG_FLOOR
    compiler = _Compiler(reader, {})
    compiler.query_lang = "kk"
    assert compiler.lang_weight("kk") == 1.0 and compiler.lang_weight("tr") == LANG_FLOOR


def test_a_search_few_documents_fully_match_lists_those_first_then_the_rest(
        service: SearchService) -> None:
    """"canal boats": one document has both words; fewer than RELAX_BELOW do, so the
    documents with one of the words follow it, and the response says which they lack."""
    assert relax.RELAX_BELOW > 1
    result = service.search(SearchRequest(q="canal boats", per_page=100))
    hits = result.hits
    assert hits[0]["id"] == "rx-common2" and hits[0]["missing"] == []
    assert {h["id"] for h in hits[1:]} == {"rx-three", "rx-common"}
    assert all(h["missing"] == ["boats"] for h in hits[1:])
    assert result.relaxed == {"words": ["canal", "boats"], "missing": ["boats"], "complete": 1}
    assert all(h["score"] < 1000 for h in hits)  # the "every word first" lift is not shown
    # the facets count the same hit set as the hits
    assert sum(r["count"] for r in result.facets["lang"]) == result.total == len(hits)


def test_a_search_nothing_fully_matches_ranks_more_and_rarer_words_first(
        service: SearchService) -> None:
    result = service.search(SearchRequest(q="irrigation canal pumps quokka", per_page=100))
    order = [h["id"] for h in result.hits]
    assert result.relaxed is not None and result.relaxed["complete"] == 0
    assert order[0] == "rx-three"  # three of the four words
    assert order.index("rx-rare") < order.index("rx-common")  # quokka is rarer than canal
    assert "rx-none" not in order
    # exports list the same documents in the same order
    total, rows = service.iter_hits(SearchRequest(q="irrigation canal pumps quokka"), 100)
    assert total == result.total and [r["id"] for r in rows] == order


def test_many_documents_with_every_word_are_not_relaxed(service: SearchService) -> None:
    result = service.search(SearchRequest(q="district office"))
    assert result.relaxed is None and result.total >= relax.RELAX_BELOW
    assert all("missing" not in h for h in result.hits)
