"""Phrases scored from arrays and positions (search/engine/phrases.py) give exactly what
Whoosh's span matchers give: the same documents, the same float for each (compared with
``==``), segment by segment.

The index has what a phrase reader gets wrong: the words in order, reversed, apart by one
and by two words, repeated, in the title and in the text; slots with several readings
(Cyrillic words analysed several ways); several segments, deleted and replaced documents,
and words only some segments have. Its segments are small (under Whoosh's 5,000 documents,
where an ``Or`` outside a phrase is summed by its array union and inside one by its tree);
large segments' choice is forced too. A comparison that could not fail would prove nothing:
the last tests break the span rule and the union choice and see it fail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from whoosh import query as wq

from benchmarks import corpus as bench_corpus
from benchmarks import queries as bench_queries
from qidir.search.engine import collector, indexer, phrases, scoring
from qidir.search.service import SearchRequest, SearchService

FIRST, ADDED = 300, 30
REPLACED, REMOVED = range(0, 12), range(50, 60)

#: Sentences put in the documents' text (each one in some documents, see _crafted).
SENTENCES = [
    "The military cooperation agreement was signed in Tashkent yesterday.",
    "Talks on cooperation military experts held in Baku.",
    "The military and cooperation council met again.",
    "A military expert said cooperation talks will go on.",
    "Military cooperation cooperation was the word of the day.",
    "Cooperation cooperation and more cooperation, said the minister.",
    "Военное сотрудничество двух стран обсудили в Ташкенте.",
    "Сотрудничество военное не обсуждали.",
    "Toʻgʻri yoʻl tanlandi, dedi vazir harbiy hamkorlik haqida.",
]
#: Only in the documents added last: absent from the first segment.
LATE = "The quokka zebrafish survey found zebrafish quokka colonies."
TITLES = ["Military cooperation grows", "Cooperation and military ties",
          "Военное сотрудничество растёт"]

#: Phrases as a reader writes them (the compiler makes Or(Sequence per field)).
PHRASES = [
    '"military cooperation"', '"cooperation military"', '"military and cooperation"',
    '"military cooperation agreement"', '"the military cooperation agreement was signed"',
    '"cooperation cooperation"', '"military cooperation cooperation"',
    '"военное сотрудничество"', '"сотрудничество военное"', '"harbiy hamkorlik"',
    'title:"military cooperation"', 'title:"военное сотрудничество"',
    '"quokka zebrafish"', '"zebrafish quokka colonies"', '"military zebrafish"',
    "military-cooperation", '"nosuchword cooperation"', '"cooperation of military"',
    '"regional council"', '"regional council budget"', '"budget council"',
    '"council regional"',
]


def _write(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n",
                    encoding="utf-8")
    return path


def _crafted(docs: list[dict[str, Any]], late: bool) -> list[dict[str, Any]]:
    """The documents with the test sentences put in (every third gets one, in turn)."""
    out = []
    for i, d in enumerate(docs):
        d = dict(d)
        if i % 3 == 0:
            sentence = SENTENCES[(i // 3) % len(SENTENCES)]
            d["text"] = f"{d['text']} {sentence} {d['text']}"
        if i % 7 == 0:
            d["title"] = TITLES[(i // 7) % len(TITLES)]
        if late and i % 2 == 0:
            d["text"] = f"{LATE} {d['text']}"
        if not late:
            # A word in every document of the first segment (a list of several blocks),
            # in the phrase only near its end and reversed only near its start: blocks
            # without a candidate are passed over.
            d["text"] = f"{d['text']} The council said so."
            if i % 5 == 0 and i >= FIRST - 40:
                d["text"] = f"{d['text']} Regional council budget approved."
            elif i % 5 == 0 and i < 50:
                d["text"] = f"{d['text']} Budget council regional."
        out.append(d)
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SearchService, list[dict]]:
    base = tmp_path_factory.mktemp("phrases")
    docs = list(bench_corpus.generate(FIRST + 2 * ADDED, seed=7))
    first, late = _crafted(docs[:FIRST], False), _crafted(docs[FIRST:], True)
    root = base / "index"
    src = base / "first"
    src.mkdir()
    _write(src / "docs.jsonl", first)
    indexer.rebuild(root, [src])
    replaced = [dict(late[-1 - i], id=first[i]["id"]) for i in REPLACED]
    indexer.add(root, [_write(base / "add1.jsonl", late[:ADDED] + replaced)])
    indexer.remove(root, [first[i]["id"] for i in REMOVED])
    indexer.add(root, [_write(base / "add2.jsonl", late[ADDED:])])
    return SearchService(root), first + late


@pytest.fixture(scope="module")
def queries(built: tuple[SearchService, list[dict]]) -> list[Any]:
    """Compiled queries: the phrases above, the bench's phrases over this corpus, and
    Sequences made from their slots with other slops, boosts, orders and lengths."""
    service, docs = built
    texts = PHRASES + [q["q"] for q in bench_queries.build_queries(
        docs, seed=3, per_kind=12)["queries"]["phrase"]]
    compiled = []
    for text in texts:
        query = service.plan(SearchRequest(q=text)).query
        if query is not None:
            compiled.append(query)
    seqs = [s for q in compiled for s in _sequences(q)]
    reader = service._current().searcher().reader()
    made: list[Any] = []
    for s in seqs[:40]:
        slots = s.subqueries
        # Every word of the phrase in one slot, the commonest first (Whoosh's union tree
        # then adds them in another order than the query's): sums of three or more scores.
        pool = sorted(set(s.leaves()), key=lambda t: (-reader.doc_frequency(t.fieldname, t.text),
                                                       t.text))
        made.append(wq.Sequence([wq.Or(pool), wq.Or(pool)], slop=2))
        made += [
            wq.Sequence(slots, slop=3),
            wq.Sequence(slots, slop=1, boost=1.7),
            wq.Sequence(slots[::-1], slop=2),
            wq.Sequence(slots + slots, slop=1),  # repeated words: "a b a b"
            wq.Sequence([slots[0], slots[0]], slop=1),  # "a a"
            wq.Sequence(slots + [wq.Term(_field(s), "nosuchword")], slop=1),
            wq.Sequence([wq.Or([*slots[0].subqueries, wq.Term(_field(s), "nosuchword")])
                         if isinstance(slots[0], wq.Or) else slots[0], *slots[1:]], slop=1),
            wq.Sequence([slots[-1]], slop=1),  # one slot: that slot's own matcher
        ]
    return compiled + seqs + made


def _field(s: Any) -> str:
    return next(t.fieldname for t in s.leaves() if isinstance(t, wq.Term))


def _sequences(q: Any) -> list[Any]:
    found = [q] if type(q) is wq.Sequence else []
    for child in q.children():
        found += _sequences(child)
    return found


def test_the_index_has_what_phrases_get_wrong(built: tuple[SearchService, list[dict]],
                                              queries: list[Any]) -> None:
    service, _ = built
    searcher = service._current().searcher()
    subs = [s for s, _ in searcher.leaf_searchers()]
    assert len(subs) >= 2 and any(s.reader().has_deletions() for s in subs)
    assert all(s.doc_count_all() <= 5000 for s in subs)  # Whoosh's small-segment Or
    seqs = [q for q in queries if type(q) is wq.Sequence]
    # Slots of several readings (three or more: an array union outside a phrase).
    assert any(len(slot.subqueries) >= 3 for s in seqs for slot in s.subqueries
               if isinstance(slot, wq.Or))
    assert any(s.slop > 1 for s in seqs) and any(len(s.subqueries) >= 3 for s in seqs)
    assert {_field(s) for s in seqs} == {"title", "text"}
    # A phrase of a word with a list of several blocks (Whoosh's blocks hold 128
    # postings) and of words stored inline (a single posting).
    first = max(subs, key=lambda s: s.doc_count_all()).reader()
    council = [t for t in service.plan(SearchRequest(q='"regional council"')).query.leaves()
               if t.fieldname == "text"]
    assert max(first.doc_frequency("text", t.text) for t in council) > 2 * 128
    assert any(first.doc_frequency(_field(s), t.text) == 1 for s in seqs for t in s.leaves())
    # A phrase found in one segment and not in another.
    late = service.plan(SearchRequest(q='"quokka zebrafish"')).query
    per_segment = [len(list(late.docs(sub))) for sub in subs]
    assert 0 in per_segment and max(per_segment) > 0


def _differences(searcher: Any, queries: list[Any]) -> list[str]:
    """Where the array evaluation and Whoosh's walk disagree, segment by segment: the
    documents and scores of each Sequence (phrases.evaluate against the walk of the same
    query), and the documents it matches (phrases.match against ``q.docs``)."""
    out = []
    for q in queries:
        for sub, _offset in searcher.leaf_searchers():
            reader = sub.reader()
            seg = scoring._Segment(sub, searcher.context(), {})
            nodes = _sequences(q) if type(q) is not wq.Sequence else [q]
            for s in nodes:
                got = phrases.evaluate(seg, s)
                assert got is not None, f"{s} fell back to the walk"
                dense = seg.dense(got)
                mine = [(int(d), float(dense[d])) for d in np.flatnonzero(dense)
                        if not reader.is_deleted(int(d))]
                ids, scores = scoring._Segment(sub, searcher.context(), {}).walk(s)
                walked = [(int(d), float(x)) for d, x in zip(ids, scores, strict=True)
                          if not reader.is_deleted(int(d))]
                if mine != walked:
                    out.append(f"scores of {s}: {mine[:4]} != {walked[:4]}")
                mask = phrases.match(scoring._Segment(sub, searcher.context(), {}), s)
                assert mask is not None
                docs = [int(d) for d in np.flatnonzero(mask) if not reader.is_deleted(int(d))]
                if docs != sorted(s.docs(sub)):
                    out.append(f"documents of {s}")
    return out


@pytest.mark.parametrize("or_matcher", [wq.Or.AUTO_MATCHER, wq.Or.DEFAULT_MATCHER])
def test_every_phrase_scores_what_whooshs_span_walk_scores(
        built: tuple[SearchService, list[dict]], queries: list[Any], or_matcher: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each Sequence alone, per segment: the same documents and the same floats as Whoosh's
    matcher, and some of them matching (a comparison of empty answers proves nothing)."""
    monkeypatch.setattr(wq.Or, "matcher_type", or_matcher)
    service, _ = built
    searcher = service._current().searcher()
    assert _differences(searcher, queries) == []
    matched = sum(bool(len(list(q.docs(searcher)))) for q in queries)
    assert matched >= len(queries) // 3


@pytest.mark.parametrize("or_matcher", [wq.Or.AUTO_MATCHER, wq.Or.DEFAULT_MATCHER])
def test_whole_phrase_queries_score_what_the_collector_walks(
        built: tuple[SearchService, list[dict]], queries: list[Any], or_matcher: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The scorer's whole-index arrays (phrases inside Or trees, deleted documents cleared)
    against Whoosh's collector keeping every match."""
    monkeypatch.setattr(wq.Or, "matcher_type", or_matcher)
    service, _ = built
    searcher = service._current().searcher()
    walks: list[Any] = []
    monkeypatch.setattr(scoring._Segment, "walk", _counting(scoring._Segment.walk, walks))
    for q in queries:
        n = searcher.doc_count_all()
        results, matched = collector.top_and_matched(searcher, q, n, None)
        expected = {hit.docnum: hit.score for hit in results}
        scores = scoring.score_all(searcher, q)
        assert {int(d): float(scores[d]) for d in np.flatnonzero(scores)} == expected, q
        mask = scoring.match_mask(searcher, q)
        assert np.flatnonzero(mask).tolist() == sorted(matched), q
    assert walks == []  # no phrase went to Whoosh's matcher


def _counting(walk: Any, calls: list[Any]) -> Any:
    def counted(self: Any, q: Any) -> Any:
        calls.append(q)
        return walk(self, q)
    return counted


def test_service_answers_with_phrases_are_the_walks(
        built: tuple[SearchService, list[dict]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole searches (hits, scores, total, facets) with the phrase evaluation and with
    Whoosh's walk of every phrase."""
    from qidir.search.engine import searching

    service, _ = built
    reqs = [SearchRequest(q=p) for p in PHRASES] + [
        SearchRequest(q=p, lang=("en",)) for p in PHRASES[:4]]
    new = [service.search(r) for r in reqs]
    monkeypatch.setattr(searching.IndexVersion, "top_and_matched",
                        searching.IndexVersion.top_and_matched_walk)
    old = [service.search(r) for r in reqs]
    for r, a, b in zip(reqs, new, old, strict=True):
        assert (a.total, [(h["id"], h["score"]) for h in a.hits], a.facets) == (
            b.total, [(h["id"], h["score"]) for h in b.hits], b.facets), r.q
    assert sum(a.total > 0 for a in new) >= len(reqs) // 2


phrases_near = phrases.near


@pytest.mark.parametrize("broken", [
    pytest.param(lambda a, b, slop: phrases_near(a, b, slop + 1), id="slop+1"),
    pytest.param(lambda a, b, slop: phrases_near(a, b, max(1, slop - 1)), id="slop-1"),
    pytest.param(lambda a, b, slop: phrases_near(b, a, slop), id="reversed"),
])
def test_a_broken_span_rule_is_caught(built: tuple[SearchService, list[dict]],
                                      queries: list[Any], broken: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison sees a wrong span rule: a slop one too wide or too narrow, or words
    found in the other order."""
    monkeypatch.setattr(phrases, "near", broken)
    service, _ = built
    assert _differences(service._current().searcher(), queries) != []


def test_a_slot_summed_by_the_array_union_is_caught(
        built: tuple[SearchService, list[dict]], queries: list[Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside a phrase Whoosh sums a slot's readings by its union tree even in a small
    segment (``needs_current``); summed by the array union instead, some score differs in
    its last bits, and the comparison sees it."""
    real = scoring._Segment.eval

    def eval_without_needs_current(self: Any, q: Any) -> Any:
        context = self.context
        self.context = context.set(needs_current=False)
        try:
            return real(self, q)
        finally:
            self.context = context

    monkeypatch.setattr(scoring._Segment, "eval", eval_without_needs_current)
    service, _ = built
    assert _differences(service._current().searcher(), queries) != []


@pytest.mark.parametrize("weights", [None, 2.0, (1.5, 0.25, 3.0)])
@pytest.mark.parametrize("values", [
    [b"\x00\x00\x00\x01\x80\x02]q\x00K\x05a.", b"\x00\x00\x00\x02\x80\x02]q\x00(K\x05M\x05\x01e."],
    [bytes(range(256)), b"c_codecs\nencode\n", b"\xff" * 300],
    [b"\x00\x00\x00\x00\x80\x02]q\x00."] * 200,  # more than 256 memo entries
])
def test_a_blocks_values_unpickle_to_whooshs_bytes(values: list[bytes], weights: Any) -> None:
    """The values read with the faster latin-1 function are the bytes Whoosh's reader
    unpickles, whatever they hold (the global's own name included) and whatever the
    weights are (none, one for all, one each as an array)."""
    import pickle
    from array import array

    stored = array("f", weights) if isinstance(weights, tuple) else weights
    ids = tuple(range(len(values)))
    block = pickle.dumps((ids, stored, tuple(values)), 2)
    got, pairs = phrases._block_values(block)
    assert pairs
    assert [v[0] for v in got] == list(pickle.loads(block)[2]) == values


def test_an_empty_value_is_not_taken_for_a_pair() -> None:
    """Protocol 2 writes b"" as a call of bytes(), not of the encoder: such a block gives
    a value that is no pair, which the reader turns down (the phrase is then walked)."""
    import pickle

    block = pickle.dumps(((0, 1), None, (b"\x00\x00\x00\x00\x80\x02]q\x00.", b"")), 2)
    got, pairs = phrases._block_values(block)
    assert pairs and type(got[0]) is tuple and type(got[1]) is not tuple
