"""What the player is told of their verification, in their language (not the officer's)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from playerdesk.kyc.models import DocumentKind, RejectReason, RetryReason


def _kinds(kinds: list[str]) -> str:
    labels = dict(DocumentKind.choices)
    return "; ".join(str(labels.get(k, k)) for k in kinds)


def documents_requested(
    language: str, kinds: list[str], reference: str, hours: tuple[int, int]
) -> str:
    with translation.override(language):
        return _(
            "To keep your account and your winnings safe, we need to verify your identity "
            "(case %(reference)s). Please upload: %(documents)s. Withdrawals stay on hold until "
            "the check is done. We review documents within %(target)s to %(limit)s business "
            "hours."
        ) % {
            "reference": reference,
            "documents": _kinds(kinds),
            "target": hours[0],
            "limit": hours[1],
        }


def _retry_instruction(reason: str, days: int) -> str:
    return {
        RetryReason.BLURRY: _(
            "The photo is blurry or hard to read. Take it again in good light, with the whole "
            "document flat and in focus, without flash glare."
        ),
        RetryReason.CROPPED: _(
            "Part of the document is cut off. Take it again with all four corners and edges "
            "visible."
        ),
        RetryReason.MISSING_SIDE: _(
            "A page or side is missing. Send both sides of the card, or every page of the "
            "statement."
        ),
        RetryReason.EXPIRED: _(
            "This document has expired. Please send a document that is still valid."
        ),
        RetryReason.NAME_MISMATCH: _(
            "The name on the document does not match the name on your account. Send a document "
            "in your account's name, or contact us to correct the account."
        ),
        RetryReason.WRONG_TYPE: _(
            "This is not the type of document we asked for. Please check the list and send "
            "the right one."
        ),
        RetryReason.TOO_OLD: _(
            "This document was issued too long ago. Please send one issued within the last "
            "%(days)s days."
        )
        % {"days": days},
    }.get(reason, _("Please send a new document."))


def new_document_requested(
    language: str, kind: str, reason: str, reference: str, *, days: int, note: str = ""
) -> str:
    with translation.override(language):
        text = _("We need a new %(document)s for case %(reference)s. %(instruction)s") % {
            "document": str(dict(DocumentKind.choices).get(kind, kind)).lower(),
            "reference": reference,
            "instruction": _retry_instruction(reason, days),
        }
        if note:
            text += " " + note
        return text


def approved(language: str, reference: str) -> str:
    with translation.override(language):
        return _(
            "Your identity is verified (case %(reference)s). Thank you: withdrawals are no "
            "longer held for verification."
        ) % {"reference": reference}


def rejected(language: str, reason: str, reference: str) -> str:
    with translation.override(language):
        why = {
            RejectReason.ALTERED: _(
                "The document shows signs of alteration and cannot be accepted."
            ),
            RejectReason.IDENTITY_MISMATCH: _(
                "The identity on the documents does not match the account holder."
            ),
        }.get(reason, "")
        return _(
            "We could not verify your identity (case %(reference)s). %(why)s Withdrawals and "
            "bonuses stay on hold. If you think this is a mistake, reply to this message or "
            "contact support."
        ) % {"reference": reference, "why": why}


def expired(language: str, reference: str) -> str:
    with translation.override(language):
        return _(
            "Your verification case %(reference)s has expired. You will be asked for documents "
            "again at your next withdrawal."
        ) % {"reference": reference}
