"""In-process A/B of issue 15's search changes on one index. Every answer (total, hits,
scores, facets, suggestion, timeline) is compared first; then old and new alternate
``rounds`` times and p50/p95 are printed, split plain/filtered and by query kind.

    python -m benchmarks.ab_search INDEX_DIR [ROUNDS] [PER_KIND] [COMPARE]

COMPARE ``scoring`` (default): Whoosh's matcher walk scoring every match, match sets as
Python sets and snippets marked token by token (old) against the array scorer and
boolean-array match sets, a posting list at a time (``search/engine/scoring.py``), and
snippets marked where a lexicon word occurs (new). ``sets``: the
earlier step, match sets by Whoosh's walk and every match scored in one walk (old) against
match sets by set operations and a filtered search scoring only its hits (new).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from qidir.search.engine import collector, searching
from qidir.search.engine.facets import bits_from_ids
from qidir.search.query import highlight
from qidir.search.service import SearchRequest, SearchService

QUERIES = Path(__file__).parent / "data" / "queries-s1-k300.json"
NEW = (searching.IndexVersion.top_and_matched, searching.IndexVersion.match_bits)
WALK = searching.IndexVersion.top_and_matched_walk
SPANS = highlight.Marker.spans
COMPARE = "scoring"


def _old_top_and_matched(self: Any, query: Any, limit: int, allowed: int | None,
                         bonus: Any = None, memo: Any = None) -> tuple[list, int]:
    results, ids = collector.top_and_matched(self.searcher(), query, limit, allowed, bonus)
    return searching._hits(results, scored=True), bits_from_ids(ids, self.columns.size)


def _old_match_bits(self: Any, query: Any, memo: Any = None) -> int:
    return bits_from_ids(self.searcher().docs_for_query(query), self.columns.size)


def _sets_match_bits(self: Any, query: Any, memo: Any = None) -> int:
    return bits_from_ids(collector.matched_docnums(self.searcher(), query), self.columns.size)


def _scan_spans(self: Any, text: str, parts: Any) -> list:
    """Marker.spans before the lookup of lexicon words: every token handled in Python."""
    if not self:
        return []
    if self.surfaces is None or parts is None:
        return highlight._spans(text, self.marks)
    return highlight._surface_spans(text, parts, self.surfaces, self.words, self._forms)


def use(new: bool) -> None:
    highlight.Marker.spans = SPANS if new or COMPARE != "scoring" else _scan_spans
    if COMPARE == "scoring":
        tam, mb = NEW if new else (WALK, _sets_match_bits)
    else:
        tam, mb = (WALK, _sets_match_bits) if new else (_old_top_and_matched, _old_match_bits)
    searching.IndexVersion.top_and_matched = tam
    searching.IndexVersion.match_bits = mb


def request(q: dict, f: dict | None) -> SearchRequest:
    f = f or {}
    lo, hi = f.get("year_from"), f.get("year_to")
    return SearchRequest(q=q["q"], country=tuple(f.get("country") or ()),
                         source=tuple(f.get("source") or ()), lang=tuple(f.get("lang") or ()),
                         date_from=f"{lo}-01-01" if lo else None,
                         date_to=f"{hi}-12-31" if hi else None)


def answer(r: Any) -> tuple:
    return (r.total, [(h["id"], h["score"]) for h in r.hits],
            json.dumps(r.facets, sort_keys=True), r.suggestion,
            json.dumps(r.timeline, sort_keys=True, default=str))


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main() -> None:
    index = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    per_kind = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    global COMPARE
    COMPARE = sys.argv[4] if len(sys.argv) > 4 else "scoring"
    kinds = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    reqs, labels = [], []
    for kind, qs in kinds.items():
        for q in qs[:per_kind]:
            for f in (None, q.get("filters")):
                reqs.append(request(q, f))
                labels.append(kind)
    filtered = [r.has_filters() for r in reqs]
    svc = SearchService(index)
    answers = {}
    for new in (False, True):
        use(new)
        for r in reqs:
            svc.search(r)  # warm
        answers[new] = [answer(svc.search(r)) for r in reqs]
    diffs = [i for i, (a, b) in enumerate(zip(answers[False], answers[True], strict=True))
             if a != b]
    print(f"searches {len(reqs)}, answers differing {len(diffs)}")
    for i in diffs[:5]:
        print("  differs:", reqs[i], answers[False][i][:2], answers[True][i][:2])
    times: dict[tuple[bool, bool, str], list[float]] = {}
    for i in range(rounds):
        for new in (False, True) if i % 2 == 0 else (True, False):
            use(new)
            for r, f, kind in zip(reqs, filtered, labels, strict=True):
                t = time.perf_counter()
                svc.search(r)
                times.setdefault((new, f, kind), []).append((time.perf_counter() - t) * 1000)
    groups = [("all", (False, True), tuple(kinds)), ("plain", (False,), tuple(kinds)),
              ("filtered", (True,), tuple(kinds))]
    groups += [(f"{kind} plain", (False,), (kind,)) for kind in kinds]
    for label, keep, ks in groups:
        got = {new: [x for f in keep for k in ks for x in times.get((new, f, k), [])]
               for new in (False, True)}
        for new in (False, True):
            xs = got[new]
            print(f"{label} {'new' if new else 'old'}: p50 {pct(xs, .5):.1f} ms, "
                  f"p95 {pct(xs, .95):.1f} ms, mean {statistics.mean(xs):.1f} ms")
        print(f"{label} new/old: p50 {pct(got[True], .5) / pct(got[False], .5):.2f}, "
              f"p95 {pct(got[True], .95) / pct(got[False], .95):.2f}")


if __name__ == "__main__":
    main()
