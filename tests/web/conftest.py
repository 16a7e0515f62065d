"""Fixtures for the page and browser tests: an index of the seeds, the sample corpus and a
few documents written here (one of them hostile), a Flask client, and a real `qidir serve`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_support import CHROMIUM, CHROMIUM_ARGS, EXTRA_DOCS, HOSTILE_TITLE


@pytest.fixture(scope="session")
def web_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path,
              sample_dir: Path) -> Path:
    from qidir.search.engine import indexer

    extra = tmp_path_factory.mktemp("web-docs")
    with open(extra / "web-tests.jsonl", "w", encoding="utf-8") as fh:
        for doc in EXTRA_DOCS:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    sources = [seeds_dir, extra] + ([sample_dir] if sample_dir.is_dir() else [])
    root = tmp_path_factory.mktemp("web-index") / "index"
    indexer.rebuild(root, sources)
    return root


@pytest.fixture(scope="session")
def hostile_title() -> str:
    return HOSTILE_TITLE


@pytest.fixture(scope="session")
def app_client(web_index: Path):  # type: ignore[no-untyped-def]
    from qidir.web import create_app

    return create_app(web_index).test_client()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_index: Path) -> Iterator[str]:
    """`qidir serve` in a subprocess on a free port; yields its base URL."""
    port = _free_port()
    cmd = [sys.executable, "-m", "qidir.search.cli", "--index", str(web_index), "serve",
           "--host", "127.0.0.1", "--port", str(port), "--threads", "4"]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/api/health", timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out = proc.stdout.read() if proc.stdout else ""
            raise RuntimeError(f"qidir serve did not start ({cmd}):\n{out}")
        time.sleep(0.1)
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


# -- pytest-playwright: Debian's chromium, never a downloaded browser ----------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: `make browser` installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); CI is not set")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900},
            "locale": "en-GB"}
