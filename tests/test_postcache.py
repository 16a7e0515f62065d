"""The bounded cache of decoded posting lists and term lookups (search/engine/postcache.py):
it stays within its budget, drops the least recently used first, hands out arrays no search
can change, can be turned off, and changes no answer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qidir.search.engine import postcache
from qidir.search.engine.postcache import PostingsCache
from qidir.search.service import SearchRequest, SearchService

QUERIES = ["Tokayev", "cooperation", "Казахстан", "cooperat*", "Tokayev~1",
           '"military cooperation"', "Kazakhstan OR Turkey", "president -Russia",
           "water agreement trade border"]


def _postings(n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.arange(n, dtype=np.int64), np.ones(n, dtype=np.float64)  # 16 bytes a posting


def test_the_cache_keeps_within_its_bytes_dropping_the_least_recently_used() -> None:
    cache = PostingsCache(max_bytes=16 * 100)
    loads: list[str] = []

    def get(key: str, n: int) -> tuple[np.ndarray, np.ndarray]:
        return cache.postings((key,), lambda: loads.append(key) or _postings(n))

    get("a", 25)
    get("b", 25)
    get("a", 25)  # kept: no load; "a" is now the most recently used
    get("c", 25)
    get("d", 25)
    assert cache.bytes == cache.max_bytes
    get("e", 25)  # 125 postings: "b", the least recently used, goes
    assert cache.bytes == cache.max_bytes
    get("a", 25)
    get("b", 25)
    assert loads == ["a", "b", "c", "d", "e", "b"]
    get("big", 26)  # over a quarter of the budget: given, not kept
    get("big", 26)
    assert loads[-2:] == ["big", "big"] and cache.bytes == cache.max_bytes


def test_cached_arrays_are_read_only() -> None:
    cache = PostingsCache(max_bytes=1 << 20)
    ids, weights = cache.postings(("t",), lambda: _postings(5))
    with pytest.raises(ValueError):
        ids[0] = 7
    with pytest.raises(ValueError):
        weights[0] = 2.0


def test_a_zero_budget_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(postcache.ENV, "0")
    cache = PostingsCache.from_env()
    calls = []
    for _ in range(3):
        cache.postings(("t",), lambda: calls.append(1) or _postings(3))
        cache.term(("t",), lambda: calls.append(2) or "info")
    assert calls == [1, 2] * 3 and cache.bytes == 0


def _answers(service: SearchService) -> list[str]:
    out = []
    for q in QUERIES:
        for country in ((), ("KZ",)):
            r = service.search(SearchRequest(q, country=country)).to_json()
            r.pop("took_ms")
            out.append(json.dumps(r, sort_keys=True))
    return out


def test_answers_are_the_same_with_the_cache_cold_warm_and_off(
        sample_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hits, scores, snippets, facets, timeline and suggestion: the same from a cold cache,
    from a warm one (the second pass reads its posting lists from it) and without it."""
    monkeypatch.setenv(postcache.ENV, "64")
    cached = SearchService(sample_index)
    cold = _answers(cached)
    cache = cached._current().postings_cache
    misses = cache.misses
    warm = _answers(cached)
    assert cache.hits > 0 and cache.misses == misses, "the second pass decodes nothing"
    monkeypatch.setenv(postcache.ENV, "0")
    off = _answers(SearchService(sample_index))
    assert cold == warm == off


def test_forgetting_postings_makes_the_next_pass_decode_again(
        sample_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark empties the cache between its passes over the same queries: after
    ``forget_postings`` every list is decoded again and nothing is counted as kept."""
    monkeypatch.setenv(postcache.ENV, "64")
    service = SearchService(sample_index)
    first = _answers(service)
    cache = service._current().postings_cache
    hits, misses = cache.hits, cache.misses
    service.forget_postings()
    assert cache.bytes == 0
    again = _answers(service)
    assert again == first
    assert misses > 0
    assert (cache.misses - misses, cache.hits - hits) == (misses, hits), "a cold pass again"
