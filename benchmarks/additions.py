"""What the person facet and the timeline cost: indexing time and search latency, with and
without them, on the benchmark corpus (``make bench-additions``; ``make bench`` runs it too).

Indexing: the people finder runs once per document at ingest; its cost is measured on a
sample of the corpus against the analysis the indexer runs on the same documents anyway
(``analyze_all`` of title and text), so the share of indexing time it adds is read directly,
without building the index twice.

Searching: one qidir index of ``--docs`` documents (built once, kept under
``benchmarks/work/additions-<n>``), the benchmark's query set, each query with and without
its filters. "with" is the service as shipped (person facet counted, timeline computed);
"without" unregisters the person facet and skips the timeline, on the same open index;
each query runs in both variants back to back.
Prints a markdown table (p50/p95/mean per variant) and writes it to
``benchmarks/results/additions-<UTC timestamp>.md``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.corpus import ensure_corpus, read_corpus
from benchmarks.qidir_engine import build_command
from benchmarks.queries import KINDS, load_or_build

ROOT = Path(__file__).resolve().parent
DATA, WORK, RESULTS = ROOT / "data", ROOT / "work", ROOT / "results"


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def indexing_cost(corpus: Path, sample: int) -> dict[str, float]:
    """Milliseconds per document: finding people vs the analysis indexing runs anyway."""
    from qidir.analyzers import analyze_all
    from qidir.analyzers.people import find_people

    docs = list(read_corpus(corpus, sample))
    started = time.perf_counter()
    people = 0
    for d in docs:
        people += len(find_people(f"{d['title']}\n{d['text']}", str(d.get("lang") or "")))
    find_ms = (time.perf_counter() - started) * 1000 / len(docs)
    started = time.perf_counter()
    for d in docs:
        analyze_all(str(d["title"]), hint=None)
        analyze_all(str(d["text"]), hint=None)
    analysis_ms = (time.perf_counter() - started) * 1000 / len(docs)
    return {"docs": len(docs), "people_per_doc": people / len(docs),
            "find_people_ms": find_ms, "analysis_ms": analysis_ms}


def ensure_index(corpus: Path, n: int, procs: int) -> Path:
    index = WORK / f"additions-{n}"
    marker = index / ".built"
    if not marker.exists():
        cmd, env = build_command(corpus, index, procs)
        started = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        marker.write_text(f"{time.perf_counter() - started:.1f}\n")
    return index


def search_latency(index: Path, queries: dict, per_kind: int, rounds: int) -> dict[str, Any]:
    """Per-query milliseconds of SearchService.search, with and without the additions."""
    from qidir.search import fields
    from qidir.search.service import QueryPlan, SearchRequest, SearchService

    service = SearchService(index)
    shipped_timeline = QueryPlan.timeline
    person = fields.get("person")
    assert person is not None

    def requests() -> list[Any]:
        out = []
        for kind in KINDS:
            for q in queries["queries"][kind][:per_kind]:
                f = q.get("filters") or {}
                lo, hi = f.get("year_from"), f.get("year_to")
                out.append(SearchRequest(q["q"]))
                out.append(SearchRequest(
                    q["q"], country=tuple(f.get("country") or ()),
                    source=tuple(f.get("source") or ()), lang=tuple(f.get("lang") or ()),
                    date_from=f"{lo}-01-01" if lo else None,
                    date_to=f"{hi}-12-31" if hi else None))
        return out

    reqs = requests()
    plain = [SearchRequest(r.q, date_from=r.date_from, date_to=r.date_to, country=r.country,
                           source=r.source, lang=r.lang) for r in reqs]
    for req in reqs[:50]:  # warm the caches (term forms, facet labels) once for both variants
        service.search(req)
    times: dict[str, list[float]] = {"with": [], "without": []}

    def without() -> None:
        fields.unregister("person")
        QueryPlan.timeline = lambda self: {}  # type: ignore[method-assign]

    def restore() -> None:
        QueryPlan.timeline = shipped_timeline  # type: ignore[method-assign]
        if fields.get("person") is None:
            fields.register(person)

    # Each query runs with and then without the additions, back to back, so a machine
    # whose load changes during the run weighs on both variants alike.
    try:
        for _ in range(rounds):
            for req, bare in zip(reqs, plain, strict=True):
                started = time.perf_counter()
                service.search(req)
                times["with"].append((time.perf_counter() - started) * 1000)
                without()
                started = time.perf_counter()
                service.search(bare)
                times["without"].append((time.perf_counter() - started) * 1000)
                restore()
    finally:
        restore()
    return {v: {"n": len(t), "p50": _pct(t, 50), "p95": _pct(t, 95),
                "mean": statistics.fmean(t)} for v, t in times.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=3000, help="documents for the indexing cost")
    ap.add_argument("--per-kind", type=int, default=40, help="queries per kind")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--procs", type=int, default=2)
    args = ap.parse_args(argv)
    DATA.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    corpus = DATA / f"corpus-{args.docs // 1000}k.jsonl"
    ensure_corpus(corpus, args.docs)
    queries = load_or_build(corpus, DATA / f"queries-additions-{args.docs // 1000}k.json")
    cost = indexing_cost(corpus, args.sample)
    index = ensure_index(corpus, args.docs, args.procs)
    lat = search_latency(index, queries, args.per_kind, args.rounds)
    share = cost["find_people_ms"] / cost["analysis_ms"] * 100
    lines = [
        f"# Person facet and timeline at {args.docs:,} documents "
        f"({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        "| indexing (per document, "
        f"{cost['docs']:,} documents) | ms |",
        "|---|---:|",
        f"| finding people ({cost['people_per_doc']:.1f} per document) "
        f"| {cost['find_people_ms']:.2f} |",
        f"| analysis the indexer runs anyway | {cost['analysis_ms']:.2f} |",
        f"| people finding vs analysis | +{share:.0f} % |",
        "",
        "| search (SearchService.search, ms) | queries | p50 | p95 | mean |",
        "|---|---:|---:|---:|---:|",
    ]
    for variant, label in (("without", "without person facet and timeline"),
                           ("with", "with both (as shipped)")):
        r = lat[variant]
        lines.append(f"| {label} | {r['n']} | {r['p50']:.1f} | {r['p95']:.1f} | "
                     f"{r['mean']:.1f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    out = RESULTS / f"additions-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.md"
    out.write_text(text, encoding="utf-8")
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
