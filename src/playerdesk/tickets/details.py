"""The structured details of a ticket (transaction id, game, device...): their names for people.

Pure: no ORM. A detail the platform sends under another key is shown under its key as given.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DETAIL_LABELS: dict[str, Promise] = {
    "username": _("Username"),
    "game": _("Game"),
    "error_message": _("Error message"),
    "occurred_at": _("When it happened"),
    "device": _("Device type"),
    "os": _("Operating system"),
    "browser": _("Browser and version"),
    "screenshot": _("Screenshot"),
    "severity": _("Severity"),
    "transaction_id": _("Transaction id"),
    "amount": _("Amount"),
    "currency": _("Currency"),
    "payment_method": _("Payment method"),
    "bonus_code": _("Bonus code"),
    "claimed_at": _("Claimed at"),
}


def labelled_details(fields: dict[str, Any]) -> list[tuple[str, Any]]:
    """``(label, value)`` pairs, known details first in a stable order, then the others."""
    known = [(str(label), fields[key]) for key, label in DETAIL_LABELS.items() if key in fields]
    others = [(key, value) for key, value in sorted(fields.items()) if key not in DETAIL_LABELS]
    return known + others
