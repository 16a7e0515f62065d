"""Shared fixtures: where the seeds and the sample corpus are, and indexes built from them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from seedpaths import REPO, SAMPLE, SEEDS  # noqa: F401  (re-exported for tests)

QIDIR = [sys.executable, "-m", "qidir.search.cli"]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


def build_index(root: Path, *sources: Path) -> Path:
    from qidir.search import indexer

    if root.exists():
        shutil.rmtree(root)
    indexer.rebuild(root, list(sources))
    return root


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(tmp_path_factory.mktemp("seed-index") / "index", SEEDS)


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(tmp_path_factory.mktemp("sample-index") / "index", SEEDS, SAMPLE)


def run_qidir(*args: str, index: Path | None = None, check: bool = False,
              timeout: float = 120) -> subprocess.CompletedProcess[str]:
    cmd = QIDIR + (["--index", str(index)] if index else []) + list(args)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} exited {proc.returncode}:\n{proc.stderr}")
    return proc
