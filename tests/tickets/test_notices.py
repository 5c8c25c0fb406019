"""Players are told of an escalation and of a new expected time, in their language, with the
time in their brand's time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from playerdesk.lib import clock
from playerdesk.tickets import actions, notices
from playerdesk.tickets.models import EventType, MessageKind

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TORONTO)


def test_the_expected_time_reads_naturally_in_both_languages():
    at = datetime(2026, 11, 24, 20, 0, tzinfo=ZoneInfo("UTC"))
    assert notices.when(at, "America/Toronto", "en") == "Tuesday, November 24, 2026 at 15:00 (EST)"
    assert notices.when(at, "America/Toronto", "fr") == "mardi 24 novembre 2026 à 15:00 (HNE)"
    summer = datetime(2026, 7, 2, 21, 0, tzinfo=ZoneInfo("UTC"))
    assert notices.when(summer, "America/Toronto", "fr").endswith("(HAE)")


def test_an_escalation_tells_the_player_in_french(ticket, alice, teams):
    # the fixture's player writes in French
    with clock.frozen(NOW):
        actions.escalate(
            ticket=ticket,
            team=teams["payments"],
            reason="bank trace",
            expected_by=datetime(2026, 11, 25, 12, 0, tzinfo=TORONTO),
            actor=actions.Actor.for_agent(alice),
        )
    told = ticket.messages.filter(kind=MessageKind.AGENT).get()
    assert ticket.reference in told.body
    assert "équipe Paiements" in told.body
    assert "mercredi 25 novembre 2026 à 12:00 (HNE)" in told.body
    event = ticket.events.get(type=EventType.EXPECTED)
    assert event.data["message"] == told.pk
    assert datetime.fromisoformat(event.data["expected_by"]) == datetime(
        2026, 11, 25, 12, 0, tzinfo=TORONTO
    )


def test_an_escalation_without_a_time_still_tells_the_player(make_ticket, ojo, alice, teams):
    t = make_ticket(ojo, language="en")
    actions.escalate(
        ticket=t, team=teams["security"], reason="takeover", actor=actions.Actor.for_agent(alice)
    )
    told = t.messages.filter(kind=MessageKind.AGENT).get()
    assert "passed to our Security team" in told.body and "expect" not in told.body


def test_a_new_expected_time_is_told_and_recorded(ticket, alice):
    with clock.frozen(NOW):
        t = actions.tell_expected_time(
            ticket=ticket,
            expected_by=datetime(2026, 11, 26, 9, 30, tzinfo=TORONTO),
            actor=actions.Actor.for_agent(alice),
        )
    assert t.expected_by == datetime(2026, 11, 26, 9, 30, tzinfo=TORONTO)
    told = ticket.messages.filter(kind=MessageKind.AGENT).get()
    assert "jeudi 26 novembre 2026 à 09:30" in told.body


def test_an_expected_time_in_the_past_is_refused(ticket, alice):
    with clock.frozen(NOW), pytest.raises(actions.DomainError, match="future"):
        actions.tell_expected_time(
            ticket=ticket,
            expected_by=datetime(2026, 11, 20, 9, 0, tzinfo=TORONTO),
            actor=actions.Actor.for_agent(alice),
        )
