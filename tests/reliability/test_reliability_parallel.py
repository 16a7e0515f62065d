"""Indexing in several worker processes: the same index as one process, and no silent loss.

Whoosh's own multi-process writer waits for ever when a worker dies and commits without its
documents; qidir's wrapper must fail the write instead (the live index keeps serving), and
workers of a killed rebuild must not outlive it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from reliability_helpers import QIDIR, SAMPLE, SEEDS, live_ids, write_articles
from whoosh import index as windex

from qidir.search.engine import analyzer, indexer, store, writers
from qidir.search.service import SearchRequest, SearchService

QUERIES = ["Tokayev", "Тўқаев", "hamkorlik", "сотрудничество", "cooperat*", "\"rail freight\""]


def _hits(root: Path, q: str) -> set[str]:
    res = SearchService(root).search(SearchRequest(q=q, per_page=100))
    return {h["id"] for h in res.hits}


def test_two_workers_build_the_same_index_as_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(writers, "BATCH", 9)  # several batches, both workers busy
    one, two = tmp_path / "one", tmp_path / "two"
    indexer.rebuild(one, [SAMPLE, SEEDS], procs=1)
    report = indexer.rebuild(two, [SAMPLE, SEEDS], procs=2)
    assert report.indexed == len(live_ids(one)) == len(live_ids(two))
    assert live_ids(one) == live_ids(two)
    segments = windex.open_dir(str(store.require_generation(two))).reader().leaf_readers()
    assert len(segments) == 2, "each worker writes its own segment"
    for q in QUERIES:
        assert _hits(one, q) == _hits(two, q), q
    assert any(_hits(two, q) for q in QUERIES)
    # Facet counts add up across the workers' segments.
    facets_one = SearchService(one).search(SearchRequest(q="")).facets
    facets_two = SearchService(two).search(SearchRequest(q="")).facets
    assert facets_one == facets_two


def test_add_in_workers_replaces_and_adds(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(writers, "BATCH", 5)
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS], procs=2)
    extra = tmp_path / "extra"
    write_articles(extra, 23, seed=4, marker="zebrafinch")
    report = indexer.add(root, [extra, SEEDS], procs=2)
    assert report.indexed == 28
    assert len(live_ids(root)) == 28  # the seeds replaced themselves
    assert len(_hits(root, "zebrafinch")) == 23


def test_a_dying_worker_fails_the_rebuild_and_keeps_the_live_index(tmp_path: Path,
                                                                  monkeypatch) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    before = store.live_generation(root)
    old = live_ids(root)
    extra = tmp_path / "extra"
    write_articles(extra, 30, seed=5)
    write_articles(extra / "bad", 1, seed=9, marker="workerkiller")
    real = analyzer._tokens

    def dying(kind: str, value: str):  # inherited by the forked workers
        if "workerkiller" in value:
            os._exit(3)
        return real(kind, value)

    monkeypatch.setattr(analyzer, "_tokens", dying)
    monkeypatch.setattr(writers, "BATCH", 4)
    with pytest.raises(writers.WorkerFailed, match="exit code 3|without returning"):
        indexer.rebuild(root, [extra], procs=2)
    assert store.live_generation(root) == before
    assert live_ids(root) == old
    assert [p.name for p in root.iterdir() if p.name.startswith("gen-")] == [before.name]


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found.update(int(c) for c in task.read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_of_a_killed_rebuild_do_not_outlive_it(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_articles(src, 1500, seed=8)  # enough that the workers are busy when it is killed
    cmd = QIDIR + ["--index", str(tmp_path / "index"), "index", "rebuild", "--procs", "2",
                   str(src)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers |= _children(proc.pid)
        time.sleep(0.02)
    assert len(workers) >= 2, "the rebuild never started its two workers"
    time.sleep(0.5)
    assert all(_alive(w) for w in workers)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "workers outlived the killed rebuild"


def test_rare_terms_are_inlined_and_survive_phrases_and_merges(tmp_path: Path) -> None:
    root = tmp_path / "index"
    extra = tmp_path / "extra"
    write_articles(extra, 3, seed=11, marker="quokkaphrase marker")
    indexer.rebuild(root, [extra])
    reader = windex.open_dir(str(store.require_generation(root))).reader()
    info = reader.term_info("text", "quokkaphras")
    assert info.doc_frequency() == 3 and info.is_inlined()
    assert len(_hits(root, "quokkaphrase")) == 3
    assert len(_hits(root, '"quokkaphrase marker"')) == 3
    # Segment merges read inlined postings back (id and keyword fields have no values).
    for n in range(4):
        write_articles(tmp_path / f"more{n}", 2, seed=40 + n)
        indexer.add(root, [tmp_path / f"more{n}"])
    ix = windex.open_dir(str(store.require_generation(root)))
    ix.writer().commit(optimize=True)
    assert len(ix.reader().leaf_readers()) == 1
    assert len(live_ids(root)) == 11
    assert len(_hits(root, '"quokkaphrase marker"')) == 3
