"""Where a build's time goes, from a py-spy raw profile of the build and its workers.

cProfile adds a fixed cost to every Python call, so code that makes many small calls (a
posting at a time) looks several times more expensive than it is; a sampling profiler does
not. Record a build with py-spy (a tool, not a dependency of qidir)::

    QIDIR_PROCS=2 py-spy record -r 20 --subprocesses -f raw -o build.txt -- \\
        qidir --index /tmp/ix index rebuild CORPUS.jsonl

then ``python -m benchmarks.spy_summary build.txt`` prints, per process and in total, the
share of samples in each part of indexing: each sample is filed under the innermost frame
that names a part (the lexicon's recording runs inside the analysis' caller, so it is filed
under the lexicon, not under analysis).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict

#: (part, pattern on "function (file"), innermost first wins. py-spy names a method
#: ``Class.method``: the class is dropped before matching.
PARTS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx)) for name, rx in [
    ("lexicon: record words", r"^(record|count) \(search/engine/lexicon\.py"),
    ("lexicon: worker part", r"^finish_worker \(search/engine/lexicon\.py"),
    ("lexicon: merge (parent)", r"^save \(search/engine/lexicon\.py"),
    ("people finder", r"^find_people \(analyzers/people\.py"),
    ("analysis", r"^(analyze_all|analyze|analyze_names|_piece_tokens) \(analyzers/|"
                 r"^_piece_tokens \(search/engine/analyzer\.py"),
    ("tokens to postings", r"^(_tokens|_positions_word_values|_frequency_word_values|"
                           r"_encode_positions) \(search/engine/analyzer\.py|"
                           r"^(word_values|encode) \(whoosh/formats\.py"),
    ("pool: add", r"^(add_terms|add) \(search/engine/postings\.py|^_pool_add|"
                  r"^add \(whoosh/writing\.py"),
    ("pool: spill runs", r"^save \(search/engine/postings\.py|"
                         r"^save \(whoosh/(writing|externalsort)"),
    ("segment flush (merge + posting writer)", r"^_flush_segment "),
    ("add_document: the rest", r"^(_add_document|add_document) "),
    ("reading documents", r"^(read_documents|_from_jsonl|from_record) "),
    ("handing batches to workers", r"^(_enqueue|add_document) \(whoosh/multiproc|^_enqueue "),
    ("commit and publish", r"^(commit|_commit|_check_count|publish) "),
]]

_FRAME = re.compile(r"^(?P<func>\S+) \((?P<file>[^:]+)")


def _short(frame: str) -> str:
    """``func (path/to/file.py:12)`` → ``func (dir/file.py`` (the form PARTS match)."""
    m = _FRAME.match(frame)
    if not m:
        return frame
    parts = m["file"].split("/")
    func = m["func"].rpartition(".")[2]
    return f"{func} ({'/'.join(parts[-3:] if parts[-3:-2] == ['search'] else parts[-2:])}"


def summarise(path: str) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        frames = stack.split(";")
        # a worker's stack starts with its parent's process frame, then its own
        procs = [i for i, f in enumerate(frames) if f.startswith("process ")]
        first = procs[-1] if procs else -1
        proc = re.sub(r":.*", "", frames[first]) if procs else "?"
        proc = ("parent " if len(procs) <= 1 else "worker ") + proc
        part = "other"
        for frame in reversed(frames[first + 1:]):
            short = _short(frame)
            found = next((name for name, rx in PARTS if rx.search(short)), None)
            if found:
                part = found
                break
        out[proc][part] += int(count)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    per_proc = summarise(args[0])
    total: Counter[str] = Counter()
    for proc, parts in sorted(per_proc.items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(parts.values())
        total.update(parts)
        print(f"\n{proc}: {n} samples")
        for part, k in parts.most_common():
            print(f"  {100 * k / n:5.1f}%  {part}")
    n = sum(total.values())
    print(f"\nall processes: {n} samples")
    for part, k in total.most_common():
        print(f"  {100 * k / n:5.1f}%  {part}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
