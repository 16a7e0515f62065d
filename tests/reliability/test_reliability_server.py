"""The server: waitress on loopback by default, security headers everywhere, ids that never
reach the filesystem, health with the generation, time limits, request logs, and new
generations picked up without a restart."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from reliability_helpers import SEEDS, Server, get_json, write_articles

from qidir.search.cli import cli
from qidir.search.engine import deadline, indexer, store
from qidir.search.service import SearchRequest, SearchService, SearchTimeout
from qidir.web import create_app

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
           "X-Frame-Options")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("server") / "index"
    indexer.rebuild(root, [SEEDS])
    return root


@pytest.mark.parametrize("path", [
    "/", "/search?q=cooperation", "/search?q=%22", "/doc/nope", "/no-such-page",
    "/api/search?q=cooperation", "/api/search?per_page=0", "/api/health",
    "/api/documents/nope", "/api/nothing-here", "/api/stats",
])
def test_security_headers_on_every_response(index: Path, path: str) -> None:
    response = create_app(index).test_client().get(path)
    assert response.status_code < 500
    for name in HEADERS:
        assert response.headers.get(name), f"{name} missing on {path}"
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("doc_id", [
    "../qidir.json", "..%2F..%2Fetc%2Fpasswd", "..%2fCURRENT", "%2e%2e%2fwrite.lock",
    "....//....//etc/passwd", "CURRENT", "qidir.json", "..", "%00", "a%5C..%5C..%5Cwin.ini",
])
def test_ids_never_reach_the_filesystem(index: Path, doc_id: str) -> None:
    client = create_app(index).test_client()
    for prefix in ("/api/documents/", "/doc/"):
        response = client.get(prefix + doc_id)
        body = response.get_data(as_text=True)
        assert response.status_code == 404, (prefix + doc_id, response.status_code)
        assert "gen-" not in body and "schema_version" not in body and "root:" not in body
        if prefix.startswith("/api"):
            assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", [
    "/static/..%2f..%2fsearch%2fstore.py", "/static/../app.py", "/static/%2e%2e/app.py",
    "/static/..%5c..%5cpyproject.toml",
])
def test_static_files_stay_in_their_folder(index: Path, path: str) -> None:
    response = create_app(index).test_client().get(path)
    assert response.status_code == 404
    assert "import" not in response.get_data(as_text=True)


def test_health_reports_generation_and_no_index(index: Path, tmp_path: Path) -> None:
    data = create_app(index).test_client().get("/api/health").get_json()
    assert data["status"] == "ok" and data["documents"] == 5
    assert data["generation"] == store.live_generation(index).name
    empty = create_app(tmp_path / "none").test_client().get("/api/health")
    assert empty.status_code == 503
    body = empty.get_json()
    assert body["status"] == "no_index" and body["error"]["code"] == "no_index"


def test_search_time_limit_gives_503_with_retry_after(index: Path) -> None:
    client = create_app(index, search_timeout_s=1e-9).test_client()
    response = client.get("/api/search?q=cooperation")
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) >= 1
    assert response.get_json()["error"]["code"] == "timeout"
    page = client.get("/search?q=cooperation")
    assert page.status_code == 503 and "Retry-After" in page.headers
    assert "Traceback" not in page.get_data(as_text=True)
    # Without a limit (0) the same search answers.
    assert create_app(index, search_timeout_s=0).test_client().get(
        "/api/search?q=cooperation").status_code == 200


def test_deadline_stops_matching_midway(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard looks at the clock inside Whoosh's matcher loop, not only between steps."""
    monkeypatch.setattr(deadline, "CHECK_EVERY", 1)
    service = SearchService(index, timeout=1e9)
    # The clock jumps after four looks: the deadline's start, the check after parsing, the
    # matcher's start, then inside the matcher's loop.
    ticks = iter([0.0, 0.0, 0.0, 0.0] + [1e12] * 10_000)
    real = time.monotonic
    monkeypatch.setattr(deadline.time, "monotonic", lambda: next(ticks, real()))
    req = SearchRequest(q="cooperation")
    with pytest.raises(SearchTimeout, match="matching"):
        service.search(req)


def test_serve_defaults_to_loopback_and_passes_threads(monkeypatch: pytest.MonkeyPatch,
                                                        index: Path) -> None:
    seen: dict = {}
    import waitress

    monkeypatch.setattr(waitress, "serve", lambda app, **kw: seen.update(kw))
    result = CliRunner().invoke(cli, ["--index", str(index), "serve", "--threads", "3"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["threads"] == 3
    result = CliRunner().invoke(cli, ["--index", str(index), "serve", "--threads", "0"])
    assert result.exit_code == 2


def test_running_server_logs_requests_and_picks_up_changes(tmp_path: Path) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    extra = tmp_path / "extra"
    write_articles(extra, 3, seed=11, marker="quokkaline")
    server = Server(root, threads=2)
    with server:
        status, first, headers = get_json(server.url + "/api/health")
        assert status == 200 and first["documents"] == 5
        assert "Content-Security-Policy" in headers
        indexer.add(root, [extra])  # a new generation while the server runs
        status, found, _ = get_json(server.url + "/api/search?q=quokkaline")
        assert status == 200 and found["total"] == 3
        _, second, _ = get_json(server.url + "/api/health")
        assert second["documents"] == 8 and second["generation"] != first["generation"]
        status, bad, _ = get_json(server.url + "/api/search?per_page=1000")
        assert status == 400 and bad["error"]["param"] == "per_page"
    log = server.stop()
    requests = [json.loads(line) for line in log.splitlines()
                if line.startswith("{") and '"http.request"' in line]
    assert len(requests) == 4
    assert {(r["method"], r["path"], r["status"]) for r in requests} == {
        ("GET", "/api/health", 200), ("GET", "/api/search", 200), ("GET", "/api/search", 400)}
    assert all(isinstance(r["ms"], float | int) and r["ms"] >= 0 for r in requests)
    assert "quokkaline" not in log  # query strings (what people search for) are not logged
    assert '"event": "server.stop"' in log


def test_in_flight_search_finishes_on_its_version(tmp_path: Path) -> None:
    """A searcher opened before a swap keeps answering, and threads that had not searched
    that version yet can still open it: the retired generation stays for a grace period."""
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    service = SearchService(root)
    before = service.search(SearchRequest(q="cooperation")).total
    version = service._current()
    old_gen = version.gen
    extra = tmp_path / "extra"
    write_articles(extra, 4, seed=12)
    indexer.rebuild(root, [SEEDS, extra])
    indexer.add(root, [extra])  # a second writer run: the grace period still protects it
    assert old_gen.is_dir() and store.retired_at(old_gen) is not None
    errors: list[BaseException] = []

    def other_thread() -> None:
        try:
            assert version.searcher().doc_count() == 5
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert not errors
    assert version.searcher().doc_count() == 5
    assert service.search(SearchRequest(q="")).total == 9  # the service moved on
    assert before >= 1


def test_retired_generations_go_after_the_grace_period(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    indexer.rebuild(root, [SEEDS])
    assert len(store.generations(root)) == 2  # the previous one is kept (retired)
    monkeypatch.setenv("QIDIR_GENERATION_GRACE", "0")
    indexer.rebuild(root, [SEEDS])
    assert store.generations(root) == [store.live_generation(root).name]


def test_several_worker_processes_share_the_port(index: Path) -> None:
    server = Server(index, threads=2, extra=["--workers", "2"])
    with server:
        for _ in range(40):
            status, data, _ = get_json(server.url + "/api/search?q=cooperation")
            assert status == 200 and data["total"] >= 1
        time.sleep(0.5)
    log = server.stop()
    assert server.proc.returncode == 0
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    [workers] = [e for e in lines if e["event"] == "server.workers"]
    assert len(workers["pids"]) == 2
    served_by = {e["pid"] for e in lines if e["event"] == "http.request"}
    assert served_by <= set(workers["pids"]) and served_by
    assert not any(e["event"] == "server.worker_exit" for e in lines)


def test_quick_successive_writes_keep_only_a_few_generations(tmp_path: Path) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    for n in range(6):
        extra = tmp_path / f"extra{n}"
        write_articles(extra, 1, seed=30 + n)
        indexer.add(root, [extra])
    names = store.generations(root)
    assert len(names) == 1 + store.MAX_RETIRED_KEPT
    assert store.live_generation(root).name in names
    assert SearchService(root).search(SearchRequest(q="")).total == 11


def test_service_reads_current_again_when_a_generation_vanished(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between reading CURRENT and opening the generation it names, writers may have
    published again and removed it; the service then follows CURRENT instead of failing."""
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    real = store.require_generation
    vanished = iter([root / "gen-20000101T000000-gone00"])
    monkeypatch.setattr(store, "require_generation", lambda r: next(vanished, None) or real(r))
    assert SearchService(root).search(SearchRequest(q="")).total == 5


def test_deleted_generations_do_not_stay_mapped(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Old versions are freed once no request uses them, so the disk space of removed
    generations is given back while the server runs (Whoosh searchers refer to themselves,
    and a long-lived version would otherwise wait for a rare full garbage collection)."""
    monkeypatch.setenv("QIDIR_GENERATION_GRACE", "0")
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    client = create_app(root).test_client()

    def mapped_deleted() -> list[str]:
        maps = Path("/proc/self/maps").read_text()
        return [line for line in maps.splitlines() if str(root) in line and "(deleted)" in line]

    import gc

    gc.disable()  # a big server heap: automatic full collections are rare
    try:
        for n in range(3):
            for _ in range(20):
                assert client.get("/api/search?q=cooperation").status_code == 200
            extra = tmp_path / f"extra{n}"
            write_articles(extra, 1, seed=40 + n)
            indexer.add(root, [extra])  # publishes a new generation, deletes the old one
        for _ in range(5):
            client.get("/api/search?q=cooperation")
        assert not mapped_deleted()
    finally:
        gc.enable()


@pytest.mark.parametrize("q", ["cooperation", "Tash*", '"military cooperation"',
                               "Azerbaijan OR Kazakhstan", "cooperation -Turkey",
                               "cooperatoin~1", "title:Baku", ""])
@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_deadline_guard_does_not_change_answers(index: Path, q: str, sort: str) -> None:
    service = SearchService(index)
    plain = service.search(SearchRequest(q=q, sort=sort)).to_json()
    guarded = SearchService(index, timeout=60).search(SearchRequest(q=q, sort=sort)).to_json()
    for data in (plain, guarded):
        data.pop("took_ms")
    assert guarded == plain


def _make_stale(root: Path) -> None:
    """Make the live generation look built by an older qidir (an earlier schema)."""
    live = store.live_generation(root)
    assert live is not None
    meta = store.read_meta(live)
    meta["schema_version"] = meta["schema_version"] - 1
    store.write_meta(live, meta)


def test_an_index_from_an_older_qidir_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    assert SearchService(root).health()["schema_current"] is True
    _make_stale(root)
    assert SearchService(root).health()["schema_current"] is False
    assert SearchService(root).stats()["schema_current"] is False
    out = CliRunner().invoke(cli, ["--index", str(root), "index", "stats"]).output
    assert "built by an older qidir" in out and "qidir index rebuild" in out
    with Server(root) as server:
        status, health, _ = get_json(server.url + "/api/health")
        assert status == 200 and health["schema_current"] is False
    assert "built by an older qidir" in server.stop()


def test_demo_rebuilds_a_sample_index_from_an_older_qidir(tmp_path: Path) -> None:
    root = tmp_path / "index"
    indexer.rebuild(root, [SEEDS])
    _make_stale(root)
    with Server(root, command="demo") as server:
        status, health, _ = get_json(server.url + "/api/health")
        assert status == 200 and health["schema_current"] is True
        assert health["documents"] > 5  # the sample corpus, not the seeds it held
    assert "rebuilding the sample index" in server.stop()


def test_an_index_pickled_under_the_old_analyzer_module_still_opens() -> None:
    """Whoosh pickles the analyzer's class path into every index; indexes built before the
    engine package pickled it as qidir.search.whoosh_analyzer."""
    import pickle

    from qidir.search.engine.analyzer import PipelineAnalyzer

    old = pickle.dumps(PipelineAnalyzer("names"), protocol=0).replace(
        b"qidir.search.engine.analyzer", b"qidir.search.whoosh_analyzer")
    assert b"qidir.search.whoosh_analyzer" in old
    loaded = pickle.loads(old)
    assert isinstance(loaded, PipelineAnalyzer) and loaded.kind == "names"
