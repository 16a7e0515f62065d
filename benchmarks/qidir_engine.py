"""qidir under benchmark, through its public surface only.

Indexing runs the CLI (`qidir --index DIR index rebuild FILE.jsonl`); queries go through
`SearchService` in process, or over HTTP to `qidir serve` on 127.0.0.1. The service always
computes all four facets, so qidir's "plain" variant is the query alone (facets included, as
every product search does) and the faceted variant adds the filters.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.baselines.common import Outcome

NAME = "qidir"


def qidir_command() -> list[str]:
    """The installed console script, or the module fallback when the venv bin is not on PATH."""
    exe = Path(sys.executable).with_name("qidir")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("qidir")
    if found:
        return [found]
    return [sys.executable, "-c", "from qidir.search.cli import main; main()"]


def build_command(corpus: Path, index_dir: Path, procs: int,
                  append: bool = False) -> tuple[list[str], dict[str, str]]:
    """The CLI call that builds the index (`index add` with ``append``), in ``procs`` workers."""
    env = dict(os.environ, QIDIR_PROCS=str(procs))
    verb = "add" if append else "rebuild"
    return [*qidir_command(), "--index", str(index_dir), "index", verb, str(corpus)], env


def live_index_dir(index_dir: Path) -> Path:
    """The generation that serves (an `index add` keeps the previous one for a grace period,
    which is not part of the index's size)."""
    from qidir.search.engine import store

    return store.live_generation(index_dir) or index_dir


def serve_command(index_dir: Path, port: int, threads: int = 4) -> list[str]:
    return [*qidir_command(), "--index", str(index_dir), "serve", "--host", "127.0.0.1",
            "--port", str(port), "--threads", str(threads)]


def _dates(filters: dict) -> tuple[str | None, str | None]:
    lo, hi = filters.get("year_from"), filters.get("year_to")
    return (f"{lo}-01-01" if lo is not None else None, f"{hi}-12-31" if hi is not None else None)


class QidirEngine:
    name = NAME

    def __init__(self, index_dir: Path) -> None:
        from qidir.search.service import SearchRequest, SearchService

        self._request = SearchRequest
        self.service = SearchService(index_dir)

    def search(self, q: dict, filters: dict | None, facets: bool) -> Outcome:
        f = (filters or {}) if facets else {}
        date_from, date_to = _dates(f)
        req = self._request(
            q=q["q"], country=tuple(f.get("country") or ()), source=tuple(f.get("source") or ()),
            lang=tuple(f.get("lang") or ()), date_from=date_from, date_to=date_to,
        )
        res = self.service.search(req)
        values = sum(len(v) for v in res.facets.values())
        return Outcome(total=res.total, hits=len(res.hits), facet_values=values)

    def drop_caches(self) -> None:
        """Forget decoded posting lists before a timed pass (see ``engine_cli.run_queries``)."""
        self.service.forget_postings()

    def close(self) -> None:
        pass


class QidirHttpEngine:
    """The JSON API over one keep-alive connection, as a browser's fetches would use."""

    name = "qidir-http"

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def search(self, q: dict, filters: dict | None, facets: bool) -> Outcome:
        params: list[tuple[str, str]] = [("q", q["q"])]
        if facets and filters:
            for field in ("country", "source", "lang"):
                params += [(field, v) for v in filters.get(field) or ()]
            date_from, date_to = _dates(filters)
            if date_from:
                params.append(("from", date_from))
            if date_to:
                params.append(("to", date_to))
        self.conn.request("GET", "/api/search?" + urlencode(params))
        resp = self.conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            raise RuntimeError(f"HTTP {resp.status}: {body[:200]!r}")
        data = json.loads(body)
        values = sum(len(v) for v in data["facets"].values())
        return Outcome(total=data["total"], hits=len(data["hits"]), facet_values=values)

    def close(self) -> None:
        self.conn.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 120.0) -> dict:
    """Wait until `qidir serve` answers /api/health, and return its answer (or fail)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"qidir serve exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/health")
            resp = conn.getresponse()
            body = resp.read()
            conn.close()
            if resp.status == 200:
                return json.loads(body)
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"qidir serve did not answer on port {port} within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if it has not exited within ``timeout``."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
