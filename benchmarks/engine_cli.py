"""Build one engine's index or time its queries, in a process of its own.

The harness runs every build and every query session as a separate process so that peak
RSS is per build and no engine warms another's caches.

    python -m benchmarks.engine_cli build --engine whoosh --corpus C.jsonl --index DIR --procs 2
    python -m benchmarks.engine_cli query --engine whoosh --index DIR --queries Q.json --out R.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from benchmarks.baselines.common import Engine
from benchmarks.queries import KINDS, filters_for

BASELINES = ("whoosh", "fts5", "tantivy")
ENGINES = ("qidir", "qidir-http", *BASELINES)
WARMUP_PER_KIND = 3


def _module(name: str):  # type: ignore[no-untyped-def]
    if name == "whoosh":
        from benchmarks.baselines import whoosh_plain as m
    elif name == "fts5":
        from benchmarks.baselines import fts5 as m
    elif name == "tantivy":
        from benchmarks.baselines import tantivy_engine as m
    else:
        raise ValueError(f"unknown baseline {name!r}")
    return m


def open_engine(name: str, index_dir: Path | None, port: int | None) -> Engine:
    if name == "qidir":
        from benchmarks.qidir_engine import QidirEngine

        return QidirEngine(index_dir)
    if name == "qidir-http":
        from benchmarks.qidir_engine import QidirHttpEngine

        if port is None:
            raise ValueError("qidir-http needs --port")
        return QidirHttpEngine(port)
    m = _module(name)
    cls = {"whoosh": "WhooshEngine", "fts5": "Fts5Engine", "tantivy": "TantivyEngine"}[name]
    return getattr(m, cls)(index_dir)


def _unsupported(exc: Exception) -> bool:
    return type(exc).__name__ == "Unsupported"


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (no interpolation: p99 of 300 values is a real observation)."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def summarize(lat_ms: list[float]) -> dict:
    return {
        "n": len(lat_ms),
        "p50": percentile(lat_ms, 50), "p95": percentile(lat_ms, 95),
        "p99": percentile(lat_ms, 99),
        "mean": statistics.fmean(lat_ms) if lat_ms else None,
        "lat_ms": [round(x, 3) for x in lat_ms],
    }


def run_queries(engine: Engine, query_set: dict, budget_s: float, kinds: list[str]) -> dict:
    """Time every query of every kind, plain then faceted+filtered, within a time budget each."""
    out: dict[str, dict] = {}
    for kind in kinds:
        for q in query_set["queries"][kind][:WARMUP_PER_KIND]:
            for facets in (False, True):
                try:
                    engine.search(q, filters_for(query_set, kind, 0), facets)
                except Exception:  # noqa: BLE001 - warm-up only; timed runs record errors
                    pass
    for kind in kinds:
        out[kind] = {}
        for variant, facets in (("plain", False), ("faceted", True)):
            # The faceted pass repeats the plain pass's queries: an engine with a cache of
            # decoded postings (qidir's) empties it first, so that a pass never times what
            # the same queries loaded in the pass before. Sharing between the different
            # queries of one pass, as a real stream of searches shares words, stays.
            drop = getattr(engine, "drop_caches", None)
            if drop is not None:
                drop()
            lat: list[float] = []
            totals: list[int] = []
            hits = errors = unsupported = 0
            first_error = None
            started = time.perf_counter()
            for i, q in enumerate(query_set["queries"][kind]):
                if time.perf_counter() - started > budget_s:
                    break
                filters = filters_for(query_set, kind, i) if facets else None
                t0 = time.perf_counter()
                try:
                    outcome = engine.search(q, filters, facets)
                except Exception as exc:  # noqa: BLE001 - recorded, never hidden
                    if _unsupported(exc):
                        unsupported += 1
                        continue
                    errors += 1
                    first_error = first_error or f"{type(exc).__name__}: {exc}"[:300]
                    continue
                lat.append((time.perf_counter() - t0) * 1000)
                hits += outcome.hits > 0
                if outcome.total is not None:
                    totals.append(outcome.total)
            out[kind][variant] = {
                **summarize(lat),
                "errors": errors, "unsupported": unsupported, "first_error": first_error,
                "with_hits": hits,
                "mean_total": statistics.fmean(totals) if totals else None,
            }
    return out


#: Baselines whose build can extend an existing index (the slow ones, grown size by size).
GROWABLE = ("whoosh",)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--engine", choices=BASELINES, required=True)
    b.add_argument("--corpus", type=Path, required=True)
    b.add_argument("--index", type=Path, required=True)
    b.add_argument("--procs", type=int, default=1)
    b.add_argument("--append", action="store_true",
                   help="add to the existing index (engines in GROWABLE only)")
    q = sub.add_parser("query")
    q.add_argument("--engine", choices=ENGINES, required=True)
    q.add_argument("--index", type=Path)
    q.add_argument("--port", type=int)
    q.add_argument("--queries", type=Path, required=True)
    q.add_argument("--out", type=Path, required=True)
    q.add_argument("--budget", type=float, default=60.0,
                   help="seconds per (kind, variant) before stopping early")
    q.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args(argv)
    if args.cmd == "build":
        started = time.perf_counter()
        if args.append and args.engine not in GROWABLE:
            ap.error(f"--append: {args.engine} can only build from scratch")
        extra = {"append": True} if args.append else {}
        n = _module(args.engine).build(args.corpus, args.index, args.procs, **extra)
        print(json.dumps({"docs": n, "seconds": time.perf_counter() - started}))
        return 0
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        ap.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    query_set = json.loads(args.queries.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    engine = open_engine(args.engine, args.index, args.port)
    open_s = time.perf_counter() - t0
    results = run_queries(engine, query_set, args.budget, kinds)
    engine.close()
    args.out.write_text(json.dumps({"engine": args.engine, "open_s": open_s, "kinds": results},
                                   indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
