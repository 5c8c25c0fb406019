"""Response targets and the queue's ordering key. Pure: no ORM.

A channel's targets, as stored on ``ChannelSetting.targets``::

    {"first_response": {"minutes": 240, "business": false, "by_priority": {"urgent": 60}},
     "next_response":  {"minutes": 480, "business": true},
     "resolution":     {"minutes": 960, "business": true},
     "acknowledgment": {"minutes": 0, "business": false}}

``business`` counts the brand's business hours (``Brand.business_hours``, holidays closed);
otherwise calendar time. ``by_priority`` overrides the minutes for some priorities.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from playerdesk.sla.calendar import CALENDAR_TIME, Schedule

FIRST_RESPONSE = "first_response"
NEXT_RESPONSE = "next_response"
RESOLUTION = "resolution"
KINDS = (FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION)
TARGET_LABELS = {
    FIRST_RESPONSE: _("first response"),
    NEXT_RESPONSE: _("next response"),
    RESOLUTION: _("resolution"),
}

AT_RISK_SHARE = 0.8  # a target is at risk once 80% of its time is used


@dataclass(frozen=True)
class Target:
    kind: str
    duration: timedelta
    business: bool

    def schedule(self, business_hours: Schedule) -> Schedule:
        return business_hours if self.business else CALENDAR_TIME


TARGET_NAMES = ("acknowledgment", *KINDS)
PRIORITIES = ("urgent", "high", "normal", "low")


def check_targets(targets: Any) -> None:
    """Raise ValueError, saying what is wrong, unless ``targets`` has the shape above."""
    if not isinstance(targets, Mapping):
        raise ValueError(gettext("targets must be an object of targets"))
    for name, spec in targets.items():
        if name not in TARGET_NAMES:
            raise ValueError(
                gettext("unknown target %(name)r; known: %(known)s")
                % {"name": name, "known": ", ".join(TARGET_NAMES)}
            )
        if not isinstance(spec, Mapping):
            raise ValueError(
                gettext("%(name)s: must be an object with minutes and business") % {"name": name}
            )
        minutes = [spec.get("minutes"), *(spec.get("by_priority") or {}).values()]
        for value in minutes:
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or value < 0
            ):
                raise ValueError(
                    gettext("%(name)s: minutes must be a number of minutes, 0 or more")
                    % {"name": name}
                )
        unknown = set(spec.get("by_priority") or {}) - set(PRIORITIES)
        if unknown:
            raise ValueError(
                gettext("%(name)s: unknown priority %(priorities)s")
                % {"name": name, "priorities": ", ".join(sorted(unknown))}
            )
        if not isinstance(spec.get("business", False), bool):
            raise ValueError(gettext("%(name)s: business must be true or false") % {"name": name})


def target_for(targets: Mapping[str, Any], kind: str, priority: str) -> Target | None:
    """The target of ``kind`` for a ticket of ``priority``, or None when the channel has none."""
    spec = targets.get(kind)
    if not spec:
        return None
    minutes = (spec.get("by_priority") or {}).get(priority, spec.get("minutes"))
    if minutes is None:
        return None
    return Target(kind, timedelta(minutes=float(minutes)), bool(spec.get("business")))


@dataclass(frozen=True)
class Due:
    """A target's due time and the moment it becomes at risk."""

    kind: str
    due_at: datetime
    at_risk_at: datetime


def due(target: Target, start: datetime, business_hours: Schedule) -> Due:
    schedule = target.schedule(business_hours)
    return Due(
        target.kind,
        schedule.add(start, target.duration),
        schedule.add(start, target.duration * AT_RISK_SHARE),
    )


def remaining(target: Target, due_at: datetime, at: datetime, business_hours: Schedule) -> float:
    """Seconds of the target's own time left at ``at`` (negative once past due)."""
    schedule = target.schedule(business_hours)
    if at <= due_at:
        return schedule.elapsed(at, due_at).total_seconds()
    return -schedule.elapsed(due_at, at).total_seconds()


# --- the queue's order ------------------------------------------------------------------------

# How much waiting a priority is worth, in business hours: an urgent ticket goes before a normal
# one that has waited up to two business days, and after one that has waited longer. Within a
# priority, first come, first served; a low ticket is never starved, it only starts later.
PRIORITY_HEAD_START_HOURS = {"urgent": 16, "high": 8, "normal": 0, "low": -8}


def queue_key(business_position: float, priority: str) -> int:
    """Lower is served first. ``business_position``: ``Schedule.position()`` of the arrival.

    The score of a waiting ticket is ``head start + business time waited``; ordering by it at
    any moment is ordering by ``business position at arrival - head start``, a key that does not
    change while the ticket waits, so the database can index it.
    """
    return int(business_position - PRIORITY_HEAD_START_HOURS.get(priority, 0) * 3600)
