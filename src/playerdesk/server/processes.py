"""Several HTTP processes on one port, each with its own listening socket (SO_REUSEPORT).

With one shared socket, long-lived keep-alive connections stick to whichever process accepted
them first and one process can end up with most of the load; with a socket per process the
kernel spreads new connections across them.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import sys
import time
from typing import Any


def listening_socket(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def uvicorn_config(**overrides: Any) -> Any:
    import uvicorn

    options: dict[str, Any] = {
        "lifespan": "off",
        "log_level": "warning",
        "access_log": False,
        "proxy_headers": True,
        # Chat frames are a few hundred bytes: compressing them costs each connection a zlib
        # context (hundreds of KB with a thousand chats) and CPU for next to no saving.
        "ws_per_message_deflate": False,
    }
    options.update(overrides)
    return uvicorn.Config("playerdesk.asgi:application", **options)


# The collector's thresholds in a serving process. Python's defaults (700, 10, 10) run a full
# collection every few seconds under load, and with a thousand chat connections held a full
# collection walks millions of objects: pauses of a quarter of a second, every message waiting
# behind them. Larger thresholds make the young collections rarer and the full ones rarer
# still; what was loaded before serving (Django, the triage model) is frozen out of them.
GC_THRESHOLDS = (10_000, 10, 10)


def prepare_for_serving() -> None:
    """Load now what the first requests would otherwise load, then freeze it out of the
    collector's walks."""
    import gc

    from playerdesk.triage.classifier import get_model
    from playerdesk.triage.language import detect

    try:
        get_model()
        detect("bonjour, hello")
    except Exception as exc:  # the triage reports its own problems again when it is used
        logging.getLogger(__name__).warning("triage not loaded before serving: %s", exc)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def serve_in_this_process(sock: socket.socket) -> None:
    import uvicorn

    prepare_for_serving()
    uvicorn.Server(uvicorn_config()).run(sockets=[sock])


def _child(host: str, port: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playerdesk.settings")
    import django

    django.setup()
    serve_in_this_process(listening_socket(host, port, reuse_port=True))


def serve_processes(host: str, port: int, count: int) -> None:
    """Start ``count`` HTTP processes and wait; stop them all when one stops or on a signal."""
    # Bind once here first, so a port already in use is reported before anything starts.
    listening_socket(host, port, reuse_port=True).close()
    ctx = multiprocessing.get_context("spawn")
    children = [ctx.Process(target=_child, args=(host, port), daemon=False) for _ in range(count)]
    for child in children:
        child.start()

    def stop(signum: int, frame: Any) -> None:
        for child in children:
            if child.is_alive():
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while all(child.is_alive() for child in children):
            time.sleep(0.5)
    finally:
        stop(signal.SIGTERM, None)
        for child in children:
            child.join(timeout=10)
    codes = [child.exitcode for child in children]
    if any(code not in (0, -signal.SIGTERM) for code in codes):
        sys.exit(1)
