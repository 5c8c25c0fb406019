"""The automatic triage at intake: what it says becomes the ticket's language, category,
priority and team, within the rules of docs/triage.md. No writes here: tickets.actions saves.

- A category the player chose (the form, the platform) wins over the model.
- The priority is the model's, raised to the category's floor (security, account access and
  responsible gambling start `high`, as the seeds order them); a priority given wins.
- A category the model is not sure of is left for a person: the ticket is `general`, on the
  frontline team, and says so.
- Signs of gambling harm send the ticket to the responsible-gambling team whatever its category;
  sure signs (a phrase of harm, or the model at least HARM_SURE) make it at least `high`, and a
  statement of self-harm makes it `urgent`, whatever was asked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from playerdesk.brands.models import Brand
from playerdesk.lib.sanitize import html_to_text
from playerdesk.people.models import Player
from playerdesk.routing.defaults import priority_for_category
from playerdesk.tickets.models import PRIORITY_RANK, Category, Priority
from playerdesk.triage.classifier import HARM_SURE, Triage, triage

HARM_CATEGORY = Category.RESPONSIBLE_GAMBLING

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decision:
    category: str
    priority: str
    language: str
    harm: bool = False
    record: dict[str, Any] = field(default_factory=dict)  # Ticket.triage

    @property
    def route_category(self) -> str:
        """The category whose team takes the ticket."""
        return HARM_CATEGORY if self.harm else self.category

    def event_data(self) -> dict[str, Any]:
        """What the "created" event keeps of the triage: enough to tell why the ticket went
        where it went."""
        if not self.record:
            return {}
        r = self.record
        return {
            "triage": {
                "category": r["category"],
                "category_confidence": r["category_confidence"],
                "needs_category": r["needs_category"],
                "harm": r["harm"],
                "markers": r["markers"],
                "model": r["model"],
            }
        }


def at_least(priority: str, floor: str) -> str:
    """The more pressing of two priorities."""
    return min(priority, floor, key=lambda p: PRIORITY_RANK[Priority(p)])


def harm_floor(priority: str, result: Triage) -> str:
    if not result.harm:
        return priority
    if "self_harm" in result.markers:
        return Priority.URGENT
    return at_least(priority, Priority.HIGH) if result.harm_sure else priority


def text_of(subject: str, body: str, *, is_html: bool = False) -> str:
    return f"{subject}\n\n{html_to_text(body) if is_html else body}".strip()


def decide(
    *,
    brand: Brand,
    player: Player,
    text: str,
    category: str | None,
    priority: str | None,
    language: str | None,
) -> Decision:
    """The ticket's category, priority and language from what was given and what the text
    says."""
    untriaged = Decision(
        category=category or Category.GENERAL,
        priority=priority or priority_for_category(category or Category.GENERAL),
        language=language or player.preferred_language or brand.primary_language,
    )
    if not settings.PLAYERDESK_TRIAGE:
        return untriaged
    try:
        result = triage(text, fallback_language=brand.primary_language)
    except Exception as exc:  # a model file that cannot be read, a fault of the triage
        # A ticket never fails to open for its triage: it goes untriaged, and the log says why.
        logger.error("triage unavailable, the ticket opens untriaged: %s", exc)
        return untriaged
    needs_category = False
    if category:
        chosen = category
    elif result.category_sure:
        chosen = result.category
    else:
        chosen, needs_category = Category.GENERAL, True
    record = result.as_dict()
    record["needs_category"] = needs_category
    record["applied"] = {
        "category": not category and not needs_category,
        "priority": not priority,
        "language": not language,
    }
    # The seeds' order (R5): account security and access first, whatever the model thinks.
    estimated = at_least(result.priority, priority_for_category(chosen))
    return Decision(
        category=chosen,
        priority=harm_floor(priority or estimated, result),
        language=language or result.lang,
        harm=result.harm,
        record=record,
    )


FOLLOW_UP_HARM = HARM_SURE  # a later message moves the ticket on a phrase, or a surer model


def follow_up(text: str, *, language: str) -> Triage | None:
    """The triage of a later message when it shows signs of harm, else None (and when the
    triage is off). The first message was read recall-first; a later one ("it happened
    again", "more") needs a phrase of harm or the model at least FOLLOW_UP_HARM sure, so that
    short answers do not move tickets. ``language``: the ticket's, not detected again. Every
    message of a live chat passes here: the cues are found only for a message that shows
    harm."""
    if not settings.PLAYERDESK_TRIAGE:
        return None
    try:
        result = triage(text, language=language, explain=False)
        if result.harm and result.harm_confidence >= FOLLOW_UP_HARM:
            return triage(text, language=language)
    except Exception as exc:
        logger.error("triage unavailable for a later message: %s", exc)
    return None
