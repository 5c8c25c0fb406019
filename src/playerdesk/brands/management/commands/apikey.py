"""``playerdesk apikey create --brand SLUG``: print a new API key for the brand's platform."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from playerdesk.brands.actions import create_api_key
from playerdesk.brands.models import Brand


class Command(BaseCommand):
    help = "Manage the platform's API keys. `apikey create --brand SLUG` prints a new key."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create", help="Create a key; it is printed once, on the last line."
        )
        create.add_argument("--brand", required=True, help="The brand's slug.")
        create.add_argument("--name", default="platform", help="What the key is for.")

    def handle(self, *args: Any, **opts: Any) -> None:
        brand = Brand.objects.filter(slug=opts["brand"]).first()
        if brand is None:
            known = ", ".join(Brand.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"no brand {opts['brand']!r} (brands: {known})")
        key = create_api_key(brand=brand, name=opts["name"])
        self.stderr.write(f"API key for {brand.name}; it is shown only now:")
        self.stdout.write(key)
