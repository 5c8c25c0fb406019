"""``playerdesk kyc``: the vault's key rotation, the periodic jobs by hand, a member-area token."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Identity verification: rotate-keys, expire, purge, deliver-webhooks, token."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "rotate-keys",
            help="Encrypt again, under the first key of PLAYERDESK_VAULT_KEYS, every document "
            "stored under another; afterwards the old key can be removed.",
        )
        sub.add_parser("expire", help="Expire lapsed cases and approvals whose ID has expired.")
        sub.add_parser("purge", help="Delete documents past their brand's retention.")
        sub.add_parser("deliver-webhooks", help="Post the webhooks that are due.")
        token = sub.add_parser(
            "token", help="Print a member-area token, as the platform makes it (for testing)."
        )
        token.add_argument("brand", help="brand slug")
        token.add_argument("player", help="the platform's player id")
        token.add_argument("--lifetime", type=int, default=3600, help="seconds, at most 86400")

    def handle(self, *args: Any, **opts: Any) -> None:
        from playerdesk.kyc import actions, webhooks

        action = opts["action"]
        if action == "rotate-keys":
            self.stdout.write(f"{actions.rotate_keys()} document(s) encrypted again.")
        elif action == "expire":
            self.stdout.write(f"{actions.expire_cases()} case(s) expired.")
        elif action == "purge":
            self.stdout.write(f"{actions.purge_documents()} document(s) purged.")
        elif action == "deliver-webhooks":
            self.stdout.write(f"{webhooks.deliver_due()} webhook(s) delivered.")
        elif action == "token":
            from playerdesk.brands.platform import TokenError, make_token

            try:
                self.stdout.write(
                    make_token(opts["brand"], opts["player"], lifetime=min(opts["lifetime"], 86400))
                )
            except TokenError as exc:
                raise CommandError(str(exc)) from exc
