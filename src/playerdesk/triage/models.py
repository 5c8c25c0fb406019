"""Agents' corrections of the automatic triage, kept for the next training."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from playerdesk.people.models import AgentProfile
from playerdesk.tickets.models import Ticket


class Correction(models.Model):
    """An agent changed what the triage decided: the text, the triage's label and the agent's.

    ``playerdesk triage corrections`` writes them as corpus lines for ``triage train --extra``.
    """

    class Field(models.TextChoices):
        CATEGORY = "category", _("Category")
        PRIORITY = "priority", _("Priority")
        HARM = "harm", _("Signs of gambling harm")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="triage_corrections")
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    predicted = models.CharField(_("triage's value"), max_length=40)
    corrected = models.CharField(_("agent's value"), max_length=40)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=2)
    model = models.CharField(_("model version"), max_length=40, blank=True)
    agent = models.ForeignKey(
        AgentProfile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("corrected at"))

    class Meta:
        verbose_name = _("triage correction")
        verbose_name_plural = _("triage corrections")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(field__in=["category", "priority", "harm"]),
                name="triage_correction_field_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.field}: {self.predicted} -> {self.corrected}"
