"""Where the seed articles and the sample corpus are, for every test folder.

The seeds live in ``shared/corpus/seeds`` beside the checkout (as in CI); a clone made
elsewhere (e.g. ``/tmp/fresh``) finds them through QIDIR_SHARED or /work/shared. Kept out
of conftest.py because a sub-folder's conftest.py shadows that module name.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "search" / "sample" / "corpus"


def shared_dir() -> Path:
    candidates = [Path(os.environ["QIDIR_SHARED"])] if os.environ.get("QIDIR_SHARED") else []
    candidates += [REPO.parent / "shared", Path("/work/shared")]
    for candidate in candidates:
        if (candidate / "corpus" / "seeds").is_dir():
            return candidate
    raise RuntimeError("cannot find shared/corpus/seeds: set QIDIR_SHARED to the shared/ folder")


SEEDS = shared_dir() / "corpus" / "seeds"
