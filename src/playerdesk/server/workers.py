"""Running background tasks: the database task worker and the periodic enqueuer."""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)


def make_worker(*, worker_id: str, interval: float = 1.0) -> Worker:
    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id[:64],
        excluded_queue_names=[],
    )


class PeriodicEnqueuer:
    """Enqueues each task of PLAYERDESK_PERIODIC_TASKS at its interval.

    Several processes may run one each: the tasks are idempotent, so a duplicate run costs a
    little work and changes nothing.
    """

    def __init__(self) -> None:
        self.running = True
        self.schedule = [
            (import_string(path), seconds) for path, seconds in settings.PLAYERDESK_PERIODIC_TASKS
        ]
        self.next_run = {i: 0.0 for i in range(len(self.schedule))}

    def tick(self) -> None:
        now = time.monotonic()
        for i, (task, seconds) in enumerate(self.schedule):
            if now >= self.next_run[i]:
                try:
                    task.enqueue()
                except Exception:
                    logger.exception("could not enqueue %s", task.name)
                self.next_run[i] = now + seconds

    def run(self) -> None:
        while self.running:
            close_old_connections()
            self.tick()
            time.sleep(1.0)


def start_in_threads(*, worker_id: str) -> list[threading.Thread]:
    """Embedded mode: the task worker and the periodic enqueuer as daemon threads."""
    worker = make_worker(worker_id=worker_id)
    enqueuer = PeriodicEnqueuer()
    threads = [
        threading.Thread(target=_guarded(worker.run), name="playerdesk-worker", daemon=True),
        threading.Thread(target=_guarded(enqueuer.run), name="playerdesk-periodic", daemon=True),
    ]
    for t in threads:
        t.start()
    return threads


def _guarded(fn):  # type: ignore[no-untyped-def]
    def run() -> None:
        while True:
            try:
                fn()
                return
            except Exception:
                logger.exception("background loop failed; restarting in 5 s")
                time.sleep(5)

    return run
