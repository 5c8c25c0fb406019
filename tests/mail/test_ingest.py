"""Received email: every message of Python's own email test data and hostile ones ingested
without an error, each stored or rejected with a reason; exactly once; threading; content."""

from __future__ import annotations

import os
from email.message import EmailMessage
from pathlib import Path

import pytest
import test.test_email
from django.test import Client

from playerdesk.mail.ingest import ingest
from playerdesk.mail.models import InboundEmail
from playerdesk.mail.quotes import strip_quotes
from playerdesk.tickets.models import Attachment, Ticket

from .messages import player_mail

pytestmark = pytest.mark.django_db

STDLIB_DATA = Path(os.path.dirname(test.test_email.__file__)) / "data"


_mail = player_mail


def test_every_message_of_pythons_email_test_data(ojo, teams):
    paths = sorted(p for p in STDLIB_DATA.iterdir() if p.is_file())
    assert len(paths) > 50
    outcomes = {}
    for path in paths:
        result = ingest(ojo, path.read_bytes())
        assert result.status in {"created", "appended", "duplicate", "rejected"}, path.name
        outcomes[path.name] = result.status
    stored = InboundEmail.objects.count()
    duplicates = sum(1 for s in outcomes.values() if s == "duplicate")
    assert stored + duplicates == len(paths)
    for row in InboundEmail.objects.all():
        assert row.original()  # the raw message is kept
        if row.status in ("rejected", "unreadable"):
            assert row.reason


def _nested(depth: int) -> bytes:
    parts = [
        f"--b{i}\r\nContent-Type: multipart/mixed; boundary=b{i + 1}\r\n\r\n" for i in range(depth)
    ]
    closing = "".join(f"--b{i}--\r\n" for i in reversed(range(depth)))
    return (
        "From: deep@example.ca\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
        + "".join(parts)
        + f"--b{depth}\r\nContent-Type: text/plain\r\n\r\nat the bottom\r\n--b{depth}--\r\n"
        + closing
    ).encode()


HOSTILE = {
    "no_headers": b"just some words with no header at all\r\n",
    "empty": b"",
    "malformed_mime": (
        b"From: a@example.ca\r\nSubject: broken\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="zz\r\n\r\n--zz\r\nContent-Type: text/plain\r\n'
        b"\r\nhello\r\n--zz"
    ),
    "nested_100": _nested(100),
    "unknown_charset": (
        b"From: c@example.ca\r\nSubject: =?x-klingon?q?qapla?=\r\nContent-Type: text/plain; "
        b"charset=x-klingon\r\n\r\n\xff\xfe caf\xe9\r\n"
    ),
    "html_scripts": (
        b"From: h@example.ca\r\nSubject: html\r\nContent-Type: text/html\r\n\r\n"
        b'<p onclick="steal()">Hello <script>alert(1)</script><img src=x onerror=alert(2)>'
        b"<b>there</b></p>"
    ),
    "no_sender": b"Subject: who?\r\n\r\nanonymous\r\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_messages_are_stored_or_rejected_with_a_reason(ojo, teams, name):
    result = ingest(ojo, HOSTILE[name])
    assert result.status in {"created", "rejected"}
    row = InboundEmail.objects.get()
    if result.status == "rejected":
        assert result.reason and row.reason
    else:
        assert row.ticket.reference == result.reference


def test_html_is_sanitised_to_text(ojo, teams):
    ingest(ojo, HOSTILE["html_scripts"])
    body = Ticket.objects.get().messages.get().body
    assert "script" not in body and "onerror" not in body and "onclick" not in body
    assert "Hello" in body and "there" in body


def test_an_attachment_over_the_limit_is_named_not_kept(ojo, teams):
    msg = EmailMessage()
    msg["From"] = "big@example.ca"
    msg["Subject"] = "my passport"
    msg.set_content("see attached")
    msg.add_attachment(
        b"\xff\xd8\xff" + b"\0" * (11 * 1024 * 1024),
        maintype="image",
        subtype="jpeg",
        filename="huge.jpg",
    )
    result = ingest(ojo, bytes(msg))
    assert result.status == "created" and "huge.jpg" in result.reason
    assert not Attachment.objects.exists()


def test_a_good_attachment_is_kept(ojo, teams):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 200)).save(out, "PNG")
    msg = EmailMessage()
    msg["From"] = "p@example.ca"
    msg["Subject"] = "screenshot"
    msg.set_content("here")
    msg.add_attachment(out.getvalue(), maintype="image", subtype="png", filename="s.png")
    ingest(ojo, bytes(msg))
    assert Attachment.objects.get().content_type == "image/png"


def test_a_duplicate_delivery_is_stored_once(ojo, teams):
    first = ingest(ojo, _mail())
    second = ingest(ojo, _mail())
    assert first.status == "created" and second.status == "duplicate"
    assert second.reference == first.reference
    assert Ticket.objects.count() == 1 and InboundEmail.objects.count() == 1
    # without a Message-ID, the same bytes are the same message
    bare = _mail(message_id=None, subject="No id")
    assert ingest(ojo, bare).status == "created"
    assert ingest(ojo, bare).status == "duplicate"


@pytest.mark.parametrize(
    "subject",
    ["RE: {ref}", "Re: [{ref}] Withdrawal", "TR: {lower}", "Fwd: ticket {nodash}", "AW: {ref}"],
)
def test_a_reply_with_the_reference_continues_the_ticket(ojo, teams, subject):
    first = ingest(ojo, _mail())
    ref = first.reference
    subject = subject.format(ref=ref, lower=ref.lower(), nodash=ref.replace("-", ""))
    reply = _mail(
        subject=subject,
        message_id="<m2@example.ca>",
        body="Any news?\n\nOn Mon, Julie wrote:\n> I asked",
    )
    result = ingest(ojo, reply)
    assert result.status == "appended" and result.reference == ref
    ticket = Ticket.objects.get()
    last = ticket.messages.order_by("-id").first()
    assert "Any news?" in last.body and "I asked" not in last.body


def test_a_reference_quoted_by_someone_else_opens_a_new_ticket(ojo, teams):
    first = ingest(ojo, _mail())
    other = _mail(
        sender="mallory@example.com",
        subject=f"Re: {first.reference}",
        message_id="<m3@example.com>",
    )
    assert ingest(ojo, other).status == "created"
    assert Ticket.objects.count() == 2


def test_an_existing_player_keeps_their_name(ojo, teams, player):
    ingest(ojo, _mail(sender=f"Someone Else <{player.email}>"))
    player.refresh_from_db()
    assert player.name == "Julie Tremblay"
    assert Ticket.objects.get().player == player


@pytest.mark.parametrize(
    "text,kept",
    [
        ("Thanks!\n\nOn Mon, 2 Nov 2026, Support wrote:\n> Hello", "Thanks!"),
        ("Merci\n\nLe lun. 2 nov. 2026, Support a écrit :\n> Bonjour", "Merci"),
        ("Yes\n\n-----Original Message-----\nFrom: x", "Yes"),
        ("Oui\n\nDe : Support\nEnvoyé : lundi\nÀ : moi", "Oui"),
        ("Fine\n-- \nJulie, sent from my phone", "Fine"),
        ("> quoted only", ""),
    ],
)
def test_quotes_and_signatures_are_cut(text, kept):
    assert strip_quotes(text) == kept


def test_the_api_takes_raw_messages(ojo, teams, ojo_key):
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ojo_key}"}
    created = client.post("/api/v1/inbound/email", _mail(), content_type="message/rfc822", **auth)
    assert created.status_code == 201 and created.json()["status"] == "created"
    again = client.post("/api/v1/inbound/email", _mail(), content_type="message/rfc822", **auth)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    wrong = client.post("/api/v1/inbound/email", b"{}", content_type="application/json", **auth)
    assert wrong.status_code == 415
    assert (
        client.post("/api/v1/inbound/email", _mail(), content_type="message/rfc822").status_code
        == 401
    )


def test_the_command_reports_each_file(ojo, teams, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    good = tmp_path / "a.eml"
    good.write_bytes(_mail())
    empty = tmp_path / "b.eml"
    empty.write_bytes(b"")
    out = StringIO()
    call_command("email", "ingest", "--brand", "ojo", str(good), str(good), str(empty), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{good}: created OJO-")
    assert lines[1].startswith(f"{good}: duplicate OJO-")
    assert lines[2].startswith(f"{empty}: rejected (")


def test_administrators_list_received_mail_and_download_the_original(ojo, teams, django_user_model):
    ingest(ojo, HOSTILE["no_sender"])
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x" * 20)
    client = Client()
    client.force_login(admin)
    assert b"no sender address" in client.get("/admin/mail/inboundemail/").content
    row = InboundEmail.objects.get()
    original = client.get(f"/admin/mail/inboundemail/{row.pk}/original/")
    assert original.content == HOSTILE["no_sender"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_message_delivered_ten_times_at_once_is_stored_once(ojo, teams):
    import threading

    from django.db import close_old_connections, connection

    if connection.vendor != "postgresql":
        pytest.skip("the test database of SQLite is in memory, one writer at a time by table")
    raw = _mail(message_id="<race@example.ca>")
    start = threading.Barrier(10)
    results, errors = [], []

    def deliver() -> None:
        try:
            start.wait()
            results.append(ingest(ojo, raw))
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=deliver) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors[:3]
    assert sorted(r.status for r in results) == ["created"] + ["duplicate"] * 9
    assert len({r.reference for r in results}) == 1
    assert Ticket.objects.count() == 1 and InboundEmail.objects.count() == 1


def test_a_message_without_text_says_so_in_the_players_language(ojo, teams, player):
    raw = f"From: {player.email}\r\nSubject: vide\r\nContent-Type: text/plain\r\n\r\n".encode()
    ingest(ojo, raw)
    assert "(aucun texte)" in Ticket.objects.get().messages.get().body


def test_a_content_length_that_is_not_a_number(ojo, teams, ojo_key):
    response = Client().post(
        "/api/v1/inbound/email",
        _mail(),
        content_type="message/rfc822",
        HTTP_AUTHORIZATION=f"Bearer {ojo_key}",
        CONTENT_LENGTH="12abc",
    )
    assert response.status_code == 400
