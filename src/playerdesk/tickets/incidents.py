"""What each kind of request must tell us (R12): the structured details a category needs before
an agent can act, as the seeds' incident procedures list them. Pure: no ORM.

The contact form asks for them; the console shows which are missing and asks the player for
them in one click.
"""

from __future__ import annotations

from typing import Any

# Category -> the details required to work on it, in the order the form shows them.
REQUIRED: dict[str, tuple[str, ...]] = {
    "technical": ("game", "occurred_at", "error_message", "device", "os", "browser"),
    "payments": ("transaction_id", "occurred_at", "amount", "currency", "payment_method"),
    "account_access": ("username",),
    "verification": (),
    "bonus": ("bonus_code", "claimed_at"),
    "general": (),
}
# Details the form offers beside the required ones.
OPTIONAL: dict[str, tuple[str, ...]] = {
    "technical": ("screenshot",),
}
DEVICES = ("desktop", "laptop", "phone", "tablet", "other")
CURRENCIES = ("CAD", "USD", "EUR", "BTC", "ETH", "LTC", "USDT")


def required_for(category: str) -> tuple[str, ...]:
    return REQUIRED.get(category, ())


def missing(category: str, fields: dict[str, Any]) -> list[str]:
    """The required details of the category that are absent or blank."""
    return [k for k in required_for(category) if not str(fields.get(k) or "").strip()]
