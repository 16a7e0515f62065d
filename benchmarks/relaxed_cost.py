"""p50/p95 of relaxed searches against two-word ANDs, on a built index and the benchmark's
query set (its `relaxed` and `and2` kinds), plain and with each query's filters.

    python -m benchmarks.relaxed_cost benchmarks/work/additions-100000 \
        benchmarks/data/queries-additions-100k.json
"""
import json, sys, time
from qidir.search.service import SearchService, SearchRequest
root, qfile = sys.argv[1], sys.argv[2]
data = json.load(open(qfile))["queries"]
svc = SearchService(root)
for q in data["and2"][:10]:
    svc.search(SearchRequest(q["q"]))
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
out = {}
for kind in ("and2", "relaxed"):
    plain, faceted, relaxed_n = [], [], 0
    for q in data[kind][:40]:
        t = time.perf_counter(); r = svc.search(SearchRequest(q["q"])); plain.append((time.perf_counter() - t) * 1000)
        relaxed_n += bool(r.to_json().get("relaxed"))
        f = q.get("filters") or {}
        t = time.perf_counter(); svc.search(SearchRequest(q["q"], country=tuple(f.get("country") or ()), source=tuple(f.get("source") or ()), lang=tuple(f.get("lang") or ()))); faceted.append((time.perf_counter() - t) * 1000)
    print(f"| {kind} | {len(plain)} ({relaxed_n} relaxed) | {pct(plain,50):.0f} / {pct(plain,95):.0f} | {pct(faceted,50):.0f} / {pct(faceted,95):.0f} |", flush=True)
