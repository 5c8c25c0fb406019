"""``playerdesk serve``: migrate, then serve HTTP and WebSocket, with a task worker inside."""

from __future__ import annotations

import os
import socket
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Apply migrations, then serve HTTP and WebSocket with uvicorn and run a task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("PLAYERDESK_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("PLAYERDESK_PORT", "8000"))
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="HTTP worker processes (more than one needs REDIS_URL).",
        )
        parser.add_argument("--no-migrate", action="store_true", help="Do not apply migrations.")
        parser.add_argument(
            "--no-tasks",
            action="store_true",
            help="Run no task worker in this process (use `playerdesk worker`).",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        from playerdesk.server.processes import (
            listening_socket,
            serve_in_this_process,
            serve_processes,
        )
        from playerdesk.server.workers import start_in_threads

        if opts["workers"] > 1 and not settings.REDIS_URL:
            raise CommandError(
                "--workers above 1 needs REDIS_URL: processes share chat through Redis"
            )
        if not opts["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        if not opts["no_tasks"]:
            start_in_threads(worker_id=f"serve-{socket.gethostname()}-{os.getpid()}")
        self.stdout.write(f"playerdesk serving on http://{opts['host']}:{opts['port']}/")
        self.stdout.flush()
        if opts["workers"] > 1:
            serve_processes(opts["host"], opts["port"], opts["workers"])
        else:
            serve_in_this_process(listening_socket(opts["host"], opts["port"], reuse_port=False))
