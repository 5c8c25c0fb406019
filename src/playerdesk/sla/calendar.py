"""Business time: when a brand's channel is open, and durations counted only while it is.

Pure: no ORM. A ``Schedule`` is built from the JSON stored on brands and channels::

    {"always": true}
    {"weekly": {"mon": [["09:00", "17:00"]], "fri": [["18:00", "02:00"]], ...},
     "holidays": "closed" | "adjusted" | "ignored",
     "holiday_hours": [["10:00", "18:00"]],              # with "adjusted"
     "closed_dates": ["2026-12-24"],                      # administrator overrides
     "special_hours": {"2026-12-31": [["09:00", "12:00"]]}}

A slot belongs to the day it starts on: ``["18:00", "02:00"]`` on Friday runs into Saturday
night, and is closed when that Friday is a holiday. Times are wall-clock times in the brand's
time zone; durations are real elapsed time inside the open periods, so a 09:00-17:00 day is
eight hours on the days the clocks change too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays as holidays_lib
from django.utils.translation import gettext

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ZERO = timedelta(0)
# A schedule with no open time in this many days is refused rather than searched for ever.
HORIZON_DAYS = 800

Slot = tuple[time, time | None]  # None: midnight at the end of the day


class ScheduleError(ValueError):
    """A schedule that cannot be used: malformed, or never open."""


def _parse_time(text: str) -> time | None:
    if text in ("24:00", "24:00:00"):
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise ScheduleError(gettext("not a time of day: %(text)r") % {"text": text}) from None


def _parse_slots(raw: Any) -> tuple[Slot, ...]:
    slots = []
    for pair in raw or []:
        start, end = _parse_time(pair[0]), _parse_time(pair[1])
        if start is None:
            raise ScheduleError(gettext("a slot cannot start at 24:00"))
        if end is not None and end == start:
            raise ScheduleError(gettext("an empty slot: %(slot)r") % {"slot": pair})
        slots.append((start, end))
    return tuple(slots)


@functools.cache
def public_holidays(country: str, province: str, year: int) -> frozenset[date]:
    """The public holidays of a province (``holidays`` package), one year at a time."""
    return frozenset(holidays_lib.country_holidays(country, subdiv=province or None, years=year))


@dataclass(frozen=True)
class Schedule:
    """Open periods of a channel, in a time zone, with holidays and overrides."""

    tz: ZoneInfo
    always: bool = False
    weekly: tuple[tuple[Slot, ...], ...] = ((),) * 7
    holiday_mode: str = "closed"  # closed | adjusted | ignored
    holiday_hours: tuple[Slot, ...] = ()
    country: str = "CA"
    province: str = "ON"
    closed_dates: frozenset[date] = frozenset()
    special_hours: Mapping[date, tuple[Slot, ...]] = field(default_factory=dict)
    # Open seconds from POSITION_EPOCH to each local midnight computed so far (see position()).
    _midnights: dict[date, float] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], *, timezone: str, province: str = "ON", country: str = "CA"
    ) -> Schedule:
        try:
            tz = ZoneInfo(timezone)
        except Exception:
            raise ScheduleError(
                gettext("unknown time zone: %(zone)r") % {"zone": timezone}
            ) from None
        if data.get("always"):
            return cls(tz=tz, always=True)
        weekly_raw = data.get("weekly") or {}
        unknown = set(weekly_raw) - set(DAYS)
        if unknown:
            raise ScheduleError(
                gettext("unknown day(s): %(days)s") % {"days": ", ".join(sorted(unknown))}
            )
        mode = data.get("holidays", "closed")
        if mode not in ("closed", "adjusted", "ignored"):
            raise ScheduleError(
                gettext("holidays must be closed, adjusted or ignored, not %(mode)r")
                % {"mode": mode}
            )
        try:
            closed = frozenset(date.fromisoformat(d) for d in data.get("closed_dates", []))
            special = {
                date.fromisoformat(d): _parse_slots(s)
                for d, s in (data.get("special_hours") or {}).items()
            }
        except (TypeError, ValueError) as exc:
            raise ScheduleError(gettext("not a date: %(error)s") % {"error": exc}) from None
        return cls(
            tz=tz,
            weekly=tuple(_parse_slots(weekly_raw.get(d)) for d in DAYS),
            holiday_mode=mode,
            holiday_hours=_parse_slots(data.get("holiday_hours")),
            country=country,
            province=province,
            closed_dates=closed,
            special_hours=special,
        )

    # --- which hours a day has ------------------------------------------------------------

    def is_holiday(self, day: date) -> bool:
        return day in public_holidays(self.country, self.province, day.year)

    def slots_on(self, day: date) -> tuple[Slot, ...]:
        """The slots that start on ``day`` (local date)."""
        if day in self.special_hours:
            return self.special_hours[day]
        if day in self.closed_dates:
            return ()
        if self.holiday_mode != "ignored" and self.is_holiday(day):
            return self.holiday_hours if self.holiday_mode == "adjusted" else ()
        return self.weekly[day.weekday()]

    def _local(self, day: date, at: time | None) -> datetime:
        if at is None:
            day, at = day + timedelta(days=1), time(0)
        # fold=0: a wall time skipped by the spring change maps to the instant after it, one
        # repeated by the autumn change to its first occurrence.
        return datetime.combine(day, at, tzinfo=self.tz).astimezone(UTC)

    def _day_periods(self, day: date) -> list[tuple[datetime, datetime]]:
        periods = []
        for start, end in self.slots_on(day):
            begin = self._local(day, start)
            if end is not None and end <= start:  # runs past midnight
                finish = self._local(day + timedelta(days=1), end)
            else:
                finish = self._local(day, end)
            if finish > begin:
                periods.append((begin, finish))
        return sorted(periods)

    def periods(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open periods (UTC, merged, in order) that end after ``start``, clipped to it."""
        start = _utc(start)
        if self.always:
            yield start, datetime.max.replace(tzinfo=UTC)
            return
        day = start.astimezone(self.tz).date() - timedelta(days=1)  # slots from the day before
        pending: tuple[datetime, datetime] | None = None
        empty_days = 0
        while True:
            day_periods = self._day_periods(day)
            empty_days = 0 if day_periods else empty_days + 1
            if empty_days > HORIZON_DAYS:
                raise ScheduleError(
                    gettext("no open time in %(days)d days") % {"days": HORIZON_DAYS}
                )
            for begin, finish in day_periods:
                if finish <= start:
                    continue
                begin = max(begin, start)
                if pending is None:
                    pending = (begin, finish)
                elif begin <= pending[1]:  # touching or overlapping: one period
                    pending = (pending[0], max(pending[1], finish))
                else:
                    yield pending
                    pending = (begin, finish)
            # Slots of later days start no earlier than the next local midnight.
            next_midnight = self._local(day, None)
            if pending is not None and pending[1] < next_midnight:
                yield pending
                pending = None
            day += timedelta(days=1)

    # --- operations -----------------------------------------------------------------------

    def is_open(self, at: datetime) -> bool:
        begin, _ = next(self.periods(at))
        return begin <= _utc(at)

    def next_opening(self, at: datetime) -> datetime:
        """``at`` when open, else the start of the next open period."""
        return next(self.periods(at))[0]

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant when ``duration`` of open time has passed since ``start``."""
        if duration < ZERO:
            raise ValueError("a negative business duration")
        start = _utc(start)
        if duration == ZERO:
            return start
        remaining = duration
        for begin, finish in self.periods(start):
            length = finish - begin
            if remaining <= length:
                return begin + remaining
            remaining -= length
        raise AssertionError("unreachable: periods() never ends")  # pragma: no cover

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Open time between two instants (zero when ``end`` is not after ``start``)."""
        start, end = _utc(start), _utc(end)
        total = ZERO
        if end <= start:
            return total
        for begin, finish in self.periods(start):
            if begin >= end:
                break
            total += min(finish, end) - begin
        return total

    def position(self, at: datetime) -> float:
        """Open seconds from ``POSITION_EPOCH`` to ``at``: a clock that runs only while open.

        Local midnights are remembered, so after the first call this costs one day's work.
        """
        at = _utc(at)
        if self.always:
            return (at - POSITION_EPOCH).total_seconds()
        day = at.astimezone(self.tz).date()
        first = POSITION_EPOCH.astimezone(self.tz).date()
        if day <= first:
            return -self.elapsed(at, POSITION_EPOCH).total_seconds()
        if day not in self._midnights:
            known = [d for d in self._midnights if d < day]
            cursor = max(known) if known else first
            total = self._midnights.get(cursor, 0.0)
            while cursor < day:
                nxt = cursor + timedelta(days=1)
                total += self.elapsed(self._midnight(cursor), self._midnight(nxt)).total_seconds()
                cursor = nxt
                self._midnights[cursor] = total
        return self._midnights[day] + self.elapsed(self._midnight(day), at).total_seconds()

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self.tz).astimezone(UTC)


POSITION_EPOCH = datetime(2020, 1, 6, 5, 0, tzinfo=UTC)  # Monday 2020-01-06, 00:00 in Toronto


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("a naive datetime: business time needs an aware one")
    return at.astimezone(UTC)


CALENDAR_TIME = Schedule(tz=ZoneInfo("UTC"), always=True)
