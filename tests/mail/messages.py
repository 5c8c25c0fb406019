"""A player's email, as the mail tests send it."""

from __future__ import annotations

from email.message import EmailMessage


def player_mail(
    subject: str = "Withdrawal not received",
    body: str = "I asked for 200 CAD three days ago.",
    sender: str = "Julie Tremblay <julie@example.ca>",
    message_id: str | None = "<m1@example.ca>",
    **headers: str,
) -> bytes:
    """An RFC 822 message to Ojo's support; header names take ``_`` for ``-``."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "support@ojo.example.com"
    msg["Subject"] = subject
    if message_id:
        msg["Message-ID"] = message_id
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    msg.set_content(body)
    return bytes(msg)
