"""The labels the triage predicts. Pure: no ORM, no Django.

They are the ticket's own choices (tickets.models.Category and Priority) kept here as plain
names so that the classifier, its corpus and its tests need no database.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "fr")

CATEGORIES: tuple[str, ...] = (
    "account_access",
    "security",
    "payments",
    "verification",
    "bonus",
    "technical",
    "responsible_gambling",
    "general",
)

PRIORITIES: tuple[str, ...] = ("urgent", "high", "normal", "low")

# The markers of gambling harm (corpus/GUIDELINES.md says what each covers).
MARKERS: tuple[str, ...] = (
    "self_exclusion",
    "limits",
    "break",
    "loss_of_control",
    "chasing_losses",
    "bonus_after_losses",
    "reverse_withdrawal",
    "essential_money",
    "family_concern",
    "distress",
    "self_harm",
)
