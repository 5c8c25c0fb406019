"""Every email received, kept raw (compressed) with what became of it."""

from __future__ import annotations

import os
import zlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from playerdesk.brands.models import Brand
from playerdesk.tickets.models import Message, Ticket


class InboundStatus(models.TextChoices):
    CREATED = "created", _("Opened a ticket")
    APPENDED = "appended", _("Added to a ticket")
    REJECTED = "rejected", _("Rejected")
    UNREADABLE = "unreadable", _("Unreadable")
    BOUNCE = "bounce", _("Delivery report")


class InboundEmail(models.Model):
    """One delivered message, stored once per brand (by Message-ID, or by the hash of its bytes
    when it has none), whatever became of it."""

    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="+", db_index=False)
    dedupe_key = models.CharField(max_length=255)
    header_message_id = models.CharField("Message-ID", max_length=255, blank=True)
    sender = models.CharField(_("from"), max_length=320, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    raw = models.BinaryField(help_text=_("The original message, zlib-compressed."))
    size = models.PositiveIntegerField(_("size"))
    status = models.CharField(_("status"), max_length=12, choices=InboundStatus.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    ticket = models.ForeignKey(
        Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(_("received"))

    class Meta:
        verbose_name = _("received email")
        verbose_name_plural = _("received emails")
        constraints = [
            models.UniqueConstraint(
                fields=["brand", "dedupe_key"], name="inboundemail_brand_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender or '?'}: {self.subject or '(no subject)'}"

    def original(self) -> bytes:
        return zlib.decompress(bytes(self.raw))


class Security(models.TextChoices):
    SSL = "ssl", _("TLS from the start (port 993)")
    STARTTLS = "starttls", _("STARTTLS (port 143)")
    NONE = "none", _("None (a server on this machine only)")


class Mailbox(models.Model):
    """A brand's IMAP mailbox that playerdesk reads. The password is never stored here: the row
    names the environment variable that holds it."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="mailboxes")
    address = models.EmailField(_("address"), help_text=_("The address players write to."))
    host = models.CharField(_("IMAP server"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    security = models.CharField(
        _("security"), max_length=10, choices=Security.choices, default=Security.SSL
    )
    username = models.CharField(_("user name"), max_length=255)
    password_env = models.CharField(
        _("password variable"),
        max_length=100,
        help_text=_("The name of the environment variable that holds the password."),
    )
    folder = models.CharField(_("folder"), max_length=255, default="INBOX")
    done_folder = models.CharField(
        _("folder for read messages"),
        max_length=255,
        blank=True,
        help_text=_("Where read messages are moved; empty: they stay, marked as read."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    last_polled_at = models.DateTimeField(_("last read"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")
        constraints = [models.UniqueConstraint(fields=["address"], name="mailbox_address_unique")]

    def __str__(self) -> str:
        return self.address

    def password(self) -> str:
        return os.environ.get(self.password_env, "")


class OutboundKind(models.TextChoices):
    REPLY = "reply", _("Answer")
    ACKNOWLEDGMENT = "ack", _("Acknowledgment")
    TRANSCRIPT = "transcript", _("Chat transcript")


class OutboundStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not delivered")
    SUPPRESSED = "suppressed", _("Not sent")


class OutboundEmail(models.Model):
    """One email to a player: written in the transaction of what it tells, sent by the worker,
    retried with backoff while the mail server does not take it."""

    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="+", db_index=False)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=OutboundKind.choices)
    header_message_id = models.CharField("Message-ID", max_length=255, unique=True)
    in_reply_to = models.CharField("In-Reply-To", max_length=255, blank=True)
    references = models.TextField("References", blank=True)
    to = models.EmailField(_("to"))
    from_address = models.CharField(_("from"), max_length=320)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=OutboundStatus.choices, default=OutboundStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="queued"),
                name="mail_outbound_due_idx",
            ),
            # Automatic answers to one address in the last hour (the loop guard).
            models.Index(fields=["to", "kind", "created_at"], name="mail_outbound_to_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
