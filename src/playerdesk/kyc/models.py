"""Identity verification: cases, their documents (encrypted), the record of each, webhooks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from playerdesk.brands.models import Brand
from playerdesk.people.models import AgentProfile, Player
from playerdesk.tickets.models import ActorKind, Ticket


class Trigger(models.TextChoices):
    FIRST_WITHDRAWAL = "first_withdrawal", _("First withdrawal")
    PAYMENT_METHOD_CHANGE = "payment_method_change", _("Payment method change")
    SECURITY = "security", _("Security")
    BONUS_CLAIM = "bonus_claim", _("Bonus claim")
    MANUAL = "manual", _("Requested by an agent")


class CaseStatus(models.TextChoices):
    REQUESTED = "requested", _("Documents requested")
    SUBMITTED = "submitted", _("Documents received")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")


# A case in one of these still waits for the player or for an officer.
OPEN_CASE_STATUSES = ("requested", "submitted", "under_review")
# The verification team's queue: documents are in, a decision is due.
REVIEW_STATUSES = ("submitted", "under_review")


class DocumentKind(models.TextChoices):
    PHOTO_ID = "photo_id", _("Government photo ID")
    PROOF_OF_ADDRESS = "proof_of_address", _("Proof of address")
    PROOF_OF_PAYMENT = "proof_of_payment", _("Proof of payment method")


class IdType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    ID_CARD = "id_card", _("Identity card")
    DRIVERS_LICENCE = "drivers_licence", _("Driver's licence")


class DocumentStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    RETRY = "retry", _("New document requested")
    REJECTED = "rejected", _("Rejected")


class RetryReason(models.TextChoices):
    """A new document is asked for: the player can put it right."""

    BLURRY = "blurry", _("Blurry or unreadable")
    CROPPED = "cropped", _("Cropped: edges or corners missing")
    MISSING_SIDE = "missing_side", _("A page or side is missing")
    EXPIRED = "expired", _("The document has expired")
    NAME_MISMATCH = "name_mismatch", _("The name does not match the account")
    WRONG_TYPE = "wrong_type", _("Wrong type of document")
    TOO_OLD = "too_old", _("Issued too long ago")


class RejectReason(models.TextChoices):
    """The case ends: nothing the player sends can put it right."""

    ALTERED = "altered", _("Altered or fake document")
    IDENTITY_MISMATCH = "identity_mismatch", _("The identity does not match the account")


class VerificationCase(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="+", db_index=False)
    player = models.ForeignKey(
        Player, on_delete=models.PROTECT, related_name="verification_cases", db_index=False
    )
    trigger = models.CharField(_("trigger"), max_length=30, choices=Trigger.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.REQUESTED
    )
    # The kinds of document this case asks for (policy.documents_for(trigger) when opened).
    required = models.JSONField(_("documents required"), default=list)
    # The ticket the case was opened from, if any: the player's messages go there too.
    ticket = models.ForeignKey(
        Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"))
    # The player has until then to send the documents; then the case expires.
    respond_by = models.DateTimeField(_("documents expected by"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("documents received"), null=True, blank=True)
    # The review target and its limit, in the brand's business time from the last submission.
    review_due_at = models.DateTimeField(_("review due"), null=True, blank=True)
    review_limit_at = models.DateTimeField(_("review limit"), null=True, blank=True)
    reviewer = models.ForeignKey(
        AgentProfile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=30, blank=True)
    # What the anti-money-laundering rules ask of the photo-ID method, set on approval: name,
    # verified_on, document_type, number, jurisdiction, country, expiry.
    identification = models.JSONField(_("identification record"), default=dict, blank=True)
    # Until when an approval holds: the photo ID's expiry. After it the case is expired.
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("verification case")
        verbose_name_plural = _("verification cases")
        indexes = [
            # The clearance answer: a player's newest case.
            models.Index(fields=["player", "-id"], name="kyc_case_player_idx"),
            # The verification team's queue, oldest submission first.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(status__in=REVIEW_STATUSES),
                name="kyc_case_review_idx",
            ),
            # Cases waiting for the player, by the date they expire.
            models.Index(
                fields=["respond_by"],
                condition=models.Q(status="requested"),
                name="kyc_case_requested_idx",
            ),
            # Approvals by the date the photo ID expires.
            models.Index(
                fields=["valid_until"],
                condition=models.Q(status="approved"),
                name="kyc_case_valid_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CaseStatus.values), name="kyc_case_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CASE_STATUSES


class Document(models.Model):
    """One file the player sent. The original and its preview are encrypted in the vault."""

    case = models.ForeignKey(VerificationCase, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    id_type = models.CharField(_("type of ID"), max_length=20, choices=IdType.choices, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    declared_type = models.CharField(_("declared type"), max_length=100, blank=True)
    content_type = models.CharField(_("detected type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    # Where the encrypted bytes are in the vault's storage, and the key that encrypted them.
    # Both are emptied by the purge: the file is gone and nothing says how to read it.
    blob = models.CharField(max_length=255, blank=True)
    preview_blob = models.CharField(max_length=255, blank=True)
    key_id = models.CharField(max_length=32, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.RECEIVED
    )
    reason = models.CharField(_("reason"), max_length=30, blank=True)
    # The machine-readable zone as read (OCR) or typed by the officer, and from where.
    mrz = models.TextField(_("machine-readable zone"), blank=True)
    mrz_source = models.CharField(max_length=10, blank=True)
    # Text of a PDF (dates and address of a proof of address), kept for the checks.
    text = models.TextField(blank=True)
    # The automated checks' results: [{"code", "outcome": pass|fail|not_possible, "detail"}].
    checks = models.JSONField(_("automated checks"), default=list, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"))
    purged_at = models.DateTimeField(_("purged"), null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class CaseEventType(models.TextChoices):
    OPENED = "opened", _("Documents requested")
    DOCUMENT = "document", _("Document received")
    SUBMITTED = "submitted", _("Documents received")
    REVIEW = "review", _("Review started")
    CHECKS = "checks", _("Automated checks run")
    MRZ = "mrz", _("Machine-readable zone entered")
    RETRY = "retry", _("New document requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")
    COMMENT = "comment", _("Internal comment")
    PURGED = "purged", _("Documents purged")
    REFUSED = "refused", _("Upload refused")


class CaseEvent(models.Model):
    """One entry of a case's record. ``player_message`` is what the player was told, in their
    language, as sent; internal comments never have one. Never updated (a database trigger)."""

    case = models.ForeignKey(VerificationCase, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=20, choices=CaseEventType.choices)
    actor_kind = models.CharField(max_length=10, choices=ActorKind.choices)
    actor_agent = models.ForeignKey(
        AgentProfile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    player_message = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.get_type_display()} #{self.pk}"


class AccessAction(models.TextChoices):
    PREVIEW = "preview", _("Viewed the preview")
    DOWNLOAD = "download", _("Downloaded the original")
    DENIED = "denied", _("Refused: no verification role")


class DocumentAccess(models.Model):
    """Who opened which identity document, when, and whether it was allowed. Never updated."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="accesses")
    agent = models.ForeignKey(
        AgentProfile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    allowed = models.BooleanField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document access")
        verbose_name_plural = _("document accesses")
        indexes = [models.Index(fields=["document", "-created_at"], name="kyc_access_doc_idx")]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} #{self.document_id}"


class StepUpMethod(models.TextChoices):
    MEMBER_AREA = "member_area", _("Signed in to the member area")
    SECURITY_QUESTIONS = "security_questions", _("Answered the account's security questions")
    EMAIL_CODE = "email_code", _("Code sent to the account's email")
    VERIFIED_DOCUMENTS = "verified_documents", _("Identity documents already verified")


class StepUp(models.Model):
    """The player's identity was confirmed in this ticket, by this agent, this way (R11)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    agent = models.ForeignKey(AgentProfile, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("how"), max_length=30, choices=StepUpMethod.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("identity confirmation")
        verbose_name_plural = _("identity confirmations")
        indexes = [models.Index(fields=["ticket", "-created_at"], name="kyc_stepup_ticket_idx")]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.method}"


class AccountChange(models.TextChoices):
    EMAIL = "email", _("Email address")
    PAYMENT_DETAILS = "payment_details", _("Payment details")
    PASSWORD = "password", _("Password reset")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Gave up")


class WebhookDelivery(models.Model):
    """One decision told to the platform: signed, retried with backoff until it is taken."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=50)
    payload = models.JSONField()
    url = models.URLField(max_length=500)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="kyc_webhook_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"
