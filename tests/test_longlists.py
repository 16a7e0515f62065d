"""search/engine/longlists.py: long posting lists kept beside each segment as arrays give
the postings Whoosh's blocks give, follow the segments through adds, merges and removals,
and change no answer when they are there, missing or broken."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from testsupport import SAMPLE
from whoosh import index as windex

from benchmarks import corpus as bench_corpus
from qidir.search.engine import blocks, indexer, longlists, scoring, store
from qidir.search.service import SearchRequest, SearchService

DOCS = 600
#: The test corpus is small: lists from this many postings are kept (the real threshold is
#: more than one block), so that hundreds of lists of one and several blocks are checked.
TEST_MIN_POSTINGS = 12
QUERIES = ["harvest", "harvest bulletin", "city", "government minister",
           "cooperation agreement", '"prime minister"', "Tashkent*", "Tokayev~1",
           "Kazakhstan OR Uzbekistan", "energy -oil"]


def _write(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rebuild in two processes (two segments), then an add that replaces documents."""
    base = tmp_path_factory.mktemp("longlists")
    docs = list(bench_corpus.generate(DOCS + 40, seed=11))
    root = base / "index"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(longlists, "MIN_POSTINGS", TEST_MIN_POSTINGS)
        # A word in 400 documents: lists of several of Whoosh's blocks in each segment.
        common = [{"id": f"bulletin-{i}", "lang": "en", "title": f"Bulletin {i}",
                   "text": f"The harvest bulletin number {i} " + "harvest " * (i % 4)}
                  for i in range(400)]
        indexer.rebuild(root, [_write(base / "docs.jsonl", docs[:DOCS] + common), SAMPLE],
                        procs=2)
        replaced = [dict(docs[DOCS + i], id=docs[i]["id"]) for i in range(20)]
        indexer.add(root, [_write(base / "add.jsonl", docs[DOCS + 20:] + replaced)])
    return root


def _segments(gen: Path) -> list[Any]:
    return windex.open_dir(str(gen)).reader().leaf_readers()


def test_every_segment_has_its_file_and_no_other(root: Path) -> None:
    gen = store.require_generation(root)
    ids = {sub.segment().segment_id() for sub, _ in _segments(gen)}
    assert len(ids) >= 2
    assert {p.name for p in gen.glob(f"*{longlists.SUFFIX}")} == {
        longlists.path_for(gen, i).name for i in ids}


def test_every_long_list_reads_as_whooshs_blocks(root: Path) -> None:
    """Each kept list equals what the block reader (itself tested against Whoosh's
    matcher) gives, ids and weights as float64; every list of the threshold's length of the
    kept fields is kept, and no shorter one; lists of several blocks among them."""
    gen = store.require_generation(root)
    kept = several = 0
    for sub, _ in _segments(gen):
        lists = longlists.LongLists.open(gen, sub.segment().segment_id())
        assert lists is not None
        postfile = sub._terms._postfile  # noqa: SLF001
        for fieldname in longlists.FIELDS:
            fmt = sub.schema[fieldname].format
            for btext, info in sub.iter_field(fieldname):
                got = lists.get(fieldname, btext)
                if info.doc_frequency() < TEST_MIN_POSTINGS or info.is_inlined():
                    assert got is None
                    continue
                want = blocks.read(postfile, *info.extent(), fmt)
                assert got is not None, (fieldname, btext)
                assert got[0].dtype == np.int64 and got[1].dtype == np.float64
                assert got[0].tolist() == want[0].tolist()
                assert got[1].tolist() == want[1].tolist()
                kept += 1
                several += len(want[0]) > 128
    assert kept > 200 and several, (kept, several)


@pytest.mark.parametrize("gap", [1, 255, 256, 65_535, 65_536, 3_000_000])
@pytest.mark.parametrize("weights", ["ones", "counts", "big", "fraction"])
def test_encoding_keeps_every_value(gap: int, weights: str) -> None:
    """The narrowest types are chosen and nothing is lost: gaps at each type's edge,
    weights that are small whole numbers, whole numbers over a byte, fractions."""
    ids = np.cumsum(np.array([3] + [gap] * 199 + [1] * 100, dtype=np.int64))
    w = {"ones": np.ones(300), "counts": np.arange(300) % 7 + 1.0,
         "big": np.arange(300) + 200.0,
         "fraction": np.full(300, np.float32(0.3), dtype=np.float64)}[weights]
    blob, id_type, weight_type = longlists._encode(ids, w)  # noqa: SLF001
    assert id_type == ("<u1" if gap < 256 else "<u2" if gap < 65_536 else "<u4")
    assert weight_type == ("<u1" if weights in ("ones", "counts") else "<f4")
    import zlib

    raw = zlib.decompress(blob)
    got_ids = np.cumsum(np.frombuffer(raw, dtype=id_type, count=300), dtype=np.int64)
    got_w = np.frombuffer(raw, dtype=weight_type, count=300,
                          offset=300 * np.dtype(id_type).itemsize).astype(np.float64)
    assert got_ids.tolist() == ids.tolist()
    assert got_w.tolist() == w.tolist()


def _answers(root: Path) -> list[dict[str, Any]]:
    svc = SearchService(root)
    out = []
    for q in QUERIES:
        for country in ((), ("KZ",)):
            res = svc.search(SearchRequest(q=q, country=country)).to_json()
            res.pop("took_ms")
            out.append(res)
    return out


def test_answers_are_the_same_with_missing_or_broken_files(root: Path, tmp_path: Path) -> None:
    """The files only make reading faster: without them (an index built before they
    existed), or with one cut short, every answer is the same."""
    with_files = _answers(root)
    assert any(r["total"] for r in with_files)
    gen = store.require_generation(root)
    files = sorted(gen.glob(f"*{longlists.SUFFIX}"))
    saved = {p: p.read_bytes() for p in files}
    try:
        for p in files:
            p.unlink()
        assert _answers(root) == with_files
        files[0].write_bytes(saved[files[0]][: len(saved[files[0]]) // 2])
        assert longlists.LongLists.open(gen, files[0].name[: -len(longlists.SUFFIX)]) is None
        assert _answers(root) == with_files
    finally:
        for p, data in saved.items():
            p.write_bytes(data)


def test_scores_are_the_same_floats_from_either_reader(root: Path) -> None:
    svc = SearchService(root)
    version = svc._current()  # noqa: SLF001
    assert any(v is not None for v in version.long_lists.values())
    searcher = version.searcher()
    for q in QUERIES:
        query = svc.plan(SearchRequest(q=q)).query
        a = scoring.score_all(searcher, query, lists=version.long_lists)
        b = scoring.score_all(searcher, query)
        assert a.tolist() == b.tolist(), q


def test_files_follow_merges_and_removals(tmp_path: Path) -> None:
    """Small adds merge segments (Whoosh deletes a merged segment's files, this one with
    them) and a removal commits: after each, every segment has its file and no file is
    left without its segment."""
    root = tmp_path / "index"
    docs = list(bench_corpus.generate(300, seed=5))
    indexer.rebuild(root, [_write(tmp_path / "first.jsonl", docs[:200])])
    for i in range(6):
        chunk = docs[200 + 15 * i:200 + 15 * (i + 1)]
        indexer.add(root, [_write(tmp_path / f"add{i}.jsonl", chunk)])
    indexer.remove(root, [docs[0]["id"], docs[1]["id"]])
    gen = store.require_generation(root)
    ids = {sub.segment().segment_id() for sub, _ in _segments(gen)}
    assert {p.name for p in gen.glob(f"*{longlists.SUFFIX}")} == {
        longlists.path_for(gen, i).name for i in ids}
