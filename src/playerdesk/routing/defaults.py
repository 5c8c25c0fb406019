"""The default routing from the source documents. Pure: no ORM."""

from __future__ import annotations

DEFAULT_TEAM_FOR_CATEGORY: dict[str, str] = {
    "payments": "payments",
    "security": "security",
    "verification": "verification",
    "technical": "technical",
    "bonus": "promotions",
    "responsible_gambling": "responsible_gambling",
    "account_access": "frontline",
    "general": "frontline",
}

# Account security, account access and responsible gambling come before information requests.
DEFAULT_PRIORITY_FOR_CATEGORY: dict[str, str] = {
    "security": "high",
    "account_access": "high",
    "responsible_gambling": "high",
}


def team_for_category(category: str) -> str:
    return DEFAULT_TEAM_FOR_CATEGORY.get(category, "frontline")


def priority_for_category(category: str) -> str:
    return DEFAULT_PRIORITY_FOR_CATEGORY.get(category, "normal")
