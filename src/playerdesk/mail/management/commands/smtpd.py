"""``playerdesk smtpd``: receive the brands' mail over SMTP (mail/smtpd.py)."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Receive mail for the brands' addresses over SMTP and ingest it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=2525)
        parser.add_argument("--tls-cert", help="certificate (PEM) to offer STARTTLS")
        parser.add_argument("--tls-key", help="its private key (PEM)")

    def handle(self, *args: Any, **opts: Any) -> None:
        from playerdesk.mail.smtpd import controller

        server = controller(
            opts["host"], opts["port"], tls_cert=opts["tls_cert"], tls_key=opts["tls_key"]
        )
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        server.start()
        self.stdout.write(f"playerdesk smtpd listening on {opts['host']}:{opts['port']}")
        self.stdout.flush()
        try:
            stop.wait()
        finally:
            server.stop()
