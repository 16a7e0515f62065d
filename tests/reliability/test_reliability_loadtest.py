"""The load test script itself works end to end (a few seconds on the seed index): it serves on
loopback, measures, prints the table and its JSON summary, and stops the server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reliability_helpers import REPO, SEEDS

from qidir.search.engine import indexer


def test_loadtest_runs_briefly_and_stops(tmp_path: Path) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.loadtest", "--index", str(root), "--clients", "4",
         "--duration", "2", "--single", "1", "--warmup", "0.5", "--workers", "1",
         "--threads", "2", "--json-out", str(tmp_path / "out.json")],
        cwd=REPO, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "req/s" in proc.stdout and "p95 under load / single-client p95" in proc.stdout
    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert result["load"]["errors"] == 0 and result["load"]["requests"] > 4
    assert result["pass"] == (proc.returncode == 0)
    assert result["single"]["p95_ms"] > 0
