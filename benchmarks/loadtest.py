"""Bounded load test of `qidir serve` over loopback: N concurrent clients for a fixed time.

    python -m benchmarks.loadtest                       # 100k-document benchmark index
    python -m benchmarks.loadtest --docs 10000          # a quicker run on 10k documents
    python -m benchmarks.loadtest --index path/to/index # any existing index

It finds (or builds) the index, starts `qidir serve` on 127.0.0.1 and a free port, warms
it up, measures one client alone, then `--clients` clients at once for `--duration`
seconds, and prints requests/s, p50/p95/p99 latency, the error count and the ratio of the
p95 under load to the single-client p95 (target: no errors, ratio at most 4). Then it
stops the server and exits: 0 when the target is met, 1 when not.

Clients are plain threads with keep-alive `http.client` connections (no external tools).
Each client sends the benchmark queries (every kind, a third of them with facet filters,
some empty browse requests) in its own deterministic order. With `--think-ms T` a client
waits a random 0..2T ms between requests, as a person reading results would; the default
0 is a closed loop, the harshest case. The single-client baseline is always measured back to
back (no pauses): the latency of an unloaded server. Errors are 5xx answers, timeouts and broken
connections; 4xx answers (a query over a limit) are counted apart. Loopback only: the
server is never bound to another address.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.qidir_engine import free_port, qidir_command, stop_server, wait_healthy

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"
WORK = REPO / "benchmarks" / "work"
HOST = "127.0.0.1"
TARGET_RATIO = 4.0


@dataclass
class Sample:
    """What the clients of one phase saw."""

    latencies: list[float] = field(default_factory=list)  # seconds, 2xx answers only
    errors: int = 0
    rejected: int = 0  # 4xx
    error_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add_error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def merge(self, other: Sample) -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.rejected += other.rejected
        for kind, n in other.error_kinds.items():
            self.error_kinds[kind] = self.error_kinds.get(kind, 0) + n

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors + self.rejected

    def pct(self, p: float) -> float:
        """The p-th percentile latency in ms (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000

    def summary(self) -> dict[str, float | int | dict[str, int]]:
        return {
            "requests": self.requests, "seconds": round(self.seconds, 2),
            "rps": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(self.pct(50), 1), "p95_ms": round(self.pct(95), 1),
            "p99_ms": round(self.pct(99), 1),
            "mean_ms": round(statistics.fmean(self.latencies) * 1000, 1)
            if self.latencies else float("nan"),
            "errors": self.errors, "rejected_4xx": self.rejected,
            "error_kinds": dict(self.error_kinds),
        }


# -- the index ----------------------------------------------------------------------------

def _label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def ensure_corpus(docs: int, corpus: Path | None) -> Path:
    path = corpus or DATA / f"corpus-{_label(docs)}.jsonl"
    if not path.exists():
        print(f"loadtest: generating the {docs}-document benchmark corpus at {path}",
              file=sys.stderr)
        subprocess.run([sys.executable, "-m", "benchmarks.corpus", "--n", str(docs),
                        "--seed", "1", "--out", str(path)], check=True, cwd=REPO)
    return path


def ensure_index(index: Path | None, docs: int, corpus: Path | None) -> tuple[Path, Path | None]:
    """An index to serve: the one given, or the benchmark index for ``docs`` (built once)."""
    from qidir.search.engine import store

    if index is not None:
        # A given index is only ever read: never build into someone else's directory.
        if store.live_generation(index) is None:
            raise SystemExit(f"loadtest: no index at {index} (build it with `qidir --index "
                             f"{index} index rebuild CORPUS`, or leave out --index/INDEX)")
        return index, corpus
    corpus_path = ensure_corpus(docs, corpus)
    index = index or WORK / f"loadtest-{_label(docs)}" / "index"
    if store.live_generation(index) is None:
        print(f"loadtest: building the index {index} from {corpus_path} (once)", file=sys.stderr)
        subprocess.run([*qidir_command(), "--index", str(index), "index", "rebuild",
                        str(corpus_path)], check=True)
    return index, corpus_path


# -- the requests ---------------------------------------------------------------------------

def _dates(filters: dict) -> list[tuple[str, str]]:
    out = []
    if filters.get("year_from") is not None:
        out.append(("from", f"{filters['year_from']}-01-01"))
    if filters.get("year_to") is not None:
        out.append(("to", f"{filters['year_to']}-12-31"))
    return out


def request_paths(corpus: Path | None, seed: int) -> list[str]:
    """The URL paths the clients send: benchmark queries, a third with filters, plus browse."""
    queries_file = DATA / "queries-s1.json"
    data: dict | None = None
    if queries_file.exists():
        data = json.loads(queries_file.read_text(encoding="utf-8"))
    elif corpus is not None:
        from benchmarks.queries import load_or_build

        data = load_or_build(corpus, queries_file, seed=seed)
    paths: list[str] = []
    if data:
        shared = data.get("filters") if isinstance(data.get("filters"), list) else []
        for items in data["queries"].values():
            for i, item in enumerate(items):
                params = [("q", item["q"])]
                f = item.get("filters") or (shared[i % len(shared)] if shared else {})
                if i % 3 == 0 and f:
                    for name in ("country", "source", "lang"):
                        params += [(name, v) for v in f.get(name) or ()]
                    params += _dates(f)
                paths.append("/api/search?" + urlencode(params))
    words = ["Tashkent", "Almaty", "Baku", "cooperation", "Москва", "energy", "Türkiye"]
    paths += ["/api/search?" + urlencode({"q": w}) for w in words]
    paths += ["/api/search?" + urlencode({"q": "", "sort": "newest", "page": p})
              for p in (1, 2, 3)]
    random.Random(seed).shuffle(paths)
    return paths


# -- the server -----------------------------------------------------------------------------

def start_server(index: Path, threads: int, port: int, workers: int) -> subprocess.Popen:
    cmd = [*qidir_command(), "--index", str(index), "serve", "--host", HOST, "--port",
           str(port), "--threads", str(threads), "--workers", str(workers)]
    log = open(WORK / "loadtest-serve.log", "w", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log,
                            stdin=subprocess.DEVNULL)
    try:
        health = wait_healthy(port, proc)
    except RuntimeError as exc:
        if proc.poll() is None:
            proc.kill()
        raise SystemExit(f"loadtest: {exc}; see {log.name}") from None
    print(f"loadtest: serving {health['documents']} documents ({health['generation']}) on "
          f"http://{HOST}:{port}/ with {workers} worker(s) × {threads} threads", file=sys.stderr)
    return proc


# -- the clients ----------------------------------------------------------------------------

def run_client(port: int, paths: list[str], start: int, until: float, think_ms: float,
               seed: int, timeout: float) -> Sample:
    sample = Sample()
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    i = start
    while time.monotonic() < until:
        path = paths[i % len(paths)]
        i += 1
        began = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - began
            if 200 <= response.status < 300:
                sample.latencies.append(elapsed)
            elif 400 <= response.status < 500:
                sample.rejected += 1
            else:
                sample.add_error(f"HTTP {response.status}")
        except (OSError, http.client.HTTPException) as exc:
            sample.add_error(type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        if think_ms > 0:
            time.sleep(rng.uniform(0, 2 * think_ms) / 1000)
    conn.close()
    return sample


def phase(port: int, paths: list[str], clients: int, seconds: float, think_ms: float,
          seed: int, timeout: float) -> Sample:
    results: list[Sample] = [Sample() for _ in range(clients)]
    started = time.monotonic()
    until = started + seconds

    def worker(n: int) -> None:
        results[n] = run_client(port, paths, n * len(paths) // clients, until, think_ms,
                                seed + n, timeout)

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + timeout + 30)
    total = Sample(seconds=time.monotonic() - started)
    for result in results:
        total.merge(result)
    return total


def _row(name: str, s: dict) -> str:
    return (f"{name:<14}{s['requests']:>9}{s['rps']:>10}{s['p50_ms']:>10}{s['p95_ms']:>10}"
            f"{s['p99_ms']:>10}{s['errors']:>8}{s['rejected_4xx']:>6}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, default=os.environ.get("INDEX") or None,
                    help="index to serve (default: the benchmark index for --docs, built once)")
    ap.add_argument("--docs", type=int, default=100_000, help="benchmark corpus size")
    ap.add_argument("--corpus", type=Path, help="corpus .jsonl (default: benchmarks/data)")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds under load")
    ap.add_argument("--single", type=float, default=10.0,
                    help="seconds of the single-client measurement")
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--threads", type=int, default=4, help="server threads per worker")
    ap.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1),
                    help="server worker processes (default: one per core, at most 4)")
    ap.add_argument("--think-ms", type=float, default=0.0,
                    help="mean pause between a client's requests (0: closed loop)")
    ap.add_argument("--timeout", type=float, default=30.0, help="per-request client timeout")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json-out", type=Path, help="also write the numbers as JSON here")
    args = ap.parse_args(argv)

    WORK.mkdir(parents=True, exist_ok=True)
    index, corpus = ensure_index(args.index, args.docs, args.corpus)
    paths = request_paths(corpus, args.seed)
    port = free_port()
    server = start_server(index, args.threads, port, args.workers)
    try:
        phase(port, paths, 2, args.warmup, 0, args.seed, args.timeout)
        # The baseline is the unloaded server: one client, back to back, no pauses.
        single = phase(port, paths, 1, args.single, 0, args.seed, args.timeout)
        loaded = phase(port, paths, args.clients, args.duration, args.think_ms, args.seed,
                       args.timeout)
    finally:
        stop_server(server, 15)
    one, many = single.summary(), loaded.summary()
    ratio = (many["p95_ms"] / one["p95_ms"]) if one["p95_ms"] else float("inf")
    ok = loaded.errors == 0 and single.errors == 0 and ratio <= TARGET_RATIO
    print(f"\nqidir load test: {index} · {args.clients} clients × {args.duration:g} s, "
          f"think {args.think_ms:g} ms, server {args.workers} worker(s) × {args.threads} "
          "threads, loopback")
    print(f"{'phase':<14}{'requests':>9}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}"
          f"{'p99 ms':>10}{'errors':>8}{'4xx':>6}")
    print(_row("1 client", one))
    print(_row(f"{args.clients} clients", many))
    print(f"p95 under load / single-client p95 = {ratio:.2f} (target ≤ {TARGET_RATIO:g}); "
          f"errors {loaded.errors}"
          f"{' ' + str(loaded.error_kinds) if loaded.error_kinds else ''} → "
          f"{'PASS' if ok else 'FAIL'}")
    result = {"index": str(index), "clients": args.clients, "duration_s": args.duration,
              "think_ms": args.think_ms, "server_threads": args.threads,
              "server_workers": args.workers,
              "single": one, "load": many, "p95_ratio": round(ratio, 2), "pass": ok}
    if args.json_out:
        args.json_out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
