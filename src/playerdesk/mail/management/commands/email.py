"""``playerdesk email ingest --brand SLUG FILE...``: deliver raw messages as if received."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Email: ingest raw RFC 822 files for a brand, one line of outcome each."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ingest = sub.add_parser("ingest", help="Ingest .eml files as received mail.")
        ingest.add_argument("--brand", required=True, help="brand slug")
        ingest.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **opts: Any) -> None:
        from playerdesk.brands.models import Brand
        from playerdesk.mail.ingest import ingest

        brand = Brand.objects.filter(slug=opts["brand"]).first()
        if brand is None:
            raise CommandError(f"no brand {opts['brand']!r}")
        failed = 0
        for path in opts["files"]:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                self.stdout.write(f"{path}: rejected (cannot read the file: {exc.strerror})")
                failed += 1
                continue
            result = ingest(brand, raw)
            line = f"{path}: {result.status}"
            if result.reference:
                line += f" {result.reference}"
            if result.reason:
                line += f" ({result.reason})"
            self.stdout.write(line)
        if failed:
            raise CommandError(f"{failed} file(s) could not be read")
