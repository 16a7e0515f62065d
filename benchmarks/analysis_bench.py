"""Analysis throughput per language: qidir's pipeline vs Whoosh's StemmingAnalyzer.

Prints a markdown table of words/s (and index tokens/s) per language for the full pipeline
(detection + per-language analysis + names field, i.e. ``analyze_all``), with Whoosh's plain
``StemmingAnalyzer`` on the same English text in the same run, and the cost ratio per word
(pipeline time per word / StemmingAnalyzer time per word; issue targets: English ≤ 3x,
Russian with its cache ≤ 6x).

Texts: the team-written sample corpus and the seeds (real prose: en, ru, uz-Cyrl), plus, when
a synthetic benchmark corpus is given or present (``benchmarks/data/c2k.jsonl``), every
language of it (Zipf-distributed vocabulary, so many more distinct forms: a harder test of the
caches).

    python -m benchmarks.analysis_bench [--corpus FILE.jsonl] [--seconds 1.5] [--words 40000]

Times are CPU times of this process (best pass), so other load on the machine matters little.
"warm" repeats the texts with the per-word caches filled (the steady state of indexing a
large corpus, where forms repeat); "cold" is the first pass after clearing every cache.
Whoosh is allowed here because it is the baseline being compared against.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from whoosh.analysis import StemmingAnalyzer

from qidir.analyzers import analyze_all
from qidir.analyzers import pipeline as _pipeline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SYNTHETIC = REPO / "benchmarks" / "data" / "c2k.jsonl"
_WORDS = re.compile(r"\w+")


def _clear_caches() -> None:
    """Empty every per-word cache of the analyzers (for the cold pass)."""
    import gc

    from qidir.analyzers.cache import BoundedCache

    for obj in gc.get_objects():
        if isinstance(obj, BoundedCache):
            obj.clear()
    _pipeline._lower_memo.clear()


def _real_texts() -> dict[str, list[str]]:
    """Paragraphs of the sample corpus and the seeds, grouped by their recorded language."""
    sys.path[:0] = [str(REPO / "tests" / "analyzers"), str(REPO / "tests")]
    from analyzer_corpus import sample_docs, seed_docs  # noqa: PLC0415

    groups: dict[str, list[str]] = {}
    for doc in sample_docs() + seed_docs():
        if len(doc.parts) > 1:
            continue
        key = f"{doc.lang} (real)"
        paras = [p for p in re.split(r"\n\s*\n", doc.text) if p.strip()]
        groups.setdefault(key, []).extend(paras)
    return groups


def _synthetic_texts(path: Path, max_words: int) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            key = f"{rec['lang']}-{rec['script']} (synthetic)"
            if counts.get(key, 0) >= max_words:
                continue
            paras = [p for p in rec["text"].split("\n\n") if p.strip()]
            groups.setdefault(key, []).extend(paras)
            counts[key] = counts.get(key, 0) + len(rec["text"].split())
    return groups


def _words(texts: list[str]) -> int:
    return sum(len(_WORDS.findall(t)) for t in texts)


def _timed(
    fns: list[Callable[[str], int]], texts: list[str], seconds: float
) -> list[tuple[float, int]]:
    """Best CPU time of one pass over ``texts`` for each function, and tokens per pass.

    Passes of the functions alternate and the best pass counts, and CPU time (not wall time)
    is measured: on a shared machine other processes then disturb both sides alike and little.
    """
    tokens = [sum(fn(t) for t in texts) for fn in fns]  # warm-up pass
    best = [float("inf")] * len(fns)
    deadline = time.perf_counter() + seconds * len(fns)
    while True:
        for i, fn in enumerate(fns):
            t0 = time.process_time()
            for t in texts:
                fn(t)
            best[i] = min(best[i], time.process_time() - t0)
        if time.perf_counter() > deadline:
            break
    return list(zip(best, tokens, strict=True))


def _pipeline_fn(text: str) -> int:
    _pipeline._lower_memo.clear()  # measure analysis, not the memo of the last few texts
    a = analyze_all(text)
    return len(a.text) + len(a.names)


_stemming = StemmingAnalyzer()


def _whoosh_fn(text: str) -> int:
    return sum(1 for _ in _stemming(text, positions=True, chars=True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=None,
                    help=f"synthetic corpus .jsonl (default: {DEFAULT_SYNTHETIC} if present)")
    ap.add_argument("--seconds", type=float, default=1.5, help="time budget per measurement")
    ap.add_argument("--words", type=int, default=40_000,
                    help="words per language taken from the synthetic corpus")
    args = ap.parse_args(argv)

    groups = _real_texts()
    corpus = args.corpus or (DEFAULT_SYNTHETIC if DEFAULT_SYNTHETIC.exists() else None)
    if corpus is not None:
        if not corpus.exists():
            print(f"error: corpus {corpus} does not exist", file=sys.stderr)
            return 2
        groups.update(_synthetic_texts(corpus, args.words))

    rows = []
    for key in sorted(groups):
        texts = groups[key]
        words = _words(texts)
        _clear_caches()
        t0 = time.process_time()
        for t in texts:
            _pipeline_fn(t)
        cold = time.process_time() - t0
        w_time: float | None = None
        if key.startswith("en"):
            (warm, tokens), (w_time, _) = _timed([_pipeline_fn, _whoosh_fn], texts, args.seconds)
        else:
            [(warm, tokens)] = _timed([_pipeline_fn], texts, args.seconds)
        rows.append((key, words, tokens, cold, warm, w_time))

    en_whoosh = [r for r in rows if r[5] is not None]
    # Whoosh per-word cost on English, as the yardstick for the languages it cannot analyse.
    yard = min((r[5] / r[1] for r in en_whoosh), default=None)
    print("| texts | words | pipeline words/s (warm) | tokens/s (warm) | words/s (cold) "
          "| StemmingAnalyzer words/s | cost ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key, words, tokens, cold, warm, w_time in rows:
        if w_time is not None:
            whoosh = f"{words / w_time:,.0f}"
            ratio = f"{(warm / words) / (w_time / words):.2f}x"
        else:
            whoosh = "—"
            ratio = f"{(warm / words) / yard:.2f}x*" if yard else "—"
        print(f"| {key} | {words:,} | {words / warm:,.0f} | {tokens / warm:,.0f} "
              f"| {words / cold:,.0f} | {whoosh} | {ratio} |")
    print()
    print("cost ratio = pipeline seconds per word / StemmingAnalyzer seconds per word on the "
          "same English text; * = against the fastest English StemmingAnalyzer rate of this run "
          "(Whoosh has no analyzer for that language). Tokens count text + names tokens.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
