"""A ticket's running response targets: start, stop the clock, resume, re-time. Pure: no ORM.

A ticket has up to three targets (sla/targets.py): the first response (from opening until the
first public answer), the next response (from a player's message, once answered before, until
the next public answer) and the resolution (from opening, or reopening, until resolved). Each is
kept as two instants: when it becomes at risk (80% of its time used) and when it is due.

While the ticket waits for the player the clock stops: on resuming, what was left of each
target when it stopped is left again, counted from the resumption in the target's own time
(business or calendar). A target already past due when the clock stopped stays past due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from playerdesk.sla.calendar import Schedule
from playerdesk.sla.targets import AT_RISK_SHARE, KINDS, Target, target_for

ZERO = timedelta(0)


@dataclass(frozen=True)
class TargetTimes:
    risk_at: datetime
    due_at: datetime


def start(
    targets: dict[str, Any], kind: str, priority: str, at: datetime, business: Schedule
) -> TargetTimes | None:
    """The target ``kind`` of a channel's ``targets`` started at ``at``; None when it has none."""
    target = target_for(targets, kind, priority)
    if target is None:
        return None
    schedule = target.schedule(business)
    return TargetTimes(
        risk_at=schedule.add(at, target.duration * AT_RISK_SHARE),
        due_at=schedule.add(at, target.duration),
    )


def _left(schedule: Schedule, at: datetime, until: datetime) -> timedelta | None:
    """Open time from ``at`` to ``until``; None when ``until`` is not after ``at``."""
    if until <= at:
        return None
    return schedule.elapsed(at, until)


def resume(
    times: TargetTimes,
    target: Target | None,
    paused_at: datetime,
    resumed_at: datetime,
    business: Schedule,
) -> TargetTimes:
    """``times`` after the clock stood still from ``paused_at`` to ``resumed_at``."""
    if target is None or resumed_at <= paused_at:
        return times
    schedule = target.schedule(business)

    def moved(instant: datetime) -> datetime:
        left = _left(schedule, paused_at, instant)
        return instant if left is None else schedule.add(resumed_at, left)

    return TargetTimes(risk_at=moved(times.risk_at), due_at=moved(times.due_at))


def retime(
    times: TargetTimes, old: Target, new: Target, at: datetime, business: Schedule
) -> TargetTimes:
    """``times`` when the target's length changes from ``old`` to ``new`` at ``at`` (a new
    priority or channel): the time already used counts against the new length."""
    if old.duration == new.duration and old.business == new.business:
        return times
    old_schedule = old.schedule(business)
    left = _left(old_schedule, at, times.due_at)
    if left is None:
        used = old.duration + old_schedule.elapsed(times.due_at, at)
    else:
        used = old.duration - left
    schedule = new.schedule(business)

    def after(share: float) -> datetime:
        remaining = new.duration * share - used
        return schedule.add(at, remaining) if remaining > ZERO else at

    return TargetTimes(risk_at=after(AT_RISK_SHARE), due_at=after(1.0))


@dataclass(frozen=True)
class Running:
    """The running target that falls due first."""

    kind: str
    risk_at: datetime
    due_at: datetime


def first_due(times: dict[str, TargetTimes | None]) -> Running | None:
    """Of the running targets, the one due first (ties: in the order of KINDS)."""
    best: Running | None = None
    for kind in KINDS:
        t = times.get(kind)
        if t is not None and (best is None or t.due_at < best.due_at):
            best = Running(kind, t.risk_at, t.due_at)
    return best
