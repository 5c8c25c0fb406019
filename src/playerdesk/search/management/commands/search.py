"""``playerdesk search rebuild``: every ticket's search document again, in one pass.

The database keeps the index current on every write; this is for repair (after restoring a
table by other means, or a change of the text-search configuration).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from playerdesk.search import sql


class Command(BaseCommand):
    help = "Search index maintenance. rebuild: every ticket's search document again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild"])

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            sql.rebuild(connection)
        if options["verbosity"]:
            self.stdout.write(f"Search index rebuilt in {time.perf_counter() - started:.1f} s.")
