"""Whether a brand's live chat takes a player now: its hours (slots, holidays), the player's
language, and an available agent who speaks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from playerdesk.brands.models import Brand
from playerdesk.lib import clock
from playerdesk.lib.memo import ttl_cache
from playerdesk.people.models import AgentProfile, Presence
from playerdesk.sla.calendar import ScheduleError
from playerdesk.sla.coverage import coverage
from playerdesk.sla.schedules import business_schedule, channel_setting, schedule_for


@dataclass(frozen=True)
class Availability:
    open: bool
    reason: str = ""  # closed | language | no_agent | not_offered
    opens_at: datetime | None = None


def agents_available(brand: Brand, language: str) -> int:
    """Agents of the brand who are available and speak the language (kept a second)."""
    return _agents_available(brand.pk, language) or 0


@ttl_cache(1.0)
def _agents_available(brand_id: int, language: str) -> int | None:
    found = sum(
        1
        for languages in AgentProfile.objects.filter(
            brands=brand_id, presence=Presence.AVAILABLE, user__is_active=True
        ).values_list("languages", flat=True)
        if language in (languages or [])
    )
    return found or None  # none is not remembered: an agent who comes back counts at once


def availability(brand: Brand, language: str, at: datetime | None = None) -> Availability:
    at = at or clock.now()
    setting = channel_setting(brand.pk, "chat")
    if setting is None or not setting.enabled:
        return Availability(False, "not_offered")
    try:
        hours = schedule_for(setting.opening_hours, brand)
    except (ScheduleError, TypeError, ValueError):
        return Availability(False, "not_offered")
    if not hours.is_open(at):
        return Availability(False, "closed", hours.next_opening(at))
    served = coverage(setting.languages or {}, language, at, business_schedule(brand))
    if not served.served:
        return Availability(False, "language", served.resumes_at)
    if not agents_available(brand, language):
        return Availability(False, "no_agent")
    return Availability(True)
