"""A/B of a search change between two source trees on one index: a git revision (``--base``,
exported to a temporary folder) against the working tree.

``benchmarks.ab_search`` swaps functions inside one process, which only works while the old
path still exists in the code. A structural change (a cache, another data layout) has no
switch, so here each side runs in its own process on its own code — the base through a
``qidir`` package of symlinks to the export, put first on ``PYTHONPATH`` — over the bench's
queries, plain and with their filters. Sides alternate ``rounds`` times (ABAB…), every
answer (total, hits, scores, facets, snippets, titles, suggestion, timeline, relaxed) is
compared, and p50/p95 are printed for all searches, plain, filtered and per query kind.

    python -m benchmarks.ab_trees INDEX_DIR [--base REV] [--rounds 3] [--per-kind 40] [--cold]
                                  [--cpu]

Without ``--cold`` each side makes every search once, then times a second pass (caches
warm: what a search costs once its words were seen). With it, only the first time each
search is made is timed, in the bench's order, as ``make bench`` does.

``--cpu`` times each search by the process's CPU time instead of the wall clock: on a
machine busy with other work, a search's wall time also counts the time it waited for a
core, which varies from round to round more than the change being measured.

``--side DIR`` (internal) runs one side and prints its answers and times as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).parent / "data" / "queries-s1-k300.json"


def _requests(per_kind: int) -> list[tuple[str, bool, dict[str, Any]]]:
    """(kind, filtered, request parameters) of the bench's first ``per_kind`` queries of
    every kind, each plain and with its filters."""
    kinds = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    out = []
    for kind, qs in kinds.items():
        for q in qs[:per_kind]:
            for f in (None, q.get("filters")):
                f = f or {}
                lo, hi = f.get("year_from"), f.get("year_to")
                out.append((kind, bool(f), {
                    "q": q["q"], "country": tuple(f.get("country") or ()),
                    "source": tuple(f.get("source") or ()), "lang": tuple(f.get("lang") or ()),
                    "date_from": f"{lo}-01-01" if lo else None,
                    "date_to": f"{hi}-12-31" if hi else None}))
    return out


def _side(index: str, per_kind: int, passes: int, cold: bool, cpu: bool = False) -> None:
    """One side: every search once to warm up, then ``passes`` timed passes; prints JSON.
    ``cold``: only the first time each search is made is timed, in the bench's order (per
    kind, its queries plain, then its queries with their filters), after one search, with
    the postings cache emptied before each of those passes as the bench empties it."""
    from qidir.search.service import SearchRequest, SearchService

    clock = time.process_time if cpu else time.perf_counter
    labels = _requests(per_kind)
    reqs = [SearchRequest(**p) for _, _, p in labels]
    order = list(range(len(reqs)))
    if cold:
        kinds = list(dict.fromkeys(k for k, _, _ in labels))
        # A stable sort: within a kind and variant, the queries keep their order.
        order.sort(key=lambda i: (kinds.index(labels[i][0]), labels[i][1]))
    svc = SearchService(index)
    svc.search(SearchRequest(q="warm"))
    digests: list[str] = [""] * len(reqs)
    times: list[list[float]] = [[] for _ in reqs]
    last_pass = None
    for i in order:
        if cold and labels[i][:2] != last_pass:
            # As the bench does before each timed pass (a kind's queries, plain or
            # filtered): a pass does not find what the pass before loaded.
            last_pass = labels[i][:2]
            forget = getattr(svc, "forget_postings", None)
            if forget is not None:
                forget()
        t = clock()
        res = svc.search(reqs[i])
        if cold:
            times[i].append((clock() - t) * 1000)
        out = res.to_json()
        out.pop("took_ms")
        digests[i] = hashlib.sha1(json.dumps(out, sort_keys=True, default=str)
                                  .encode()).hexdigest()
    for _ in range(0 if cold else passes):
        for i, r in enumerate(reqs):
            t = clock()
            svc.search(r)
            times[i].append((clock() - t) * 1000)
    print(json.dumps({"module": sys.modules["qidir.search.service"].__file__,
                      "digests": digests, "times": times}))


def _export(rev: str, dest: Path) -> Path:
    """``rev``'s tree under ``dest``, and a ``qidir`` package of symlinks to it."""
    src = dest / "src"
    src.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    pkg = dest / "pkg" / "qidir"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    for name in ("analyzers", "search", "web"):
        (pkg / name).symlink_to(src / name)
    return dest / "pkg"


def _run(index: str, per_kind: int, path: Path | None, cold: bool, cpu: bool
         ) -> dict[str, Any]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if path is not None:
        env["PYTHONPATH"] = str(path)
    out = subprocess.run([sys.executable, "-m", "benchmarks.ab_trees", index, "--side",
                          "--per-kind", str(per_kind), *(["--cold"] if cold else []),
                          *(["--cpu"] if cpu else [])],
                         cwd=REPO, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index")
    ap.add_argument("--base", default="main")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--per-kind", type=int, default=40)
    ap.add_argument("--cold", action="store_true",
                    help="time each search the first time it is made, in the bench's order")
    ap.add_argument("--cpu", action="store_true",
                    help="time by the process's CPU time (a machine busy with other work)")
    ap.add_argument("--side", action="store_true")
    args = ap.parse_args()
    if args.side:
        _side(args.index, args.per_kind, 1, args.cold, args.cpu)
        return
    labels = _requests(args.per_kind)
    with tempfile.TemporaryDirectory() as tmp:
        base = _export(args.base, Path(tmp))
        runs: dict[str, list[dict[str, Any]]] = {"old": [], "new": []}
        for i in range(args.rounds):
            for side in ("old", "new") if i % 2 == 0 else ("new", "old"):
                runs[side].append(_run(args.index, args.per_kind,
                                       base if side == "old" else None, args.cold,
                                       args.cpu))
    old, new = runs["old"][0], runs["new"][0]
    print(f"old: {old['module']}\nnew: {new['module']}")
    diffs = [i for i, (a, b) in enumerate(zip(old["digests"], new["digests"], strict=True))
             if a != b]
    print(f"searches {len(labels)}, answers differing {len(diffs)}")
    for i in diffs[:5]:
        print("  differs:", labels[i])
    times = {side: [[x for run in rs for x in run["times"][i]] for i in range(len(labels))]
             for side, rs in runs.items()}
    kinds = list(dict.fromkeys(k for k, _, _ in labels))
    groups = [("all", lambda k, f: True), ("plain", lambda k, f: not f),
              ("filtered", lambda k, f: f)]
    groups += [(f"{kind} filtered", lambda k, f, kind=kind: f and k == kind) for kind in kinds]
    for label, keep in groups:
        got = {side: [x for (k, f, _), xs in zip(labels, ts, strict=True) if keep(k, f)
                      for x in xs] for side, ts in times.items()}
        o, n = got["old"], got["new"]
        print(f"{label:24} old p50 {pct(o, .5):6.2f} p95 {pct(o, .95):6.2f} mean "
              f"{statistics.mean(o):6.2f} | new p50 {pct(n, .5):6.2f} p95 {pct(n, .95):6.2f} "
              f"mean {statistics.mean(n):6.2f} | new/old p50 {pct(n, .5) / pct(o, .5):.2f} "
              f"p95 {pct(n, .95) / pct(o, .95):.2f}")


if __name__ == "__main__":
    main()
