"""What every test folder shares: where the seeds and the sample corpus are, a runner
for the `qidir` command, and building an index from sources.

The seeds live in ``shared/corpus/seeds`` beside the checkout (as in CI); a clone made
elsewhere (e.g. ``/tmp/fresh``) finds them through QIDIR_SHARED or /work/shared. Kept out
of conftest.py because a sub-folder's conftest.py shadows that module name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
QIDIR = [sys.executable, "-m", "qidir.search.cli"]


def run_qidir(*args: str, index: Path | None = None, check: bool = False,
              timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the `qidir` console entry point in a subprocess (stdin closed, output captured)."""
    cmd = QIDIR + (["--index", str(index)] if index else []) + list(args)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} exited {proc.returncode}:\n{proc.stderr}")
    return proc


def build_index(root: Path, *sources: Path) -> Path:
    from qidir.search.engine import indexer

    if root.exists():
        shutil.rmtree(root)
    indexer.rebuild(root, list(sources))
    return root
