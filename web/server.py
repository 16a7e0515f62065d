"""Running the WSGI app under waitress, in one process or several (``--workers``).

Python answers one search at a time per process (the GIL), so threads alone cannot use a
second core. ``--workers N`` starts N processes, each with its own waitress threads and its
own search service, all listening on the same address: each worker binds its own socket with
SO_REUSEPORT and the kernel spreads new connections over them. The parent only watches: it
restarts a worker that dies and stops them all on SIGTERM or Ctrl+C.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from qidir.search import logs

#: waitress settings every worker uses: bounded waits and sizes (a GET API needs no body).
WAITRESS_OPTIONS: dict[str, Any] = {
    "ident": "qidir", "channel_timeout": 60, "cleanup_interval": 30, "connection_limit": 1000,
    "max_request_header_size": 65536, "max_request_body_size": 1048576, "backlog": 1024,
}


def _listen(host: str, port: int, reuse_port: bool, listen: bool = True) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    if listen:
        sock.listen(WAITRESS_OPTIONS["backlog"])
    return sock


def serve(app_factory: Callable[[], Any], host: str, port: int, threads: int,
          workers: int = 1) -> None:
    """Serve until SIGTERM/Ctrl+C. ``app_factory`` is called in each worker process."""
    from waitress import serve as waitress_serve

    if workers <= 1:
        waitress_serve(app_factory(), host=host, port=port, threads=threads,
                       **WAITRESS_OPTIONS)
        return
    reuse_port = hasattr(socket, "SO_REUSEPORT")
    # Bind once in the parent: a port in use fails here, with one clear error. With
    # SO_REUSEPORT each worker listens on a socket of its own, and the parent's is only
    # bound, never listening: a listening one would be handed a share of the connections,
    # which its closing would reset.
    shared = _listen(host, port, reuse_port, listen=not reuse_port)
    children: dict[int, float] = {}
    stopping = False

    def spawn() -> None:
        pid = os.fork()
        if pid:
            children[pid] = time.monotonic()
            return
        code = 0
        try:  # the worker
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            signal.signal(signal.SIGINT, signal.default_int_handler)
            sock = _listen(host, port, True) if reuse_port else shared
            if reuse_port:
                shared.close()
            waitress_serve(app_factory(), sockets=[sock], threads=threads,
                           **{k: v for k, v in WAITRESS_OPTIONS.items() if k != "backlog"})
        except (KeyboardInterrupt, SystemExit):
            pass
        except BaseException:  # noqa: BLE001 - logged, then the parent restarts us
            logs.LOGGER.exception("worker failed")
            code = 1
        finally:
            os._exit(code)

    def stop(*_: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        spawn()
    if reuse_port:
        shared.close()
    logs.event("server.workers", workers=workers, pids=sorted(children))
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        started = children.pop(pid, None)
        if stopping or started is None:
            continue
        logs.event("server.worker_exit", pid=pid, status=status)
        if time.monotonic() - started < 1.0:
            time.sleep(1.0)  # a worker that dies at once must not spin the parent
        spawn()
