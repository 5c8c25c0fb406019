"""Every email received, kept raw (compressed) with what became of it."""

from __future__ import annotations

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
