"""p50/p95 of relaxed searches against two-word ANDs, on a built index and the benchmark's
query set (its `relaxed` and `and2` kinds), plain and with each query's filters.

    python -m benchmarks.relaxed_cost benchmarks/work/additions-100000 \\
        benchmarks/data/queries-additions-100k.json
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from qidir.search.service import SearchRequest, SearchService


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _timed(service: SearchService, req: SearchRequest) -> tuple[float, Any]:
    started = time.perf_counter()
    result = service.search(req)
    return (time.perf_counter() - started) * 1000, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index")
    ap.add_argument("queries")
    ap.add_argument("--per-kind", type=int, default=40)
    args = ap.parse_args()
    with open(args.queries, encoding="utf-8") as fh:
        data = json.load(fh)["queries"]
    service = SearchService(args.index)
    for q in data["and2"][:10]:  # warm the caches
        service.search(SearchRequest(q["q"]))
    print("| query kind | queries | p50 / p95 ms, plain | p50 / p95 ms, with filters |")
    print("|---|---|---|---|")
    for kind in ("and2", "relaxed"):
        plain: list[float] = []
        filtered: list[float] = []
        relaxed = 0
        for q in data[kind][:args.per_kind]:
            ms, result = _timed(service, SearchRequest(q["q"]))
            plain.append(ms)
            relaxed += bool(result.to_json().get("relaxed"))
            f = q.get("filters") or {}
            ms, _ = _timed(service, SearchRequest(
                q["q"], country=tuple(f.get("country") or ()),
                source=tuple(f.get("source") or ()), lang=tuple(f.get("lang") or ())))
            filtered.append(ms)
        print(f"| {kind} | {len(plain)} ({relaxed} relaxed) | "
              f"{_pct(plain, 50):.0f} / {_pct(plain, 95):.0f} | "
              f"{_pct(filtered, 50):.0f} / {_pct(filtered, 95):.0f} |", flush=True)


if __name__ == "__main__":
    main()
