"""The built-in SMTP receiver (aiosmtpd): ``playerdesk smtpd``.

It accepts mail for the brands' addresses only (their support and formal addresses and their
mailboxes); any other recipient is refused with 550, so it never relays. Each message goes to
the one ingest for each brand it is addressed to; the 250 answer comes after the message is
stored, and a failure to store it answers 451, so the sending server keeps it and tries again:
nothing is lost, and a second delivery is recognised as a duplicate.

Run it behind the operator's MX or on a private network: it does no sender authentication of
its own. ``--tls-cert``/``--tls-key`` offer STARTTLS.
"""

from __future__ import annotations

import logging
import ssl
from typing import Any

from asgiref.sync import sync_to_async
from django.db import close_old_connections
from django.db.models import Q

from playerdesk.brands.models import Brand
from playerdesk.mail.ingest import MAX_MESSAGE_BYTES, Result, ingest
from playerdesk.mail.models import Mailbox

logger = logging.getLogger(__name__)

MAX_RECIPIENTS = 50


def brand_for_address(address: str) -> int | None:
    """The brand whose address this is, or None."""
    address = address.strip().strip("<>").lower()
    if "@" not in address:
        return None
    try:
        found = (
            Brand.objects.filter(Q(support_email__iexact=address) | Q(formal_email__iexact=address))
            .filter(is_active=True)
            .values_list("pk", flat=True)
            .first()
        )
        if found is None:
            found = (
                Mailbox.objects.filter(address__iexact=address, brand__is_active=True)
                .values_list("brand_id", flat=True)
                .first()
            )
        return found
    finally:
        close_old_connections()


def deliver(brand_ids: list[int], raw: bytes) -> list[Result]:
    """Ingest for each brand, in a worker thread; its database connection is given back."""
    try:
        return [ingest(Brand.objects.get(pk=pk), raw) for pk in brand_ids]
    finally:
        close_old_connections()


class Handler:
    """aiosmtpd's hooks: who may receive, and what happens to the message."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        brand = await sync_to_async(brand_for_address, thread_sensitive=False)(address)
        if brand is None:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        if not hasattr(envelope, "brand_ids"):
            envelope.brand_ids = []
        if brand not in envelope.brand_ids:
            envelope.brand_ids.append(brand)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        brand_ids = getattr(envelope, "brand_ids", [])
        if not brand_ids:
            return "554 5.5.1 No valid recipients"
        try:
            results = await sync_to_async(deliver, thread_sensitive=False)(brand_ids, raw)
        except Exception:
            logger.exception("could not store a message from %s", envelope.mail_from)
            return "451 4.3.0 The message could not be stored; please try again later"
        summary = "; ".join(
            " ".join(x for x in (r.status, r.reference or "") if x) for r in results
        )
        return f"250 2.0.0 {summary}"[:500]


def controller(
    host: str, port: int, *, tls_cert: str | None = None, tls_key: str | None = None
) -> Any:
    """An aiosmtpd controller (``start()``/``stop()``) serving the handler on host:port."""
    from aiosmtpd.controller import Controller

    kwargs: dict[str, Any] = {
        "data_size_limit": MAX_MESSAGE_BYTES,
        "enable_SMTPUTF8": True,
        "ident": "playerdesk",
    }
    if tls_cert and tls_key:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls_cert, tls_key)
        kwargs["tls_context"] = context
    return Controller(Handler(), hostname=host, port=port, **kwargs)
