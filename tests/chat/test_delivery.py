"""A live chat's message travels in its ticket's event with the id of the message it follows:
a connection that holds that one sends it on without reading the database; one that missed a
message reads what is new instead, so nothing is lost and nothing repeats."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from playerdesk.chat import actions as chat_actions
from playerdesk.chat.consumers import _Base
from playerdesk.realtime import events
from playerdesk.tickets import actions as ticket_actions
from tests.kyc.documents import payment_screenshot


@pytest.fixture
def pushed(monkeypatch) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    monkeypatch.setattr(events, "send_event", lambda event, groups: found.append(event))
    return found


@pytest.fixture
def chat(ojo, player, alice, settings):
    settings.PLAYERDESK_TRIAGE = False
    conversation = chat_actions.start(
        brand=ojo, player=player, language="fr", body="Bonjour", client_id="c-0"
    )
    return chat_actions.accept(conversation=conversation, agent=alice)


def _messages(pushed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e["message"] for e in pushed if e["type"] == "ticket.changed" and "message" in e]


def test_each_message_of_a_chat_says_which_it_follows(
    chat, alice, pushed, django_capture_on_commit_callbacks
):
    first = chat.ticket.messages.get().pk
    with django_capture_on_commit_callbacks(execute=True):
        said = chat_actions.say_as_player(conversation=chat, body="Mon retrait?", client_id="c-1")
        note = ticket_actions.add_note(
            ticket=chat.ticket, body="Vérifier", actor=ticket_actions.Actor.for_agent(alice)
        )
        answer = chat_actions.say_as_agent(
            conversation=chat, agent=alice, body="Je regarde.", client_id="a-1"
        )
    live = _messages(pushed)
    assert [m["row"]["id"] for m in live] == [said.pk, note.pk, answer.pk]
    assert [m["public"] for m in live] == [True, False, True]  # the player never sees a note
    assert live[0] == {
        "prev": first,
        "prev_public": first,
        "public": True,
        "row": live[0]["row"],
    }
    assert live[0]["row"]["body"] == "Mon retrait?"
    assert live[0]["row"]["author"] == "player"
    assert live[0]["row"]["client_id"] == "c-1"
    # the agent's side follows the note; the player's, the player's own message
    assert (live[2]["prev"], live[2]["prev_public"]) == (note.pk, said.pk)
    assert live[2]["row"]["name"] == "Alice"


def test_a_message_sent_again_is_the_one_stored_and_announced_once(
    chat, pushed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        one = chat_actions.say_as_player(conversation=chat, body="Allô", client_id="c-9")
        again = chat_actions.say_as_player(conversation=chat, body="Allô", client_id="c-9")
    assert one.pk == again.pk
    assert len(_messages(pushed)) == 1
    assert chat.ticket.messages.filter(client_id="c-9").count() == 1


def test_a_ticket_of_another_channel_carries_no_message(
    ticket, player, pushed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket_actions.add_player_message(
            ticket=ticket, body="More", actor=ticket_actions.Actor.for_player(player)
        )
    assert pushed and _messages(pushed) == []


class Probe(_Base):
    """A connection's end, its sent frames recorded."""

    def __init__(self, *, public_only: bool, last: int) -> None:
        super().__init__()
        self.public_only = public_only
        self.last_sent = {7: last}
        self.frames: list[dict[str, Any]] = []

    async def send_json(self, content: Any, close: bool = False) -> None:
        self.frames.append(content)


def _event(mid: int, prev: int, prev_public: int, public: bool = True) -> dict[str, Any]:
    row = {"id": mid, "author": "player", "name": "", "body": "x", "client_id": "", "at": ""}
    return {
        "type": "ticket.changed",
        "ticket": 7,
        "events": ["player_message"],
        "message": {"prev": prev, "prev_public": prev_public, "public": public, "row": row},
    }


def _changed(probe: Probe, event: dict[str, Any], conversation: int | None = None) -> bool:
    return asyncio.run(probe._changed(event, 7, conversation))


@pytest.mark.parametrize(
    ("public_only", "last", "event", "read", "sent"),
    [
        # it follows what this connection holds: sent as it is, nothing read
        (True, 10, _event(12, prev=11, prev_public=10), False, [12]),
        (False, 11, _event(12, prev=11, prev_public=10), False, [12]),
        # one was missed: read from the database
        (False, 10, _event(12, prev=11, prev_public=10), True, []),
        (True, 9, _event(12, prev=11, prev_public=10), True, []),
        # already sent (read meanwhile): nothing
        (True, 12, _event(12, prev=11, prev_public=10), False, []),
        # a note, which the player never sees: nothing, unless a message was missed
        (True, 10, _event(12, prev=11, prev_public=10, public=False), False, []),
        (True, 9, _event(12, prev=11, prev_public=10, public=False), True, []),
    ],
)
def test_a_connection_sends_the_message_on_only_when_it_follows(
    db, public_only, last, event, read, sent, django_assert_num_queries
):
    probe = Probe(public_only=public_only, last=last)
    with django_assert_num_queries(0):
        assert _changed(probe, event) is read
    assert [f["id"] for f in probe.frames] == sent
    assert probe.last_sent[7] == (sent[-1] if sent else last)


def test_an_event_without_its_message_or_with_no_message_news():
    probe = Probe(public_only=True, last=10)
    bare = {"type": "ticket.changed", "ticket": 7, "events": ["reply"]}
    assert _changed(probe, bare) is True  # a reply from the console's form: read it
    other = {"type": "ticket.changed", "ticket": 7, "events": ["assigned"]}
    assert _changed(probe, other) is False


def test_the_agents_side_names_the_conversation():
    probe = Probe(public_only=False, last=11)
    _changed(probe, _event(12, prev=11, prev_public=10), conversation=3)
    assert probe.frames == [
        {"type": "message", "conversation": 3, **_event(12, 11, 10)["message"]["row"]}
    ]


def test_a_file_in_a_chat_is_checked_stored_and_announced_with_its_message(
    chat, pushed, django_capture_on_commit_callbacks
):
    from playerdesk.chat.selectors import messages_after

    with django_capture_on_commit_callbacks(execute=True):
        message = chat_actions.send_file(
            conversation=chat, filename="../receipt.png", data=payment_screenshot(), client_id="f-1"
        )
    (stored,) = message.attachments.all()
    assert stored.filename == ".._receipt.png" and stored.content_type == "image/png"
    (live,) = _messages(pushed)
    assert live["row"]["attachments"] == [
        {"id": stored.pk, "name": ".._receipt.png", "size": stored.size, "type": "image/png"}
    ]
    assert messages_after(chat.ticket_id, 0)[-1]["attachments"] == live["row"]["attachments"]
    again = chat_actions.send_file(
        conversation=chat, filename="receipt.png", data=payment_screenshot(), client_id="f-1"
    )
    assert again.pk == message.pk and stored.message.attachments.count() == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"<html><script>alert(1)</script></html>", "unsupported_type"),
        (b"MZ\x90\x00" + b"\x00" * 200, "unsupported_type"),
        (b"", "empty"),
    ],
)
def test_a_file_that_is_not_a_plain_image_or_pdf_is_refused(chat, data, code):
    from playerdesk.kyc.files import FileRejected

    with pytest.raises(FileRejected) as refused:
        chat_actions.send_file(conversation=chat, filename="photo.png", data=data, client_id="x")
    assert refused.value.code == code
    assert not chat.ticket.messages.filter(client_id="x").exists()
