"""``playerdesk sla due``: when a response target falls due, for managers and scripts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from playerdesk.brands.models import Brand, Channel
from playerdesk.sla import deadlines
from playerdesk.sla.calendar import ScheduleError
from playerdesk.sla.schedules import business_schedule, channel_setting
from playerdesk.sla.targets import KINDS


class Command(BaseCommand):
    help = "Response targets: `sla due` prints when a target started at a given time is due."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        due = sub.add_parser("due", help="When a target started at --at is due.")
        due.add_argument("--brand", required=True, help="The brand's slug, e.g. 7bit.")
        due.add_argument("--channel", required=True, choices=Channel.values)
        due.add_argument("--target", required=True, choices=KINDS)
        due.add_argument(
            "--priority", default="normal", choices=("urgent", "high", "normal", "low")
        )
        due.add_argument(
            "--at", required=True, help="When the target starts, ISO 8601 with its offset."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        brand = Brand.objects.filter(slug=opts["brand"]).first()
        if brand is None:
            known = ", ".join(Brand.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                _("No brand %(slug)s; known: %(known)s")
                % {"slug": opts["brand"], "known": known or "—"}
            )
        try:
            at = datetime.fromisoformat(opts["at"])
        except ValueError:
            raise CommandError(
                _("--at is not an ISO 8601 date and time: %(at)s") % {"at": opts["at"]}
            ) from None
        if at.tzinfo is None:
            raise CommandError(_("--at needs its offset, e.g. 2026-06-26T17:00:00-04:00"))
        setting = channel_setting(brand.pk, opts["channel"])
        if setting is None or not setting.enabled:
            raise CommandError(
                _("%(brand)s does not offer the %(channel)s channel")
                % {"brand": brand.name, "channel": opts["channel"]}
            )
        try:
            times = deadlines.start(
                setting.targets, opts["target"], opts["priority"], at, business_schedule(brand)
            )
        except ScheduleError as exc:
            raise CommandError(str(exc)) from None
        if times is None:
            raise CommandError(
                _("%(brand)s sets no %(target)s target on %(channel)s")
                % {"brand": brand.name, "target": opts["target"], "channel": opts["channel"]}
            )
        tz = business_schedule(brand).tz
        self.stdout.write(
            f"{brand.name} {opts['channel']} {opts['target']} ({opts['priority']}), "
            f"from {at.astimezone(tz).isoformat()}:"
        )
        self.stdout.write(times.due_at.astimezone(tz).isoformat())
