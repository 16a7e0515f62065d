"""Searches from several threads while `index add`, `index rebuild` and `index remove` run in
other processes: no error, and no answer from a half-written index (every total is one of
the totals a complete index state gives)."""

from __future__ import annotations

import threading
from pathlib import Path

from reliability_helpers import QIDIR, SEEDS, write_articles

from qidir.search.engine import indexer
from qidir.search.ingest.documents import Document
from qidir.search.ingest.readers import ingest
from qidir.search.service import SearchRequest, SearchService
from qidir.web import create_app

MARKER = "wombatfeed"


def test_searches_during_writes_see_only_complete_states(tmp_path: Path) -> None:
    import subprocess

    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    added = tmp_path / "added"
    write_articles(added, 10, seed=21, marker=MARKER)
    rebuilt = tmp_path / "rebuilt"
    write_articles(rebuilt, 20, seed=22)
    added_ids = [d.id for d in ingest([added]) if isinstance(d, Document)]
    assert len(added_ids) == 10
    # Every complete state the writers below go through: (all documents, marker documents).
    states = {(5, 0), (15, 10), (25, 0), (35, 10)}
    totals = {t for t, _ in states}
    marker_totals = {m for _, m in states}
    steps = [
        ["index", "add", str(added)],  # 15 documents, 10 with the marker
        ["index", "rebuild", str(SEEDS), str(rebuilt)],  # 25, 0
        ["index", "add", str(added)],  # 35, 10
        ["index", "remove", *added_ids],  # 25, 0
    ]
    done = threading.Event()
    errors: list[str] = []
    answers = {"service": 0, "http": 0}
    seen_totals: set[int] = set()
    lock = threading.Lock()

    def writer() -> None:
        try:
            for args in steps:
                proc = subprocess.run(QIDIR + ["--index", str(root), *args],
                                      capture_output=True, text=True, timeout=300,
                                      stdin=subprocess.DEVNULL)
                if proc.returncode != 0:
                    errors.append(f"{args[:2]} exited {proc.returncode}: {proc.stderr[-500:]}")
        finally:
            done.set()

    def check(kind: str, q: str, total: int, lang_counts: int) -> None:
        with lock:
            answers[kind] += 1
            seen_totals.add(total)
        if q == "" and (total not in totals or lang_counts != total):
            errors.append(f"{kind}: all-documents total {total} (languages {lang_counts})")
        if q == MARKER and total not in marker_totals:
            errors.append(f"{kind}: marker total {total}")

    service = SearchService(root)

    def service_reader() -> None:
        while not done.is_set():
            for q in ("", MARKER):
                try:
                    result = service.search(SearchRequest(q=q, per_page=5))
                    check("service", q, result.total,
                          sum(v["count"] for v in result.facets["lang"]))
                except Exception as exc:  # noqa: BLE001 - every error fails the test
                    errors.append(f"service: {type(exc).__name__}: {exc}")

    app = create_app(root)

    def http_reader() -> None:
        client = app.test_client()
        while not done.is_set():
            for q in ("", MARKER):
                response = client.get("/api/search", query_string={"q": q, "per_page": "5"})
                if response.status_code != 200:
                    errors.append(f"http: {response.status_code} {response.get_data()[:300]}")
                    continue
                data = response.get_json()
                check("http", q, data["total"], sum(v["count"] for v in data["facets"]["lang"]))

    threads = [threading.Thread(target=writer)]
    threads += [threading.Thread(target=service_reader) for _ in range(2)]
    threads += [threading.Thread(target=http_reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    assert not errors, errors[:10]
    assert answers["service"] > 10 and answers["http"] > 10, answers
    assert len(seen_totals) >= 2, seen_totals  # the readers did live through the changes
    # The running service serves the final state without a restart.
    assert service.search(SearchRequest(q="")).total == 25
    assert service.search(SearchRequest(q=MARKER)).total == 0


def _words(n: int) -> list[str]:
    stems = ["cooperat", "exercis", "organis", "nation", "develop", "işbirliğ", "görüşme",
             "anlaşma", "yatırım", "connect"]
    ends = ["ions", "ing", "ed", "ational", "lerinden", "ların", "ment", "ers", "izations"]
    return [f"{stems[i % len(stems)]}{ends[i % len(ends)]}{'x' * (i % 5)}" for i in range(n)]


def test_analysis_is_thread_safe() -> None:
    """Snippets are analysed in every server thread at once; Snowball stemmer objects keep
    per-word state, so one shared between threads gave IndexError/AssertionError (HTTP 500)
    and wrong stems under load."""
    from qidir.analyzers import english, turkish

    words = _words(4000)
    expected = {w: (english.analyze_word(w), turkish.analyze_word(w)) for w in words}
    # The memo in front of each stemmer is bypassed, so every call reaches the stemmer.
    stem_en = english.analyze_word.__wrapped__  # type: ignore[attr-defined]
    stem_tr = turkish.analyze_word.__wrapped__  # type: ignore[attr-defined]
    errors: list[str] = []

    def work(offset: int) -> None:
        try:
            for w in words[offset:] + words[:offset]:
                got = (stem_en(w), stem_tr(w))
                if got != expected[w]:
                    errors.append(f"{w}: {got} != {expected[w]}")
        except Exception as exc:  # noqa: BLE001 - every error fails the test
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=work, args=(k * 997,)) for k in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:5]
