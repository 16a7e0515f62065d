"""Shared fixtures: where the seeds and the sample corpus are, and indexes built from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from testsupport import SAMPLE, SEEDS, build_index


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE



@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(tmp_path_factory.mktemp("seed-index") / "index", SEEDS)


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(tmp_path_factory.mktemp("sample-index") / "index", SEEDS, SAMPLE)

