"""Mail providers deliver received email here, raw, with the brand's key."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from playerdesk.api.auth import brand_key
from playerdesk.mail.ingest import MAX_MESSAGE_BYTES, ingest

router = Router(auth=brand_key, tags=["email"])


class IngestOut(Schema):
    status: str
    reference: str | None
    reason: str


@router.post(
    "/inbound/email",
    response={200: IngestOut, 201: IngestOut},
    summary="Deliver one received email (the raw RFC 822 message)",
    description=(
        "Send the message as the request body with `Content-Type: message/rfc822`. The answer "
        "says what became of it: `created` (201, a new ticket), `appended` (the player's "
        "message on their ticket), `duplicate` (already received: same Message-ID, or same "
        "bytes), `rejected` (with the reason; the message is kept). Safe to retry."
    ),
)
def inbound_email(request: HttpRequest) -> Status:
    content_type = (request.content_type or "").lower()
    if content_type != "message/rfc822":
        raise HttpError(415, "send the raw message with Content-Type: message/rfc822")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HttpError(400, "Content-Length is not a number") from None
    if length > MAX_MESSAGE_BYTES + 1024 * 1024:
        raise HttpError(413, "the message is over the size limit")
    # Read the stream itself: request.body stops at Django's 2.5 MB limit for form data,
    # and mail with attachments is larger.
    raw = request.read(MAX_MESSAGE_BYTES + 1024 * 1024)
    result = ingest(request.auth, raw)
    return Status(201 if result.status == "created" else 200, IngestOut(**result.as_dict()))
