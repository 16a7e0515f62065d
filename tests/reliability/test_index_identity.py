"""Indexing speed-ups change how an index is written, never what it holds.

The mixed-language sample corpus and the seeds are built with the writer's shortcuts in
play (postings pooled by term, spilled to disk in chunked runs and merged back, written a
block at a time, caches small enough to empty themselves mid-build, two worker processes,
the pipeline's tokens grouped into postings directly, their lengths read from a list) and
without them (Whoosh's own posting pool, every posting sorted in memory, one process,
caches large, tokens through Whoosh's own formats, postings through Whoosh's own
``add_document`` and field writer); the two indexes must be the same term by term: every posting
with its weight and positions, stored fields, field lengths and the lexicon
(`benchmarks.index_digest` compares by document id, as segments and document numbers
depend on which worker took which batch).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_helpers import SAMPLE, SEEDS
from whoosh import index as windex
from whoosh import writing as whoosh_writing

from benchmarks.index_digest import index_content
from qidir.analyzers import detect, people, pipeline
from qidir.search.engine import analyzer, indexer, postings, store, writers


def _posting_files(root: Path) -> dict[str, bytes]:
    """The term table and postings files of a one-segment index, by extension."""
    gen = store.live_generation(root) or root
    ix = windex.open_dir(str(gen))
    (segment,) = ix._segments()
    files = segment.open_compound_file(ix.storage) if segment.is_compound() else ix.storage
    return {name.rsplit(".", 1)[-1]: files.open_file(name).read() for name in files.list()
            if name.endswith((".trm", ".pst"))}


def _shrink_caches(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """Caches that empty themselves every few words, from a cold start."""
    caches = [detect._word_info.cache, people._kind.cache,
              *(f.cache for f in pipeline._WORD_TERMS.values())]
    for cache in caches:
        cache.clear()
        monkeypatch.setattr(cache, "maxsize", size)


def test_spilled_runs_small_caches_and_workers_build_the_same_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [SAMPLE, SEEDS] if SEEDS.is_dir() else [SAMPLE]
    plain = tmp_path / "plain"
    with monkeypatch.context() as whoosh_formats:
        whoosh_formats.setattr(analyzer.formats.Positions, "word_values",
                               analyzer._whoosh_positions)
        whoosh_formats.setattr(analyzer.formats.Frequency, "word_values",
                               analyzer._whoosh_frequency)
        whoosh_formats.setattr(whoosh_writing, "PostingPool", writers.WhooshPool)
        whoosh_formats.setattr(writers.SegmentWriter, "add_document",
                               writers.whoosh_add_document)
        whoosh_formats.setattr(writers.SegmentWriter, "_flush_segment",
                               writers.whoosh_flush_segment)
        indexer.rebuild(plain, sources, procs=1)
    spilled: list[int] = []
    save = postings.TermPool.save

    def counting_save(self: postings.TermPool) -> None:
        spilled.append(sum(len(table) for table in self.fields.values()))
        save(self)

    monkeypatch.setattr(postings.TermPool, "save", counting_save)
    monkeypatch.setattr(writers, "POOL_MB", 0.2)  # a run every ~1,500 postings
    monkeypatch.setattr(postings, "RUN_CHUNK", 7)  # runs of many chunks of terms
    monkeypatch.setattr(writers, "BATCH", 9)  # both workers busy
    _shrink_caches(monkeypatch, 50)
    for procs in (1, 2):
        other = tmp_path / f"spilled-{procs}"
        indexer.rebuild(other, sources, procs=procs)
        if procs == 1:
            assert len([n for n in spilled if n]) >= 3, "the pool spilled runs to disk"
            # Same documents in the same order: the same bytes, block statistics included.
            files = _posting_files(plain)
            assert files.keys() == {"trm", "pst"}
            assert _posting_files(other) == files
        expected, got = index_content(plain), index_content(other)
        assert got.keys() == expected.keys()
        for part in expected:
            assert got[part].keys() == expected[part].keys(), part
            differ = [k for k in expected[part] if got[part][k] != expected[part][k]]
            assert not differ, f"{part}: {differ[:5]}"
        assert len(expected["postings"]) > 5000 and len(expected["lexicon"]) == 3
