"""Facet counts from the values of the hits' documents (``engine.docvalues``) are the
popcounts of the facet's columns: the same count for every value, in the same order, for
any set of documents — empty, every document, a few, most (counted from the documents left
out), with deleted documents and documents filed under several values or none."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from qidir.search import fields
from qidir.search.engine import facets, indexer
from qidir.search.engine.docvalues import DocValues, Members
from qidir.search.engine.facets import FacetColumns, bits_from_ids
from qidir.search.service import SearchRequest, SearchService


def _popcounts(columns: dict[str, int], base: int) -> list[int]:
    return [(bits & base).bit_count() for bits in columns.values()]


def _columns(rng: random.Random, size: int, live: int, n_values: int, per_doc: int
             ) -> dict[str, int]:
    """Columns of live documents: each document filed under up to ``per_doc`` values (none
    for some), the values named out of order so the order kept is the columns'."""
    ids: dict[str, set[int]] = {f"v{k:03d}-{rng.randrange(100)}": set() for k in range(n_values)}
    names = list(ids)
    for doc in range(size):
        for name in rng.sample(names, rng.randrange(per_doc + 1)):
            ids[name].add(doc)
    return {name: bits_from_ids(docs, size) & live for name, docs in ids.items()}


@pytest.mark.parametrize("per_doc", [1, 3])
@pytest.mark.parametrize("seed", range(4))
def test_counts_from_documents_are_the_popcounts(seed: int, per_doc: int) -> None:
    rng = random.Random(seed)
    size = 3000 + seed * 517
    deleted = set(rng.sample(range(size), size // 10))
    live = bits_from_ids([d for d in range(size) if d not in deleted], size)
    columns = _columns(rng, size, live, 40, per_doc)
    values = DocValues(columns, size)
    assert (values.single is not None) == (per_doc == 1)
    everything = (1 << size) - 1
    bases = [0, live, everything, 1 << rng.randrange(size),
             bits_from_ids(rng.sample(range(size), 30), size),         # a few: by their ids
             bits_from_ids(rng.sample(range(size), size * 3 // 4), size),  # most: inverted
             bits_from_ids(deleted, size)]                               # deleted only: none
    inverted = set()
    for base in bases:
        docs = Members(base, live, live.bit_count(), size)
        inverted.add(docs.inverted)
        assert values.counts(docs).tolist() == _popcounts(columns, base)
        kept = docs.ids.tolist()
        assert kept == sorted(kept)
        side = (live & ~base) if docs.inverted else (base & live)
        assert kept == [d for d in range(size) if side >> d & 1]
    assert inverted == {False, True}


def test_a_facet_with_no_values_counts_nothing() -> None:
    values = DocValues({}, 10)
    assert values.counts(Members(0b1011, 0b1111, 4, 10)).tolist() == []


@pytest.fixture(scope="module")
def removed_index(sample_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample index with every fifth document removed (deleted, not yet merged away)."""
    root = tmp_path_factory.mktemp("removed") / "index"
    shutil.copytree(sample_index, root)
    searcher = SearchService(root)._current().searcher()
    ids = [fields_["id"] for n, fields_ in searcher.iter_docs() if n % 5 == 0]
    indexer.remove(root, ids)
    return root


@pytest.mark.parametrize("q", ["", "Tokayev", "cooperation OR water", "Kazakhstan OR Toshkent"])
def test_facets_and_days_of_an_index_with_deleted_documents(
        removed_index: Path, q: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a real index with deleted documents: every facet counted from its documents'
    values (forced for all) gives each value's popcount, in the columns' order, and the
    days counted from the documents' days are the popcounts of each day's documents."""
    service = SearchService(removed_index)
    columns: FacetColumns = service._current().columns
    assert columns.live_count < columns.size  # the index has deleted documents
    plan = service.plan(SearchRequest(q=q))
    everything = (1 << columns.size) - 1
    monkeypatch.setattr(facets, "PAIRS_ABOVE", 0)
    for base in (plan.matched, 0, columns.live, everything, columns.live & ~plan.matched):
        docs = columns.members(base)
        for name in fields.facet_names():
            column = columns.values.get(name, {})
            expected = {v: n for v, n in zip(column, _popcounts(column, base), strict=True) if n}
            assert list(columns.counts(name, base, docs).items()) == list(expected.items())
        monkeypatch.setattr(facets, "SPARSE_HITS", 10**9)  # per day whatever the span
        days = {day: n for day, bits in _day_bits(service).items()
                if (n := (bits & base).bit_count())}
        assert columns.day_counts(base, docs) == sorted(days.items())
        monkeypatch.undo()
        monkeypatch.setattr(facets, "PAIRS_ABOVE", 0)


def _day_bits(service: SearchService) -> dict[str, int]:
    """Each publication day's live documents, from the stored fields."""
    searcher = service._current().searcher()
    size = searcher.reader().doc_count_all()
    days: dict[str, list[int]] = {}
    for n, stored in searcher.iter_docs():
        if stored.get("published"):
            days.setdefault(stored["published"], []).append(n)
    return {day: bits_from_ids(ids, size) for day, ids in days.items()}


@pytest.mark.parametrize(("q", "selection"), [
    ("", {}), ("Tokayev", {"country": ("KZ",)}), ("cooperation", {"lang": ("en",)}),
    ("trade OR gas", {"country": ("KZ", "UZ"), "year": ("2022",)}),
])
@pytest.mark.parametrize("dates", [(None, None), ("2021-01-01", "2022-12-31")])
def test_a_search_shares_its_bases_and_counts_as_each_facet_alone(
        removed_index: Path, q: str, selection: dict[str, tuple[str, ...]],
        dates: tuple[str | None, str | None]) -> None:
    """A search reads each distinct base once for its facets and timeline (the facets
    without a selection and the timeline without a date range share the hits' own); every
    count is still the popcount of the matches with every filter but the facet's own."""
    service = SearchService(removed_index)
    req = SearchRequest(q=q, date_from=dates[0], date_to=dates[1],
                        **selection)  # type: ignore[arg-type]
    plan = service.plan(req)
    plan.relax()
    columns: FacetColumns = plan.columns
    for name in fields.facet_names():
        base = plan.matched & columns.filter_bits(req.selection(), exclude=name)
        counts = {r["value"]: r["count"] for r in plan.facet_values(name, None)[0]}
        expected = {v: n for v, b in columns.values.get(name, {}).items()
                    if (n := (b & base).bit_count()) or v in selection.get(name, ())}
        assert counts == expected
    plan.timeline()
    assert set(plan._bases) == {None, *selection} | ({facets.DATES} if dates[0] else set())


@pytest.mark.parametrize("size", [1, 8, 9, 64, 1000, 4099])
def test_doc_ids_read_sparse_and_dense_sets_alike(size: int) -> None:
    """A bitset's documents, whether read byte by byte (few) or unpacked whole (many):
    ascending, every one, at byte edges and at both ends of the index."""
    from qidir.search.engine import docvalues

    rng = random.Random(size)
    edges = {0, size - 1, min(7, size - 1), min(8, size - 1), size // 2}
    for k in (0, 1, 2, size // docvalues.SPARSE_BELOW, size // 8, size):
        ids = sorted(edges | set(rng.sample(range(size), min(k, size)))) if k else []
        bits = bits_from_ids(ids, size)
        got = docvalues.doc_ids(bits, len(ids), size)
        assert got.tolist() == ids, (size, k)
