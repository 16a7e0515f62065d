"""A writer killed at any moment leaves a complete index that serves: the old or the new one.

Two angles: SIGKILL of a real `qidir index rebuild` at seeded random moments (whatever it
was doing), and a simulated crash (``os._exit``, no cleanup runs, like SIGKILL) at each
named step of publishing a rebuild, an add and a remove, so the rare instants around the
pointer swap are covered deterministically too.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from reliability_helpers import QIDIR, SAMPLE, SEEDS, live_ids, run_qidir, write_articles

from qidir.search.engine import indexer, store
from qidir.web import create_app

KILLS = 10
SEED = 8
QUERY = "cooperation"


def _health(root: Path) -> dict:
    response = create_app(root).test_client().get("/api/health")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _cli_total(root: Path, query: str) -> int:
    proc = run_qidir("search", query, "--json", index=root)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)["total"]


def _check_serves(root: Path, expected: dict[str, set[str]], totals: dict[str, int]) -> str:
    """The index serves through the CLI and the API, and holds exactly one known set."""
    ids = live_ids(root)
    matches = [name for name, wanted in expected.items() if ids == wanted]
    assert matches, f"index holds {len(ids)} ids: neither the old nor the new document set"
    assert _cli_total(root, QUERY) == totals[matches[0]]
    health = _health(root)
    assert health["generation"] == store.live_generation(root).name
    assert health["documents"] == len(ids)
    return matches[0]


def _assert_no_half_built(root: Path) -> None:
    live = store.live_generation(root)
    for name in store.generations(root):
        gen = root / name
        assert gen == live or store.retired_at(gen) is not None, f"{name} left half-built"


def test_sigkill_at_random_moments_of_a_rebuild(tmp_path: Path) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    old = live_ids(root)
    totals = {"old": _cli_total(root, QUERY)}
    cmd = QIDIR + ["--index", str(root), "index", "rebuild", str(SAMPLE), str(SEEDS)]
    started = time.monotonic()
    subprocess.run(cmd, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    full = time.monotonic() - started
    new = live_ids(root)
    totals["new"] = _cli_total(root, QUERY)
    assert old < new and totals["new"] > totals["old"] > 0
    expected = {"old": old, "new": new}

    rng = random.Random(SEED)
    moments = [rng.uniform(0.05, 1.1) * full for _ in range(KILLS)]
    outcomes: Counter[str] = Counter()
    for moment in moments:
        if live_ids(root) != old:
            indexer.rebuild(root, [SEEDS])  # start every kill from the old index
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL)
        time.sleep(moment)
        proc.kill()
        proc.wait()
        outcomes[_check_serves(root, expected, totals)] += 1
    print(f"rebuild takes {full:.1f} s; kills at {[round(m, 2) for m in moments]} -> "
          f"{dict(outcomes)}")
    assert outcomes["old"] >= 1
    # The next writer removes what the killed ones left half-built.
    indexer.rebuild(root, [SEEDS])
    _assert_no_half_built(root)
    assert live_ids(root) == old


# -- simulated crashes at each step of publishing --------------------------------------------

STEPS = {
    # step name: (function in qidir.search.engine.store to crash in, which call, outcome)
    "before-metadata": ("write_meta", 1, "old"),
    "before-fsync": ("fsync_tree", 1, "old"),
    "before-pointer-swap": ("write_atomic", 2, "old"),  # call 1 writes qidir.json
    "after-swap-before-retire": ("retire", 1, "new"),
    "during-cleanup": ("remove_stale", 2, "new"),  # call 1 runs before the build
}


def _crash_in(step: str, operation: str, root: str, source: str) -> None:
    """Child process: run the operation, dying without cleanup inside one store step."""
    fname, nth, _ = STEPS[step]
    original = getattr(store, fname)
    calls = {"n": 0}

    def dying(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == nth:
            os._exit(137)
        return original(*args, **kwargs)

    setattr(store, fname, dying)
    if operation == "rebuild":
        indexer.rebuild(Path(root), [Path(source)])
    elif operation == "add":
        indexer.add(Path(root), [Path(source)])
    else:
        ids = sorted(live_ids(Path(root)))[:2]
        indexer.remove(Path(root), ids)
    os._exit(0)


@pytest.fixture(scope="module")
def base_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An index of the seeds, and a folder of extra articles to rebuild from or add."""
    base = tmp_path_factory.mktemp("crash-base")
    extra = base / "extra"
    write_articles(extra, 12, seed=3)
    indexer.rebuild(base / "index", [SEEDS])
    return base / "index", extra


@pytest.mark.parametrize("operation", ["rebuild", "add", "remove"])
@pytest.mark.parametrize("step", list(STEPS))
def test_crash_at_each_publish_step(tmp_path: Path, base_index: tuple[Path, Path],
                                    operation: str, step: str) -> None:
    root = tmp_path / "index"
    shutil.copytree(base_index[0], root)
    old = live_ids(root)
    source = base_index[1]
    ctx = multiprocessing.get_context("fork")
    child = ctx.Process(target=_crash_in, args=(step, operation, str(root), str(source)))
    child.start()
    child.join(60)
    assert child.exitcode == 137, f"the simulated crash did not happen (exit {child.exitcode})"
    outcome = STEPS[step][2]
    ids = live_ids(root)
    if outcome == "old":
        assert ids == old
    else:
        assert ids != old and (ids > old if operation == "add" else True)
        if operation == "remove":
            assert len(ids) == len(old) - 2
    health = _health(root)
    assert health["documents"] == len(ids)
    # The next writer works and leaves nothing half-built behind.
    indexer.add(root, [SEEDS])
    _assert_no_half_built(root)


def test_sigkill_at_random_moments_of_an_add(tmp_path: Path) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    old = live_ids(root)
    extra = tmp_path / "extra"
    write_articles(extra, 120, seed=6)
    cmd = QIDIR + ["--index", str(root), "index", "add", str(extra)]
    started = time.monotonic()
    subprocess.run(cmd, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    full = time.monotonic() - started
    new = live_ids(root)
    assert old < new
    rng = random.Random(SEED + 1)
    outcomes: Counter[str] = Counter()
    for _ in range(5):
        if live_ids(root) != old:
            indexer.rebuild(root, [SEEDS])
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.1) * full)
        proc.kill()
        proc.wait()
        ids = live_ids(root)
        assert ids in (old, new)
        outcomes["old" if ids == old else "new"] += 1
        assert _health(root)["documents"] == len(ids)
    print(f"add takes {full:.1f} s -> {dict(outcomes)}")
    indexer.add(root, [SEEDS])
    _assert_no_half_built(root)
