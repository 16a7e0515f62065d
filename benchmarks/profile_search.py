"""Where a search's time goes: cProfile of ``SearchService.search`` over the bench's queries.

    python -m benchmarks.profile_search INDEX_DIR [--per-kind 40] [--kind term] [--plain]
                                        [--top 40] [--sort tottime|cumulative]

Every search runs once unprofiled (warm caches, as a server's are), then once under the
profiler; the table is cProfile's, restricted to the ``--top`` lines. By default the faceted
variant (the query with its filters: what issue 15's target is about) of every kind.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from benchmarks.ab_trees import _requests


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index")
    ap.add_argument("--per-kind", type=int, default=40)
    ap.add_argument("--kind", action="append", help="only these query kinds")
    ap.add_argument("--plain", action="store_true", help="the queries without their filters")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--sort", default="tottime")
    args = ap.parse_args()
    from qidir.search.service import SearchRequest, SearchService

    reqs = [SearchRequest(**p) for kind, filtered, p in _requests(args.per_kind)
            if filtered != args.plain and (not args.kind or kind in args.kind)]
    svc = SearchService(args.index)
    for r in reqs:
        svc.search(r)
    t = time.perf_counter()
    for r in reqs:
        svc.search(r)
    per = (time.perf_counter() - t) * 1000 / len(reqs)
    prof = cProfile.Profile()
    prof.enable()
    for r in reqs:
        svc.search(r)
    prof.disable()
    print(f"{len(reqs)} searches, {per:.2f} ms each unprofiled")
    pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
