"""Actions: what they record, what they refuse, and that record and change commit together."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection
from django.db.utils import DatabaseError

from playerdesk.mail.models import OutboundEmail
from playerdesk.tickets import actions
from playerdesk.tickets.models import Event, EventType, Message, MessageKind, Status, Ticket


def test_open_ticket_gives_reference_team_priority_and_created_event(make_ticket, ojo, teams):
    t = make_ticket(ojo, category="security", subject="Someone changed my password")
    assert t.reference.startswith("OJO-")
    assert t.team.slug == "security"
    assert t.priority == "high"  # account security comes first
    assert t.status == Status.NEW
    assert [e.type for e in t.events.all()] == [EventType.CREATED]
    assert t.messages.get().kind == MessageKind.PLAYER
    assert Ticket.objects.get(reference=t.reference) == t


def test_category_decides_the_team(make_ticket, ojo, teams):
    expected = {
        "payments": "payments",
        "bonus": "promotions",
        "technical": "technical",
        "verification": "verification",
        "responsible_gambling": "responsible_gambling",
        "account_access": "frontline",
        "general": "frontline",
    }
    for category, team in expected.items():
        assert make_ticket(ojo, category=category).team.slug == team


def test_player_reply_reopens_a_resolved_ticket(ticket, alice):
    actions.resolve(ticket=ticket, actor=actions.Actor.for_agent(alice))
    actions.add_player_message(
        ticket=ticket, body="It happened again", actor=actions.Actor.for_player(ticket.player)
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.resolved_at is None
    last = list(ticket.events.values_list("type", "data"))[-1]
    assert last == (EventType.STATUS, {"from": "resolved", "to": "open"})


def test_player_answer_moves_a_waiting_ticket_back_to_open(ticket, alice):
    actions.request_information(
        ticket=ticket, body="Which card?", actor=actions.Actor.for_agent(alice)
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.PENDING_PLAYER
    actions.add_player_message(
        ticket=ticket, body="Visa ending 1234", actor=actions.Actor.for_player(ticket.player)
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN


def test_first_public_reply_is_recorded_and_notes_are_not_replies(ticket, alice):
    actor = actions.Actor.for_agent(alice)
    actions.add_note(ticket=ticket, body="checking the ledger", actor=actor)
    ticket.refresh_from_db()
    assert ticket.first_response_at is None
    actions.reply(ticket=ticket, body="Hello Julie", actor=actor)
    ticket.refresh_from_db()
    assert ticket.first_response_at is not None
    assert ticket.status == Status.OPEN


def test_escalation_records_reason_teams_and_leaves_the_agent(ticket, alice, teams):
    actions.assign(ticket=ticket, agent=alice, actor=actions.Actor.for_agent(alice))
    actions.escalate(
        ticket=ticket,
        team=teams["payments"],
        reason="Bank trace needed",
        actor=actions.Actor.for_agent(alice),
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.ESCALATED and ticket.team.slug == "payments"
    assert ticket.assignee is None
    escalated = ticket.events.get(type=EventType.ESCALATED)
    assert escalated.data["from"] == "frontline" and escalated.data["to"] == "payments"
    assert escalated.data["reason"] == "Bank trace needed"
    assert escalated.actor_agent == alice


def test_escalation_needs_a_reason(ticket, alice, teams):
    with pytest.raises(actions.DomainError) as err:
        actions.escalate(
            ticket=ticket, team=teams["payments"], reason=" ", actor=actions.Actor.for_agent(alice)
        )
    assert err.value.field == "reason"


def test_compliance_reads_but_cannot_change(ticket, make_agent, ojo, teams):
    carla = make_agent("carla", [ojo], [], role="compliance")
    with pytest.raises(actions.DomainError):
        actions.reply(ticket=ticket, body="hi", actor=actions.Actor.for_agent(carla))
    assert ticket.messages.count() == 1


def test_an_agent_of_another_brand_cannot_be_assigned(ticket, alice, charlie):
    with pytest.raises(actions.DomainError):
        actions.assign(ticket=ticket, agent=charlie, actor=actions.Actor.for_agent(alice))


def test_empty_messages_are_refused(ticket, alice):
    with pytest.raises(actions.DomainError):
        actions.reply(ticket=ticket, body="   ", actor=actions.Actor.for_agent(alice))


def test_messages_are_sanitised_on_the_way_in(ticket, alice):
    m = actions.add_player_message(
        ticket=ticket,
        is_html=True,
        actor=actions.Actor.for_player(ticket.player),
        body='<p onmouseover="x()">Look<script>steal()</script></p>',
    )
    assert "script" not in m.body and "onmouseover" not in m.body and "Look" in m.body


@pytest.fixture
def refused_events(monkeypatch):
    """Every event the actions make is one the database refuses (an unknown type)."""
    make = actions._event

    def bogus(*args, **kwargs):
        event = make(*args, **kwargs)
        event.type = "bogus"
        return event

    monkeypatch.setattr(actions, "_event", bogus)


def test_a_failed_event_write_rolls_back_the_change(ticket, alice, refused_events):
    # given the database refuses the event row
    # when an agent replies
    with pytest.raises(IntegrityError):
        actions.reply(ticket=ticket, body="Hello", actor=actions.Actor.for_agent(alice))
    # then neither the message nor the status change were kept
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW
    assert ticket.first_response_at is None
    assert not Message.objects.filter(ticket=ticket, kind=MessageKind.AGENT).exists()


def test_a_failed_event_write_rolls_back_a_new_ticket(ojo, player, teams, refused_events):
    # inside a caller's transaction
    with pytest.raises(IntegrityError):
        actions.open_ticket(
            brand=ojo,
            player=player,
            channel="email",
            subject="s",
            body="b",
            actor=actions.Actor.for_player(player),
        )
    assert not Ticket.objects.exists() and not Message.objects.exists()


def test_a_refused_new_ticket_leaves_nothing_in_autocommit(
    transactional_db, ojo, player, teams, refused_events
):
    # as a request does it: no transaction around the action
    with pytest.raises(IntegrityError):
        actions.open_ticket(
            brand=ojo,
            player=player,
            channel="email",
            subject="s",
            body="b",
            actor=actions.Actor.for_player(player),
        )
    assert not Ticket.objects.exists() and not Message.objects.exists()
    assert not Event.objects.exists()


def test_a_new_ticket_writes_every_column_as_save_would(ojo, player, teams, settings):
    settings.PLAYERDESK_TRIAGE = False  # the columns, not the triage, are tested here
    ticket = actions.open_ticket(
        brand=ojo,
        player=player,
        channel="form",
        subject="  Deposit missing  ",
        body="Line one\n\nLine <two>",
        category="payments",
        fields={"transaction_id": "TX-1", "amount": "25.00"},
        actor=actions.Actor.for_player(player),
    )
    stored = Ticket.objects.get(pk=ticket.pk)
    for field in Ticket._meta.concrete_fields:
        assert getattr(stored, field.attname) == getattr(ticket, field.attname), field.name
    message = stored.messages.get()
    assert message.body == "<p>Line one</p><p>Line &lt;two&gt;</p>"
    assert message.author_player == player and message.channel == "form"
    event = stored.events.get()
    assert event.data["category"] == "payments" and event.data["team"] == "payments"
    assert event.created_at == stored.created_at == message.created_at


def test_every_action_writes_its_event_in_the_same_transaction(
    ticket, alice, teams, django_capture_on_commit_callbacks
):
    actor = actions.Actor.for_agent(alice)
    with django_capture_on_commit_callbacks() as callbacks:
        actions.reply(ticket=ticket, body="hi", actor=actor)
    # the push and the sending of the player's email wait for the commit; the event row and the
    # email's row do not
    assert len(callbacks) == 2
    assert ticket.events.filter(type=EventType.REPLY).exists()
    assert OutboundEmail.objects.filter(ticket=ticket, kind="reply").count() == 1


def test_events_cannot_be_edited(ticket):
    event = ticket.events.get()
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("UPDATE tickets_event SET type = 'reply' WHERE id = %s", [event.pk])


def test_the_realtime_push_carries_the_event_types(
    ticket, alice, django_capture_on_commit_callbacks
):
    sent = []
    import playerdesk.realtime.events as rt

    original = rt.send_event
    rt.send_event = lambda event, groups: sent.append((event, groups))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            actions.resolve(ticket=ticket, actor=actions.Actor.for_agent(alice))
    finally:
        rt.send_event = original
    event, groups = sent[0]
    assert event["type"] == "ticket.changed" and event["events"] == ["status"]
    assert f"brand.{ticket.brand_id}" in groups


def test_a_ticket_opens_untriaged_when_the_model_cannot_be_read(
    ojo, teams, player, monkeypatch, tmp_path
):
    from playerdesk.triage import classifier

    broken = tmp_path / "model.zip"
    broken.write_bytes(b"not a model")
    monkeypatch.setenv(classifier.MODEL_ENV, str(broken))
    classifier._model.cache_clear()
    try:
        ticket = actions.open_ticket(
            brand=ojo,
            player=player,
            channel="api",
            subject="Withdrawal",
            body="Where is my withdrawal?",
            actor=actions.Actor.for_player(player),
        )
        assert ticket.category == "general" and ticket.triage == {}
        actions.add_player_message(
            ticket=ticket, body="still nothing", actor=actions.Actor.for_player(player)
        )
    finally:
        classifier._model.cache_clear()
