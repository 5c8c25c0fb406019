"""Response targets on real tickets: set when a ticket opens, met by answers, stopped while the
player is awaited, re-timed by a new priority; and the sweep that marks them at risk and
breached."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from playerdesk.brands.models import ChannelSetting
from playerdesk.lib import clock
from playerdesk.tickets import actions
from playerdesk.tickets.models import Event, EventType, SlaState, Status, Ticket
from playerdesk.tickets.sweeps import sweep_response_targets

TORONTO = ZoneInfo("America/Toronto")
MONDAY_9 = datetime(2026, 6, 1, 9, 0, tzinfo=TORONTO)


def at(hours: float = 0, start: datetime = MONDAY_9) -> datetime:
    return start + timedelta(hours=hours)


@pytest.fixture
def ojo_targets(ojo):
    """Ojo's email: first answer within 4 hours, resolution within 2 business days; the next
    answer within 8 business hours."""
    ChannelSetting.objects.create(
        brand=ojo,
        channel="email",
        opening_hours={"always": True},
        languages={"en": "always", "fr": "always"},
        targets={
            "first_response": {"minutes": 240, "business": False, "by_priority": {"urgent": 60}},
            "next_response": {"minutes": 480, "business": True},
            "resolution": {"minutes": 960, "business": True},
        },
    )


@pytest.fixture
def opened(make_ticket, ojo, ojo_targets):
    with clock.frozen(MONDAY_9):
        return make_ticket(ojo, channel="email")


def refreshed(ticket: Ticket) -> Ticket:
    return Ticket.objects.get(pk=ticket.pk)


def test_a_new_ticket_gets_its_first_response_and_resolution_due(opened):
    assert opened.first_response_due_at == at(4)
    assert opened.resolution_due_at == at(24 + 8)  # Tuesday 17:00
    assert opened.next_response_due_at is None
    t = refreshed(opened)
    assert (t.sla_target, t.sla_due_at, t.sla_state) == ("first_response", at(4), SlaState.OK)
    assert t.sla_check_at == at(3.2)  # at risk after 80%


def test_a_channel_without_targets_has_none(make_ticket, ojo):
    t = refreshed(make_ticket(ojo, channel="chat"))
    assert t.first_response_due_at is None and t.sla_due_at is None and t.sla_check_at is None


def test_the_first_public_answer_meets_the_first_response_and_a_note_does_not(opened, alice):
    with clock.frozen(at(1)):
        actions.add_note(ticket=opened, body="checking", actor=actions.Actor.for_agent(alice))
    assert refreshed(opened).first_response_due_at == at(4)
    with clock.frozen(at(2)):
        actions.reply(ticket=opened, body="On it", actor=actions.Actor.for_agent(alice))
    t = refreshed(opened)
    assert t.first_response_due_at is None and t.first_response_at == at(2)
    assert t.sla_target == "resolution" and t.sla_due_at == at(32)


def test_a_players_message_after_an_answer_owes_the_next_response(opened, alice):
    with clock.frozen(at(1)):
        actions.reply(ticket=opened, body="Which card?", actor=actions.Actor.for_agent(alice))
    with clock.frozen(at(2)):
        actions.add_player_message(
            ticket=opened, body="Visa", actor=actions.Actor.for_player(opened.player)
        )
    t = refreshed(opened)
    assert t.next_response_due_at == at(26)  # 8 business hours: Tuesday 11:00
    with clock.frozen(at(3)):
        actions.reply(ticket=t, body="Thanks", actor=actions.Actor.for_agent(alice))
    assert refreshed(opened).next_response_due_at is None


def test_waiting_for_the_player_stops_the_clock_and_the_answer_resumes_it(opened, alice):
    # given the agent asks the player something after 1 hour (first response met)
    with clock.frozen(at(1)):
        actions.request_information(
            ticket=opened, body="Your username?", actor=actions.Actor.for_agent(alice)
        )
    t = refreshed(opened)
    assert t.status == Status.PENDING_PLAYER and t.sla_paused_at == at(1)
    assert t.sla_due_at is None and t.sla_check_at is None  # nothing runs: nothing to sweep
    # when the player answers two days later
    with clock.frozen(at(48 + 1)):
        actions.add_player_message(
            ticket=opened, body="julie88", actor=actions.Actor.for_player(opened.player)
        )
    # then the resolution, 15 business hours left when the clock stopped, is due 15 business
    # hours after the answer: Wednesday 10:00 + 15 h = Thursday 17:00
    t = refreshed(opened)
    assert t.status == Status.OPEN and t.sla_paused_at is None
    assert t.resolution_due_at == at(3 * 24 + 8)
    # and the player's answer owes a next response, counted from the answer
    assert t.next_response_due_at == at(48 + 1 + 24)
    assert t.sla_target == "next_response"


def test_a_paused_ticket_is_never_breached(opened, alice):
    with clock.frozen(at(1)):
        actions.request_information(ticket=opened, body="?", actor=actions.Actor.for_agent(alice))
    result = sweep_response_targets(now=at(24 * 30))
    assert (result.at_risk, result.breached) == (0, 0)
    assert refreshed(opened).sla_state == SlaState.OK


def test_an_urgent_priority_shortens_the_first_response(opened, alice):
    with clock.frozen(at(0.5)):
        actions.change_priority(
            ticket=opened, priority="urgent", actor=actions.Actor.for_agent(alice)
        )
    t = refreshed(opened)
    assert t.first_response_due_at == at(1)
    assert t.sla_due_at == at(1)


def test_resolving_meets_every_target_and_reopening_starts_a_new_resolution(opened, alice):
    with clock.frozen(at(1)):
        actions.resolve(ticket=opened, actor=actions.Actor.for_agent(alice))
    t = refreshed(opened)
    assert t.first_response_due_at is None and t.resolution_due_at is None
    assert t.sla_check_at is None
    with clock.frozen(at(5)):
        actions.add_player_message(
            ticket=t, body="Still broken", actor=actions.Actor.for_player(t.player)
        )
    t = refreshed(opened)
    assert t.status == Status.OPEN
    assert t.resolution_due_at == at(48 + 5)  # 16 business hours from Monday 14:00


def test_the_sweep_marks_at_risk_then_breached_once_each(opened):
    # before 80% of the target: nothing
    assert sweep_response_targets(now=at(3)).at_risk == 0
    # after 80%: at risk, with an event
    result = sweep_response_targets(now=at(3.5))
    assert (result.at_risk, result.breached) == (1, 0)
    t = refreshed(opened)
    assert t.sla_state == SlaState.AT_RISK and t.sla_check_at == at(4)
    # running again changes nothing
    assert sweep_response_targets(now=at(3.6)).at_risk == 0
    # past due: breached, with an event, and no more checks
    assert sweep_response_targets(now=at(4.1)).breached == 1
    t = refreshed(opened)
    assert t.sla_state == SlaState.BREACHED and t.sla_check_at is None
    events = list(t.events.filter(type__in=[EventType.SLA_AT_RISK, EventType.SLA_BREACHED]))
    assert [e.type for e in events] == [EventType.SLA_AT_RISK, EventType.SLA_BREACHED]
    assert events[1].data["target"] == "first_response"
    assert datetime.fromisoformat(events[1].data["due_at"]) == at(4)
    # written as Python writes it, whichever database judged it
    assert events[1].data["due_at"] == at(4).astimezone(UTC).isoformat()
    assert sweep_response_targets(now=at(10)).breached == 0


def test_the_sweep_writes_a_due_time_with_microseconds_as_python_does(opened):
    due = at(4) + timedelta(microseconds=120)
    Ticket.objects.filter(pk=opened.pk).update(sla_due_at=due)
    sweep_response_targets(now=at(5))
    event = opened.events.get(type=EventType.SLA_BREACHED)
    assert event.data["due_at"] == due.astimezone(UTC).isoformat()
    assert event.data["due_at"].endswith(".000120+00:00")


def test_a_late_sweep_goes_straight_to_breached(opened):
    assert sweep_response_targets(now=at(5)).breached == 1
    assert not Event.objects.filter(type=EventType.SLA_AT_RISK).exists()


def test_an_answer_after_a_breach_watches_the_next_target(opened, alice):
    sweep_response_targets(now=at(5))
    with clock.frozen(at(5)):
        actions.reply(
            ticket=opened, body="Sorry for the wait", actor=actions.Actor.for_agent(alice)
        )
    t = refreshed(opened)
    assert (t.sla_target, t.sla_state) == ("resolution", SlaState.OK)
    # the breach stays in the record
    assert t.events.filter(type=EventType.SLA_BREACHED).count() == 1


def test_the_sweep_tells_consoles_and_supervisors(opened, django_capture_on_commit_callbacks):
    import playerdesk.realtime.events as rt

    sent = []
    original = rt.send_event
    rt.send_event = lambda event, groups: sent.append((event, groups))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            sweep_response_targets(now=at(5))
    finally:
        rt.send_event = original
    (consoles, to_consoles), (notice, to_supervisors) = sent
    assert consoles == {"type": "tickets.sla", "count": 1}
    assert to_consoles == [f"brand.{opened.brand_id}"]
    assert notice["type"] == "sla.changed" and notice["breached"] == [opened.reference]
    assert to_supervisors == [f"supervisors.{opened.brand_id}"]


def test_the_sweep_works_in_batches(make_ticket, ojo, ojo_targets):
    with clock.frozen(MONDAY_9):
        for _ in range(7):
            make_ticket(ojo, channel="email")
    result = sweep_response_targets(now=at(5), batch=3)
    assert result.breached == 7
    assert Event.objects.filter(type=EventType.SLA_BREACHED).count() == 7
