"""Helpers shared by the reliability tests: generated articles, id sets, a live server."""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from testsupport import QIDIR, REPO, SAMPLE, SEEDS, run_qidir  # noqa: F401  (re-exported)
from whoosh import index as windex

from qidir.search.engine import store

PLACES = ["Tashkent", "Almaty", "Baku", "Ankara", "Samarkand", "Aktau", "Bukhara", "Shymkent",
          "Ganja", "Izmir", "Termez", "Navoi", "Karaganda", "Sumqayit", "Bursa", "Nukus"]
TOPICS = ["rail freight", "water sharing", "solar power", "grain exports", "road repairs",
          "school building", "metro extension", "cotton harvest", "border crossing",
          "airport terminal", "textile factory", "wind farm", "bus routes", "river port"]


def write_articles(folder: Path, count: int, seed: int, marker: str = "") -> list[Path]:
    """``count`` short made-up news articles (English), deterministic for a seed.

    ``marker`` is a word put in every article so a test can count them with a search.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        place, other = rng.sample(PLACES, 2)
        topic = rng.choice(TOPICS)
        day = rng.randint(1, 28)
        body = " ".join(
            f"Officials in {place} said the {topic} plan would involve partners from "
            f"{other} and that work item {i}-{n} was on schedule."
            for n in range(rng.randint(3, 8)))
        text = (f"{place} announces {topic} plan {i}\n\n{place}, {day} May 2023. {body} "
                f"{marker}\n")
        path = folder / f"article-{seed}-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def live_ids(root: Path) -> set[str]:
    """The ids of every document in the live generation, read straight from Whoosh."""
    gen = store.require_generation(root)
    ix = windex.open_dir(str(gen))
    with ix.searcher() as searcher:
        return {fields["id"] for fields in searcher.all_stored_fields()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str, timeout: float = 10.0) -> tuple[int, dict, dict[str, str]]:
    """(status, JSON body, headers) of a GET, for 4xx/5xx too."""
    request = urllib.request.Request(url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers)


class Server:
    """``qidir serve`` in a subprocess on a free loopback port; stderr kept for the logs."""

    def __init__(self, root: Path, threads: int = 4, env: dict[str, str] | None = None,
                 extra: list[str] | None = None, command: str = "serve") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "qidir.search.cli", "--index", str(root), command,
               "--port", str(self.port), "--threads", str(threads)] + (extra or [])
        self.log: str | None = None
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, text=True, env=env)

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.proc.stderr.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> str:
        """Stop the server (once) and return everything it wrote on stderr."""
        if self.log is None:
            if self.proc.poll() is None:
                self.proc.terminate()
            try:
                _, self.log = self.proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                _, self.log = self.proc.communicate()
        return self.log or ""
