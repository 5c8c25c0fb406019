"""Sensitive account changes need the player's identity confirmed in the ticket (R11)."""

from __future__ import annotations

import pytest
from django.test import Client

from playerdesk.kyc import actions
from playerdesk.kyc.models import StepUp, WebhookDelivery
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooked(ticket):
    ticket.brand.webhook_url = "https://platform.example.com/hooks/playerdesk"
    ticket.brand.save()
    return ticket


def test_change_refused_without_confirmation(hooked, alice):
    with pytest.raises(actions.DomainError, match="Confirm the player's identity"):
        actions.change_account(
            ticket=hooked,
            change="email",
            new_email="new@example.ca",
            actor=actions.Actor.for_agent(alice),
        )
    hooked.player.refresh_from_db()
    assert hooked.player.email == "julie@example.ca"
    assert not WebhookDelivery.objects.exists()


def test_change_after_confirmation_is_recorded_with_how(hooked, alice):
    actor = actions.Actor.for_agent(alice)
    actions.confirm_identity(ticket=hooked, method="security_questions", note="", actor=actor)
    actions.change_account(ticket=hooked, change="email", new_email="new@example.ca", actor=actor)
    hooked.player.refresh_from_db()
    assert hooked.player.email == "new@example.ca"
    notes = list(hooked.messages.filter(kind="note").values_list("body", flat=True))
    assert any("security questions" in n for n in notes)
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "account.change_requested"
    assert delivery.payload["identity_confirmed_by"] == "security_questions"


def test_confirmation_in_another_ticket_does_not_count(make_ticket, ojo, player, alice):
    first = make_ticket(ojo, player)
    second = make_ticket(ojo, player)
    actor = actions.Actor.for_agent(alice)
    actions.confirm_identity(ticket=first, method="email_code", note="", actor=actor)
    with pytest.raises(actions.DomainError):
        actions.change_account(ticket=second, change="password", actor=actor)


def test_verified_documents_method_needs_an_approval(ticket, alice):
    with pytest.raises(actions.DomainError, match="no approved"):
        actions.confirm_identity(
            ticket=ticket,
            method="verified_documents",
            note="",
            actor=actions.Actor.for_agent(alice),
        )


def test_console_forms(hooked, alice):
    client = Client()
    client.login(username="alice", password=PASSWORD)
    url = f"/console/tickets/{hooked.reference}/"
    refused = client.post(url + "account_change/", {"change": "password"}, follow=True)
    assert "Confirm the player" in refused.content.decode()
    client.post(url + "confirm_identity/", {"method": "member_area"})
    assert StepUp.objects.filter(ticket=hooked, method="member_area").exists()
    done = client.post(url + "account_change/", {"change": "password"}, follow=True)
    assert "Account change recorded" in done.content.decode()
    page = client.get(url).content.decode()
    assert 'data-testid="step-ups"' in page


def test_agent_asks_for_documents_from_a_ticket(ticket, alice):
    client = Client()
    client.login(username="alice", password=PASSWORD)
    client.post(f"/console/tickets/{ticket.reference}/request_documents/")
    case = ticket.player.verification_cases.get()
    assert case.trigger == "manual" and case.ticket_id == ticket.pk
