"""Reading the brands' IMAP mailboxes (imap-tools): every unread message goes to the one ingest.

A message is marked as read (or moved to the mailbox's folder for read messages) only after
``ingest`` has stored it, whatever its outcome; if the database or the connection fails first,
it stays unread and the next run takes it again, which ``ingest`` recognises as a duplicate.
Two workers polling the same mailbox at once store each message once for the same reason.
"""

from __future__ import annotations

import email.message
import imaplib
import logging
import ssl

from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessage, MailMessageFlags
from imap_tools.errors import ImapToolsError, MailboxLoginError
from imap_tools.mailbox import BaseMailBox

from playerdesk.lib import clock
from playerdesk.mail.ingest import Result, ingest
from playerdesk.mail.models import Mailbox, Security

logger = logging.getLogger(__name__)

BATCH = 200
TIMEOUT_SECONDS = 30


class RawMessage(MailMessage):
    """A fetched message as its bytes: ``ingest`` reads it, imap-tools need not parse it."""

    def __init__(self, fetch_data: list) -> None:
        raw, uid, flags = self._get_message_data_parts(fetch_data)
        self.raw: bytes = raw
        self._raw_uid_data = uid
        self._raw_flag_data = flags
        self.obj = email.message.Message()


def connect(mailbox: Mailbox) -> BaseMailBox:
    kind = {
        Security.SSL: MailBox,
        Security.STARTTLS: MailBoxStartTls,
        Security.NONE: MailBoxUnencrypted,
    }[mailbox.security]
    box = kind(mailbox.host, mailbox.port, timeout=TIMEOUT_SECONDS)
    box.email_message_class = RawMessage
    box.login(mailbox.username, mailbox.password(), initial_folder=mailbox.folder or "INBOX")
    return box


def poll(mailbox: Mailbox, *, limit: int = BATCH) -> list[Result]:
    """Ingest the mailbox's unread messages (at most ``limit``); the outcome of each."""
    results: list[Result] = []
    with connect(mailbox) as box:
        uids = box.uids("UNSEEN")[:limit]
        if not uids:
            return results
        for message in box.fetch(uid_list=uids, mark_seen=False):
            results.append(ingest(mailbox.brand, message.raw))
            if mailbox.done_folder:
                box.move(message.uid, mailbox.done_folder)
            else:
                box.flag(message.uid, MailMessageFlags.SEEN, True)
    return results


def poll_all() -> int:
    """Every enabled mailbox once; a mailbox that fails records why and the others go on."""
    taken = 0
    for mailbox in Mailbox.objects.filter(enabled=True).select_related("brand").order_by("id"):
        error = ""
        try:
            taken += len(poll(mailbox))
        except MailboxLoginError:
            error = f"{mailbox.username} could not sign in (check {mailbox.password_env})"
        except (ImapToolsError, imaplib.IMAP4.error, OSError, ssl.SSLError) as exc:
            error = f"{type(exc).__name__}: {exc}"
        if error:
            logger.warning("mailbox %s: %s", mailbox.address, error)
        Mailbox.objects.filter(pk=mailbox.pk).update(
            last_polled_at=clock.now(), last_error=error[:500]
        )
    return taken
