"""Indexing speed-ups change how an index is written, never what it holds.

The mixed-language sample corpus and the seeds are built with the writer's shortcuts in
play (postings spilled to disk in chunked runs and merged back, caches small enough to
empty themselves mid-build, two worker processes, the pipeline's tokens grouped into
postings directly, their lengths read from a list) and without them (every posting sorted
in memory, one process, caches large, tokens through Whoosh's own formats, postings through
Whoosh's own field writer); the two indexes must be the same term by term: every posting
with its weight and positions, stored fields, field lengths and the lexicon
(`benchmarks.index_digest` compares by document id, as segments and document numbers
depend on which worker took which batch).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_helpers import SAMPLE, SEEDS
from whoosh.codec.base import FieldWriter

from benchmarks.index_digest import index_content
from qidir.analyzers import detect, people, pipeline
from qidir.search.engine import analyzer, indexer, writers


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
        whoosh_formats.setattr(writers.W3FieldWriter, "add_postings",
                               FieldWriter.add_postings)
        indexer.rebuild(plain, sources, procs=1)
    spilled: list[int] = []
    save = writers.PostingPool.save

    def counting_save(self: writers.PostingPool) -> None:
        spilled.append(len(self.current))
        save(self)

    monkeypatch.setattr(writers.PostingPool, "save", counting_save)
    monkeypatch.setattr(writers, "POOL_MB", 0.2)  # a run every ~1,200 postings
    monkeypatch.setattr(writers, "RUN_CHUNK", 7)  # runs of many chunks, one cut mid-term
    monkeypatch.setattr(writers, "BATCH", 9)  # both workers busy
    _shrink_caches(monkeypatch, 50)
    for procs in (1, 2):
        other = tmp_path / f"spilled-{procs}"
        indexer.rebuild(other, sources, procs=procs)
        if procs == 1:
            assert len([n for n in spilled if n]) >= 3, "the pool spilled runs to disk"
        expected, got = index_content(plain), index_content(other)
        assert got.keys() == expected.keys()
        for part in expected:
            assert got[part].keys() == expected[part].keys(), part
            differ = [k for k in expected[part] if got[part][k] != expected[part][k]]
            assert not differ, f"{part}: {differ[:5]}"
        assert len(expected["postings"]) > 5000 and len(expected["lexicon"]) == 3
