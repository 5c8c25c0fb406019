"""The triage in the one intake path: what it changes on a ticket, what agents see and correct."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from playerdesk.people.actions import find_or_create_player
from playerdesk.tickets import actions
from playerdesk.tickets.models import Event, EventType
from playerdesk.triage.classifier import get_model
from playerdesk.triage.models import Correction

WITHDRAWAL = "My Interac withdrawal of 300 CAD is still pending after five days, where is it?"
HARM = "Please close my account. I can't stop gambling and I lost my rent money again."


def open_from(player, body, **kwargs):
    return actions.open_ticket(
        brand=player.brand,
        player=player,
        channel=kwargs.pop("channel", "email"),
        subject=kwargs.pop("subject", "Help"),
        body=body,
        actor=actions.Actor.for_player(player),
        **kwargs,
    )


@pytest.fixture
def someone(ojo, teams):
    return find_or_create_player(brand=ojo, external_id="ojo-77", email="sam@example.ca")


def test_the_model_routes_a_message_it_is_sure_of(someone):
    t = open_from(someone, WITHDRAWAL)
    assert (t.category, t.team.slug, t.language) == ("payments", "payments", "en")
    assert t.triage["applied"]["category"] and not t.triage["needs_category"]
    created = t.events.get(type=EventType.CREATED)
    assert created.data["triage"]["category"] == "payments"


def test_french_text_makes_a_french_ticket(someone):
    t = open_from(someone, "Bonjour, mon retrait de 300 $ est en attente depuis 5 jours.")
    assert t.language == "fr" and t.category == "payments"


def test_the_category_the_player_chose_wins(someone):
    t = open_from(someone, WITHDRAWAL, category="bonus", channel="form")
    assert (t.category, t.team.slug) == ("bonus", "promotions")
    assert t.triage["category"] == "payments"  # what the model said is kept
    assert not t.triage["applied"]["category"]


def test_a_message_the_model_is_not_sure_of_goes_to_frontline(someone, monkeypatch):
    monkeypatch.setitem(get_model().meta, "category_threshold", 1.01)  # sure of nothing
    t = open_from(someone, WITHDRAWAL)
    assert (t.category, t.team.slug) == ("general", "frontline")
    assert t.triage["needs_category"] and t.triage["category"] == "payments"


def test_signs_of_harm_go_to_responsible_gambling_whatever_the_category(someone):
    t = open_from(someone, HARM, category="account_access", channel="form")
    assert t.harm and t.category == "account_access"
    assert t.team.slug == "responsible_gambling"
    assert t.priority in ("high", "urgent")
    someone.refresh_from_db()
    assert someone.harm_flagged_at is not None


def test_a_statement_of_self_harm_is_urgent_even_against_the_platform(someone):
    t = open_from(someone, "I lost it all and I don't want to live anymore.", priority="low")
    assert t.harm and t.priority == "urgent" and t.team.slug == "responsible_gambling"
    assert "self_harm" in t.triage["markers"]


def test_harm_in_a_later_message_moves_the_ticket(someone):
    t = open_from(someone, "Where is my free spins bonus from the weekly promo?")
    assert not t.harm and t.team.slug == "promotions"
    actions.add_player_message(
        ticket=t,
        body="Honestly I can't stop gambling, I lost my rent money, please block me.",
        actor=actions.Actor.for_player(someone),
    )
    t.refresh_from_db()
    assert t.harm and t.team.slug == "responsible_gambling"
    harm_event = t.events.get(type=EventType.HARM)
    assert harm_event.data["to"] is True and harm_event.data["markers"]


def test_an_agents_changes_are_recorded_as_corrections(someone, make_agent, ojo, teams):
    agent = make_agent("dana", [ojo], [teams["frontline"], teams["payments"]])
    actor = actions.Actor.for_agent(agent)
    t = open_from(someone, WITHDRAWAL)
    actions.change_category(ticket=t, category="verification", actor=actor)
    actions.change_priority(ticket=t, priority="low", actor=actor)
    actions.set_harm(ticket=t, harm=True, actor=actor)
    rows = list(Correction.objects.values_list("field", "predicted", "corrected", "agent"))
    assert rows == [
        ("category", "payments", "verification", agent.pk),
        ("priority", t.triage["priority"], "low", agent.pk),
        ("harm", "false", "true", agent.pk),
    ]
    assert Correction.objects.first().text.endswith(WITHDRAWAL)
    t.refresh_from_db()
    assert t.team.slug == "responsible_gambling" and t.priority == "high"
    # Cleared again: back to the category's team, the player's mark lifted.
    actions.set_harm(ticket=t, harm=False, actor=actor)
    t.refresh_from_db()
    someone.refresh_from_db()
    assert t.team.slug == "verification" and someone.harm_flagged_at is None

    out = io.StringIO()
    call_command("triage", "corrections", stdout=out)
    (line,) = [json.loads(x) for x in out.getvalue().splitlines()]
    assert line["category"] == "verification" and line["harm"] is False
    assert line["text"].endswith(WITHDRAWAL)


def test_a_ticket_never_triaged_records_no_correction(someone, alice, settings):
    settings.PLAYERDESK_TRIAGE = False
    t = open_from(someone, WITHDRAWAL)
    assert (t.category, t.team.slug, t.triage) == ("general", "frontline", {})
    actions.change_category(ticket=t, category="payments", actor=actions.Actor.for_agent(alice))
    assert not Correction.objects.exists()


def test_the_console_shows_why_and_takes_a_correction(someone, alice, console_as, ojo, teams):
    t = open_from(someone, HARM)
    alice.teams.add(teams["responsible_gambling"])
    client = console_as(alice)
    page = client.get(f"/console/tickets/{t.reference}/").content.decode()
    assert 'data-testid="triage"' in page and 'data-testid="player-harm"' in page
    assert 'data-testid="harm-badge"' in page
    r = client.post(f"/console/tickets/{t.reference}/harm/", {"harm": "no"})
    assert r.status_code == 302
    t.refresh_from_db()
    assert not t.harm
    assert Correction.objects.filter(ticket=t, field="harm", corrected="false").exists()
    assert Event.objects.filter(ticket=t, type=EventType.HARM).count() == 1
