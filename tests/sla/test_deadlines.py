"""Running targets: started, stopped while the player is awaited, resumed, re-timed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from playerdesk.demo.brands import BUSINESS_HOURS
from playerdesk.sla import deadlines
from playerdesk.sla.calendar import Schedule
from playerdesk.sla.coverage import coverage
from playerdesk.sla.targets import Target

TORONTO = ZoneInfo("America/Toronto")
BUSINESS = Schedule.from_json(BUSINESS_HOURS, timezone="America/Toronto")
SEVEN_BIT_EMAIL = {
    "acknowledgment": {"minutes": 0, "business": False},
    "first_response": {"minutes": 24 * 60, "business": True},
}


def toronto(*args: int) -> datetime:
    return datetime(*args, tzinfo=TORONTO)


def test_seven_bits_email_answer_is_due_after_24_business_hours_over_canada_day():
    times = deadlines.start(
        SEVEN_BIT_EMAIL, "first_response", "normal", toronto(2026, 6, 26, 17, 0), BUSINESS
    )
    assert times.due_at == toronto(2026, 7, 2, 17, 0)
    # at risk once 80% is used: 19.2 business hours, Wednesday is Canada Day
    assert times.risk_at == toronto(2026, 7, 2, 12, 12)


def test_no_target_no_times():
    assert deadlines.start({}, "first_response", "normal", toronto(2026, 6, 1, 9), BUSINESS) is None


def test_priority_overrides_the_minutes():
    targets = {"first_response": {"minutes": 240, "by_priority": {"urgent": 30}}}
    times = deadlines.start(targets, "first_response", "urgent", toronto(2026, 6, 1, 9), BUSINESS)
    assert times.due_at == toronto(2026, 6, 1, 9, 30)


def test_waiting_for_the_player_does_not_count():
    # a 16 business-hour target started Monday 09:00 is due Tuesday 17:00
    target = Target("resolution", timedelta(hours=16), business=True)
    times = deadlines.TargetTimes(
        risk_at=toronto(2026, 6, 2, 13, 48), due_at=toronto(2026, 6, 2, 17)
    )
    # the clock stops Monday 13:00 (4 hours used) and resumes Thursday 10:00
    resumed = deadlines.resume(
        times, target, toronto(2026, 6, 1, 13), toronto(2026, 6, 4, 10), BUSINESS
    )
    # 12 business hours were left: Thursday 10-17 (7) and Friday 9-14 (5)
    assert resumed.due_at == toronto(2026, 6, 5, 14)
    assert BUSINESS.elapsed(toronto(2026, 6, 4, 10), resumed.due_at) == timedelta(hours=12)


def test_a_target_past_due_when_the_clock_stopped_stays_past_due():
    target = Target("first_response", timedelta(hours=1), business=False)
    times = deadlines.TargetTimes(
        risk_at=toronto(2026, 6, 1, 9, 48), due_at=toronto(2026, 6, 1, 10)
    )
    resumed = deadlines.resume(
        times, target, toronto(2026, 6, 1, 11), toronto(2026, 6, 3, 11), BUSINESS
    )
    assert resumed == times


@settings(max_examples=60, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 1)),
    hours=st.integers(min_value=1, max_value=40),
    used=st.integers(min_value=0, max_value=100),
    paused=st.integers(min_value=0, max_value=24 * 10),
)
def test_a_pause_only_moves_the_due_time_by_the_open_time_it_took(start, hours, used, paused):
    start = start.replace(tzinfo=TORONTO)
    target = Target("resolution", timedelta(hours=hours), business=True)
    times = deadlines.start(
        {"resolution": {"minutes": hours * 60, "business": True}},
        "resolution",
        "normal",
        start,
        BUSINESS,
    )
    stop = BUSINESS.add(start, timedelta(hours=hours) * used / 100)
    again = stop + timedelta(hours=paused)
    resumed = deadlines.resume(times, target, stop, again, BUSINESS)
    if stop < times.due_at:
        counted = BUSINESS.elapsed(start, stop) + BUSINESS.elapsed(again, resumed.due_at)
        assert counted == timedelta(hours=hours)
    assert resumed.due_at >= times.due_at


def test_a_new_priority_keeps_the_time_already_used():
    old = Target("first_response", timedelta(hours=4), business=False)
    new = Target("first_response", timedelta(hours=1), business=False)
    times = deadlines.TargetTimes(
        risk_at=toronto(2026, 6, 1, 12, 12), due_at=toronto(2026, 6, 1, 13)
    )
    # 30 minutes used at 09:30: 30 minutes left of the new hour
    retimed = deadlines.retime(times, old, new, toronto(2026, 6, 1, 9, 30), BUSINESS)
    assert retimed.due_at == toronto(2026, 6, 1, 10)
    assert retimed.risk_at == toronto(2026, 6, 1, 9, 48)
    # 2 hours used: the new hour is already over
    late = deadlines.retime(times, old, new, toronto(2026, 6, 1, 11), BUSINESS)
    assert late.due_at == late.risk_at == toronto(2026, 6, 1, 11)


def test_the_running_target_due_first():
    a = deadlines.TargetTimes(toronto(2026, 6, 1, 9), toronto(2026, 6, 1, 10))
    b = deadlines.TargetTimes(toronto(2026, 6, 1, 8), toronto(2026, 6, 2, 10))
    assert deadlines.first_due({"first_response": a, "resolution": b}).kind == "first_response"
    assert deadlines.first_due({"first_response": None, "resolution": b}).kind == "resolution"
    assert deadlines.first_due({}) is None


def test_french_in_core_hours_only():
    languages = {"en": "always", "fr": "core_hours"}
    saturday = toronto(2026, 6, 6, 12)
    assert coverage(languages, "en", saturday, BUSINESS).served
    fr = coverage(languages, "fr", saturday, BUSINESS)
    assert not fr.served and fr.resumes_at == toronto(2026, 6, 8, 9)
    assert coverage(languages, "fr", toronto(2026, 6, 8, 10), BUSINESS).served
    assert not coverage({"en": "always"}, "fr", saturday, BUSINESS).offered
    assert coverage({"fr": "on_request"}, "fr", saturday, BUSINESS).served
