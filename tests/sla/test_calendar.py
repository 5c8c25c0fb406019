"""The business-time engine: properties over random schedules and instants, and the cases the
source documents name (daylight-saving changes, Canada Day, weekends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playerdesk.demo.brands import BUSINESS_HOURS
from playerdesk.sla.calendar import DAYS, Schedule, ScheduleError

TORONTO = ZoneInfo("America/Toronto")


def toronto(*args: int) -> datetime:
    return datetime(*args, tzinfo=TORONTO)


BUSINESS = Schedule.from_json(BUSINESS_HOURS, timezone="America/Toronto")
SEVEN_BIT_CHAT = Schedule.from_json(
    {"weekly": {d: [["11:00", "15:00"], ["18:00", "02:00"]] for d in DAYS}, "holidays": "closed"},
    timezone="America/Toronto",
)

# --- properties -------------------------------------------------------------------------------

times_of_day = st.sampled_from(
    ["00:00", "02:00", "06:30", "09:00", "11:15", "17:00", "18:00", "21:45", "23:00"]
)
slot = st.tuples(times_of_day, times_of_day).filter(lambda p: p[0] != p[1]).map(list)
weekly = st.fixed_dictionaries(
    {}, optional={d: st.lists(slot, min_size=1, max_size=2) for d in DAYS}
)
schedules = st.one_of(
    st.just(BUSINESS),
    st.just(SEVEN_BIT_CHAT),
    weekly.filter(bool).map(
        lambda w: Schedule.from_json(
            {"weekly": w, "holidays": "closed"}, timezone="America/Toronto"
        )
    ),
)
instants = st.datetimes(
    min_value=datetime(2025, 12, 1), max_value=datetime(2027, 2, 1), timezones=st.just(UTC)
)
durations = st.integers(min_value=0, max_value=60 * 24 * 6).map(lambda m: timedelta(minutes=m))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(schedules, instants, durations, durations)
def test_adding_is_additive(schedule, start, x, y):
    assert schedule.add(schedule.add(start, x), y) == schedule.add(start, x + y)


@SETTINGS
@given(schedules, instants, durations, durations)
def test_adding_is_monotonic(schedule, start, x, y):
    small, large = sorted((x, y))
    assert schedule.add(start, small) <= schedule.add(start, large)


@SETTINGS
@given(schedules, instants, durations)
def test_elapsed_undoes_add(schedule, start, x):
    assert schedule.elapsed(start, schedule.add(start, x)) == x


@SETTINGS
@given(schedules, instants, durations.filter(bool))
def test_a_due_time_never_falls_in_a_closed_period(schedule, start, x):
    due = schedule.add(start, x)
    # open just before it: the last minute counted was open time
    assert schedule.is_open(due - timedelta(microseconds=1))


@SETTINGS
@given(schedules, instants, instants)
def test_elapsed_is_never_more_than_the_calendar_time(schedule, a, b):
    start, end = sorted((a, b))
    assert timedelta(0) <= schedule.elapsed(start, end) <= end - start


# --- named cases ------------------------------------------------------------------------------


def test_seven_bit_email_target_over_canada_day():
    """24 business hours from Friday 2026-06-26 17:00: Monday, Tuesday, (Canada Day), Thursday."""
    due = BUSINESS.add(toronto(2026, 6, 26, 17, 0), timedelta(hours=24))
    assert due == toronto(2026, 7, 2, 17, 0)


def test_a_weekend_does_not_count():
    assert BUSINESS.add(toronto(2026, 5, 8, 16, 0), timedelta(hours=2)) == toronto(
        2026, 5, 11, 10, 0
    )
    assert BUSINESS.elapsed(toronto(2026, 5, 8, 16, 0), toronto(2026, 5, 11, 10, 0)) == timedelta(
        hours=2
    )


def test_spring_forward_day_is_a_full_business_day():
    """2026-03-08 (a Sunday) the clocks go forward; Monday's day is eight hours as any other."""
    start = toronto(2026, 3, 6, 17, 0)  # Friday close, EST
    due = BUSINESS.add(start, timedelta(hours=8))
    assert due == toronto(2026, 3, 9, 17, 0)  # Monday close, EDT
    assert due - start == timedelta(days=3) - timedelta(hours=1)  # an hour less on the calendar


def test_fall_back_day_is_a_full_business_day():
    start = toronto(2026, 10, 30, 17, 0)  # Friday, EDT
    due = BUSINESS.add(start, timedelta(hours=4))
    assert due == toronto(2026, 11, 2, 13, 0)  # Monday, EST
    assert due - start == timedelta(days=3, hours=-4, minutes=60)


def test_a_slot_past_midnight_across_the_autumn_change():
    """7Bit chat Saturday 18:00 to Sunday 02:00, the night the clocks go back: nine hours."""
    sat = toronto(2026, 10, 31, 18, 0)
    assert SEVEN_BIT_CHAT.elapsed(sat, toronto(2026, 11, 1, 10, 0)) == timedelta(hours=9)
    assert SEVEN_BIT_CHAT.is_open(toronto(2026, 11, 1, 1, 30))


def test_a_slot_past_midnight_across_the_spring_change():
    """22:00 to 04:00 the night of 2026-03-08, when 02:00-03:00 does not exist: five hours.
    7Bit's 18:00-02:00 that night ends when the clocks jump, after eight hours."""
    night = Schedule.from_json(
        {"weekly": {"sat": [["22:00", "04:00"]]}}, timezone="America/Toronto"
    )
    sat = toronto(2026, 3, 7, 12, 0)
    assert night.elapsed(sat, toronto(2026, 3, 8, 12, 0)) == timedelta(hours=5)
    assert SEVEN_BIT_CHAT.elapsed(
        toronto(2026, 3, 7, 18, 0), toronto(2026, 3, 8, 10, 0)
    ) == timedelta(hours=8)


def test_holidays_and_overrides():
    adjusted = Schedule.from_json(
        {
            "weekly": {d: [["09:00", "23:00"]] for d in DAYS},
            "holidays": "adjusted",
            "holiday_hours": [["10:00", "18:00"]],
            "closed_dates": ["2026-12-24"],
            "special_hours": {"2026-12-31": [["09:00", "12:00"]]},
        },
        timezone="America/Toronto",
    )
    assert adjusted.next_opening(toronto(2026, 7, 1, 8, 0)) == toronto(2026, 7, 1, 10, 0)
    assert not adjusted.is_open(toronto(2026, 7, 1, 20, 0))
    assert adjusted.next_opening(toronto(2026, 12, 24, 8, 0)) == toronto(2026, 12, 25, 10, 0)
    assert not adjusted.is_open(toronto(2026, 12, 31, 13, 0))
    assert BUSINESS.next_opening(toronto(2026, 12, 24, 18, 0)) == toronto(2026, 12, 29, 9, 0)


def test_always_open_is_calendar_time():
    always = Schedule.from_json({"always": True}, timezone="America/Toronto")
    start = toronto(2026, 3, 7, 12, 0)
    assert always.add(start, timedelta(hours=24)) == start.astimezone(UTC) + timedelta(hours=24)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"weekly": {"monday": [["09:00", "17:00"]]}}, "unknown day"),
        ({"weekly": {"mon": [["9h", "17:00"]]}}, "not a time"),
        ({"weekly": {"mon": [["09:00", "09:00"]]}}, "empty slot"),
        ({"weekly": {"mon": [["09:00", "17:00"]]}, "holidays": "maybe"}, "holidays must"),
        ({"weekly": {"mon": [["09:00", "17:00"]]}, "closed_dates": ["tomorrow"]}, "not a date"),
    ],
)
def test_malformed_schedules_are_refused_with_a_reason(data, message):
    with pytest.raises(ScheduleError, match=message):
        Schedule.from_json(data, timezone="America/Toronto")


def test_a_schedule_that_never_opens_is_an_error_not_a_hang():
    never = Schedule.from_json({"weekly": {}}, timezone="America/Toronto")
    with pytest.raises(ScheduleError, match="no open time"):
        never.add(toronto(2026, 1, 5, 9, 0), timedelta(hours=1))


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        BUSINESS.add(datetime(2026, 1, 5, 9, 0), timedelta(hours=1))


@SETTINGS
@given(schedules, instants, instants)
def test_position_differences_are_elapsed_open_time(schedule, a, b):
    start, end = sorted((a, b))
    gap = schedule.position(end) - schedule.position(start)
    assert gap == pytest.approx(schedule.elapsed(start, end).total_seconds(), abs=1e-3)
