"""`make bench`: qidir against plain Whoosh, SQLite FTS5 and tantivy on one corpus, in one run.

For each corpus size: generate (or reuse) the corpus, build every engine's index in a process
of its own (wall time, docs/s, MB/s of JSONL input, index size on disk, peak RSS of the
build's whole process tree sampled at 20 Hz), then time the same query set on each engine in
a fresh process (plain, and with all four facets plus one or two filters), and qidir also over
HTTP against `qidir serve` on 127.0.0.1. Prints one markdown table, writes the raw numbers to
`benchmarks/results/<timestamp>.json` and a latency-vs-size chart next to it.

    python -m benchmarks.run --sizes 10000,30000,100000
    python -m benchmarks.run --quick            # 10k only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import corpus as corpus_mod
from benchmarks import queries as queries_mod
from benchmarks.engine_cli import BASELINES, GROWABLE, percentile
from benchmarks.qidir_engine import (
    build_command,
    free_port,
    live_index_dir,
    serve_command,
    stop_server,
    wait_healthy,
)

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
WORK = ROOT / "work"
RESULTS = ROOT / "results"
ENGINES = ("qidir", *BASELINES)
KIND_LABELS = {
    "term": "1 term", "and2": "2-term AND", "phrase": "phrase", "prefix": "prefix*",
    "fuzzy": "fuzzy~", "cyrillic": "Cyrillic", "uz_apostrophe": "Uzbek Latin ʻ",
    "name": "cross-script name",
    "relaxed": "5 words, relaxed",
}


# --- measuring one process -------------------------------------------------------------------

def _tree_rss(proc: object) -> int:
    """RSS of a psutil process and all its descendants (a multi-process build counts whole)."""
    import psutil

    assert isinstance(proc, psutil.Process)
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(cmd: list[str], env: dict[str, str] | None = None, timeout: float | None = None,
            log: Path | None = None) -> dict:
    """Run a command; wall seconds, peak RSS of its process tree (sum), its own max RSS."""
    import psutil

    out = log.open("wb") if log else subprocess.DEVNULL
    started = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=out, env=env)
    ps = psutil.Process(p.pid)
    peak = 0
    chunks: list[bytes] = []
    # stdout is small (one JSON line); poll RSS until the process ends.
    while True:
        peak = max(peak, _tree_rss(ps))
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if timeout and time.perf_counter() - started > timeout:
            p.kill()
            os.wait4(p.pid, 0)
            raise TimeoutError(f"{' '.join(cmd[:6])} took over {timeout:.0f} s")
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.stdout:
        chunks.append(p.stdout.read())
        p.stdout.close()
    if log:
        out.close()
    return {
        "seconds": seconds,
        "peak_rss_mb": peak / 2**20,
        "max_rss_mb": usage.ru_maxrss / 1024,  # KiB on Linux; includes waited-for children
        "returncode": p.returncode,
        "stdout": b"".join(chunks).decode("utf-8", "replace"),
    }


def dir_bytes(path: Path) -> int:
    """Bytes on disk under ``path``, a hard-linked file counted once."""
    seen: dict[tuple[int, int], int] = {}
    for f in path.rglob("*"):
        if f.is_file():
            st = f.stat()
            seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


# --- one size --------------------------------------------------------------------------------

def build_engine(engine: str, corpus: Path, index_dir: Path, procs: int, log: Path,
                 timeout: float, append: bool = False) -> dict:
    if index_dir.exists() and not append:
        shutil.rmtree(index_dir)
    if engine == "qidir":
        cmd, env = build_command(corpus, index_dir, procs, append)
    else:
        cmd = [sys.executable, "-m", "benchmarks.engine_cli", "build", "--engine", engine,
               "--corpus", str(corpus), "--index", str(index_dir), "--procs", str(procs)]
        cmd += ["--append"] if append else []
        env = None
    r = measure(cmd, env=env, timeout=timeout, log=log)
    if r["returncode"] not in (0, 1):  # qidir exits 1 when some inputs were skipped
        raise RuntimeError(f"{engine} build failed ({r['returncode']}); see {log}")
    r["index_bytes"] = dir_bytes(live_index_dir(index_dir) if engine == "qidir" else index_dir)
    r.pop("stdout")
    return r


def run_queries(engine: str, index_dir: Path | None, qfile: Path, out: Path, budget: float,
                port: int | None = None, log: Path | None = None) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.engine_cli", "query", "--engine", engine,
           "--queries", str(qfile), "--out", str(out), "--budget", str(budget)]
    if index_dir is not None:
        cmd += ["--index", str(index_dir)]
    if port is not None:
        cmd += ["--port", str(port)]
    r = measure(cmd, log=log)
    if r["returncode"] != 0:
        raise RuntimeError(f"{engine} queries failed ({r['returncode']}); see {log}")
    data = json.loads(out.read_text(encoding="utf-8"))
    data["process_peak_rss_mb"] = r["peak_rss_mb"]
    data["seconds"] = r["seconds"]
    return data


def delta_corpus(cpath: Path, start: int) -> Path:
    """The documents of ``cpath`` after the first ``start`` (a smaller corpus is a prefix of a
    larger one), written once next to it: what growing an index from ``start`` adds."""
    out = cpath.with_name(f"{cpath.stem}.from-{start}.jsonl")
    if out.exists() and out.stat().st_mtime >= cpath.stat().st_mtime:
        return out
    tmp = out.with_suffix(".tmp")
    with cpath.open(encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= start:
                dst.write(line)
    tmp.replace(out)
    return out


def bench_size(n: int, args: argparse.Namespace, rates: dict[str, float],
               say, grown: dict[str, int]) -> dict:  # type: ignore[no-untyped-def]
    """Build and query every engine on the corpus of n documents.

    `rates` carries each engine's docs/s from smaller sizes, so a build that could not finish
    within the per-build limit is skipped up front (and said so) instead of eating the budget.
    With ``--grow``, the slow engines (qidir, plain Whoosh) are not rebuilt at each size: the
    index of the previous size is extended by the documents it lacks (``grown`` remembers
    its size), as a newsroom's index grows, and the build figures are for those documents.
    """
    cpath = DATA / f"corpus-{n}-s{args.seed}.jsonl"
    say(f"[{n}] corpus {cpath.name}")
    cmeta = corpus_mod.ensure_corpus(cpath, n, args.seed)
    qfile = DATA / f"queries-s{args.seed}-k{args.per_kind}.json"
    queries_mod.load_or_build(cpath, qfile, args.seed, args.per_kind)
    work = WORK / str(n)
    work.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    result: dict = {"corpus": cmeta, "builds": {}, "queries": {}, "skipped": {}}
    for engine in args.engines:
        procs_list = [cores] if cores > 1 else [1]
        if engine == "fts5":
            procs_list = [1]  # SQLite builds in one thread whatever we ask
        elif n <= args.single_proc_max and cores > 1:
            procs_list = [1, cores]
        growing = args.grow and engine in ("qidir", *GROWABLE)
        start = grown.get(engine, 0) if growing else 0
        result["builds"][engine] = {}
        rate = rates.get(engine)
        if rate and (n - start) / rate > args.build_timeout:
            why = (f"skipped: at {rate:.0f} docs/s (measured on a smaller corpus) the build "
                   f"would take {_duration((n - start) / rate)}, over the "
                   f"{_duration(args.build_timeout)} limit per build")
            say(f"[{n}] {engine} {why}")
            result["skipped"][engine] = why
            grown.pop(engine, None)
            continue
        if (args.single_proc_sample and n == min(args.sizes) and procs_list == [cores]
                and cores > 1 and args.single_proc_sample < n):
            k = args.single_proc_sample
            spath = DATA / f"corpus-{k}-s{args.seed}.jsonl"
            corpus_mod.ensure_corpus(spath, k, args.seed)
            say(f"[{n}] build {engine} procs=1 on the first {k} documents")
            b = build_engine(engine, spath, work / f"{engine}-sample", 1,
                             work / f"build-{engine}-sample.log", args.build_timeout)
            shutil.rmtree(work / f"{engine}-sample", ignore_errors=True)
            b.update(docs=k, sample=True, docs_per_s=k / b["seconds"],
                     mb_per_s=spath.stat().st_size / 2**20 / b["seconds"])
            result["builds"][engine]["1"] = b
            say(f"[{n}]   {b['seconds']:.1f} s, {b['docs_per_s']:.0f} docs/s")
        try:
            for procs in procs_list:
                last = procs == procs_list[-1]
                append = bool(start) and last
                source = delta_corpus(cpath, start) if append else cpath
                idx = (WORK / "grow" / engine) if growing and last else work / f"{engine}-p{procs}"
                added = n - start if append else n
                say(f"[{n}] build {engine} procs={procs}"
                    + (f" (adding {added} to the {start} already indexed)" if append else ""))
                b = build_engine(engine, source, idx, procs,
                                 work / f"build-{engine}-p{procs}.log", args.build_timeout,
                                 append=append)
                b["docs"] = added
                b["grown_from"] = start if append else 0
                b["docs_per_s"] = added / b["seconds"]
                in_bytes = (source.stat().st_size if append else cmeta["bytes"])
                b["mb_per_s"] = in_bytes / 2**20 / b["seconds"]
                result["builds"][engine][str(procs)] = b
                rates[engine] = b["docs_per_s"]
                say(f"[{n}]   {b['seconds']:.1f} s, {b['docs_per_s']:.0f} docs/s, "
                    f"{b['index_bytes'] / 2**20:.0f} MB, peak RSS {b['peak_rss_mb']:.0f} MB")
                if not last:
                    shutil.rmtree(idx)
            if growing:
                grown[engine] = n
        except TimeoutError as exc:
            result["skipped"][engine] = f"skipped: {exc}"
            say(f"[{n}] {engine} {exc}")
            rates[engine] = n / args.build_timeout / 2
            grown.pop(engine, None)
            shutil.rmtree(WORK / "grow" / engine, ignore_errors=True)
            continue
        idx = (WORK / "grow" / engine) if growing else work / f"{engine}-p{procs_list[-1]}"
        budget = args.budget
        say(f"[{n}] queries {engine}")
        result["queries"][engine] = run_queries(
            engine, idx, qfile, work / f"queries-{engine}.json", budget,
            log=work / f"queries-{engine}.log")
        if engine == "qidir" and (args.http == "all" or (args.http == "largest"
                                                           and n == args.largest)):
            port = free_port()
            say(f"[{n}] queries qidir over HTTP (127.0.0.1:{port})")
            log = (work / "serve.log").open("wb")
            server = subprocess.Popen(serve_command(idx, port), stdout=log, stderr=log)
            try:
                wait_healthy(port, server)
                result["queries"]["qidir-http"] = run_queries(
                    "qidir-http", None, qfile, work / "queries-qidir-http.json", budget,
                    port=port, log=work / "queries-qidir-http.log")
            finally:
                stop_server(server)
                log.close()
    if not args.keep_indexes:
        for engine in args.engines:
            for p in work.glob(f"{engine}-p*"):
                shutil.rmtree(p, ignore_errors=True)
    return result


def analysis_throughput(corpus: Path, log: Path) -> dict:
    """Per-language analysis words/s from the analyzers' own bench (the indexing ceiling)."""
    cmd = [sys.executable, "-m", "benchmarks.analysis_bench", "--corpus", str(corpus),
           "--seconds", "1.0", "--words", "20000"]
    try:
        r = measure(cmd, timeout=300, log=log)
    except TimeoutError as exc:
        return {"error": str(exc)}
    if r["returncode"] != 0:
        return {"error": f"analysis_bench exited {r['returncode']}; see {log}"}
    rows = {}
    for line in r["stdout"].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 7 and cells[1].replace(",", "").isdigit():
            rows[cells[0]] = {"words": cells[1], "words_per_s_warm": cells[2],
                              "tokens_per_s_warm": cells[3], "words_per_s_cold": cells[4],
                              "stemming_analyzer_words_per_s": cells[5], "cost_ratio": cells[6]}
    return {"rows": rows, "raw": r["stdout"]}


# --- reporting -------------------------------------------------------------------------------

def pooled(qres: dict, variant: str) -> list[float]:
    """All latencies of one engine and variant across kinds: stored per kind as summaries, so
    the pool is rebuilt from the raw lists the runner keeps."""
    out: list[float] = []
    for kind in qres["kinds"].values():
        out += kind[variant].get("lat_ms", [])
    return out


def _k(size: str | int) -> str:
    n = int(size)
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def _fmt_ms(v: float | None) -> str:
    if v is None:
        return "n/a"
    return f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 100 else f"{v:.0f}"


def _ratio(better_when_lower: bool, q: float | None, b: float | None) -> str:
    if not q or not b:
        return ""
    r = b / q if better_when_lower else q / b
    return f" ({r:.2g}×)"


def _lat_cell(s: dict | None, per_kind: int = 300) -> str:
    if not s or s.get("p50") is None:
        return "n/a"
    cell = f"{_fmt_ms(s['p50'])} / {_fmt_ms(s['p95'])} / {_fmt_ms(s['p99'])}"
    if s["n"] < per_kind:
        cell += f" (n={s['n']})"
    return cell


def table(results: dict) -> str:
    """One markdown table: each figure per engine, baselines with their ratio to qidir."""
    engines = [e for e in ("qidir", "qidir-http", *BASELINES)
               if any(e in r["queries"] or e in r["builds"] for r in results["sizes"].values())]
    head = ["size", "figure", *engines]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def row(size: str, figure: str, cells: dict[str, str]) -> None:
        lines.append("| " + " | ".join([size, figure, *(cells.get(e, "") for e in engines)])
                     + " |")

    for size, r in results["sizes"].items():
        label = _k(size)
        cores = str(results["meta"]["cores"])
        for procs in ("1", cores) if cores != "1" else ("1",):
            figures = {e: b.get(procs) for e, b in r["builds"].items()}
            if not any(figures.values()):
                continue
            q = figures.get("qidir")
            qv = q["docs_per_s"] if q else None
            cells = {}
            for e, b in figures.items():
                if b:
                    cells[e] = f"{b['docs_per_s']:.0f}" + (
                        "" if e == "qidir" else _ratio(False, qv, b["docs_per_s"])) + (
                        f" (adding {_k(str(b['docs']))} to {_k(str(b['grown_from']))})"
                        if b.get("grown_from") else "") + (
                        f" (first {_k(str(b['docs']))} docs)" if b.get("sample") else "")
                elif e == "fts5":
                    cells[e] = "1 proc only"
                else:
                    cells[e] = "not run at this size"
            for e, why in r.get("skipped", {}).items():
                cells[e] = why
            row(label, f"index docs/s, {procs} proc", cells)
            row(label, f"index MB/s, {procs} proc", {
                e: f"{b['mb_per_s']:.2f}" for e, b in figures.items() if b})
        top = {e: b[max(b, key=int)] for e, b in r["builds"].items() if b}
        qb = top.get("qidir")
        row(label, "index size MB", {
            e: f"{b['index_bytes'] / 2**20:.0f}" + (
                "" if e == "qidir" or not qb else
                _ratio(True, qb["index_bytes"], b["index_bytes"])) for e, b in top.items()})
        row(label, "build peak RSS MB", {
            e: f"{b['peak_rss_mb']:.0f}" for e, b in top.items()})
        for variant in ("plain", "faceted"):
            for kind in queries_mod.KINDS:
                cells = {}
                qs = r["queries"].get("qidir", {}).get("kinds", {}).get(kind, {}).get(variant)
                for e, res in r["queries"].items():
                    s = res["kinds"].get(kind, {}).get(variant)
                    cell = _lat_cell(s, results["meta"]["per_kind"])
                    if e not in ("qidir", "qidir-http") and qs and s and s.get("p95"):
                        cell += _ratio(True, qs.get("p95"), s["p95"])
                    cells[e] = cell
                what = "facets+filter" if variant == "faceted" else "plain"
                row(label, f"{KIND_LABELS[kind]}, {what}: p50/p95/p99 ms", cells)
            cells = {}
            qpool = pooled(r["queries"]["qidir"], variant) if "qidir" in r["queries"] else []
            for e, res in r["queries"].items():
                pool = pooled(res, variant)
                if not pool:
                    continue
                s = {"p50": percentile(pool, 50), "p95": percentile(pool, 95),
                     "p99": percentile(pool, 99), "n": len(pool)}
                cell = _lat_cell(s, 0)
                if e not in ("qidir", "qidir-http") and qpool:
                    cell += _ratio(True, percentile(qpool, 95), s["p95"])
                cells[e] = cell
            row(label, f"**all kinds, {variant}**: p50/p95/p99 ms", cells)
    for key, a in (results.get("analysis") or {}).get("rows", {}).items():
        row("-", f"analysis words/s (warm / cold), {key}", {
            "qidir": f"{a['words_per_s_warm']} / {a['words_per_s_cold']}",
            "whoosh": a["stemming_analyzer_words_per_s"]
            if a["stemming_analyzer_words_per_s"] not in ("—", "") else ""})
    return "\n".join(lines)


def growth(results: dict) -> dict:
    """Latency growth exponent b (latency ∝ N^b, least squares on log-log) per engine/variant."""
    sizes = sorted(results["sizes"], key=int)
    out: dict = {}
    if len(sizes) < 2:
        return out
    for e in ("qidir", "qidir-http", *BASELINES):
        for variant in ("plain", "faceted"):
            pts = []
            for size in sizes:
                res = results["sizes"][size]["queries"].get(e)
                pool = pooled(res, variant) if res else []
                if pool:
                    pts.append((math.log(int(size)), math.log(percentile(pool, 95))))
            if len(pts) >= 2:
                mx = sum(x for x, _ in pts) / len(pts)
                my = sum(y for _, y in pts) / len(pts)
                sxx = sum((x - mx) ** 2 for x, _ in pts)
                b = sum((x - mx) * (y - my) for x, y in pts) / sxx
                out[f"{e} {variant}"] = {"exponent": b, "growth_10x": 10 ** b}
    return out


def targets(results: dict) -> list[str]:
    """The issue's targets, checked on the largest size qidir was measured at."""
    largest = max(results["sizes"], key=int)
    measured = [k for k, r in results["sizes"].items() if "qidir" in r["queries"]]
    size = max(measured, key=int) if measured else largest
    r = results["sizes"][size]
    qs = r["queries"]
    lines = []
    if size != largest:
        why = results["sizes"][largest].get("skipped", {}).get("qidir", "not run")
        lines.append(f"- qidir at {_k(largest)}: {why}; targets below are at {_k(size)}")
    if "qidir" in qs and "whoosh" in qs:
        qf = percentile(pooled(qs["qidir"], "faceted"), 95)
        wp = percentile(pooled(qs["whoosh"], "plain"), 95)
        wf = percentile(pooled(qs["whoosh"], "faceted"), 95)
        if qf and wp:
            lines.append(f"- facets+filter p95 {qf:.1f} ms vs plain Whoosh p95 without facets "
                         f"{wp:.1f} ms: {qf / wp:.2f}x (target ≤ 1.5x) "
                         f"{'MET' if qf <= 1.5 * wp else 'NOT MET'}")
        if qf and wf:
            lines.append(f"- facets+filter p95 vs Whoosh groupedby p95 {wf:.1f} ms: "
                         f"{wf / qf:.1f}x faster (target ≥ 5x) "
                         f"{'MET' if wf >= 5 * qf else 'NOT MET'}")
    for label, rr in results["sizes"].items():
        b = rr["builds"]
        if not (b.get("qidir") and b.get("whoosh")):
            continue
        for procs in sorted(set(b["qidir"]) & set(b["whoosh"]), key=int):
            q, w = b["qidir"][procs]["docs_per_s"], b["whoosh"][procs]["docs_per_s"]
            lines.append(f"- indexing at {_k(label)}, {procs} proc: qidir {q:.0f} "
                         f"docs/s vs Whoosh {w:.0f}: {q / w:.2f}x (target ≥ 1.0x) "
                         f"{'MET' if q >= w else 'NOT MET'}")
    for key, g in results.get("growth", {}).items():
        if key.startswith("qidir "):
            lines.append(f"- latency growth {key} p95: exponent {g['exponent']:.2f}, "
                         f"10x docs → {g['growth_10x']:.1f}x latency (target well under 10x)")
    return lines + speed_targets(r, size)


def _check(label: str, value: float, op: str, bound: float, unit: str = "x") -> str:
    met = value <= bound if op == "≤" else value >= bound
    verdict = "MET" if met else "NOT MET"
    return f"  - {label}: {value:.2f}{unit} (target {op} {bound:g}{unit}) {verdict}"


def speed_targets(r: dict, size: str) -> list[str]:
    """Issue 15's targets (speed at 100k), as ratios measured in this run: qidir's search with
    its facets, snippets and a filter against plain Whoosh's plain search, prefix and fuzzy,
    and the 2-process build's speed, peak memory and index size."""
    qs, b = r["queries"], r["builds"]
    out = [f"- issue 15 (speed at 100k), measured at {_k(size)}:"]
    if "qidir" in qs and "whoosh" in qs:
        qf, wp = pooled(qs["qidir"], "faceted"), pooled(qs["whoosh"], "plain")
        for pct, bound in ((95, 2.0), (50, 1.5)):
            a, w = percentile(qf, pct), percentile(wp, pct)
            if a and w:
                out.append(_check(f"search + facets + filter p{pct} / Whoosh plain p{pct}",
                                  a / w, "≤", bound))
        for kind, op, bound in (("prefix", "≤", 0.5), ("fuzzy", "≤", 1.0)):
            kq, kw = qs["qidir"]["kinds"].get(kind), qs["whoosh"]["kinds"].get(kind)
            if kq and kw:
                a = percentile(kq["plain"].get("lat_ms", []), 95)
                w = percentile(kw["plain"].get("lat_ms", []), 95)
                if a and w:
                    out.append(_check(f"{kind} p95 / Whoosh's", a / w, op, bound))
    q2, w2 = b.get("qidir", {}).get("2"), b.get("whoosh", {}).get("2")
    if q2 and w2:
        out.append(_check("indexing docs/s, 2 proc / Whoosh's",
                          q2["docs_per_s"] / w2["docs_per_s"], "≥", 0.8))
        out.append(_check("build peak RSS", q2["peak_rss_mb"], "≤", 1000, " MB"))
        out.append(_check("index size / Whoosh's", q2["index_bytes"] / w2["index_bytes"],
                          "≤", 1.1))
    return out if len(out) > 1 else []


def chart(results: dict, path: Path) -> bool:
    sizes = sorted(results["sizes"], key=int)
    if len(sizes) < 2:
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharey=True)
    for ax, variant in zip(axes, ("plain", "faceted"), strict=True):
        for e in ("qidir", "qidir-http", *BASELINES):
            xs, p50, p95 = [], [], []
            for size in sizes:
                res = results["sizes"][size]["queries"].get(e)
                pool = pooled(res, variant) if res else []
                if pool:
                    xs.append(int(size))
                    p50.append(percentile(pool, 50))
                    p95.append(percentile(pool, 95))
            if xs:
                g = results.get("growth", {}).get(f"{e} {variant}")
                label = e + (f" (p95 ∝ N^{g['exponent']:.2f})" if g else "")
                line, = ax.plot(xs, p95, marker="o", label=label)
                ax.plot(xs, p50, marker=".", linestyle=":", color=line.get_color())
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("documents")
        ax.set_title("plain" if variant == "plain" else "4 facets + 1–2 filters")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    axes[0].set_ylabel("latency ms (solid p95, dotted p50), all query kinds")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--quick", action="store_true", help="10k documents only")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-kind", type=int, default=queries_mod.PER_KIND)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--budget", type=float, default=5.0,
                    help="max seconds per (engine, query kind, variant); fewer than --per-kind "
                         "queries are then run and the table says n=")
    ap.add_argument("--single-proc-max", type=int, default=10_000,
                    help="largest size at which 1-process builds are also measured")
    ap.add_argument("--single-proc-sample", type=int, default=0, metavar="N",
                    help="at the smallest size, also build with 1 process on the first N "
                         "documents (when --single-proc-max leaves that size out)")
    ap.add_argument("--build-timeout", type=float, default=480.0,
                    help="seconds one build may take; longer ones are stopped or, when a "
                         "smaller size shows they would be, skipped")
    ap.add_argument("--no-analysis", dest="analysis", action="store_false",
                    help="skip the per-language analysis throughput")
    ap.add_argument("--http", choices=("all", "largest", "none"), default="all",
                    help="sizes at which qidir is also queried over HTTP")
    ap.add_argument("--no-http", dest="http", action="store_const", const="none",
                    help="same as --http none")
    ap.add_argument("--grow", action="store_true",
                    help="grow qidir's and plain Whoosh's index from one size to the next "
                         "(index add) instead of rebuilding it: the whole run indexes the "
                         "largest corpus once; build figures are then for the added documents")
    ap.add_argument("--keep-indexes", action="store_true")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    sizes = [10_000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    args.engines = [e for e in args.engines.split(",") if e]
    args.largest = max(sizes)
    args.sizes = sizes
    bad = set(args.engines) - set(ENGINES)
    if bad:
        ap.error(f"unknown engines: {', '.join(sorted(bad))}")
    if args.per_kind < 1 or any(s < 100 for s in sizes):
        ap.error("sizes must be at least 100 and --per-kind at least 1")
    started = time.perf_counter()

    def say(msg: str) -> None:
        print(f"{time.perf_counter() - started:7.1f}s {msg}", file=sys.stderr, flush=True)

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    results: dict = {"meta": {
        "timestamp": stamp, "cores": os.cpu_count(), "python": platform.python_version(),
        "platform": platform.platform(), "sizes": sizes, "seed": args.seed,
        "per_kind": args.per_kind, "budget_s": args.budget, "engines": args.engines,
        "command": " ".join([os.path.basename(sys.executable), "-m", "benchmarks.run",
                             *(argv if argv is not None else sys.argv[1:])]),
        "versions": _versions(),
    }, "sizes": {}}
    rates: dict[str, float] = {}
    grown: dict[str, int] = {}
    shutil.rmtree(WORK / "grow", ignore_errors=True)
    for n in sorted(sizes):
        results["sizes"][str(n)] = bench_size(n, args, rates, say, grown)
    if not args.keep_indexes:
        shutil.rmtree(WORK / "grow", ignore_errors=True)
    if "qidir" in args.engines and args.analysis:
        say("analysis throughput (benchmarks/analysis_bench.py)")
        results["analysis"] = analysis_throughput(
            DATA / f"corpus-{min(sizes)}-s{args.seed}.jsonl", WORK / "analysis.log")
    results["growth"] = growth(results)
    results["meta"]["seconds"] = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"{stamp}.json"
    # Compact: the per-query latency lists make an indented file needlessly long.
    out.write_text(json.dumps(results, separators=(",", ":")) + "\n", encoding="utf-8")
    png = args.out / f"{stamp}.png"
    has_chart = chart(results, png)
    report = [
        f"`{results['meta']['command']}` — {stamp}, {results['meta']['cores']} cores",
        "",
        table(results),
        "",
        f"Ratios (×) are how many times qidir is faster or smaller than that baseline "
        f"(<1: qidir is slower or bigger); query ratios compare p95. Latencies p50/p95/p99 in "
        f"ms; n= when fewer than {args.per_kind} queries ran within the {args.budget:g} s "
        "budget per kind and variant. qidir's plain search still counts all four facets (the "
        "service always does); baselines' plain search is the top 10 only. FTS5 has no fuzzy "
        "search, so its pooled figures leave fuzzy out. Build docs/s include process start-up.",
    ]
    if results.get("analysis", {}).get("error"):
        report.append(f"analysis throughput: {results['analysis']['error']}")
    report += ["", "Targets:", *targets(results)]
    where = out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out
    report.append(f"\nraw numbers: {where}" + (f"; chart: {png.name}" if has_chart else "")
                  + f"; total {results['meta']['seconds'] / 60:.1f} min")
    text = "\n".join(report)
    print(text)
    (args.out / f"{stamp}.md").write_text(text + "\n", encoding="utf-8")
    return 0


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("qidir", "whoosh-reloaded", "tantivy", "wordfreq", "pymorphy3"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "missing"
    import sqlite3

    out["sqlite"] = sqlite3.sqlite_version
    return out


if __name__ == "__main__":
    raise SystemExit(main())
