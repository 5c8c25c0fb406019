"""Email to players: answers and acknowledgments, threaded, in the player's language, never lost.

A message to a player is an ``OutboundEmail`` row written in the transaction of what it tells
(the agent's answer, the ticket's opening), so nothing is told that did not happen and nothing
that happened goes untold. After commit a task sends it; a mail server that refuses or does not
answer schedules the next attempt later and later (``lib.retry``), up to ``MAX_ATTEMPTS``, after
which the ticket records that the email was not delivered.

Every email carries a Message-ID of ours (``<reference.random@brand-domain>``), the
``In-Reply-To`` and ``References`` of the conversation and the reference in the subject, so the
player's answer finds its ticket by any of them (``mail.ingest``).

Automatic answers (acknowledgments) are never sent to a message a machine wrote (``automatic``
in ``mail.parse``), to one of our own addresses, or more than ``AUTO_ANSWERS_PER_HOUR`` times an
hour to one address: an auto-responder on the other side cannot start a ping-pong.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import select_template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from playerdesk.brands.models import Brand, Channel
from playerdesk.lib import clock
from playerdesk.lib.memo import ttl_cache
from playerdesk.lib.retry import backoff
from playerdesk.lib.sanitize import html_to_text
from playerdesk.mail.models import (
    InboundEmail,
    Mailbox,
    OutboundEmail,
    OutboundKind,
    OutboundStatus,
)
from playerdesk.sla.schedules import channel_setting
from playerdesk.tickets import notices
from playerdesk.tickets.models import PUBLIC_KINDS, Message, MessageKind, Ticket

logger = logging.getLogger(__name__)

# The channels whose players are answered by email (a chat's player reads the chat).
EMAIL_CHANNELS = frozenset({Channel.EMAIL, Channel.FORM, Channel.MEMBER_AREA, Channel.API})
# The channels whose new tickets are acknowledged, where the brand's channel setting says so.
ACKNOWLEDGED_CHANNELS = frozenset({Channel.EMAIL, Channel.FORM})
AUTO_ANSWERS_PER_HOUR = 3
MAX_ATTEMPTS = 12
MAX_REFERENCES = 20


def sender_address(brand: Brand) -> str:
    """The address the brand's mail comes from and is answered to."""
    return brand.support_email or settings.DEFAULT_FROM_EMAIL


@ttl_cache(30.0)
def _mailbox_addresses(brand_id: int) -> frozenset[str]:
    return frozenset(
        a.lower()
        for a in Mailbox.objects.filter(brand_id=brand_id).values_list("address", flat=True)
    )


def own_addresses(brand: Brand) -> set[str]:
    """Every address of the brand: mail from one of them is ours, never answered."""
    found = {brand.support_email, brand.formal_email, settings.DEFAULT_FROM_EMAIL}
    return {a.lower() for a in found if a} | _mailbox_addresses(brand.pk)


def _domain(address: str) -> str:
    domain = address.rpartition("@")[2].strip().lower()
    return domain or "playerdesk.invalid"


def new_message_id(brand: Brand, ticket: Ticket) -> str:
    """Unguessable, and naming the ticket: ``<ojo-3k7q9x.6f1c2a9d0b4e8f17@ojo.example>``."""
    return f"<{ticket.reference.lower()}.{secrets.token_hex(8)}@{_domain(sender_address(brand))}>"


def thread_headers(ticket: Ticket, *, first: str = "") -> tuple[str, list[str]]:
    """``In-Reply-To`` (the player's latest email, else our latest) and ``References`` (the
    first message of the conversation and the latest ones, oldest first). ``first``: the
    Message-ID of the email that has just opened the ticket (there is nothing else yet)."""
    if first:
        return first, [first]
    inbound = list(
        InboundEmail.objects.filter(ticket=ticket)
        .exclude(header_message_id="")
        .exclude(status="bounce")
        .order_by("received_at", "id")
        .values_list("received_at", "header_message_id")
    )
    outbound = list(
        OutboundEmail.objects.filter(ticket=ticket)
        .order_by("created_at", "id")
        .values_list("created_at", "header_message_id")
    )
    ordered = [mid for _at, mid in sorted(inbound + outbound, key=lambda row: row[0])]
    ids = list(dict.fromkeys(ordered))
    references = ids[:1] + ids[1:][-(MAX_REFERENCES - 1) :] if ids else []
    in_reply_to = inbound[-1][1] if inbound else (ids[-1] if ids else "")
    return in_reply_to, references


def _subject(ticket: Ticket, kind: str) -> str:
    base = ticket.subject.strip() or str(_("Your request"))
    tag = f"[{ticket.reference}]"
    if kind == OutboundKind.ACKNOWLEDGMENT:
        return f"{tag} " + _("We received your message: %(subject)s") % {"subject": base}
    if kind == OutboundKind.TRANSCRIPT:
        return f"{tag} " + _("Transcript of your chat: %(subject)s") % {"subject": base}
    if ticket.reference.lower() in base.lower():
        return f"Re: {base}"
    return f"Re: {base} {tag}"


def _render(kind: str, brand: Brand, context: dict[str, object]) -> tuple[str, str]:
    """The text and HTML bodies, from the brand's own template when it has one."""
    name = {OutboundKind.REPLY: "reply", OutboundKind.TRANSCRIPT: "transcript"}.get(
        kind, "acknowledgment"
    )
    text = select_template([f"mail/{brand.slug}/{name}.txt", f"mail/{name}.txt"])
    html = select_template([f"mail/{brand.slug}/{name}.html", f"mail/{name}.html"])
    return text.render(context).strip() + "\n", html.render(context)


def _create(
    ticket: Ticket,
    kind: str,
    context: dict[str, object],
    message: Message | None,
    *,
    opened_by: str = "",
) -> OutboundEmail:
    brand = ticket.brand
    player = ticket.player
    language = player.preferred_language or brand.primary_language
    in_reply_to, references = thread_headers(ticket, first=opened_by)
    with translation.override(language):
        subject = _subject(ticket, kind)
        text, html = _render(
            kind,
            brand,
            {"brand": brand, "ticket": ticket, "player": player, "language": language, **context},
        )
    now = clock.now()
    failing = player.email_failing_since is not None
    row = OutboundEmail.objects.create(
        brand=brand,
        ticket=ticket,
        message=message,
        kind=kind,
        header_message_id=new_message_id(brand, ticket),
        in_reply_to=in_reply_to,
        references=" ".join(references),
        to=player.email,
        from_address=sender_address(brand),
        subject=subject[:300],
        body_text=text,
        body_html=html,
        status=OutboundStatus.SUPPRESSED if failing else OutboundStatus.QUEUED,
        last_error=(
            f"the address has been failing since {player.email_failing_since:%Y-%m-%d}"
            if failing
            else ""
        ),
        next_attempt_at=None if failing else now,
        created_at=now,
    )
    if not failing:
        transaction.on_commit(_kick)
    return row


def queue_transcript(*, ticket: Ticket) -> OutboundEmail | None:
    """The public messages of a chat, emailed to the player who asked for them (in the
    caller's transaction); None when the player gave no address."""
    player = ticket.player
    if not player.email:
        return None
    zone = ZoneInfo(ticket.brand.timezone)
    rows = (
        Message.objects.filter(ticket=ticket, kind__in=PUBLIC_KINDS)
        .select_related("author_agent")
        .order_by("id")
    )
    language = player.preferred_language or ticket.brand.primary_language
    with translation.override(language):
        you = str(_("You"))
        lines = [
            {
                "at": m.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                "author": you
                if m.kind == MessageKind.PLAYER
                else (m.author_agent.display_name if m.author_agent else ticket.brand.name),
                "text": html_to_text(m.body),
            }
            for m in rows
        ]
    return _create(ticket, OutboundKind.TRANSCRIPT, {"lines": lines}, None)


def queue_message(*, ticket: Ticket, message: Message) -> OutboundEmail | None:
    """Email an agent's public message to the player (in the caller's transaction), when the
    ticket's channel is answered by email and the player has an address."""
    if ticket.channel not in EMAIL_CHANNELS or not ticket.player.email:
        return None
    return _create(
        ticket,
        OutboundKind.REPLY,
        {
            "body_html": mark_safe(message.body),  # noqa: S308 - stored bodies are sanitised
            "body_text": html_to_text(message.body),
        },
        message,
    )


def automatic_answers_lately(address: str, now: datetime | None = None) -> int:
    since = (now or clock.now()) - timedelta(hours=1)
    return OutboundEmail.objects.filter(
        to=address, kind=OutboundKind.ACKNOWLEDGMENT, created_at__gte=since
    ).count()


def acknowledge(
    *, ticket: Ticket, automatic: str = "", opened_by: str = ""
) -> OutboundEmail | None:
    """The automatic acknowledgment of a new ticket, with its reference and the expected time of
    the answer, where the brand acknowledges that channel. ``automatic`` (why the message that
    opened it was written by a machine) means no answer at all; ``opened_by``: the Message-ID of
    the email that opened it, which the acknowledgment answers."""
    brand = ticket.brand
    player = ticket.player
    address = (player.email or "").lower()
    if ticket.channel not in ACKNOWLEDGED_CHANNELS or not address:
        return None
    setting = channel_setting(brand.pk, ticket.channel)
    if setting is None or not setting.automatic_acknowledgment:
        return None
    if automatic:
        logger.info("no acknowledgment of %s: %s", ticket.reference, automatic)
        return None
    if address in own_addresses(brand):
        logger.info("no acknowledgment of %s: sent from our own address", ticket.reference)
        return None
    if automatic_answers_lately(address) >= AUTO_ANSWERS_PER_HOUR:
        logger.warning(
            "no acknowledgment of %s: %s had %d in the last hour",
            ticket.reference,
            address,
            AUTO_ANSWERS_PER_HOUR,
        )
        return None
    language = player.preferred_language or brand.primary_language
    expected = ticket.first_response_due_at
    return _create(
        ticket,
        OutboundKind.ACKNOWLEDGMENT,
        {"expected": notices.when(expected, brand.timezone, language) if expected else ""},
        None,
        opened_by=opened_by,
    )


# --- sending ---------------------------------------------------------------------------------


_last_kick = 0.0
KICK_SECONDS = 1.0


def _kick() -> None:
    """Ask a worker to send now: at most once a second per process (a burst of answers is one
    task; what a running task missed is sent by the periodic run, every few seconds)."""
    global _last_kick
    from playerdesk.mail.tasks import send_mail

    now = time.monotonic()
    if now - _last_kick < KICK_SECONDS:
        return
    _last_kick = now
    try:
        send_mail.enqueue()
    except Exception:  # the periodic run will send it
        logger.warning("could not enqueue sending mail", exc_info=True)


def _email(row: OutboundEmail, connection: object) -> EmailMultiAlternatives:
    headers = {"Message-ID": row.header_message_id, "Reply-To": row.from_address}
    if row.in_reply_to:
        headers["In-Reply-To"] = row.in_reply_to
    if row.references:
        headers["References"] = row.references
    if row.kind == OutboundKind.ACKNOWLEDGMENT:
        headers["Auto-Submitted"] = "auto-replied"  # RFC 3834: never answer this automatically
        headers["X-Auto-Response-Suppress"] = "All"
    mail = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=row.from_address,
        to=[row.to],
        headers=headers,
        connection=connection,
    )
    if row.body_html:
        mail.attach_alternative(row.body_html, "text/html")
    return mail


def _give_up(row: OutboundEmail, detail: str) -> None:
    from playerdesk.tickets import actions

    row.status = OutboundStatus.FAILED
    row.next_attempt_at = None
    logger.error(
        "email %s to %s gave up after %s attempts: %s", row.pk, row.to, row.attempts, detail
    )
    actions.record_email_failure(
        ticket=row.ticket,
        address=row.to,
        detail=detail,
        message_id=row.header_message_id,
    )


def deliver_due(*, now: datetime | None = None, limit: int = 100) -> int:
    """Send every queued email that is due, over one connection. Returns how many were sent."""
    now = now or clock.now()
    due = list(
        OutboundEmail.objects.filter(status=OutboundStatus.QUEUED, next_attempt_at__lte=now)
        .select_related("ticket", "ticket__brand")
        .order_by("next_attempt_at", "id")[:limit]
    )
    if not due:
        return 0
    sent = 0
    connection = get_connection(fail_silently=False)
    for row in due:
        # Claim it: another worker that read the same row finds it no longer due.
        claimed = OutboundEmail.objects.filter(
            Q(pk=row.pk), status=OutboundStatus.QUEUED, attempts=row.attempts
        ).update(attempts=row.attempts + 1, next_attempt_at=now + timedelta(minutes=10))
        if not claimed:
            continue
        row.attempts += 1
        try:
            _email(row, connection).send()
        except (smtplib.SMTPException, OSError, TimeoutError) as exc:
            detail = f"{type(exc).__name__}: {exc}"[:500]
            if _permanent(exc) or row.attempts >= MAX_ATTEMPTS:
                with transaction.atomic():
                    row.last_error = detail
                    _give_up(row, detail)
                    row.save(update_fields=["status", "next_attempt_at", "last_error", "attempts"])
            else:
                row.next_attempt_at = clock.now() + backoff(row.attempts)
                row.last_error = detail
                row.save(update_fields=["next_attempt_at", "last_error", "attempts"])
            continue
        row.status = OutboundStatus.SENT
        row.sent_at = clock.now()
        row.next_attempt_at = None
        row.last_error = ""
        row.save(update_fields=["status", "sent_at", "next_attempt_at", "last_error", "attempts"])
        sent += 1
    return sent


def _permanent(exc: BaseException) -> bool:
    """The server refused the address itself for good (5xx); anything else is tried again."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    return False
