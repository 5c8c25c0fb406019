"""Email out: answers and acknowledgments threaded and in the player's language, sending retried
with backoff, no automatic answer to machines, delivery reports on the ticket."""

from __future__ import annotations

import email
import smtplib
from datetime import timedelta
from email import policy

import pytest
from django.core import mail as django_mail

from playerdesk.brands.models import ChannelSetting
from playerdesk.lib import clock, retry
from playerdesk.mail import outbound
from playerdesk.mail.ingest import ingest
from playerdesk.mail.models import InboundEmail, OutboundEmail
from playerdesk.people.models import Player
from playerdesk.tickets import actions
from playerdesk.tickets.models import EventType, Message, Ticket

from .messages import player_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(ojo, teams):
    ojo.support_email = "support@ojo.example.com"
    ojo.save()
    ChannelSetting.objects.create(brand=ojo, channel="email", automatic_acknowledgment=True)
    ChannelSetting.objects.create(brand=ojo, channel="form", automatic_acknowledgment=False)
    return ojo


_mail = player_mail


def _sent() -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(m.message().as_bytes(), policy=policy.default)
        for m in django_mail.outbox
    ]


def test_a_new_email_ticket_is_acknowledged_with_its_reference_and_expected_time(desk):
    result = ingest(desk, _mail())
    assert result.status == "created"
    assert outbound.deliver_due() == 1
    (ack,) = _sent()
    assert result.reference in ack["Subject"]
    assert ack["To"] == "julie@example.ca"
    assert ack["From"] == "support@ojo.example.com"
    assert ack["Auto-Submitted"] == "auto-replied"
    assert ack["In-Reply-To"] == "<m1@example.ca>"
    assert ack["References"] == "<m1@example.ca>"
    assert ack["Message-ID"].startswith(f"<{result.reference.lower()}.")
    text = ack.get_body(("plain",)).get_content()
    assert result.reference in text and "We received your message" in text
    html = ack.get_body(("html",)).get_content()
    assert result.reference in html


def test_the_acknowledgment_is_in_the_players_language(desk):
    ingest(desk, _mail())
    Player.objects.update(preferred_language="fr")
    OutboundEmail.objects.all().delete()
    ticket = Ticket.objects.get()
    outbound.acknowledge(ticket=Ticket.objects.select_related("player", "brand").get())
    outbound.deliver_due()
    (ack,) = _sent()
    assert "Nous avons bien reçu votre message" in ack.get_body(("plain",)).get_content()
    assert ticket.reference in ack["Subject"]


def test_a_brand_that_does_not_acknowledge_sends_nothing(desk):
    ChannelSetting.objects.filter(channel="email").update(automatic_acknowledgment=False)
    ingest(desk, _mail())
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto_Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"Precedence": "junk"},
        {"List_Id": "<players.lists.example.ca>"},
        {"X_Autoreply": "yes"},
    ],
)
def test_no_automatic_answer_to_a_machine(desk, headers):
    assert ingest(desk, _mail(**headers)).status == "created"
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize(
    "sender", ["MAILER-DAEMON@mx.example.ca", "postmaster@example.ca", "no-reply@example.ca"]
)
def test_no_automatic_answer_to_a_mail_system(desk, sender):
    ingest(desk, _mail(sender=sender))
    assert not OutboundEmail.objects.exists()


def test_no_automatic_answer_to_our_own_address(desk):
    ingest(desk, _mail(sender="support@ojo.example.com"))
    assert not OutboundEmail.objects.exists()


def test_automatic_answers_to_one_address_are_limited(desk):
    for n in range(6):
        ingest(desk, _mail(subject=f"question {n}", message_id=f"<q{n}@example.ca>"))
    assert Ticket.objects.count() == 6
    assert OutboundEmail.objects.count() == outbound.AUTO_ANSWERS_PER_HOUR


def test_an_auto_responder_answering_the_acknowledgment_does_not_start_a_ping_pong(desk):
    """A naive auto-responder (no Auto-Submitted, a new subject, a new Message-ID each time)
    answers every email it gets: it is answered a few times an hour at most, and once it quotes
    our email its answers go to the same ticket."""
    ingest(desk, _mail())
    for round_ in range(10):
        outbound.deliver_due()
        if not django_mail.outbox:
            break
        ours = _sent()[-1]
        django_mail.outbox.clear()
        # The responder's answer: no headers that say it is automatic; half the time it even
        # drops the subject and the threading headers.
        headers = {} if round_ % 2 else {"In_Reply_To": ours["Message-ID"]}
        subject = "Out of office" if round_ % 2 else f"Re: {ours['Subject']}"
        ingest(desk, _mail(subject=subject, message_id=f"<auto{round_}@example.ca>", **headers))
    assert OutboundEmail.objects.count() <= outbound.AUTO_ANSWERS_PER_HOUR
    assert not django_mail.outbox or len(django_mail.outbox) <= 1
    # the answers that quoted our email continued the ticket instead of opening one each
    assert Ticket.objects.count() <= 1 + 5


def test_an_agents_reply_is_emailed_with_threading_headers(desk, alice):
    first = ingest(desk, _mail())
    outbound.deliver_due()
    ack = _sent()[0]
    django_mail.outbox.clear()
    ticket = Ticket.objects.get(reference=first.reference)
    actions.reply(
        ticket=ticket, body="We sent it again today.", actor=actions.Actor.for_agent(alice)
    )
    assert outbound.deliver_due() == 1
    (answer,) = _sent()
    assert answer["In-Reply-To"] == "<m1@example.ca>"
    assert answer["References"].split() == ["<m1@example.ca>", ack["Message-ID"]]
    assert first.reference in answer["Subject"] and answer["Subject"].startswith("Re: ")
    assert "We sent it again today." in answer.get_body(("plain",)).get_content()
    assert "Auto-Submitted" not in answer
    # the player answers the agent's email without the reference in the subject
    reply = _mail(
        subject="Re: your answer",
        message_id="<m2@example.ca>",
        In_Reply_To=answer["Message-ID"],
        References=answer["References"],
    )
    assert ingest(desk, reply).as_dict() == {
        "status": "appended",
        "reference": first.reference,
        "reason": "",
    }
    # and the next answer points at the player's latest message
    actions.reply(ticket=ticket, body="Thanks.", actor=actions.Actor.for_agent(alice))
    outbound.deliver_due()
    assert _sent()[-1]["In-Reply-To"] == "<m2@example.ca>"


def test_the_header_threading_never_crosses_players(desk, alice):
    first = ingest(desk, _mail())
    ours = OutboundEmail.objects.get()
    other = _mail(
        sender="mallory@example.ca",
        message_id="<x@example.ca>",
        subject="hello",
        In_Reply_To=ours.header_message_id,
    )
    result = ingest(desk, other)
    assert result.status == "created" and result.reference != first.reference


def test_a_reply_to_the_players_own_email_continues_their_ticket(desk):
    first = ingest(desk, _mail())
    again = _mail(
        subject="forgot the screenshot", message_id="<m9@example.ca>", In_Reply_To="<m1@example.ca>"
    )
    assert ingest(desk, again).reference == first.reference


def test_notes_are_never_emailed_and_chat_players_are_not_emailed(desk, alice, player):
    ticket = actions.open_ticket(
        brand=desk,
        player=player,
        channel="chat",
        subject="hi",
        body="hello",
        actor=actions.Actor.for_player(player),
    )
    actions.reply(ticket=ticket, body="hello from chat", actor=actions.Actor.for_agent(alice))
    actions.add_note(ticket=ticket, body="internal", actor=actions.Actor.for_agent(alice))
    assert not OutboundEmail.objects.exists()
    email_ticket = Ticket.objects.get(reference=ingest(desk, _mail()).reference)
    OutboundEmail.objects.all().delete()
    actions.add_note(ticket=email_ticket, body="internal", actor=actions.Actor.for_agent(alice))
    assert not OutboundEmail.objects.exists()


class _DownConnection:
    def __init__(self, *a, **k):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    def open(self):
        pass

    def close(self):
        pass


def test_a_mail_server_that_is_down_delays_mail_never_loses_it(desk, settings):
    ingest(desk, _mail())
    settings.EMAIL_BACKEND = f"{__name__}._DownConnection"
    assert outbound.deliver_due() == 0
    row = OutboundEmail.objects.get()
    assert row.status == "queued" and row.attempts == 1
    assert "Connection refused" in row.last_error
    assert row.next_attempt_at > clock.now()
    assert outbound.deliver_due() == 0  # not due yet: not tried again
    assert OutboundEmail.objects.get().attempts == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = clock.now() + retry.backoff(1) + timedelta(seconds=1)
    assert outbound.deliver_due(now=later) == 1
    assert OutboundEmail.objects.get().status == "sent"
    assert len(django_mail.outbox) == 1


def test_after_the_last_attempt_the_ticket_says_the_email_was_not_delivered(desk, settings):
    result = ingest(desk, _mail())
    settings.EMAIL_BACKEND = f"{__name__}._DownConnection"
    OutboundEmail.objects.update(attempts=outbound.MAX_ATTEMPTS - 1)
    outbound.deliver_due()
    assert OutboundEmail.objects.get().status == "failed"
    event = Ticket.objects.get(reference=result.reference).events.get(type=EventType.EMAIL_FAILED)
    assert event.data["address"] == "julie@example.ca"


class _RefusingConnection(_DownConnection):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"julie@example.ca": (550, b"5.1.1 unknown user")})


def test_an_address_the_server_refuses_for_good_is_not_retried(desk, settings):
    ingest(desk, _mail())
    settings.EMAIL_BACKEND = f"{__name__}._RefusingConnection"
    outbound.deliver_due()
    assert OutboundEmail.objects.get().status == "failed"


class _ConnectionWithASecondWorker(_DownConnection):
    """While the first worker is sending, a second one runs: it must find nothing to send."""

    seen: list[int] = []

    def send_messages(self, messages):
        _ConnectionWithASecondWorker.seen.append(outbound.deliver_due())
        return len(messages)


def test_a_second_worker_does_not_send_what_the_first_is_sending(desk, settings):
    ingest(desk, _mail())
    settings.EMAIL_BACKEND = f"{__name__}._ConnectionWithASecondWorker"
    _ConnectionWithASecondWorker.seen.clear()
    assert outbound.deliver_due() == 1
    assert _ConnectionWithASecondWorker.seen == [0]
    assert OutboundEmail.objects.get().status == "sent"


def _bounce(original_id: str, recipient: str = "julie@example.ca") -> bytes:
    return (
        "From: MAILER-DAEMON@mx.example.ca\r\n"
        "To: support@ojo.example.com\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <bounce-1@mx.example.ca>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        "\r\n--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.ca\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {original_id}\r\nSubject: whatever\r\n"
        "--B--\r\n"
    ).encode()


def test_a_delivery_report_marks_the_address_failing_and_tells_the_ticket(desk, alice):
    first = ingest(desk, _mail())
    outbound.deliver_due()
    ours = OutboundEmail.objects.get()
    result = ingest(desk, _bounce(ours.header_message_id))
    assert result.status == "appended" and result.reference == first.reference
    assert "5.1.1" in result.reason
    assert Ticket.objects.count() == 1  # a report never opens a ticket
    assert OutboundEmail.objects.count() == 1  # and is never answered
    assert OutboundEmail.objects.get().status == "failed"
    ticket = Ticket.objects.get()
    event = ticket.events.get(type=EventType.EMAIL_FAILED)
    assert event.data["status"] == "5.1.1" and event.actor_kind == "system"
    player = Player.objects.get()
    assert player.email_failing_since is not None and "user unknown" in player.email_failure
    assert InboundEmail.objects.get(header_message_id="<bounce-1@mx.example.ca>").status == "bounce"
    # nothing more is sent to the failing address: the agent's reply is kept, marked not sent
    actions.reply(ticket=ticket, body="Hello?", actor=actions.Actor.for_agent(alice))
    assert OutboundEmail.objects.latest("id").status == "suppressed"
    # until the player writes from it again
    ingest(desk, _mail(subject=f"Re: [{first.reference}]", message_id="<m3@example.ca>"))
    assert Player.objects.get().email_failing_since is None
    actions.reply(ticket=ticket, body="Welcome back", actor=actions.Actor.for_agent(alice))
    assert OutboundEmail.objects.latest("id").status == "queued"


def test_a_delivery_report_for_no_email_of_ours_is_kept_not_a_ticket(desk):
    result = ingest(desk, _bounce("<unknown@elsewhere.example>", "nobody@example.ca"))
    assert result.status == "rejected" and "no email of ours" in result.reason
    assert not Ticket.objects.exists()
    assert InboundEmail.objects.get().status == "bounce"


def test_a_contact_form_ticket_gets_agent_replies_by_email(desk, alice, player):
    ticket = actions.open_ticket(
        brand=desk,
        player=player,
        channel="form",
        subject="Bonus",
        body="Where is my bonus?",
        actor=actions.Actor.for_player(player),
    )
    actions.reply(ticket=ticket, body="It is on its way.", actor=actions.Actor.for_agent(alice))
    row = OutboundEmail.objects.get()
    assert row.to == player.email and row.message == Message.objects.filter(ticket=ticket).last()


def test_the_brands_own_template_is_used_when_it_has_one(desk, tmp_path, settings):
    folder = tmp_path / "mail" / desk.slug
    folder.mkdir(parents=True)
    (folder / "acknowledgment.txt").write_text("OJO SAYS {{ ticket.reference }}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(tmp_path), *settings.TEMPLATES[0].get("DIRS", [])]}
    ]
    result = ingest(desk, _mail())
    assert OutboundEmail.objects.get().body_text.strip() == f"OJO SAYS {result.reference}"


def test_a_report_without_our_message_id_does_not_stop_mail_to_the_address(desk):
    """Anyone can write a delivery report naming an address: without the Message-ID of one of
    our emails it is noted on the ticket, but mail to the player goes on."""
    first = ingest(desk, _mail())
    result = ingest(desk, _bounce("<not-ours@elsewhere.example>"))
    assert result.status == "appended" and result.reference == first.reference
    assert Ticket.objects.get().events.filter(type=EventType.EMAIL_FAILED).exists()
    assert Player.objects.get().email_failing_since is None
