"""cProfile of one qidir rebuild, the parent and every worker process, in one report.

Wall-clock figures on the shared 2-core machine move with the other jobs; a profile's
function shares do not, so indexing decisions are taken on these.

    python -m benchmarks.profile_build CORPUS.jsonl [--procs 2] [--top 40] [--keep DIR]

Prints, per process (parent, each worker) and for the workers together, the functions with
the most own time, and writes the raw stats next to the index (``*.prof``, readable with
``python -m pstats``).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from qidir.search.engine import indexer, writers


def _profiled_workers(out: Path) -> None:
    """Make every worker process profile its own run into ``out/worker-<pid>.prof``."""
    run = writers._Worker.run

    def profiled(self: writers._Worker) -> None:
        prof = cProfile.Profile()
        prof.enable()
        try:
            run(self)
        finally:
            prof.disable()
            prof.dump_stats(out / f"worker-{os.getpid()}.prof")

    writers._Worker.run = profiled  # type: ignore[method-assign]


def _report(title: str, paths: list[Path], top: int) -> None:
    if not paths:
        return
    stats = pstats.Stats(*map(str, paths))
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"\n== {title}: {total:.1f} s of profiled time ==")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])  # type: ignore[attr-defined]
    print(f"{'own %':>6} {'own s':>7} {'cum %':>6} {'calls':>10}  function")
    for (file, line, name), (_, calls, tt, ct, _) in rows[:top]:
        where = f"{Path(file).parent.name}/{Path(file).name}:{line}" if line else file
        print(f"{100 * tt / total:6.1f} {tt:7.2f} {100 * ct / total:6.1f} {calls:10d}  "
              f"{name} ({where})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--keep", type=Path, default=None,
                    help="build the index here and keep it (default: a temporary folder)")
    args = ap.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="qidir-prof-"))
    profs = root.parent / f"{root.name}-prof"
    shutil.rmtree(profs, ignore_errors=True)
    profs.mkdir(parents=True)
    _profiled_workers(profs)
    prof = cProfile.Profile()
    started = time.monotonic()
    prof.enable()
    report = indexer.rebuild(root, [args.corpus.resolve()], procs=args.procs)
    prof.disable()
    seconds = time.monotonic() - started
    prof.dump_stats(profs / "parent.prof")
    print(f"{report.indexed} documents in {seconds:.1f} s ({report.indexed / seconds:.0f} "
          f"docs/s) with {args.procs} process(es); profiles in {profs}")
    workers = sorted(profs.glob("worker-*.prof"))
    _report("parent", [profs / "parent.prof"], args.top)
    for w in workers:
        _report(w.stem, [w], 12)
    _report("workers together", workers, args.top)
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
