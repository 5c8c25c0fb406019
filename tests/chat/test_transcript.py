"""The player asks for the chat's transcript: an email of its public messages, in their
language, at most once a minute, never the agents' notes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from playerdesk.chat import actions as chat_actions
from playerdesk.lib import clock
from playerdesk.mail.models import OutboundEmail, OutboundKind
from playerdesk.people.actions import find_or_create_player
from playerdesk.tickets import actions as ticket_actions


@pytest.fixture
def chat(ojo, player, alice, settings):
    settings.PLAYERDESK_TRIAGE = False
    conversation = chat_actions.start(
        brand=ojo, player=player, language="fr", body="Mon retrait est bloqué", client_id="c-0"
    )
    conversation = chat_actions.accept(conversation=conversation, agent=alice)
    chat_actions.say_as_agent(
        conversation=conversation, agent=alice, body="Je regarde, un instant.", client_id="a-1"
    )
    ticket_actions.add_note(
        ticket=conversation.ticket,
        body="Note interne: joueur connu",
        actor=ticket_actions.Actor.for_agent(alice),
    )
    chat_actions.say_as_player(conversation=conversation, body="Merci <b>!</b>", client_id="c-1")
    return conversation


def test_the_transcript_holds_the_public_messages_in_the_players_language(chat):
    to = chat_actions.email_transcript(conversation=chat)
    assert to == "j***@example.ca"
    email = OutboundEmail.objects.get(ticket=chat.ticket, kind=OutboundKind.TRANSCRIPT)
    assert email.to == "julie@example.ca"
    assert email.subject.startswith(f"[{chat.ticket.reference}] Transcription de votre clavardage")
    text = email.body_text
    assert "Mon retrait est bloqué" in text and "Je regarde, un instant." in text
    assert "Merci <b>!</b>" in text  # the player's text as they typed it
    assert "Note interne" not in text and "Note interne" not in email.body_html
    assert "Alice:" in text and "Vous:" in text
    assert "&lt;b&gt;" in email.body_html and "<b>!" not in email.body_html
    assert text.index("Mon retrait") < text.index("Je regarde") < text.index("Merci")
    assert email.in_reply_to == "" or email.in_reply_to.startswith("<")


def test_a_transcript_once_a_minute(chat, monkeypatch):
    chat_actions.email_transcript(conversation=chat)
    with pytest.raises(ticket_actions.DomainError, match="just been sent"):
        chat_actions.email_transcript(conversation=chat)
    later = clock.now() + timedelta(seconds=chat_actions.TRANSCRIPT_SECONDS + 1)
    monkeypatch.setattr(clock, "now", lambda: later)
    chat_actions.email_transcript(conversation=chat)
    assert OutboundEmail.objects.filter(kind=OutboundKind.TRANSCRIPT).count() == 2


def test_no_address_no_transcript(ojo, settings):
    settings.PLAYERDESK_TRIAGE = False
    anonymous = find_or_create_player(brand=ojo, external_id="ojo-77", email="")
    conversation = chat_actions.start(
        brand=ojo, player=anonymous, language="en", body="Hello", client_id="x"
    )
    with pytest.raises(ticket_actions.DomainError, match="no email address"):
        chat_actions.email_transcript(conversation=conversation)
    assert not OutboundEmail.objects.exists()
