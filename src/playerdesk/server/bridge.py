"""HTTP through Django's WSGI handler, on a thread pool, inside the ASGI server.

Django's ASGI handler runs each synchronous middleware through its own thread hop (about twenty
hops a request with the standard middleware), which costs milliseconds per request. Here the
whole request runs in one worker thread, as under a threaded WSGI server, and the event loop
only moves bytes: two hops a request. WebSockets still go through Channels.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from tempfile import SpooledTemporaryFile
from typing import Any

from asgiref.wsgi import WsgiToAsgiInstance

from playerdesk.realtime.events import set_server_loop

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class _Instance(WsgiToAsgiInstance):
    """One request: reuses asgiref's scope-to-environ translation."""

    def run(self, body: Any) -> tuple[dict[str, Any], list[bytes]]:
        environ = self.build_environ(self.scope, body)
        chunks: list[bytes] = []
        result = self.wsgi_application(environ, self.start_response)
        try:
            for chunk in result:
                if chunk:
                    chunks.append(chunk)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        return self.response_start, chunks


class WsgiOnThreads:
    """An ASGI application that serves a WSGI application from a pool of threads."""

    def __init__(self, wsgi_application: Any, threads: int | None = None) -> None:
        self.wsgi_application = wsgi_application
        size = threads or int(os.environ.get("PLAYERDESK_HTTP_THREADS", "4"))
        self.executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="playerdesk-http")
        self.loop_registered = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            raise ValueError(f"unexpected scope {scope['type']!r}")
        instance = _Instance(self.wsgi_application)
        instance.scope = scope
        with SpooledTemporaryFile(max_size=65536) as body:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body.write(message.get("body", b""))
                if not message.get("more_body"):
                    break
            body.seek(0)
            loop = asyncio.get_running_loop()
            if not self.loop_registered:
                set_server_loop(loop)
                self.loop_registered = True
            start, chunks = await loop.run_in_executor(self.executor, instance.run, body)
        await send(start)
        await send({"type": "http.response.body", "body": b"".join(chunks)})
