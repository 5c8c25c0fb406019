"""``playerdesk demo``: load the four brands and their tickets; print logins and API keys."""

from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Load the demo data (running it again changes nothing) and print logins and API keys."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        from playerdesk.demo.load import load_demo

        if not opts["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        summary = load_demo()
        self.stdout.write(f"Demo loaded ({summary.tickets_created} new tickets).")
        host = os.environ.get("PLAYERDESK_HOST", "127.0.0.1")
        port = os.environ.get("PLAYERDESK_PORT", "8000")
        self.stdout.write(f"Console: http://{host}:{port}/console/  (logins below)")
        for username, role, password in summary.agents:
            self.stdout.write(f"  agent {username:<8} {role:<22} password: {password}")
        self.stdout.write("API keys (Authorization: Bearer KEY):")
        for slug, key in summary.api_keys.items():
            self.stdout.write(f"  {slug:<9} {key}")
        from playerdesk.brands.platform import make_token
        from playerdesk.demo.verification import MEMBER_AREA_PLAYER

        slug, player_id = MEMBER_AREA_PLAYER
        token = make_token(slug, player_id, lifetime=12 * 3600)
        self.stdout.write("A player asked for identity documents (member-area link, 12 h):")
        self.stdout.write(f"  http://{host}:{port}/p/{slug}/enter/?token={token}")
