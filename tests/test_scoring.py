"""The array scorer (search/engine/scoring.py) gives exactly what Whoosh's matcher walk gives.

Every comparison here is equality of floats, not a tolerance: the scorer repeats Whoosh's
arithmetic operation for operation, in the same tree order, so any difference is a bug
(a wrong length, a wrong idf, a tree joined in another order, a deleted document counted).
The index is built to have what bulk readers get wrong: several segments (a rebuild and
two ``index add`` calls), deleted documents (replaced and removed ids), posting lists of
several blocks, single-posting (inlined) terms, and segments under and over Whoosh's
5,000-document switch between its two ways of summing an ``Or`` (forced here both ways).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from testsupport import SAMPLE, SEEDS
from whoosh import query as wq

from benchmarks import corpus as bench_corpus
from benchmarks import queries as bench_queries
from qidir.search.engine import collector, indexer, scoring, searching, sortedsets
from qidir.search.service import SearchRequest, SearchService

#: Documents of the synthetic benchmark corpus in the first segment, then added twice.
FIRST, ADDED = 500, 40
#: Ids of the first segment replaced by the first add, and removed afterwards.
REPLACED, REMOVED = range(0, 25), range(100, 110)

EXTRA_QUERIES = [
    "Kazakhstan", "Tokayev", "Токаев", "cooperation", "cooperat*", "cooperatoin~2",
    "Kazakhstan Tashkent", '"Nur Sultan"', "canal -repair", "title:cooperation",
    "Həsənov", "Kazakhstan OR Bakıda", "quokka canal zebra irrigation", "Tashkent*",
    "Tokayev NOT Erdogan", "(Kazakhstan OR Uzbekistan) AND agreement",
]


def _write(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SearchService, list[dict]]:
    base = tmp_path_factory.mktemp("scoring")
    docs = list(bench_corpus.generate(FIRST + 2 * ADDED, seed=3))
    root = base / "index"
    first = base / "first"
    first.mkdir()
    _write(first / "docs.jsonl", docs[:FIRST])
    indexer.rebuild(root, [SEEDS, SAMPLE, first])
    # Same ids, other texts: the first segment keeps the old versions as deleted documents.
    replaced = [dict(docs[FIRST + 2 * ADDED - 1 - i], id=docs[i]["id"]) for i in REPLACED]
    indexer.add(root, [_write(base / "add1.jsonl", docs[FIRST:FIRST + ADDED] + replaced)])
    indexer.remove(root, [docs[i]["id"] for i in REMOVED])
    indexer.add(root, [_write(base / "add2.jsonl", docs[FIRST + ADDED:FIRST + 2 * ADDED])])
    return SearchService(root), docs


@pytest.fixture(scope="module")
def requests(built: tuple[SearchService, list[dict]]) -> list[SearchRequest]:
    _, docs = built
    kinds = bench_queries.build_queries(docs[:FIRST], seed=5, per_kind=6)["queries"]
    out = []
    for qs in kinds.values():
        for q in qs:
            for f in (None, q.get("filters")):
                out.append(_request(q["q"], f))
    out += [SearchRequest(q=q) for q in EXTRA_QUERIES]
    out += [SearchRequest(q=q, country=("KZ",)) for q in EXTRA_QUERIES[:6]]
    return out


def _request(q: str, f: dict | None) -> SearchRequest:
    f = f or {}
    lo, hi = f.get("year_from"), f.get("year_to")
    return SearchRequest(q=q, country=tuple(f.get("country") or ()),
                         source=tuple(f.get("source") or ()), lang=tuple(f.get("lang") or ()),
                         date_from=f"{lo}-01-01" if lo else None,
                         date_to=f"{hi}-12-31" if hi else None)


def test_the_index_has_what_bulk_readers_get_wrong(
        built: tuple[SearchService, list[dict]]) -> None:
    service, _ = built
    searcher = service._current().searcher()
    subs = [s for s, _ in searcher.leaf_searchers()]
    assert len(subs) >= 2
    assert any(s.reader().has_deletions() for s in subs)
    reader = searcher.reader()
    # A posting list of several blocks (Whoosh's blocks hold 128 postings).
    assert max(reader.doc_frequency("text", t) for t in reader.field_terms("text")) > 128


@pytest.mark.parametrize("or_matcher", [wq.Or.AUTO_MATCHER, wq.Or.DEFAULT_MATCHER])
@pytest.mark.parametrize("sparse_share", [scoring.SPARSE_SHARE, 1, 10**9])
def test_every_match_scores_what_whooshs_walk_scores(
        built: tuple[SearchService, list[dict]], requests: list[SearchRequest],
        or_matcher: int, sparse_share: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each query's full score array against Whoosh's collector keeping every match: the
    same documents, the same float for each. Whoosh sums an Or in small segments with its
    array union and in large ones with a tree: both orders are checked (the test segments
    are small, so the tree is forced). Nodes are combined as sparse lists or dense arrays
    by their size: each way is checked alone too."""
    monkeypatch.setattr(wq.Or, "matcher_type", or_matcher)
    monkeypatch.setattr(scoring, "SPARSE_SHARE", sparse_share)
    service, _ = built
    walked = 0
    for req in requests:
        plan = service.plan(SearchRequest(q=req.q))
        if plan.query is None:
            continue
        searcher = plan.version.searcher()
        for query in _forms(plan):
            n = searcher.doc_count_all()
            results, matched = collector.top_and_matched(searcher, query, n, None)
            expected = {hit.docnum: hit.score for hit in results}
            assert len(expected) == len(matched)
            scores = scoring.score_all(searcher, query)
            got = {int(d): float(scores[d]) for d in scores.nonzero()[0]}
            assert got == expected, req.q
            mask = scoring.match_mask(searcher, query)
            assert mask.nonzero()[0].tolist() == sorted(matched), req.q
            walked += 1
    assert walked >= len(requests)


def _forms(plan: Any) -> list[Any]:
    """The search's query, and the relaxed query of a search with several words."""
    forms = [plan.query]
    if plan.relax():
        forms.append(plan.query)
    return forms


def test_service_answers_are_the_walks(built: tuple[SearchService, list[dict]],
                                       requests: list[SearchRequest],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Every answer (total, hits in order with their scores, facets, timeline, suggestion)
    with the array scorer is the one the matcher walk gives: filtered searches, relaxed
    searches (ranked with their word bonus), deleted and replaced documents included."""
    service, _ = built
    relaxed = filtered = 0
    new = [_answer(service.search(r)) for r in requests]
    monkeypatch.setattr(searching.IndexVersion, "top_and_matched",
                        searching.IndexVersion.top_and_matched_walk)
    old = [_answer(service.search(r)) for r in requests]
    for req, a, b in zip(requests, new, old, strict=True):
        assert a == b, req
        relaxed += a[-1]
        filtered += req.has_filters() and a[0] > 0
    assert relaxed >= 3 and filtered >= 10


def _answer(r: Any) -> tuple:
    return (r.total, [(h["id"], h["score"]) for h in r.hits],
            json.dumps(r.facets, sort_keys=True), r.suggestion,
            json.dumps(r.timeline, sort_keys=True, default=str), r.relaxed is not None)


def test_nothing_falls_back_to_the_walk(built: tuple[SearchService, list[dict]],
                                        requests: list[SearchRequest],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The query forms qidir compiles are all scored as arrays (phrases by their own
    matcher inside the tree), so none goes the slow way."""
    service, _ = built

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("fell back to the matcher walk")

    monkeypatch.setattr(searching.IndexVersion, "top_and_matched_walk", fail)
    for req in requests:
        service.search(req)


def test_top_breaks_ties_as_whooshs_collector() -> None:
    """Equal scores: the lower document number first, and the page cut keeps the lower
    numbers (Whoosh's heap only lets a later document displace a strictly lower score)."""
    import numpy as np

    scores = np.array([0.0, 2.0, 1.0, 2.0, 1.0, 1.0, 0.0, 3.0])
    assert scoring.top(scores, 3, None) == [(7, 3.0), (1, 2.0), (3, 2.0)]
    assert scoring.top(scores, 4, None) == [(7, 3.0), (1, 2.0), (3, 2.0), (2, 1.0)]
    allowed = np.array([True, True, False, False, True, True, True, False])
    assert scoring.top(scores, 2, allowed) == [(1, 2.0), (4, 1.0)]
    assert scoring.top(scores, 2, None, bonus=lambda d: 5.0 if d == 5 else 0.0) == [
        (5, 6.0), (7, 3.0)]


def test_a_relaxed_searchs_bonus_adds_up_the_same_per_document_and_at_once() -> None:
    """The bonus summed over bitsets as arrays is the per-document sum, float for float
    (weights that do not add exactly in another order)."""
    import random

    import numpy as np

    from qidir.search.query.relax import Bonus

    rng = np.random.default_rng(7)
    scores = rng.random(300) * (rng.random(300) > 0.3)
    pick = random.Random(7)
    terms = tuple((pick.getrandbits(300), w) for w in (0.1, 0.7, 1e6, 0.3 * 2.2, 1 / 3))
    bonus = Bonus(terms)
    fast = scoring.top(scores, 300, None, bonus)
    slow = scoring.top(scores, 300, None, lambda d: bonus(d))
    assert fast == slow and len(fast) == int((scores > 0).sum())


def test_a_search_past_its_deadline_stops_while_scoring(
        built: tuple[SearchService, list[dict]], monkeypatch: pytest.MonkeyPatch) -> None:
    """The deadline is looked at before each posting list: a clock that passes it after
    the first few terms stops the scoring and the match sets with SearchTimeout."""
    import time

    from qidir.search.engine.deadline import DeadlineQuery, SearchTimeout

    service, _ = built
    plan = service.plan(SearchRequest(q="Kazakhstan Tashkent cooperation"))
    searcher = plan.version.searcher()
    start = time.monotonic()
    query = DeadlineQuery(plan.query, start + 100.0)
    scoring.score_all(searcher, query)  # in time
    ticks = iter(range(10**6))
    monkeypatch.setattr(time, "monotonic", lambda: start + 50.0 * next(ticks))
    with pytest.raises(SearchTimeout):
        scoring.score_all(searcher, query)
    with pytest.raises(SearchTimeout):
        scoring.match_mask(searcher, query)


def test_the_union_of_two_posting_lists_is_numpys() -> None:
    """The sparse join's union of docnums: np.union1d's array (sorted, each once), for empty,
    disjoint, overlapping, equal and nested lists."""
    import numpy as np

    rng = np.random.default_rng(7)
    cases = [(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)),
             (np.array([3], dtype=np.int64), np.zeros(0, dtype=np.int64)),
             (np.arange(5, dtype=np.int64), np.arange(5, dtype=np.int64)),
             (np.arange(0, 20, 2, dtype=np.int64), np.arange(1, 20, 2, dtype=np.int64)),
             (np.arange(10, dtype=np.int64), np.array([2, 9], dtype=np.int64))]
    for n in (1, 7, 100, 3000):
        cases.append((np.unique(rng.integers(0, 5000, n)), np.unique(rng.integers(0, 5000, n))))
    for a, b in cases:
        got = sortedsets.union(a, b)
        assert got.dtype == np.union1d(a, b).dtype
        assert got.tolist() == np.union1d(a, b).tolist()
        assert sortedsets.union(b, a).tolist() == got.tolist()
        # and the distinct values of any array, as the phrases' spans take them
        both = np.concatenate((b, a, b))
        assert sortedsets.distinct(both).tolist() == np.unique(both).tolist()
