"""Background work of email. Each task is safe to run twice."""

from __future__ import annotations

from django_tasks import task

from playerdesk.mail import imap, outbound


@task()
def send_mail() -> int:
    """Send the emails that are due (mail/outbound.py)."""
    return outbound.deliver_due()


@task()
def poll_mailboxes() -> int:
    """Read the brands' IMAP mailboxes (mail/imap.py); how many messages were taken."""
    return imap.poll_all()
