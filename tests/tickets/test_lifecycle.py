"""Every action from every status: allowed ones change the ticket and write their events;
refused ones raise a TransitionError that names what is allowed, and change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from playerdesk.tickets import actions
from playerdesk.tickets.lifecycle import RULES, TransitionError, check_action
from playerdesk.tickets.models import Event, Status

STATUSES = [s.value for s in Status]


def put_in_status(ticket, status, agent, teams):
    actor = actions.Actor.for_agent(agent)
    if status == Status.NEW:
        return ticket
    if status == Status.OPEN:
        actions.assign(ticket=ticket, agent=agent, actor=actor)
    elif status == Status.PENDING_PLAYER:
        actions.request_information(ticket=ticket, body="Your username?", actor=actor)
    elif status == Status.ESCALATED:
        actions.escalate(ticket=ticket, team=teams["payments"], reason="bank", actor=actor)
    elif status == Status.ON_HOLD:
        actions.hold(ticket=ticket, reason="provider", actor=actor)
    elif status == Status.RESOLVED:
        actions.resolve(ticket=ticket, actor=actor)
    elif status == Status.CLOSED:
        actions.resolve(ticket=ticket, actor=actor)
        actions.close(ticket=ticket, actor=actor)
    ticket.refresh_from_db()
    assert ticket.status == status
    return ticket


def run(action, ticket, agent, teams, bob):
    actor = actions.Actor.for_agent(agent)
    call = {
        "add_player_message": lambda: actions.add_player_message(
            ticket=ticket, body="Any news?", actor=actions.Actor.for_player(ticket.player)
        ),
        "reply": lambda: actions.reply(ticket=ticket, body="We are on it.", actor=actor),
        "add_note": lambda: actions.add_note(ticket=ticket, body="internal", actor=actor),
        "request_information": lambda: actions.request_information(
            ticket=ticket, body="Which card?", actor=actor
        ),
        "escalate": lambda: actions.escalate(
            ticket=ticket,
            team=teams["security"],
            reason="account takeover?",
            actor=actor,
            expected_by=timezone.now() + timedelta(days=2),
        ),
        "hold": lambda: actions.hold(ticket=ticket, reason="waiting for provider", actor=actor),
        "tell_expected_time": lambda: actions.tell_expected_time(
            ticket=ticket, expected_by=timezone.now() + timedelta(days=1), actor=actor
        ),
        "assign": lambda: actions.assign(ticket=ticket, agent=bob, actor=actor),
        "change_category": lambda: actions.change_category(
            ticket=ticket, category="payments", actor=actor
        ),
        "change_priority": lambda: actions.change_priority(
            ticket=ticket, priority="urgent", actor=actor
        ),
        "update_fields": lambda: actions.update_fields(
            ticket=ticket, fields={"transaction_id": "TX-1"}, actor=actor
        ),
        "resolve": lambda: actions.resolve(ticket=ticket, actor=actor),
        "close": lambda: actions.close(ticket=ticket, actor=actor),
    }
    assert set(call) == set(RULES), "every action of the lifecycle table is exercised"
    return call[action]()


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", sorted(RULES))
def test_every_action_from_every_status(action, status, ticket, alice, bob, teams):
    # given a ticket in `status`
    ticket = put_in_status(ticket, status, alice, teams)
    events_before = Event.objects.filter(ticket=ticket).count()
    allowed = status in RULES[action].allowed_from
    # when the action runs
    if not allowed:
        with pytest.raises(TransitionError) as err:
            run(action, ticket, alice, teams, bob)
        # then nothing changed and the error says what is allowed
        ticket.refresh_from_db()
        assert ticket.status == status
        assert Event.objects.filter(ticket=ticket).count() == events_before
        assert err.value.allowed_from == sorted(RULES[action].allowed_from)
        assert "allowed when it is" in err.value.message
        return
    run(action, ticket, alice, teams, bob)
    # then the status is the one the table says, and at least one event was written
    ticket.refresh_from_db()
    assert ticket.status == check_action(action, status)
    assert Event.objects.filter(ticket=ticket).count() > events_before


def test_closed_is_final():
    assert [a for a, rule in RULES.items() if Status.CLOSED in rule.allowed_from] == ["add_note"]
