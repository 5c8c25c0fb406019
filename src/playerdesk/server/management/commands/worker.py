"""``playerdesk worker``: run background tasks alone (scale-out mode)."""

from __future__ import annotations

import os
import socket
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the background task worker and the periodic enqueuer (no HTTP)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds to wait when no task is ready."
        )
        parser.add_argument(
            "--no-periodic",
            action="store_true",
            help="Do not enqueue periodic tasks from this worker.",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        from playerdesk.server.workers import PeriodicEnqueuer, make_worker

        worker = make_worker(
            worker_id=f"worker-{socket.gethostname()}-{os.getpid()}", interval=opts["interval"]
        )
        worker.configure_signals()
        if not opts["no_periodic"]:
            threading.Thread(target=PeriodicEnqueuer().run, daemon=True).start()
        self.stdout.write("playerdesk worker running")
        worker.run()
