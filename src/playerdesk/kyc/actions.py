"""Every write of identity verification: one function each, one transaction, its case events.

The case's life:

    requested --(every required document received)--> submitted --(an officer opens it)-->
    under_review --> approved | requested (a new document asked for) | rejected (final)
    requested --(the player sends nothing in time)--> expired
    approved --(the photo ID expires)--> expired
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from playerdesk.brands.models import Brand
from playerdesk.kyc import checks, files, notices, ocr, policy, vault, webhooks
from playerdesk.kyc.models import (
    OPEN_CASE_STATUSES,
    AccountChange,
    CaseEvent,
    CaseEventType,
    CaseStatus,
    Document,
    DocumentKind,
    DocumentStatus,
    IdType,
    RejectReason,
    RetryReason,
    StepUp,
    StepUpMethod,
    Trigger,
    VerificationCase,
)
from playerdesk.lib import clock
from playerdesk.people.models import Player
from playerdesk.sla.schedules import business_schedule
from playerdesk.tickets import references
from playerdesk.tickets.actions import Actor, DomainError, add_note
from playerdesk.tickets.models import Attachment, MessageKind, Ticket

__all__ = [
    "Actor",
    "DomainError",
    "approve",
    "change_account",
    "comment",
    "confirm_identity",
    "document_from_attachment",
    "enter_mrz",
    "expire_cases",
    "open_case",
    "purge_documents",
    "reject",
    "request_new_document",
    "rotate_keys",
    "start_review",
    "upload_document",
]

# Only these fields make the identification record of an approval (FINTRAC's photo-ID method).
IDENTIFICATION_FIELDS = (
    "name",
    "document_type",
    "number",
    "jurisdiction",
    "country",
    "expiry",
)


def policy_of(brand: Brand) -> policy.KycPolicy:
    return policy.parse((brand.policies or {}).get("kyc"))


def _reference_key() -> bytes:
    return hashlib.sha256(f"kyc:{settings.PLAYERDESK_REFERENCE_KEY}".encode()).digest()


def _event(
    case: VerificationCase,
    type_: str,
    actor: Actor,
    now: datetime,
    *,
    player_message: str = "",
    **data: Any,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        type=type_,
        actor_kind=actor.kind,
        actor_agent=actor.agent,
        actor_label=actor.label[:200],
        data=data,
        player_message=player_message,
        created_at=now,
    )


def _locked(case: VerificationCase) -> VerificationCase:
    return (
        VerificationCase.objects.select_for_update()
        .select_related("brand", "player")
        .get(pk=case.pk)
    )


def _check_officer(actor: Actor) -> None:
    if actor.agent is not None and actor.agent.role != "verification_officer":
        raise DomainError(_("Only verification officers decide identity verification."))


def _save(case: VerificationCase, fields: list[str], now: datetime) -> None:
    case.updated_at = now
    case.save(update_fields=[*fields, "updated_at"])


# --- opening -------------------------------------------------------------------------------


@transaction.atomic
def open_case(
    *, player: Player, trigger: str, actor: Actor, ticket: Ticket | None = None
) -> VerificationCase:
    """Ask the player for documents. A player has at most one open case: asking again gives
    the open one back."""
    if trigger not in Trigger.values:
        raise DomainError(_("Unknown reason for verification."), field="trigger")
    if ticket is not None and ticket.player_id != player.pk:
        raise DomainError(_("The ticket belongs to another player."), field="ticket")
    # One opener at a time per player (the brand's row is not locked: only the player's).
    player = (
        Player.objects.select_for_update(of=("self",)).select_related("brand").get(pk=player.pk)
    )
    existing = (
        VerificationCase.objects.filter(player=player, status__in=OPEN_CASE_STATUSES)
        .order_by("-id")
        .first()
    )
    if existing is not None:
        return existing
    brand = player.brand
    rules = policy_of(brand)
    now = clock.now()
    case = VerificationCase(
        # A placeholder until the row has the id its reference is made from.
        reference=f"new-{secrets.token_hex(6)}",
        brand=brand,
        player=player,
        trigger=trigger,
        required=list(rules.documents_for(trigger)),
        ticket=ticket,
        opened_at=now,
        respond_by=now + timedelta(days=rules.request_days),
        updated_at=now,
    )
    if connection.vendor == "postgresql":
        # The id first, so that the row is written once, with its reference.
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence('kyc_verificationcase', 'id'))")
            case.pk = cursor.fetchone()[0]
        case.reference = references.make_reference("KYC", case.pk, _reference_key())
        case.save(force_insert=True)
    else:
        case.save(force_insert=True)
        case.reference = references.make_reference("KYC", case.pk, _reference_key())
        case.save(update_fields=["reference"])
    message = notices.documents_requested(
        player.preferred_language, case.required, case.reference, rules.review_hours
    )
    _event(
        case,
        CaseEventType.OPENED,
        actor,
        now,
        player_message=message,
        trigger=trigger,
        required=case.required,
    )
    webhooks.queue(case, "verification.requested")
    return case


# --- documents -----------------------------------------------------------------------------


def account_facts(player: Player) -> checks.AccountFacts:
    return checks.AccountFacts(
        name=player.name,
        date_of_birth=player.date_of_birth,
        province=player.province or player.brand.province,
        address=player.address,
        postal_code=player.postal_code,
    )


def run_checks(document: Document, case: VerificationCase, today: date | None = None) -> None:
    facts = checks.DocumentFacts(
        kind=document.kind,
        id_type=document.id_type,
        content_type=document.content_type,
        declared_type=document.declared_type,
        width=document.width,
        height=document.height,
        mrz=document.mrz,
        text=document.text,
    )
    results = checks.run(
        facts,
        account_facts(case.player),
        policy_of(case.brand),
        today or clock.now().astimezone(business_schedule(case.brand).tz).date(),
    )
    document.checks = [c.as_dict() for c in results]


def current_documents(case: VerificationCase) -> dict[str, Document]:
    """The newest document of each kind that is not set aside (asked again or rejected)."""
    result: dict[str, Document] = {}
    for doc in case.documents.filter(purged_at__isnull=True).order_by("uploaded_at", "id"):
        if doc.status in (DocumentStatus.RECEIVED, DocumentStatus.ACCEPTED):
            result[doc.kind] = doc
        elif doc.kind in result and result[doc.kind].uploaded_at <= doc.uploaded_at:
            del result[doc.kind]
    return result


def missing_kinds(case: VerificationCase) -> list[str]:
    have = current_documents(case)
    return [k for k in case.required if k not in have]


@dataclass(frozen=True)
class Upload:
    kind: str
    filename: str
    data: bytes
    declared_type: str = ""
    id_type: str = ""
    # Where the file came from when not uploaded by the player (a ticket's attachment).
    source: dict[str, Any] | None = None


def upload_document(*, case: VerificationCase, upload: Upload, actor: Actor) -> Document:
    """Store one file the player sent, encrypted, with its preview and its checks.

    A file refused by ``files.inspect`` raises ``files.FileRejected`` (its message in the active
    language) and leaves a "refused" event with the reason, outside the failed upload's
    transaction so that the record keeps it.
    """
    if upload.kind not in DocumentKind.values:
        raise DomainError(_("Unknown kind of document."), field="kind")
    if upload.kind == DocumentKind.PHOTO_ID and upload.id_type not in IdType.values:
        raise DomainError(_("Choose the type of ID."), field="id_type")
    if case.status not in (CaseStatus.REQUESTED, CaseStatus.SUBMITTED):
        raise DomainError(_("This case takes no more documents."), field="file")
    try:
        inspection = files.inspect(
            upload.data, filename=upload.filename, declared_mime=upload.declared_type
        )
        preview = files.preview(upload.data, inspection.kind)
    except files.FileRejected as exc:
        _event(
            case,
            CaseEventType.REFUSED,
            actor,
            clock.now(),
            kind=upload.kind,
            filename=upload.filename[:255],
            code=exc.code,
        )
        raise
    digest = hashlib.sha256(upload.data).hexdigest()
    same = case.documents.filter(
        kind=upload.kind,
        sha256=digest,
        status__in=(DocumentStatus.RECEIVED, DocumentStatus.ACCEPTED),
        purged_at__isnull=True,
    ).first()
    if same is not None:  # sent twice (a double click, a retry): kept once
        return same
    suffix = {"jpeg": "jpg"}.get(inspection.kind, inspection.kind)
    zone = ""
    if upload.kind == DocumentKind.PHOTO_ID and upload.id_type != IdType.DRIVERS_LICENCE:
        zone = ocr.read_mrz(preview)
    # The files first, then the rows; if the rows fail, the files go.
    blob, key_id = vault.put(upload.data, name=vault.new_name(case.pk, suffix + ".enc"))
    preview_blob = ""
    try:
        preview_blob, _key = vault.put(preview, name=vault.new_name(case.pk, "png.enc"))
        with transaction.atomic():
            return _record_document(
                case, upload, inspection, blob, preview_blob, key_id, zone, actor
            )
    except BaseException:
        vault.delete(blob)
        vault.delete(preview_blob)
        raise


def _record_document(
    case: VerificationCase,
    upload: Upload,
    inspection: files.Inspection,
    blob: str,
    preview_blob: str,
    key_id: str,
    zone: str,
    actor: Actor,
) -> Document:
    case = _locked(case)
    if case.status not in (CaseStatus.REQUESTED, CaseStatus.SUBMITTED):
        raise DomainError(_("This case takes no more documents."), field="file")
    now = clock.now()
    document = Document(
        case=case,
        kind=upload.kind,
        id_type=upload.id_type if upload.kind == DocumentKind.PHOTO_ID else "",
        filename=upload.filename[:255],
        declared_type=(upload.declared_type or "")[:100],
        content_type=inspection.mime,
        size=inspection.size,
        width=inspection.width,
        height=inspection.height,
        pages=inspection.pages,
        sha256=hashlib.sha256(upload.data).hexdigest(),
        blob=blob,
        preview_blob=preview_blob,
        key_id=key_id,
        text=inspection.text,
        mrz=zone,
        mrz_source="ocr" if zone else "",
        uploaded_at=now,
    )
    run_checks(document, case)
    document.save()
    _event(
        case,
        CaseEventType.DOCUMENT,
        actor,
        now,
        document=document.pk,
        kind=document.kind,
        content_type=document.content_type,
        size=document.size,
        **({"source": upload.source} if upload.source else {}),
    )
    if case.status == CaseStatus.REQUESTED and not missing_kinds(case):
        _submitted(case, actor, now)
    return document


def document_from_attachment(
    *,
    case: VerificationCase,
    attachment: Attachment,
    kind: str,
    actor: Actor,
    id_type: str = "",
) -> Document:
    """A file the player sent on one of their tickets (an email attachment), moved into the case
    by a verification officer: the same inspection, vault and checks as an upload."""
    _check_officer(actor)
    if attachment.message.ticket.player_id != case.player_id:
        raise DomainError(_("The file belongs to another player."), field="attachment")
    if attachment.message.kind != MessageKind.PLAYER:
        raise DomainError(_("Only a file the player sent can be used."), field="attachment")
    with attachment.file.open("rb") as fh:
        data = fh.read(files.MAX_BYTES + 1)
    return upload_document(
        case=case,
        upload=Upload(
            kind=kind,
            filename=attachment.filename,
            data=data,
            declared_type=attachment.content_type,
            id_type=id_type,
            source={"ticket": attachment.message.ticket.reference, "attachment": attachment.pk},
        ),
        actor=actor,
    )


def _submitted(case: VerificationCase, actor: Actor, now: datetime) -> None:
    rules = policy_of(case.brand)
    schedule = business_schedule(case.brand)
    case.status = CaseStatus.SUBMITTED
    case.submitted_at = now
    case.review_due_at = schedule.add(now, timedelta(hours=rules.review_hours[0]))
    case.review_limit_at = schedule.add(now, timedelta(hours=rules.review_hours[1]))
    _save(case, ["status", "submitted_at", "review_due_at", "review_limit_at"], now)
    _event(
        case,
        CaseEventType.SUBMITTED,
        actor,
        now,
        review_due_at=case.review_due_at.isoformat(),
        review_limit_at=case.review_limit_at.isoformat(),
    )
    webhooks.queue(case, "verification.submitted")


# --- review --------------------------------------------------------------------------------


@transaction.atomic
def start_review(*, case: VerificationCase, actor: Actor) -> VerificationCase:
    _check_officer(actor)
    case = _locked(case)
    if case.status != CaseStatus.SUBMITTED:
        return case
    now = clock.now()
    case.status = CaseStatus.UNDER_REVIEW
    case.reviewer = actor.agent
    _save(case, ["status", "reviewer"], now)
    _event(case, CaseEventType.REVIEW, actor, now)
    return case


def _check_reviewable(case: VerificationCase) -> None:
    if case.status not in (CaseStatus.SUBMITTED, CaseStatus.UNDER_REVIEW):
        raise DomainError(_("This case is not waiting for a decision."))


@transaction.atomic
def enter_mrz(*, document: Document, text: str, actor: Actor) -> Document:
    """The officer types the machine-readable zone they read; the checks run again."""
    _check_officer(actor)
    case = _locked(document.case)
    _check_reviewable(case)
    document = Document.objects.select_for_update().get(pk=document.pk, case=case)
    if document.kind != DocumentKind.PHOTO_ID:
        raise DomainError(_("Only a photo ID has a machine-readable zone."), field="mrz")
    document.mrz = "\n".join(line.strip() for line in text.strip().splitlines())[:200]
    document.mrz_source = "typed" if document.mrz else ""
    run_checks(document, case)
    document.save(update_fields=["mrz", "mrz_source", "checks"])
    _event(case, CaseEventType.MRZ, actor, clock.now(), document=document.pk)
    return document


def _clean_identification(raw: dict[str, Any], today: date) -> dict[str, str]:
    record = {k: str(raw.get(k) or "").strip()[:100] for k in IDENTIFICATION_FIELDS}
    missing = [k for k in IDENTIFICATION_FIELDS if not record[k]]
    if missing:
        raise DomainError(
            _("Fill in every part of the identification record: %(fields)s.")
            % {"fields": ", ".join(missing)},
            field=missing[0],
        )
    try:
        expiry = date.fromisoformat(record["expiry"])
    except ValueError:
        raise DomainError(_("The expiry must be a date (YYYY-MM-DD)."), field="expiry") from None
    if expiry < today:
        raise DomainError(
            _("The document expired on %(date)s: ask for a valid one instead.")
            % {"date": expiry.isoformat()},
            field="expiry",
        )
    record["verified_on"] = today.isoformat()
    return record


@transaction.atomic
def approve(
    *, case: VerificationCase, identification: dict[str, Any], actor: Actor
) -> VerificationCase:
    """The player is verified. Records the photo-ID method's details."""
    _check_officer(actor)
    case = _locked(case)
    _check_reviewable(case)
    missing = missing_kinds(case)
    if missing:
        raise DomainError(
            _("Documents still missing: %(kinds)s.")
            % {"kinds": ", ".join(str(DocumentKind(k).label) for k in missing)}
        )
    now = clock.now()
    today = now.astimezone(business_schedule(case.brand).tz).date()
    case.identification = _clean_identification(identification, today)
    case.valid_until = date.fromisoformat(case.identification["expiry"])
    case.status = CaseStatus.APPROVED
    case.reviewer = actor.agent
    case.decided_at = case.closed_at = now
    case.decision_reason = ""
    _save(
        case,
        [
            "identification",
            "valid_until",
            "status",
            "reviewer",
            "decided_at",
            "closed_at",
            "decision_reason",
        ],
        now,
    )
    ids = [d.pk for d in current_documents(case).values()]
    Document.objects.filter(pk__in=ids).update(status=DocumentStatus.ACCEPTED)
    _event(
        case,
        CaseEventType.APPROVED,
        actor,
        now,
        player_message=notices.approved(case.player.preferred_language, case.reference),
        identification=case.identification,
    )
    webhooks.queue(case, "verification.approved")
    return case


@transaction.atomic
def request_new_document(
    *, document: Document, reason: str, actor: Actor, note: str = ""
) -> VerificationCase:
    """Set one document aside and ask the player for another, saying how to put it right."""
    _check_officer(actor)
    if reason not in RetryReason.values:
        raise DomainError(_("Choose why a new document is needed."), field="reason")
    case = _locked(document.case)
    _check_reviewable(case)
    document = Document.objects.select_for_update().get(pk=document.pk, case=case)
    now = clock.now()
    rules = policy_of(case.brand)
    document.status, document.reason = DocumentStatus.RETRY, reason
    document.save(update_fields=["status", "reason"])
    case.status = CaseStatus.REQUESTED
    case.respond_by = now + timedelta(days=rules.request_days)
    case.submitted_at = case.review_due_at = case.review_limit_at = None
    _save(case, ["status", "respond_by", "submitted_at", "review_due_at", "review_limit_at"], now)
    message = notices.new_document_requested(
        case.player.preferred_language,
        document.kind,
        reason,
        case.reference,
        days=rules.address_max_age_days,
        note=note.strip()[:1000],
    )
    _event(
        case,
        CaseEventType.RETRY,
        actor,
        now,
        player_message=message,
        document=document.pk,
        kind=document.kind,
        reason=reason,
    )
    webhooks.queue(case, "verification.documents_requested")
    return case


@transaction.atomic
def reject(*, case: VerificationCase, reason: str, actor: Actor) -> VerificationCase:
    """A final refusal: the documents are altered or the identity is not the account's."""
    _check_officer(actor)
    if reason not in RejectReason.values:
        raise DomainError(_("Choose why the verification is refused."), field="reason")
    case = _locked(case)
    _check_reviewable(case)
    now = clock.now()
    case.status = CaseStatus.REJECTED
    case.decision_reason = reason
    case.reviewer = actor.agent
    case.decided_at = case.closed_at = now
    _save(case, ["status", "decision_reason", "reviewer", "decided_at", "closed_at"], now)
    case.documents.filter(status=DocumentStatus.RECEIVED).update(
        status=DocumentStatus.REJECTED, reason=reason
    )
    _event(
        case,
        CaseEventType.REJECTED,
        actor,
        now,
        player_message=notices.rejected(case.player.preferred_language, reason, case.reference),
        reason=reason,
    )
    webhooks.queue(case, "verification.rejected")
    return case


@transaction.atomic
def comment(*, case: VerificationCase, body: str, actor: Actor) -> CaseEvent:
    """An internal comment: officers and compliance see it, the player never does."""
    body = (body or "").strip()
    if not body:
        raise DomainError(_("The comment is empty."), field="body")
    if actor.agent is not None and actor.agent.is_read_only:
        raise DomainError(_("Your role can read cases but not change them."))
    return _event(case, CaseEventType.COMMENT, actor, clock.now(), body=body[:5000])


# --- time ----------------------------------------------------------------------------------


def expire_cases(*, now: datetime | None = None, limit: int = 500) -> int:
    """Cases the player let lapse, and approvals whose photo ID has expired. Returns how many."""
    now = now or clock.now()
    count = 0
    lapsed = VerificationCase.objects.filter(status=CaseStatus.REQUESTED, respond_by__lt=now)
    outdated = VerificationCase.objects.filter(
        status=CaseStatus.APPROVED, valid_until__lt=now.date()
    )
    for ids in (
        list(lapsed.values_list("id", flat=True)[:limit]),
        list(outdated.values_list("id", flat=True)[:limit]),
    ):
        for case_id in ids:
            with transaction.atomic():
                case = (
                    VerificationCase.objects.select_for_update()
                    .select_related("brand", "player")
                    .get(pk=case_id)
                )
                if case.status not in (CaseStatus.REQUESTED, CaseStatus.APPROVED):
                    continue
                previous = case.status
                case.status = CaseStatus.EXPIRED
                case.closed_at = case.closed_at or now
                _save(case, ["status", "closed_at"], now)
                _event(
                    case,
                    CaseEventType.EXPIRED,
                    Actor.system(),
                    now,
                    player_message=notices.expired(case.player.preferred_language, case.reference),
                    previous=previous,
                )
                webhooks.queue(case, "verification.expired")
                count += 1
    return count


def purge_documents(*, now: datetime | None = None, limit: int = 500) -> int:
    """Delete the files of cases closed, or of accounts closed, longer ago than the brand's
    retention. The rows stay (what was checked, by whom, when) with no way to the bytes."""
    now = now or clock.now()
    purged = 0
    by_case: dict[int, list[Document]] = {}
    # Per brand, since each keeps documents for its own time: due when the case or the account
    # closed before the brand's cutoff.
    for brand in Brand.objects.filter(
        pk__in=Document.objects.filter(purged_at__isnull=True).values("case__brand_id")
    ):
        cutoff = now - timedelta(days=policy_of(brand).retention_days)
        due = (
            Document.objects.filter(purged_at__isnull=True, case__brand=brand)
            .filter(Q(case__closed_at__lt=cutoff) | Q(case__player__account_closed_at__lt=cutoff))
            .select_related("case", "case__brand", "case__player")
            .order_by("id")[:limit]
        )
        for doc in due:
            by_case.setdefault(doc.case_id, []).append(doc)
    for docs in list(by_case.values())[:limit]:
        case = docs[0].case
        with transaction.atomic():
            names = []
            for doc in docs:
                names += [doc.blob, doc.preview_blob]
                Document.objects.filter(pk=doc.pk).update(
                    blob="", preview_blob="", key_id="", mrz="", text="", purged_at=now
                )
            _event(
                case,
                CaseEventType.PURGED,
                Actor.system(),
                now,
                documents=[d.pk for d in docs],
            )
            transaction.on_commit(lambda names=names: [vault.delete(n) for n in names])
        purged += len(docs)
    return purged


def rotate_keys(*, limit: int | None = None) -> int:
    """Encrypt again, under the current key, every stored file of an older key."""
    current = vault.current_key_id()
    done = 0
    queryset = Document.objects.filter(purged_at__isnull=True).exclude(key_id=current)
    for doc in queryset.order_by("id")[:limit] if limit else queryset.order_by("id"):
        old = [doc.blob, doc.preview_blob]
        new = [
            vault.new_name(doc.case_id, doc.blob.rsplit("/", 1)[-1].split(".", 1)[1]),
            vault.new_name(doc.case_id, "png.enc"),
        ]
        for name, target in zip(old, new, strict=True):
            vault.reencrypt(name, new=target)
        Document.objects.filter(pk=doc.pk).update(blob=new[0], preview_blob=new[1], key_id=current)
        for name in old:
            vault.delete(name)
        done += 1
    return done


# --- step-up -------------------------------------------------------------------------------


@transaction.atomic
def confirm_identity(*, ticket: Ticket, method: str, note: str, actor: Actor) -> StepUp:
    """Record that the player's identity was confirmed in this ticket, and how (R11)."""
    if actor.agent is None:
        raise DomainError(_("Only an agent confirms a player's identity."))
    if actor.agent.is_read_only:
        raise DomainError(_("Your role can read tickets but not change them."))
    if method not in StepUpMethod.values:
        raise DomainError(_("Choose how the identity was confirmed."), field="method")
    if (
        method == StepUpMethod.VERIFIED_DOCUMENTS
        and not VerificationCase.objects.filter(
            player_id=ticket.player_id, status=CaseStatus.APPROVED
        ).exists()
    ):
        raise DomainError(_("This player has no approved identity verification."), field="method")
    step = StepUp.objects.create(
        ticket=ticket,
        agent=actor.agent,
        method=method,
        note=(note or "").strip()[:500],
        created_at=clock.now(),
    )
    add_note(
        ticket=ticket,
        body=_("Identity confirmed: %(method)s.") % {"method": StepUpMethod(method).label}
        + (f" {step.note}" if step.note else ""),
        actor=actor,
    )
    return step


# A confirmation counts for changes made within this time, in the same ticket.
STEP_UP_VALID = timedelta(hours=2)


@transaction.atomic
def change_account(
    *, ticket: Ticket, change: str, actor: Actor, new_email: str = "", note: str = ""
) -> StepUp:
    """A sensitive change of the player's account (email, payment details, password), allowed
    only after the player's identity was confirmed in this ticket. The email changes here; the
    platform is told of every change through its webhook. Returns the confirmation relied on."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    if actor.agent is None or actor.agent.is_read_only:
        raise DomainError(_("Your role can read tickets but not change them."))
    if change not in AccountChange.values:
        raise DomainError(_("Choose what to change."), field="change")
    now = clock.now()
    step = (
        StepUp.objects.filter(ticket=ticket, created_at__gte=now - STEP_UP_VALID)
        .order_by("-created_at", "-id")
        .first()
    )
    if step is None:
        raise DomainError(
            _(
                "Confirm the player's identity in this ticket first: sensitive changes need it "
                "(within the last two hours)."
            ),
            field="change",
        )
    player = Player.objects.select_for_update().select_related("brand").get(pk=ticket.player_id)
    details: dict[str, object] = {}
    if change == AccountChange.EMAIL:
        new_email = (new_email or "").strip()
        try:
            validate_email(new_email)
        except ValidationError:
            raise DomainError(_("Enter a valid new email address."), field="new_email") from None
        details = {"old_email": player.email, "new_email": new_email}
        player.email = new_email
        player.save(update_fields=["email", "updated_at"])
    add_note(
        ticket=ticket,
        body=_(
            "Account change: %(change)s. Identity confirmed by %(method)s (%(agent)s, %(when)s)."
        )
        % {
            "change": AccountChange(change).label,
            "method": StepUpMethod(step.method).label,
            "agent": step.agent.display_name,
            "when": step.created_at.strftime("%Y-%m-%d %H:%M UTC"),
        }
        + (f" {note.strip()[:500]}" if note and note.strip() else ""),
        actor=actor,
    )
    webhooks.send(
        player.brand,
        "account.change_requested",
        {
            "player": player.external_id,
            "change": change,
            "ticket": ticket.reference,
            "identity_confirmed_by": step.method,
            "at": now.isoformat(),
            **({"new_email": details["new_email"]} if details else {}),
        },
    )
    return step
