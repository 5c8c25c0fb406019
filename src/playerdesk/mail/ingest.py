"""The one function every inbound email goes through, whatever brought it (the API for mail
providers, the ``playerdesk email ingest`` command; next: IMAP polling and an SMTP receiver).

Each delivery ends as exactly one of ``created`` (a new ticket), ``appended`` (the player's
message on their ticket), ``duplicate`` (already stored: the same Message-ID, or the same bytes
when there is none) or ``rejected`` (with the reason). Nothing is lost: every message that is not
a duplicate is stored raw, compressed, whatever became of it; one that cannot be read is stored
as ``unreadable`` and reported as rejected.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from playerdesk.brands.models import Brand
from playerdesk.kyc import files
from playerdesk.lib import clock
from playerdesk.mail.models import InboundEmail, InboundStatus
from playerdesk.mail.parse import Parsed, Unreadable, dedupe_key, parse
from playerdesk.people.actions import find_or_create_player
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
    existing = (
        Player.objects.annotate(email_key=Lower("email"))
        .filter(brand=brand, email_key=parsed.sender)
        .order_by("id")
        .first()
    )
    return existing or find_or_create_player(
        brand=brand, email=parsed.sender, name=parsed.sender_name
    )


def _thread(brand: Brand, parsed: Parsed, player: Player) -> Ticket | None:
    """The player's ticket this message continues: a reference of the brand in the subject."""
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
