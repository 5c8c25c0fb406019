"""``playerdesk email``: ``ingest --brand SLUG FILE...`` delivers raw messages as if received;
``poll`` reads the IMAP mailboxes now; ``send`` sends the emails that are due now."""

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
        sub.add_parser("poll", help="Read every enabled IMAP mailbox once, now.")
        sub.add_parser("send", help="Send the emails that are due, now.")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "poll":
            return self.poll()
        if opts["action"] == "send":
            from playerdesk.mail.outbound import deliver_due

            self.stdout.write(f"sent: {deliver_due(limit=10_000)}")
            return None
        return self.ingest(opts)

    def poll(self) -> None:
        from playerdesk.mail.imap import poll_all
        from playerdesk.mail.models import Mailbox

        taken = poll_all()
        for box in Mailbox.objects.filter(enabled=True).order_by("id"):
            state = f"error: {box.last_error}" if box.last_error else "ok"
            self.stdout.write(f"{box.address}: {state}")
        self.stdout.write(f"messages taken: {taken}")

    def ingest(self, opts: dict[str, Any]) -> None:
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
