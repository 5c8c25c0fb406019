"""Email end to end with real servers on loopback: a Dovecot mailbox read over IMAP, the
built-in SMTP receiver with swaks as the client, and an SMTP server that delivers playerdesk's
mail into the player's Dovecot mailbox."""

from __future__ import annotations

import io
import shutil
from email.message import EmailMessage

import pytest
from django.core.management import call_command
from imap_tools import MailBoxUnencrypted

from playerdesk.brands.models import ChannelSetting
from playerdesk.mail import imap, outbound
from playerdesk.mail.models import InboundEmail, Mailbox, OutboundEmail
from playerdesk.mail.smtpd import controller
from playerdesk.tickets import actions
from playerdesk.tickets.models import Message, Ticket

from .servers import PASSWORD, dovecot_binary, free_port, running_dovecot, running_relay, swaks

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not dovecot_binary() or not shutil.which("swaks"),
        reason="needs Debian's dovecot-imapd, dovecot-lmtpd and swaks (./dev test installs them)",
    ),
]

DESK = "support@ojo.example.com"
PLAYER = "julie@example.ca"


@pytest.fixture
def desk(ojo, teams, monkeypatch):
    ojo.support_email = DESK
    ojo.save()
    ChannelSetting.objects.create(brand=ojo, channel="email", automatic_acknowledgment=True)
    monkeypatch.setenv("PLAYERDESK_TEST_MAILBOX_PASSWORD", PASSWORD)
    return ojo


@pytest.fixture
def servers(desk, settings):
    with running_dovecot(["support", "julie"]) as dovecot:
        Mailbox.objects.create(
            brand=desk,
            address=DESK,
            host="127.0.0.1",
            port=dovecot.imap_port,
            security="none",
            username="support",
            password_env="PLAYERDESK_TEST_MAILBOX_PASSWORD",
        )
        with running_relay(dovecot) as (relay_port, relay):
            settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            settings.EMAIL_HOST = "127.0.0.1"
            settings.EMAIL_PORT = relay_port
            settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
            yield dovecot, relay


@pytest.fixture
def smtpd(desk):
    port = free_port()
    server = controller("127.0.0.1", port)
    server.start()
    yield port
    server.stop()


def _players_mail(subject: str, body: str, message_id: str, **headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Julie Tremblay <{PLAYER}>"
    msg["To"] = DESK
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    msg.set_content(body)
    return bytes(msg)


def _players_inbox(dovecot) -> list:
    with MailBoxUnencrypted("127.0.0.1", dovecot.imap_port).login("julie", PASSWORD) as box:
        return list(box.fetch(mark_seen=False))


def test_a_conversation_by_email_through_real_servers(servers, smtpd, alice, tmp_path):
    dovecot, relay = servers
    first = _players_mail("Withdrawal not received", "I asked for 200 CAD.", "<j1@example.ca>")

    # 1. the player's mail reaches the brand's mailbox; the poll makes it a ticket
    dovecot.deliver(first, DESK)
    assert imap.poll_all() == 1
    ticket = Ticket.objects.get()
    assert ticket.channel == "email" and ticket.player.email == PLAYER
    assert imap.poll_all() == 0  # read messages are not taken again
    assert Mailbox.objects.get().last_error == ""

    # 2. the same message delivered again is stored once
    dovecot.deliver(first, DESK)
    assert imap.poll_all() == 1
    assert InboundEmail.objects.count() == 1 and Ticket.objects.count() == 1

    # 3. the acknowledgment and the agent's answer arrive in the player's mailbox, threaded
    actions.reply(
        ticket=ticket, body="We sent it again today.", actor=actions.Actor.for_agent(alice)
    )
    assert outbound.deliver_due() == 2
    assert relay.received == 2
    inbox = _players_inbox(dovecot)
    assert len(inbox) == 2
    ack, answer = sorted(inbox, key=lambda m: "Auto-Submitted" in m.obj, reverse=True)
    assert ack.obj["Auto-Submitted"] == "auto-replied"
    assert ticket.reference in ack.subject
    assert answer.obj["In-Reply-To"] == "<j1@example.ca>"
    assert answer.obj["References"].split()[0] == "<j1@example.ca>"
    assert ack.obj["Message-ID"] in answer.obj["References"].split()
    assert answer.subject.startswith("Re: ") and ticket.reference in answer.subject
    assert "We sent it again today." in answer.text
    assert answer.from_ == DESK

    # 4. the player answers (no reference in the subject: the headers thread it), over SMTP
    response = _players_mail(
        "Re: your answer",
        "Still nothing on my side.",
        "<j2@example.ca>",
        In_Reply_To=answer.obj["Message-ID"],
        References=answer.obj["References"] + " " + answer.obj["Message-ID"],
    )
    sent = swaks(smtpd, DESK, PLAYER, response, tmp_path)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert f"250 2.0.0 appended {ticket.reference}" in sent.stdout
    assert Ticket.objects.count() == 1
    assert Message.objects.filter(ticket=ticket, body__contains="Still nothing").exists()

    # 5. delivered twice over SMTP: stored once
    again = swaks(smtpd, DESK, PLAYER, response, tmp_path)
    assert f"250 2.0.0 duplicate {ticket.reference}" in again.stdout
    assert InboundEmail.objects.count() == 2

    # no answer went to anything but the player, and nothing is left to send
    assert set(OutboundEmail.objects.values_list("to", flat=True)) == {PLAYER}
    assert outbound.deliver_due() == 0


def test_the_smtp_receiver_refuses_other_recipients(smtpd, tmp_path):
    sent = swaks(smtpd, "someone@elsewhere.example", PLAYER, b"Subject: x\r\n\r\nhi\r\n", tmp_path)
    assert sent.returncode != 0
    assert "550 5.1.1" in sent.stdout
    assert not InboundEmail.objects.exists()


def test_a_mailbox_with_a_wrong_password_says_so_and_loses_nothing(servers, monkeypatch):
    dovecot, _relay = servers
    dovecot.deliver(_players_mail("hello", "a question", "<j5@example.ca>"), DESK)
    monkeypatch.setenv("PLAYERDESK_TEST_MAILBOX_PASSWORD", "wrong")
    out = io.StringIO()
    call_command("email", "poll", stdout=out)
    assert f"{DESK}: error: support could not sign in" in out.getvalue()
    assert "messages taken: 0" in out.getvalue()
    monkeypatch.setenv("PLAYERDESK_TEST_MAILBOX_PASSWORD", PASSWORD)
    out = io.StringIO()
    call_command("email", "poll", stdout=out)
    assert f"{DESK}: ok" in out.getvalue() and "messages taken: 1" in out.getvalue()
    out = io.StringIO()
    call_command("email", "send", stdout=out)
    assert out.getvalue().strip() == "sent: 1"  # the acknowledgment
    assert len(_players_inbox(dovecot)) == 1


def test_a_mail_server_that_is_down_delays_the_answer(servers, alice, settings):
    dovecot, _relay = servers
    dovecot.deliver(_players_mail("hello", "a question", "<j6@example.ca>"), DESK)
    imap.poll_all()
    settings.EMAIL_PORT = free_port()  # nothing listens there
    assert outbound.deliver_due() == 0
    row = OutboundEmail.objects.get()
    assert row.status == "queued" and row.attempts == 1 and row.last_error
