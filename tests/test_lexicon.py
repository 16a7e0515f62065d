"""The lexicon beside the index: snippets and titles marked from the written words each index
term came from, with no language analysis at query time, and kept right through ``index
add``, ``index remove`` and rebuilds (one and two worker processes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from testsupport import SAMPLE, SEEDS

from qidir.analyzers import pipeline
from qidir.analyzers.surface import normalize_word
from qidir.search.engine import indexer
from qidir.search.engine.lexicon import ANYWHERE, FILENAME, PART_PREFIX
from qidir.search.query.highlight import Marker, _surface_spans, highlight, snippet
from qidir.search.query.suggest import levenshtein
from qidir.search.service import SearchRequest, SearchService

#: Words of every script and kind: stems, lemmas, Uzbek spellings, names across scripts,
#: places by other names, a hyphenated compound, prefix and fuzzy expansions, a phrase.
QUERIES = ["cooperation", "Tokayev", "Erdogan", "Hasanov", "Казахстан", "подписать",
           "Turkiya", "Тошкент", "o'zbekiston", "Uzbekistan", "Nur-Sultan", "cooperat*",
           "Tokayev~1", "\"military cooperation\"", "prezident", "Ташкент", "Baku"]


def _marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def _records(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def service(sample_index: Path) -> SearchService:
    return SearchService(sample_index)


@pytest.mark.parametrize("q", QUERIES)
def test_lexicon_marks_what_analysing_the_text_again_marks(service: SearchService,
                                                             q: str) -> None:
    """Every word marked in every hit's title and whole text is the word analysing the text
    again (the way marks were made before the lexicon) marks."""
    plan = service.plan(SearchRequest(q))
    assert plan.marker.surfaces is not None, "the index has a lexicon"
    again = Marker(plan.marks)
    hits = service.search(SearchRequest(q, per_page=30)).hits
    assert hits, q
    marked = 0
    for hit in hits:
        doc = service.document(hit["id"])
        parts = service.parts(hit["id"])
        assert parts.get("title") and parts.get("text"), "the document's parts are stored"
        for name, text in (("title", doc["title"]), ("text", doc["text"])):
            new = _marked(highlight(text, plan.marker, parts.get(name)))
            assert new == _marked(highlight(text, again)), (q, doc["id"], name)
            marked += len(new)
    assert marked, q


def test_snippets_run_no_analysis(service: SearchService,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a query is compiled, marking its hits needs the tokenizer only."""
    req = SearchRequest("Tokayev cooperation", per_page=10)
    plan = service.plan(req)
    marker = plan.marker
    docs = [service.document(h["id"]) for h in service.search(req).hits]

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("a snippet analysed its text")

    monkeypatch.setattr(pipeline, "_analysis", boom)
    monkeypatch.setattr(pipeline, "detect_parts", boom)
    snippets = [snippet(d["text"], marker, parts=service.parts(d["id"])["text"]) for d in docs]
    assert any("<mark>" in s for s in snippets)


def test_add_remove_and_rebuild_keep_the_lexicon(tmp_path: Path) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SAMPLE], procs=2)
    gen = next(root.glob("gen-*"))
    assert (gen / FILENAME).is_file()
    assert not list(gen.glob(f"{PART_PREFIX}*")), "worker parts are merged and removed"

    # A word no document had: added, it is marked in the added document.
    new = {"id": "lex-new", "title": "Qorakoʻlcha yangiliklari", "lang": "uz",
           "text": "Qorakoʻlchada yangi koʻprik ochildi. Qorakoʻlcha aholisi xursand.",
           "source": "test-desk", "published": "2024-01-02", "countries": ["UZ"]}
    svc = SearchService(root)
    assert svc.search(SearchRequest("Qorakoʻlcha")).total == 0
    before = (svc._current().gen / FILENAME).stat().st_ino  # noqa: SLF001
    indexer.add(root, [_records(tmp_path / "new.jsonl", [new])])
    res = svc.search(SearchRequest("Qorakoʻlcha"))
    assert [h["id"] for h in res.hits] == ["lex-new"]
    assert "<mark>Qorakoʻlchada</mark>" in res.hits[0]["snippet"]
    assert "<mark>Qorakoʻlcha</mark>" in res.hits[0]["title_html"]
    # Its words are in the vocabulary prefix and fuzzy search expand against.
    assert [h["id"] for h in svc.search(SearchRequest("qorakoʻlch*")).hits] == ["lex-new"]
    assert [h["id"] for h in svc.search(SearchRequest("Qorakolcha~1")).hits] == ["lex-new"]
    # The live generation's lexicon was not written to: the new one is a copy.
    old_gens = sorted(p for p in root.glob("gen-*") if p != svc._current().gen)  # noqa: SLF001
    assert any((g / FILENAME).stat().st_ino == before for g in old_gens)

    # Replaced (same id), the words only the old version had leave the vocabulary.
    changed = dict(new, id="lex-new", text="Qorakoʻlchada yangi koʻprik ochildi. Bogʻchaobod.")
    lex = lambda: svc._current().lexicon  # noqa: E731, SLF001
    assert lex().frequency("aholisi") > 0 and lex().frequency(normalize_word("Bogʻchaobod")) == 0
    indexer.add(root, [_records(tmp_path / "changed.jsonl", [changed])])
    assert lex().frequency("aholisi") == 0 and lex().frequency(normalize_word("Bogʻchaobod")) == 1
    assert list(lex().with_prefix("aholis")) == []
    assert svc.search(SearchRequest("aholis*")).total == 0
    assert [h["id"] for h in svc.search(SearchRequest("bogʻchaob*")).hits] == ["lex-new"]

    # Removed, its words leave the vocabulary (no prefix or fuzzy word expands to them, and
    # "did you mean" may correct them again); their marks stay in the lexicon but mark
    # nothing: no text has them.
    indexer.remove(root, ["lex-new"])
    assert svc.search(SearchRequest("Qorakoʻlcha")).total == 0
    assert list(lex().with_prefix(normalize_word("qorakoʻlch"))) == []
    assert lex().frequency(normalize_word("qorakoʻlcha")) == 0
    assert lex().frequency("tokayev") > 0, "words other documents have stay"
    other = svc.search(SearchRequest("Tokayev")).hits
    assert other and all("Qorakoʻl" not in h["snippet"] for h in other)

    # A rebuild starts a new lexicon, with one process too.
    indexer.rebuild(root, [SEEDS, SAMPLE], procs=1)
    res = svc.search(SearchRequest("Tokayev"))
    assert res.hits and any("<mark>" in h["snippet"] for h in res.hits)


def test_an_index_without_lexicon_is_marked_by_analysis(tmp_path: Path) -> None:
    """An index built before the lexicon still marks its hits (by analysing them)."""
    root = tmp_path / "index"
    indexer.rebuild(root, [SAMPLE])
    (next(root.glob("gen-*")) / FILENAME).unlink()
    svc = SearchService(root)
    res = svc.search(SearchRequest("Tokayev"))
    assert svc.plan(SearchRequest("Tokayev")).marker.surfaces is None
    assert any("<mark>" in h["snippet"] for h in res.hits)
    # Adding to it does not start a lexicon that would know the added documents only.
    new = {"id": "old-add", "title": "Tokayev in Astana", "text": "Tokayev met farmers.",
           "lang": "en"}
    indexer.add(root, [_records(tmp_path / "new.jsonl", [new])], procs=2)
    assert not list(root.glob(f"gen-*/{FILENAME}")) and not list(root.glob(f"gen-*/{PART_PREFIX}*"))
    res = svc.search(SearchRequest("Tokayev"))
    assert "old-add" in {h["id"] for h in svc.search(SearchRequest("Tokayev", per_page=50)).hits}
    assert any("<mark>" in h["snippet"] for h in res.hits)


def test_no_field_repeats_the_words(sample_index: Path) -> None:
    """Prefix and fuzzy search need no second posting list per word: the schema has none."""
    version = SearchService(sample_index)._current()  # noqa: SLF001
    assert "words" not in version.reader().schema
    assert version.lexicon is not None


@pytest.mark.parametrize("word, maxdist", [("tokaev", 1), ("cooperatoin", 2), ("токаевым", 2),
                                           ("turkiya", 1), ("ab", 1), ("zzzzzz", 1)])
@pytest.mark.parametrize("prefix", [0, 1])
def test_fuzzy_walk_finds_every_form_within_the_distance(sample_index: Path, word: str,
                                                         maxdist: int, prefix: int) -> None:
    """The automaton walk over the vocabulary gives exactly what comparing the word with
    every form would (Levenshtein, the first ``prefix`` letters shared)."""
    lexicon = SearchService(sample_index)._current().lexicon  # noqa: SLF001
    assert lexicon is not None
    forms = set(lexicon.with_prefix(word[:prefix]))
    assert forms
    expected = {f for f in forms if levenshtein(f, word) <= maxdist}
    assert lexicon.within(word, maxdist, prefix=prefix) == expected
    assert expected or word == "zzzzzz"


def test_many_small_adds_leave_a_bounded_number_of_segments(tmp_path: Path) -> None:
    """``index add`` of a few documents at a time merges small segments as it goes (Whoosh's
    MERGE_SMALL policy, which every writer here commits with) instead of adding one segment
    per call for ever; the lexicon follows every add."""
    from whoosh import index as windex

    from qidir.search.engine import store

    root = tmp_path / "index"
    indexer.rebuild(root, [SAMPLE])
    counts = []
    for i in range(12):
        batch = [{"id": f"small-{i}-{j}", "title": f"Bulletin {i}-{j}", "lang": "en",
                  "text": f"Item {j} of bulletin {i}: harvest{i} figures from the valley."}
                 for j in range(2)]
        indexer.add(root, [_records(tmp_path / f"add{i}.jsonl", batch)], procs=1 + i % 2)
        ix = windex.open_dir(str(store.live_generation(root)))
        counts.append(len(ix._segments()))  # noqa: SLF001
    assert max(counts) <= 6, counts
    svc = SearchService(root)
    assert svc.search(SearchRequest("harvest11")).total == 2
    assert svc.search(SearchRequest("harvest1*")).total == 2 * 3  # harvest1, harvest10, 11


def test_lexicon_opens_under_any_path(tmp_path: Path) -> None:
    """The lexicon is opened read-only by URI: a folder name with a space, '#' or '%' works."""
    root = tmp_path / "news 2024 #1 100%" / "index"
    indexer.rebuild(root, [SAMPLE])
    svc = SearchService(root)
    hits = svc.search(SearchRequest("Tokay*")).hits
    assert hits and any("<mark>" in h["snippet"] for h in hits)


@pytest.mark.parametrize("q", QUERIES)
def test_looking_up_where_words_occur_marks_what_the_scan_marks(service: SearchService,
                                                                 q: str) -> None:
    """A text is marked by looking only where a lexicon word, or a token a prefix or fuzzy
    word marks, occurs (highlight._found_spans): the spans are those of the token-by-token
    scan (``cooperat*`` and ``Tokayev~1`` among the queries)."""
    plan = service.plan(SearchRequest(q))
    marker = plan.marker
    for hit in service.search(SearchRequest(q, per_page=30)).hits:
        doc = service.document(hit["id"])
        parts = service.parts(hit["id"])
        for name, text in (("title", doc["title"]), ("text", doc["text"])):
            scan = _surface_spans(text, parts[name], marker.surfaces, marker.words, {})
            assert marker.spans(text, parts[name]) == scan, (q, doc["id"], name)


def test_lookup_and_scan_agree_at_token_edges() -> None:
    """Words inside longer tokens, hyphenated compounds and their parts, apostrophes, line
    breaks, a word whose language part changes, a compound word in the lexicon that
    overlaps another's occurrence."""
    surfaces = {
        "en": {"Tokayev": ("tokaev", ANYWHERE), "Nur-Sultan": ("nur-sultan", ANYWHERE),
               "Sultan": ("sultan", ANYWHERE), "a-b": ("ab", ANYWHERE), "bc": ("bc", ANYWHERE)},
        "ru": {"Токаев": ("tokaev", ANYWHERE), "Tokayev": ("tokaev", ANYWHERE)},
    }
    text = ("Tokayev's visit to Nur-Sultan; xTokayev Tokayevx Sultan-Nur a-bc bc\n"
            "Tokayev\tTokayev-Sultan 'Tokayev' Токаев Tokayev")
    for parts in ([[0, "en"]], [[0, "en"], [40, "ru"]], [[0, "ru"], [9, "en"]], []):
        marker = Marker({"text": {"tokaev"}}, surfaces)
        assert marker.spans(text, parts) == _surface_spans(text, parts, surfaces,
                                                           frozenset(), {}), parts
    assert Marker({"text": {"tokaev"}}, surfaces).spans(text, [[0, "en"]])


@pytest.mark.parametrize("words", [
    {"tokayev"}, {"sultan"}, {"nursultan"}, {"erdoğan"}, {"oʼzbekiston", "oʼzbek"},
    {"ёлка", "елка"}, {"елка"}, {"bc", "tokayevx"}, {"tokayev", "sultan", "токаев"},
])
def test_prefix_and_fuzzy_words_found_where_they_occur_as_the_scan_finds_them(
        words: set[str]) -> None:
    """Prefix and fuzzy words (written forms: case folded, one apostrophe, ё kept and
    spelt е, compounds whole, joined and in parts, clitics cut) are marked by looking only
    where the text's tokens that have such a form occur: the spans are the scan's, with and
    without lexicon words beside them."""
    text = ("TOKAYEV's visit to Nur-Sultan; xTokayev Tokayevx Sultan-Nur a-bc bc\n"
            "Tokayev\tTokayev-Sultan 'Tokayev' Токаев Tokayev Erdoğan’ın O‘zbekiston "
            "o`zbek Ёлка ёлка елка-палка Елка")
    lexicon = {"en": {"Sultan": ("sultan", ANYWHERE), "bc": ("bc", ANYWHERE)},
               "ru": {"Токаев": ("tokaev", ANYWHERE)}}
    for surfaces in ({}, lexicon):
        marks = {"text": {"sultan"}, "names": set(), "words": words}
        for parts in ([[0, "en"]], [[0, "en"], [40, "ru"]], []):
            marker = Marker(marks, surfaces)
            spans = marker.spans(text, parts)
            assert spans == _surface_spans(text, parts, surfaces, frozenset(words), {}), parts
            assert spans
