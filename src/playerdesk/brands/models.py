"""Brands and their per-channel policies: everything that differs between brands is data here."""

from __future__ import annotations

import hashlib
import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from playerdesk.sla.calendar import Schedule, ScheduleError
from playerdesk.sla.coverage import check_languages
from playerdesk.sla.targets import check_targets


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


class Channel(models.TextChoices):
    CHAT = "chat", _("Live chat")
    EMAIL = "email", _("Email")
    FORM = "form", _("Contact form")
    MEMBER_AREA = "member_area", _("Member area")
    API = "api", _("Platform API")


class Brand(models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    ticket_prefix = models.CharField(
        _("ticket prefix"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z][A-Z0-9]{1,5}$",
                _("2 to 6 capital letters or digits, starting with a letter."),
            )
        ],
        help_text=_("Starts every reference number of this brand, e.g. PLY in PLY-7K2Q-9M4D."),
    )
    timezone = models.CharField(_("time zone"), max_length=64, default="America/Toronto")
    province = models.CharField(
        _("province"), max_length=2, default="ON", help_text=_("Whose public holidays apply.")
    )
    primary_language = models.CharField(
        _("primary language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    languages = models.JSONField(
        _("languages"), default=list, help_text=_('Languages the brand serves, e.g. ["en", "fr"].')
    )
    support_email = models.EmailField(_("support email"), blank=True)
    formal_email = models.EmailField(
        _("formal email"),
        blank=True,
        help_text=_("For formal requests and documents, if separate."),
    )
    website = models.URLField(_("website"), blank=True)
    business_hours = models.JSONField(
        _("business hours"),
        default=dict,
        help_text=_(
            "When business time runs, for targets counted in business time: "
            '{"weekly": {"mon": [["09:00", "17:00"]], ...}, "holidays": "closed"}.'
        ),
    )
    policies = models.JSONField(
        _("policies"),
        default=dict,
        blank=True,
        help_text=_("Priority, identity verification and incident policies, as configured."),
    )
    webhook_url = models.URLField(
        _("webhook address"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where the platform hears of verification decisions (signed with the brand's "
            "platform secret, from the environment)."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            errors["timezone"] = _("Unknown time zone, e.g. America/Toronto.")
        if self.business_hours and "timezone" not in errors:
            try:
                Schedule.from_json(self.business_hours, timezone=self.timezone)
            except (ScheduleError, TypeError, ValueError, AttributeError, IndexError) as exc:
                errors["business_hours"] = _("These hours cannot be used: %(error)s") % {
                    "error": exc
                }
        if errors:
            raise ValidationError(errors)


class ChannelSetting(models.Model):
    """One channel of one brand: whether it is offered, when, in which languages, how fast.

    ``opening_hours`` is ``{"always": true}`` or ``{"weekly": {"mon": [["09:00", "17:00"]], ...},
    "holidays_closed": true}`` in the brand's time zone. ``languages`` maps a language to the
    hours it is served (``{"en": "always", "fr": "core_hours"}``). ``targets`` maps a target
    (``acknowledgment``, ``first_response``, ``next_response``, ``resolution``) to
    ``{"minutes": N, "business": bool}``. The SLA engine reads these.
    """

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="channel_settings")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    entry_points = models.JSONField(
        _("entry points"),
        default=list,
        blank=True,
        help_text=_('Where the channel is offered, e.g. ["site", "app", "member_area"].'),
    )
    opening_hours = models.JSONField(_("opening hours"), default=dict)
    languages = models.JSONField(_("language coverage"), default=dict)
    targets = models.JSONField(_("response targets"), default=dict)
    automatic_acknowledgment = models.BooleanField(_("automatic acknowledgment"), default=True)
    notes = models.TextField(_("policy notes"), blank=True)

    class Meta:
        ordering = ["brand", "channel"]
        verbose_name = _("channel setting")
        verbose_name_plural = _("channel settings")
        constraints = [
            models.UniqueConstraint(
                fields=["brand", "channel"], name="channelsetting_brand_channel_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.brand} / {self.get_channel_display()}"

    def clean(self) -> None:
        errors = {}
        timezone = self.brand.timezone if self.brand_id else "America/Toronto"
        try:
            Schedule.from_json(self.opening_hours, timezone=timezone)
        except (ScheduleError, TypeError, ValueError, AttributeError, IndexError) as exc:
            errors["opening_hours"] = _("These hours cannot be used: %(error)s") % {"error": exc}
        for field, check in (("targets", check_targets), ("languages", check_languages)):
            try:
                check(getattr(self, field))
            except ValueError as exc:
                errors[field] = str(exc)
        if errors:
            raise ValidationError(errors)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKey(models.Model):
    """A brand's key for the casino platform. Only its SHA-256 is stored."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(_("name"), max_length=100, default="platform")
    prefix = models.CharField(max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.brand.slug}: {self.prefix}…"

    @staticmethod
    def generate() -> str:
        return "pdk_" + secrets.token_urlsafe(32)
