"""Documents in languages qidir does not analyse: neutral analysis and a named facet value.

A page in Ukrainian, French or German is labelled with its own code (or ``und``), never one
of the six (tests/metadata). Here: such a document is indexed with the neutral analysis
(Unicode words, case folded, no stems, no stop words) instead of the analysis of whichever
of the six languages its words happen to resemble, it is found by the words it contains,
and the language facet names its language.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qidir.analyzers import LANGUAGES, analysis_language, analyze
from qidir.search import fields
from qidir.search.engine import indexer
from qidir.search.engine.analyzer import PipelineAnalyzer
from qidir.search.engine.records import to_fields
from qidir.search.ingest.documents import Document
from qidir.search.labels import language_name
from qidir.search.service import SearchRequest, SearchService

SIX = ("en", "ru", "uz", "kk", "az", "tr")


@pytest.mark.parametrize("code", SIX)
def test_the_six_are_detected_part_by_part(code: str) -> None:
    assert analysis_language(code) is None


@pytest.mark.parametrize("code", ["uk", "fr", "de", "hy", "es", "zh", "und", "xx"])
def test_every_other_label_gets_the_neutral_analysis(code: str) -> None:
    assert analysis_language(code) == "und"
    assert analysis_language(code) in LANGUAGES


def _terms(doc: Document, field: str) -> list[str]:
    return [t.text for t in PipelineAnalyzer("text")(to_fields(doc)[field])]


@pytest.mark.parametrize(
    ("lang", "text", "terms"),
    [
        # Ukrainian: as Russian, "заборонили" would be lemmatised and "на" dropped.
        ("uk", "Уряд заборонили рекламу на телебаченні",
         ["уряд", "заборонили", "рекламу", "на", "телебаченні"]),
        # German: as English, "in" and "die" would be stop words and "Wahlen" stemmed.
        ("de", "Die Wahlen in Berlin", ["die", "wahlen", "in", "berlin"]),
        # Undetermined: the same neutral words.
        ("und", "Running Races", ["running", "races"]),
    ],
)
def test_other_language_text_is_indexed_neutrally(lang: str, text: str, terms: list[str]) -> None:
    doc = Document(id="d", title=text, text=text, lang=lang)
    assert _terms(doc, "text") == terms
    assert _terms(doc, "title") == terms
    assert [t.term for t in analyze(text, lang="und")] == terms


def test_a_document_in_one_of_the_six_keeps_its_analysis() -> None:
    doc = Document(id="d", title="Депутаты подписали закон", text="Депутаты подписали закон",
                   lang="ru")
    assert "подписать" in _terms(doc, "text")  # the Russian lemma, not the surface form


def test_other_language_documents_are_found_and_named_in_the_facet(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "docs.jsonl").write_text(
        '{"id": "uk1", "title": "Реєстр залежних від азартних ігор", "lang": "uk",'
        ' "text": "Державне агентство оголосило тендер на створення реєстру."}\n'
        '{"id": "de1", "title": "Die Wahlen in Berlin", "lang": "de",'
        ' "text": "Die Wahlen in Berlin werden wiederholt."}\n'
        '{"id": "ru1", "title": "Депутаты подписали закон", "lang": "ru",'
        ' "text": "Депутаты подписали закон о рекламе."}\n',
        "utf-8",
    )
    index = tmp_path / "index"
    indexer.rebuild(index, [src])
    service = SearchService(index)
    hit = service.search(SearchRequest(q="оголосило"))
    assert [h["id"] for h in hit.hits] == ["uk1"]
    # The snippet is marked from the lexicon (no analysis at query time), in the language the
    # document was analysed in, and prefix and fuzzy reach its written words too.
    assert service.parts("uk1")["text"] == [[0, "und"]]
    assert "<mark>оголосило</mark>" in hit.hits[0]["snippet"]
    assert [h["id"] for h in service.search(SearchRequest(q="оголос*")).hits] == ["uk1"]
    assert [h["id"] for h in service.search(SearchRequest(q="оголасило~1")).hits] == ["uk1"]
    hit = service.search(SearchRequest(q="wiederholt"))
    assert [h["id"] for h in hit.hits] == ["de1"]
    langs = {v["value"]: v["label"] for v in service.search(SearchRequest(q="")).facets["lang"]}
    assert langs == {"uk": "Ukrainian", "de": "German", "ru": "Russian"}


@pytest.mark.parametrize(
    ("code", "name"),
    [("uk", "Ukrainian"), ("hy", "Armenian"), ("el", "Greek"), ("ms", "Malay"),
     ("uz", "Uzbek"), ("und", "Undetermined"), ("qqq", "qqq")],
)
def test_language_facet_labels_name_the_language(code: str, name: str) -> None:
    assert language_name(code) == name
    facet = fields.get("lang")
    assert facet is not None and facet.label is not None
    assert facet.label(code) == name
