"""Routing rules: which team a ticket goes to, as data the administrator edits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from playerdesk.brands.models import Brand, Channel, Language
from playerdesk.people.models import Team
from playerdesk.tickets.models import Category


class RoutingRule(models.Model):
    """A ticket of ``category`` goes to ``team``; brand, language and channel narrow the rule.

    The most specific matching rule wins (each of brand, language and channel that is set counts
    one); between equally specific rules, the lower ``order``. With no rule for a category, the
    defaults of the source documents apply (routing/defaults.py).
    """

    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    brand = models.ForeignKey(
        Brand,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("brand"),
        help_text=_("Empty: every brand."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        blank=True,
        help_text=_("Empty: every language."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=20,
        choices=Channel.choices,
        blank=True,
        help_text=_("Empty: every channel."),
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="routing_rules", verbose_name=_("team")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["category", "order", "id"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        indexes = [models.Index(fields=["category"], name="routingrule_category_idx")]

    def __str__(self) -> str:
        scope = [str(x) for x in (self.brand, self.language, self.channel) if x]
        return f"{self.category}{' (' + ', '.join(scope) + ')' if scope else ''} -> {self.team}"
