"""The feed follower against a real HTTP server on 127.0.0.1, started here: conditional GET,
new items, pages that are gone, redirects, robots.txt, slow and oversized responses,
malformed feeds, non-HTML links, and a poll killed with SIGKILL midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from qidir.search.follower import state as feed_state
from qidir.search.follower.client import FetchError, PoliteClient
from qidir.search.follower.poll import poll
from qidir.search.request import SearchRequest
from qidir.search.service import SearchService

Handler = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


class Site:
    """A tiny web site: path → handler, and a log of (path, headers, time) requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.log: list[tuple[str, dict[str, str], float]] = []
        site = self

        class Request(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.log.append((self.path, dict(self.headers), time.monotonic()))
                handler = site.routes.get(self.path)
                status, headers, body = (handler(self) if handler
                                         else (404, {"Content-Type": "text/plain"}, b"gone"))
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Request)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def paths(self) -> list[str]:
        return [p for p, _, _ in self.log]

    def page(self, path: str, body: str, ctype: str = "text/html; charset=utf-8") -> None:
        self.routes[path] = lambda _r: (200, {"Content-Type": ctype}, body.encode())


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.server.shutdown()
    s.server.server_close()


def rss(site: Site, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, link path, title) items."""
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>{site.url}{path}</link>"
        f"<pubDate>Mon, 05 Jan 2026 08:00:00 GMT</pubDate>"
        f"<description>Feed summary of {title} in Kazakhstan.</description></item>"
        for guid, path, title in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Desk</title><link>{site.url}/</link>{body}</channel></rss>").encode()


def article(title: str, text: str) -> str:
    return (f"<html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="2026-01-04T10:00:00Z"></head>'
            f"<body><nav>Home World Sport</nav><article><h1>{title}</h1><p>{text}</p>"
            f"<p>Second paragraph of {title.lower()} with more words for the extractor to "
            f"keep.</p></article></body></html>")


def serve_feed(site: Site, path: str, items: list[tuple[str, str, str]],
               etag: str = '"v1"') -> None:
    body = rss(site, items)

    def handler(req: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if req.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body

    site.routes[path] = handler


ITEMS = [("a1", "/news/rail", "Rail terminal opens at Khorgos"),
         ("a2", "/news/old", "Moved story about grain exports"),
         ("a3", "/news/gone", "Story whose page was deleted"),
         ("a4", "/private/memo", "Story behind a robots rule"),
         ("a5", "/files/report.pdf", "Story that links a PDF")]


def build_site(site: Site) -> None:
    site.routes["/robots.txt"] = lambda _r: (200, {"Content-Type": "text/plain"},
                                             b"User-agent: *\nDisallow: /private/\n")
    serve_feed(site, "/feed.xml", ITEMS)
    site.page("/news/rail", article("Rail terminal opens at Khorgos",
                                    "The dry port on the Kazakhstan border with China "
                                    "received its first container train on Monday."))
    site.routes["/news/old"] = lambda _r: (301, {"Location": "/news/new"}, b"")
    site.page("/news/new", article("Moved story about grain exports",
                                   "Grain exports from Kazakhstan through Aktau rose by a "
                                   "third this winter."))
    site.page("/files/report.pdf", "%PDF-1.4", ctype="application/pdf")


def follow(root: Path, *urls: str) -> None:
    with feed_state.locked(root) as state:
        for url in urls:
            state.feeds[url] = feed_state.Feed(url)
        feed_state.save(root, state)


def client() -> PoliteClient:
    return PoliteClient(delay=0, timeout=2, max_bytes=200_000)


def all_docs(root: Path) -> list[dict]:
    service = SearchService(root)
    _, rows = service.iter_hits(SearchRequest(per_page=100), 10_000)
    return [service.document(r["id"]) for r in rows]


def test_first_poll_then_nothing_then_a_new_item(site: Site, tmp_path: Path) -> None:
    build_site(site)
    root = tmp_path / "index"
    follow(root, site.url + "/feed.xml")
    report = poll(root, client())
    assert report.ok and report.new_documents == 5
    docs = {d["url"].rsplit("/", 1)[-1]: d for d in all_docs(root)}
    assert set(docs) == {"rail", "old", "gone", "memo", "report.pdf"}
    # Pages fetched and extracted; the menu is not part of the text.
    assert docs["rail"]["origin"]["content"] == "page" and "Home World" not in docs["rail"]["text"]
    assert "container train" in docs["rail"]["text"]
    assert docs["old"]["origin"]["content"] == "page"  # through the redirect
    assert "Aktau" in docs["old"]["text"]
    # The feed's own content stands in for a page that is gone, forbidden, or not HTML.
    for key in ("gone", "memo", "report.pdf"):
        assert docs[key]["origin"]["content"] == "summary", key
        assert docs[key]["text"].startswith("Feed summary of"), key
    assert "/private/memo" not in site.paths()  # robots.txt honoured
    assert sum("robots.txt" in p for p in site.paths()) == 1
    assert any("gone" in note for note in report.notes)
    assert all(h.get("User-Agent", "").startswith("qidir-feed-follower") for _, h, _ in site.log)

    before = len(site.log)
    again = poll(root, client())
    assert again.ok and again.new_documents == 0
    assert site.paths()[before:] == ["/robots.txt", "/feed.xml"]  # a 304, no page fetched
    assert feed_state.load(root).feeds[site.url + "/feed.xml"].last_status == "unchanged"

    serve_feed(site, "/feed.xml", [*ITEMS, ("a6", "/news/fresh", "Fresh story on cotton")],
               etag='"v2"')
    site.page("/news/fresh", article("Fresh story on cotton",
                                     "Cotton picking began early in the Fergana valley."))
    third = poll(root, client())
    assert third.new_documents == 1
    urls = [d["url"] for d in all_docs(root)]
    assert len(urls) == len(set(urls)) == 6

    stats = SearchService(root).stats()
    [feed] = stats["feeds"]
    assert feed["documents"] == 6 and feed["last_status"] == "ok"


@pytest.mark.parametrize(("path", "handler", "reason"), [
    ("/slow.xml", lambda r: (time.sleep(3), (200, {}, b"<rss/>"))[1], "no answer within"),
    ("/big.xml", lambda r: (200, {"Content-Type": "application/rss+xml"},
                            b"<rss>" + b"x" * 300_000 + b"</rss>"), "larger than"),
    ("/bad.xml", lambda r: (200, {"Content-Type": "application/rss+xml"},
                            b'<?xml version="1.0"?><rss version="2.0"><channel><item>'
                            b"<title>cut</title><description>half an item"), "malformed"),
    ("/page.html", lambda r: (200, {"Content-Type": "text/html"},
                              b"<html><body>just a page</body></html>"), "not an RSS"),
    ("/missing.xml", None, "HTTP 404"),
])
def test_a_failing_feed_is_reported_and_the_others_still_polled(
        site: Site, tmp_path: Path, path: str, handler: Handler | None, reason: str) -> None:
    build_site(site)
    if handler is not None:
        site.routes[path] = handler
    root = tmp_path / "index"
    follow(root, site.url + path, site.url + "/feed.xml")
    report = poll(root, client())
    assert [url for url, _ in report.errors] == [site.url + path]
    assert reason in report.errors[0][1]
    assert report.new_documents >= 5  # the good feed still came in
    assert feed_state.load(root).feeds[site.url + path].last_status == "error"


def test_only_http_urls_and_bounded_redirects(site: Site) -> None:
    site.routes["/robots.txt"] = lambda _r: (404, {}, b"")
    site.routes["/loop"] = lambda _r: (302, {"Location": "/loop"}, b"")
    site.routes["/to-file"] = lambda _r: (302, {"Location": "file:///etc/passwd"}, b"")
    with pytest.raises(FetchError, match="redirects"):
        client().get(site.url + "/loop")
    with pytest.raises(FetchError, match="only http and https"):
        client().get(site.url + "/to-file")
    with pytest.raises(FetchError, match="only http and https"):
        client().get("ftp://127.0.0.1/feed.xml")


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site) -> None:
    site.routes["/robots.txt"] = lambda _r: (404, {}, b"")
    site.page("/a", "<html>a</html>")
    polite = PoliteClient(delay=0.3, timeout=2)
    for _ in range(3):
        polite.get(site.url + "/a")
    times = [t for p, _, t in site.log]
    # Measured where it matters, at the server (a little scheduling jitter allowed).
    assert len(times) == 4 and all(b - a >= 0.2 for a, b in zip(times, times[1:], strict=False))


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "qidir.search.cli", "--index", str(root),
                           *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def test_cli_follows_feeds_and_exits_1_when_one_fails(site: Site, tmp_path: Path) -> None:
    build_site(site)
    root = tmp_path / "index"
    assert _cli(root, "feeds", "add", site.url + "/feed.xml", "--name", "Desk").returncode == 0
    assert _cli(root, "feeds", "add", site.url + "/nothing.xml").returncode == 0
    assert _cli(root, "feeds", "add", "ftp://example.org/x").returncode == 2
    out = _cli(root, "feeds", "poll", "--delay", "0", "--timeout", "2")
    assert out.returncode == 1
    assert f"feed {site.url}/nothing.xml: HTTP 404" in out.stderr
    assert "5 new document(s)" in out.stderr
    listed = json.loads(_cli(root, "feeds", "list", "--json").stdout)
    assert {f["url"]: f["documents"] for f in listed} == {site.url + "/feed.xml": 5,
                                                          site.url + "/nothing.xml": 0}
    # An explicit rebuild from other sources keeps the feeds' documents.
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Cotton prices\n\nCotton prices rose in Uzbekistan this "
                                 "week, traders in Tashkent said.\n", encoding="utf-8")
    assert _cli(root, "index", "rebuild", str(other)).returncode == 0
    assert len(all_docs(root)) == 6
    assert _cli(root, "feeds", "remove", site.url + "/nothing.xml").returncode == 0
    assert _cli(root, "feeds", "remove", site.url + "/nothing.xml").returncode == 1


def test_a_poll_killed_midway_loses_and_duplicates_nothing(site: Site, tmp_path: Path) -> None:
    build_site(site)
    slow = threading.Event()
    slow.set()

    def slow_page(_r: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if slow.is_set():
            time.sleep(30)
        return 200, {"Content-Type": "text/html"}, article(
            "Rail terminal opens at Khorgos", "A container train arrived from China.").encode()

    site.routes["/news/rail"] = slow_page
    root = tmp_path / "index"
    follow(root, site.url + "/feed.xml")
    proc = subprocess.Popen([sys.executable, "-m", "qidir.search.cli", "--index", str(root),
                             "feeds", "poll", "--delay", "0", "--timeout", "60"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while "/news/rail" not in site.paths() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "/news/rail" in site.paths()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    slow.clear()
    report = poll(root, client())
    assert report.ok and report.new_documents == 5
    urls = [d["url"] for d in all_docs(root)]
    assert len(urls) == len(set(urls)) == 5
    assert poll(root, client()).new_documents == 0


def test_a_poll_killed_after_its_spool_is_finished_by_the_next(site: Site,
                                                                tmp_path: Path) -> None:
    """The spool written, the index not yet told (as if killed between the two steps)."""
    build_site(site)
    root = tmp_path / "index"
    follow(root, site.url + "/feed.xml")
    import qidir.search.follower.poll as poll_module

    real = poll_module._finish_pending
    calls = {"n": 0}

    def dies_after_spooling(*args: object) -> int:
        calls["n"] += 1
        if calls["n"] == 2:  # the first call only finishes earlier spools
            raise KeyboardInterrupt
        return real(*args)  # type: ignore[arg-type]

    poll_module._finish_pending = dies_after_spooling  # type: ignore[assignment]
    try:
        with pytest.raises(KeyboardInterrupt):
            poll(root, client())
    finally:
        poll_module._finish_pending = real  # type: ignore[assignment]
    assert len(feed_state.load(root).pending) == 1
    fetched = len(site.log)
    report = poll(root, client())
    assert report.ok
    assert len(all_docs(root)) == 5 and not feed_state.load(root).pending
    assert "/news/rail" not in site.paths()[fetched:]  # nothing fetched twice
