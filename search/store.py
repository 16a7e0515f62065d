"""Where an index lives on disk, and how a new one replaces the old without a gap.

Layout of an index directory::

    CURRENT              name of the live generation (replaced atomically with os.replace)
    gen-<stamp>-<rand>/  a complete Whoosh index plus qidir.json (sources, build time, skips)
    write.lock           held by the one writer allowed at a time

A rebuild writes a new generation beside the live one and only then points CURRENT at it,
so a crash at any moment leaves either the old or the new generation serving. Generations
that CURRENT does not name are stale (an old one, or a half-built one) and are removed by
the next writer.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

POINTER = "CURRENT"
LOCK = "write.lock"
META = "qidir.json"
GEN_PREFIX = "gen-"


class IndexMissing(RuntimeError):
    """No index at the location yet: the API answers 503, the CLI says how to build one."""


class LockTimeout(RuntimeError):
    """Another writer holds the index for longer than we were willing to wait."""


def default_root() -> Path:
    return Path(os.environ.get("QIDIR_INDEX") or "index")


def live_generation(root: Path) -> Path | None:
    """The directory of the generation being served, or None when there is no index."""
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not name.startswith(GEN_PREFIX) or "/" in name or not (root / name).is_dir():
        return None
    return root / name


def require_generation(root: Path) -> Path:
    gen = live_generation(root)
    if gen is None:
        raise IndexMissing(f"no index at {root}: build one with `qidir --index {root} "
                           "index rebuild SOURCE...`")
    return gen


def new_generation(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    gen = root / f"{GEN_PREFIX}{stamp}-{secrets.token_hex(3)}"
    gen.mkdir()
    return gen


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(path: Path) -> None:
    """Flush every file of a generation before it is published, so a power cut after the
    pointer swap cannot leave CURRENT naming a generation with missing bytes."""
    for child in path.iterdir():
        if child.is_file():
            fd = os.open(child, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(path)


def write_atomic(path: Path, data: str) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def publish(root: Path, gen: Path) -> None:
    """Make ``gen`` the live generation in one atomic step, then drop the stale ones."""
    fsync_tree(gen)
    write_atomic(root / POINTER, gen.name + "\n")
    remove_stale(root)


def remove_stale(root: Path) -> list[str]:
    """Delete generations CURRENT does not name (old, or left half-built by a crash).

    Only a writer holding the lock calls this, so no other writer is filling one of them;
    readers that still have an old generation open keep their open files (POSIX semantics).
    """
    live = live_generation(root)
    removed = []
    for child in root.iterdir():
        if child.name.startswith(GEN_PREFIX) and child.is_dir() and child != live:
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child.name)
    for child in root.glob(f".{POINTER}.*.tmp"):
        child.unlink(missing_ok=True)
    return removed


@contextlib.contextmanager
def writer_lock(root: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold the single-writer lock; wait up to ``timeout`` seconds for another writer."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"another qidir process is writing to {root} and did not finish within "
                        f"{timeout:g} s; try again later or raise --lock-timeout") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)


def read_meta(gen: Path) -> dict[str, Any]:
    try:
        return json.loads((gen / META).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def write_meta(gen: Path, meta: dict[str, Any]) -> None:
    write_atomic(gen / META, json.dumps(meta, ensure_ascii=False, indent=1))
