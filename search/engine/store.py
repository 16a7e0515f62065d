"""Where an index lives on disk, and how a new one replaces the old without a gap.

Layout of an index directory::

    CURRENT              name of the live generation (replaced atomically with os.replace)
    gen-<stamp>-<rand>/  a complete Whoosh index plus qidir.json (sources, build time, skips)
    write.lock           held by the one writer allowed at a time

A rebuild writes a new generation beside the live one and only then points CURRENT at it,
so a crash at any moment leaves either the old or the new generation serving. Generations
that CURRENT does not name are stale (an old one, or a half-built one) and are removed by
the next writer.

Old generations are not deleted at the moment of the swap: a server that opened the old
generation keeps searching it until its next request notices CURRENT moved, and Whoosh
opens a searcher per thread lazily, so a thread that had not yet searched that version
would find the directory gone. A superseded generation is therefore marked retired
(``.retired``, its mtime is the swap time) and removed by the first writer that runs at
least :func:`grace_seconds` later (``QIDIR_GENERATION_GRACE``, default 300 s; at most
:data:`MAX_RETIRED_KEPT` of them, so many quick ``index add`` runs do not pile up). Generations
that were never published (a build killed half-way) are removed by the next writer at once:
the writer holds the lock, so nobody else can be filling them.
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
RETIRED = ".retired"
DEFAULT_GRACE_SECONDS = 300.0
#: Retired generations kept during their grace period, newest first; older ones go at once.
MAX_RETIRED_KEPT = 3


class IndexMissing(RuntimeError):
    """No index at the location yet: the API answers 503, the CLI says how to build one."""


class LockTimeout(RuntimeError):
    """Another writer holds the index for longer than we were willing to wait."""


def default_root() -> Path:
    return Path(os.environ.get("QIDIR_INDEX") or "index")


def grace_seconds() -> float:
    """How long a retired generation stays on disk for readers that still use it."""
    value = os.environ.get("QIDIR_GENERATION_GRACE")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
    return DEFAULT_GRACE_SECONDS


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
    """Make ``gen`` the live generation in one atomic step, then drop the stale ones.

    Order matters for a crash at any moment: every byte of ``gen`` is on disk before
    CURRENT names it, and the previous generation is only marked retired (not deleted)
    after CURRENT has moved, so CURRENT always names a complete generation.
    """
    previous = live_generation(root)
    fsync_tree(gen)
    write_atomic(root / POINTER, gen.name + "\n")
    if previous is not None and previous != gen:
        retire(previous)
    remove_stale(root)


def retire(gen: Path) -> None:
    """Mark a superseded generation with the time it stopped being live."""
    with contextlib.suppress(OSError):
        (gen / RETIRED).write_text(f"{time.time():.3f}\n", encoding="utf-8")


def retired_at(gen: Path) -> float | None:
    try:
        return (gen / RETIRED).stat().st_mtime
    except OSError:
        return None


def remove_stale(root: Path, grace: float | None = None) -> list[str]:
    """Delete generations CURRENT does not name: half-built ones (a crash during a build)
    at once, retired ones once their grace period is over.

    Only a writer holding the lock calls this, so no other writer is filling one of them.
    """
    grace = grace_seconds() if grace is None else grace
    live = live_generation(root)
    now = time.time()
    removed = []
    kept: list[tuple[float, Path]] = []
    for child in sorted(root.iterdir()):
        if not child.name.startswith(GEN_PREFIX) or not child.is_dir() or child == live:
            continue
        when = retired_at(child)
        if when is not None and now - when < grace:
            kept.append((when, child))
            continue
        shutil.rmtree(child, ignore_errors=True)
        removed.append(child.name)
    # A script adding files one by one must not pile up generations: only the newest few
    # retired ones wait out their grace period.
    kept.sort(reverse=True)
    for _, child in kept[MAX_RETIRED_KEPT:]:
        shutil.rmtree(child, ignore_errors=True)
        removed.append(child.name)
    for child in root.glob(f".{POINTER}.*.tmp"):
        child.unlink(missing_ok=True)
    return removed


def generations(root: Path) -> list[str]:
    """Names of all generation directories (live, retired or half-built), for diagnostics."""
    if not root.is_dir():
        return []
    return sorted(c.name for c in root.iterdir() if c.name.startswith(GEN_PREFIX) and c.is_dir())


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
                    holder = _lock_holder(fd)
                    raise LockTimeout(
                        f"another qidir process{holder} is writing to {root} and did not "
                        f"finish within {timeout:g} s; try again later or raise "
                        "--lock-timeout") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock (also when killed)


def _lock_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def read_meta(gen: Path) -> dict[str, Any]:
    try:
        return json.loads((gen / META).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def write_meta(gen: Path, meta: dict[str, Any]) -> None:
    write_atomic(gen / META, json.dumps(meta, ensure_ascii=False, indent=1))
