"""Shared fixtures: where the seeds and the sample corpus are, and indexes built from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from testsupport import QIDIR, REPO, SAMPLE, SEEDS, run_qidir  # noqa: F401  (re-exported)


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

