"""The one function every inbound email goes through, whatever brought it (the API for mail
providers, ``playerdesk email ingest``, IMAP polling, the SMTP receiver).

Each delivery ends as exactly one of ``created`` (a new ticket), ``appended`` (the player's
message on their ticket, or a delivery report on the ticket whose email failed), ``duplicate``
(already stored: the same Message-ID, or the same bytes when there is none) or ``rejected``
(with the reason). Nothing is lost: every message that is not a duplicate is stored raw,
compressed, whatever became of it; one that cannot be read is stored as ``unreadable`` and
reported as rejected.

A new ticket is acknowledged (``outbound.acknowledge``) unless a machine wrote the message; a
delivery report never opens a ticket: it marks the player's address as failing and tells the
ticket whose email came back.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from playerdesk.brands.models import Brand
from playerdesk.kyc import files
from playerdesk.lib import clock
from playerdesk.mail import outbound
from playerdesk.mail.models import InboundEmail, InboundStatus, OutboundEmail, OutboundStatus
from playerdesk.mail.parse import Parsed, Unreadable, dedupe_key, parse
from playerdesk.people.actions import clear_email_failing, mark_email_failing, player_for_address
from playerdesk.people.models import Player
from playerdesk.tickets import actions, references
from playerdesk.tickets.lifecycle import TransitionError
from playerdesk.tickets.models import Message, Ticket

logger = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class Result:
    status: str  # created | appended | duplicate | rejected
    reference: str | None = None
    reason: str = ""

    def as_dict(self) -> dict[str, str | None]:
        return {"status": self.status, "reference": self.reference, "reason": self.reason}


def _existing(brand: Brand, key: str) -> tuple[str | None] | None:
    """The reference of the ticket a message with this key went to, if it was received."""
    return (
        InboundEmail.objects.filter(brand=brand, dedupe_key=key)
        .values_list("ticket__reference")
        .first()
    )


def _duplicate(row: tuple[str | None]) -> Result:
    return Result("duplicate", row[0])


def ingest(brand: Brand, raw: bytes) -> Result:
    if len(raw) > MAX_MESSAGE_BYTES:
        return _store_failure(
            brand,
            raw[:65536],
            dedupe_key(raw),
            InboundStatus.REJECTED,
            f"the message is {len(raw) // (1024 * 1024)} MB; the limit is "
            f"{MAX_MESSAGE_BYTES // (1024 * 1024)} MB (its first 64 KB are kept)",
        )
    key = dedupe_key(raw)
    found = _existing(brand, key)
    if found is not None:
        return _duplicate(found)
    try:
        parsed = parse(raw)
    except (Unreadable, RecursionError, ValueError, TypeError, LookupError) as exc:
        return _store_failure(brand, raw, key, InboundStatus.UNREADABLE, str(exc)[:300])
    if parsed.report is not None:
        return _bounce(brand, raw, key, parsed)
    if not parsed.sender:
        return _store_failure(
            brand, raw, key, InboundStatus.REJECTED, "no sender address in From", parsed
        )
    try:
        with transaction.atomic():
            return _deliver(brand, raw, key, parsed)
    except IntegrityError:
        found = _existing(brand, key)
        if found is not None:  # delivered twice at once: the other one stored it
            return _duplicate(found)
        raise
    except (actions.DomainError, TransitionError) as exc:
        reason = getattr(exc, "message", str(exc))
        return _store_failure(brand, raw, key, InboundStatus.REJECTED, str(reason)[:300], parsed)


def _row(
    brand: Brand, raw: bytes, key: str, parsed: Parsed | None, **extra: object
) -> InboundEmail:
    return InboundEmail.objects.create(
        brand=brand,
        dedupe_key=key,
        header_message_id=parsed.message_id if parsed else "",
        sender=parsed.sender if parsed else "",
        subject=parsed.subject if parsed else "",
        raw=zlib.compress(raw, 6),
        size=len(raw),
        received_at=clock.now(),
        **extra,
    )


def _store_failure(
    brand: Brand,
    raw: bytes,
    key: str,
    status: str,
    reason: str,
    parsed: Parsed | None = None,
) -> Result:
    try:
        with transaction.atomic():
            _row(brand, raw, key, parsed, status=status, reason=reason)
    except IntegrityError:
        found = _existing(brand, key)
        if found is not None:
            return _duplicate(found)
        raise
    logger.info("email for %s %s: %s", brand.slug, status, reason)
    return Result("rejected", None, reason)


def _player(brand: Brand, parsed: Parsed) -> Player:
    """The brand's player of this address; an existing one keeps their details (a From header
    is easy to write), a new one is named as the message says."""
    return player_for_address(brand=brand, email=parsed.sender, name=parsed.sender_name)


def _thread(brand: Brand, parsed: Parsed, player: Player) -> Ticket | None:
    """The player's ticket this message continues: one whose email it answers (``In-Reply-To``,
    ``References``: ours, or the player's own earlier message), else a reference of the brand in
    the subject. Only a ticket of the same player is continued."""
    ids = [i for i in [parsed.in_reply_to, *reversed(parsed.references)] if i]
    if ids:
        ours = (
            OutboundEmail.objects.filter(brand=brand, header_message_id__in=ids[:50])
            .order_by("-id")
            .values_list("ticket_id", flat=True)
        )
        theirs = (
            InboundEmail.objects.filter(
                brand=brand, dedupe_key__in=[f"mid:{i}" for i in ids[:50]], ticket__isnull=False
            )
            .order_by("-id")
            .values_list("ticket_id", flat=True)
        )
        for ticket_id in [*ours[:5], *theirs[:5]]:
            ticket = Ticket.objects.filter(pk=ticket_id).first()
            if ticket is not None and ticket.player_id == player.pk:
                return ticket
    for reference in references.find_references(parsed.subject):
        ticket = Ticket.objects.filter(brand=brand, reference=reference).first()
        if ticket is not None and ticket.player_id == player.pk:
            return ticket
    return None


def _body(parsed: Parsed, language: str) -> str:
    text = parsed.text.strip()
    if not text:
        with translation.override(language):
            text = str(_("(no text)") if not parsed.attachments else _("(attachments only)"))
    return text


def _deliver(brand: Brand, raw: bytes, key: str, parsed: Parsed) -> Result:
    """In the caller's transaction: the ticket or the message, then the stored original. A
    second delivery of the same message at the same time fails on the original's unique key,
    which rolls the whole delivery back: the first one stands."""
    player = _player(brand, parsed)
    clear_email_failing(player=player)
    ticket = _thread(brand, parsed, player)
    actor = actions.Actor.for_player(player)
    body = _body(parsed, player.preferred_language)
    if ticket is not None:
        message = actions.add_player_message(ticket=ticket, body=body, actor=actor, channel="email")
        status = InboundStatus.APPENDED
    else:
        ticket = actions.open_ticket(
            brand=brand,
            player=player,
            channel="email",
            subject=parsed.subject or "(no subject)",
            body=body,
            actor=actor,
        )
        message = None
        status = InboundStatus.CREATED
    refused: list[str] = []
    if parsed.attachments:
        message = message or Message.objects.filter(ticket=ticket).order_by("id").first()
        refused = _attach(message, parsed)
    reason = "; ".join([*parsed.notes, *refused])[:300]
    _row(brand, raw, key, parsed, status=status, ticket=ticket, message=message, reason=reason)
    if status == InboundStatus.CREATED:  # after the original is stored: the answer threads on it
        outbound.acknowledge(ticket=ticket, automatic=parsed.automatic, opened_by=parsed.message_id)
    return Result(status, ticket.reference, reason)


def _attach(message: Message | None, parsed: Parsed) -> list[str]:
    """Keep the attachments that are plain images or PDFs; name the others and why."""
    refused: list[str] = []
    if message is None:
        return refused
    for part in parsed.attachments[:20]:
        try:
            found = files.inspect(
                part.data[: files.MAX_BYTES + 1],
                filename=part.filename,
                declared_mime=part.content_type,
            )
        except files.FileRejected as exc:
            refused.append(f"attachment {part.filename[:60]} not kept: {exc.code}")
            continue
        actions.attach_file(
            message=message, filename=part.filename, data=part.data, content_type=found.mime
        )
    return refused


def _bounce(brand: Brand, raw: bytes, key: str, parsed: Parsed) -> Result:
    """A delivery report: the email of ours it names (by its Message-ID, else the latest one to
    a failed address) is marked failed and its ticket told; when it names our Message-ID, the
    player's address is marked failing too. Never a ticket of its own, never answered."""
    report = parsed.report
    assert report is not None
    sent = None
    by_id = False
    if report.original_message_id:
        sent = (
            OutboundEmail.objects.filter(brand=brand, header_message_id=report.original_message_id)
            .select_related("ticket__player")
            .first()
        )
        by_id = sent is not None
    if sent is None and report.failed:
        sent = (
            OutboundEmail.objects.filter(brand=brand, to__in=report.failed)
            .select_related("ticket__player")
            .order_by("-id")
            .first()
        )
    if sent is None or not report.failed:
        why = (
            "a delivery report for no email of ours"
            if report.failed
            else "a delivery report without a failed address"
        )
        return _store_failure(brand, raw, key, InboundStatus.BOUNCE, why, parsed)
    detail = " ".join(x for x in (report.status, report.diagnostic) if x) or "undelivered"
    try:
        with transaction.atomic():
            OutboundEmail.objects.filter(pk=sent.pk).update(
                status=OutboundStatus.FAILED, next_attempt_at=None, last_error=detail[:500]
            )
            actions.record_email_failure(
                ticket=sent.ticket,
                address=sent.to,
                detail=detail,
                message_id=sent.header_message_id,
                status=report.status,
            )
            # Only a report that quotes our (unguessable) Message-ID stops mail to the address:
            # anyone can write a report naming an address.
            if by_id and sent.to in report.failed:
                mark_email_failing(player=sent.ticket.player, address=sent.to, reason=detail)
            reason = f"delivery to {sent.to} failed: {detail}"[:300]
            _row(
                brand,
                raw,
                key,
                parsed,
                status=InboundStatus.BOUNCE,
                ticket=sent.ticket,
                reason=reason,
            )
    except IntegrityError:
        found = _existing(brand, key)
        if found is not None:
            return _duplicate(found)
        raise
    return Result("appended", sent.ticket.reference, reason)
