"""Background work of email. Each task is safe to run twice."""

from __future__ import annotations

from django_tasks import task

from playerdesk.mail import imap, outbound


@task()
def send_mail() -> int:
    """Send the emails that are due (mail/outbound.py), a hundred at a time until none is."""
    total = 0
    while True:
        sent = outbound.deliver_due(limit=100)
        total += sent
        if sent < 100:
            return total


@task()
def poll_mailboxes() -> int:
    """Read the brands' IMAP mailboxes (mail/imap.py); how many messages were taken."""
    return imap.poll_all()
