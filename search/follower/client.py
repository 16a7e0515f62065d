"""A polite HTTP client for following feeds: what a site owner would want from a crawler.

- It says who it is (:data:`USER_AGENT`) and honours robots.txt (fetched once per site per
  poll; a robots.txt that cannot be read for a server error or a timeout means "stay out"
  for this poll, RFC 9309; a missing one means "welcome").
- One request at a time (a poll is sequential), and at least ``delay`` seconds between two
  requests to the same host.
- Bounded everywhere: a total time limit per response (not only per socket read, so a
  server trickling bytes cannot hold a poll), a size cap, at most ``max_redirects`` hops,
  and only ``http``/``https`` URLs, redirect targets included.
- Conditional GET (ETag, Last-Modified): a feed that has not changed costs a 304.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

USER_AGENT = ("qidir-feed-follower/0.1 (a news search engine following the feeds its user "
              "added; honours robots.txt)")
DEFAULT_DELAY = 1.0
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL could not be fetched; the message says why in words a user can act on."""


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: Message
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by :class:`PoliteClient` itself, one checked hop at a time."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class PoliteClient:
    delay: float = DEFAULT_DELAY
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    user_agent: str = USER_AGENT
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirect)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None
            ) -> Response:
        """The response to GET ``url`` (200 or 304); FetchError for anything else."""
        for _ in range(self.max_redirects + 1):
            self._check_allowed(url)
            headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            response = self._request(url, headers)
            if response.status in (301, 302, 303, 307, 308):
                target = response.headers.get("Location")
                if not target:
                    raise FetchError(f"HTTP {response.status} redirect without a Location")
                url = urljoin(url, target)
                continue
            return response
        raise FetchError(f"more than {self.max_redirects} redirects")

    # -- one hop ---------------------------------------------------------------------------

    def _check_allowed(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"only http and https URLs are fetched, not {url[:80]!r}")
        robots = self._robots_for(parts.scheme, parts.netloc)
        if robots is None:
            raise FetchError(f"robots.txt of {parts.netloc} could not be read; staying out "
                             "until the next poll")
        if not robots.can_fetch(self.user_agent, url):
            raise FetchError(f"robots.txt of {parts.netloc} disallows {parts.path or '/'}")

    def _robots_for(self, scheme: str, netloc: str) -> RobotFileParser | None:
        key = f"{scheme}://{netloc}"
        if key not in self._robots:
            parser = RobotFileParser()
            try:
                response = self._request(f"{key}/robots.txt", {"User-Agent": self.user_agent})
            except FetchError as exc:
                # 4xx: there are no rules (allow all); 5xx or unreachable: assume disallow.
                status = getattr(exc, "status", None)
                if status is not None and 400 <= status < 500:
                    parser.parse([])
                    self._robots[key] = parser
                else:
                    self._robots[key] = None
                return self._robots[key]
            if response.status >= 300:  # a redirected robots.txt: no rules we can read
                parser.parse([])
            else:
                parser.parse(response.body.decode("utf-8", "replace").splitlines())
            self._robots[key] = parser
        return self._robots[key]

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last[host] = time.monotonic()

    def _request(self, url: str, headers: dict[str, str]) -> Response:
        self._wait_turn(urlsplit(url).netloc)
        deadline = time.monotonic() + self.timeout
        request = urllib.request.Request(url, headers=headers, method="GET")
        try:
            raw = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 304, 307, 308):
                return Response(url, exc.code, exc.headers)
            error = FetchError(f"HTTP {exc.code} {exc.reason}")
            error.status = exc.code  # type: ignore[attr-defined]
            raise error from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, socket.timeout | TimeoutError):
                raise FetchError(f"no answer within {self.timeout:g} s") from None
            raise FetchError(f"cannot connect: {reason}") from None
        except TimeoutError:
            raise FetchError(f"no answer within {self.timeout:g} s") from None
        except (OSError, ValueError) as exc:
            raise FetchError(f"cannot fetch: {exc}") from None
        with raw:
            chunks: list[bytes] = []
            size = 0
            try:
                while True:
                    if time.monotonic() > deadline:
                        raise FetchError(f"the response took longer than {self.timeout:g} s")
                    chunk = raw.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"the response is larger than "
                                         f"{self.max_bytes / 1048576:.3g} MB")
                    chunks.append(chunk)
            except TimeoutError:
                raise FetchError(f"no answer within {self.timeout:g} s") from None
            except OSError as exc:
                raise FetchError(f"connection broken: {exc}") from None
            return Response(raw.geturl(), raw.status, raw.headers, b"".join(chunks))
