"""Teams, agents and players."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from playerdesk.brands.models import Brand, Language


class Team(models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        return self.name_fr if language == "fr" and self.name_fr else self.name


class Role(models.TextChoices):
    AGENT = "agent", _("Agent")
    SUPERVISOR = "supervisor", _("Supervisor")
    VERIFICATION_OFFICER = "verification_officer", _("Verification officer")
    COMPLIANCE = "compliance", _("Compliance officer")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that see every ticket of their brands, whatever the team.
BRAND_WIDE_ROLES = frozenset({Role.SUPERVISOR, Role.COMPLIANCE, Role.ADMINISTRATOR})
# Roles that may only read: they never change a ticket.
READ_ONLY_ROLES = frozenset({Role.COMPLIANCE})


class Presence(models.TextChoices):
    AVAILABLE = "available", _("Available")
    AWAY = "away", _("Away")


class AgentProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent"
    )
    display_name = models.CharField(_("display name"), max_length=100)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.AGENT)
    languages = models.JSONField(_("languages"), default=list, help_text=_('e.g. ["en", "fr"]'))
    brands = models.ManyToManyField(Brand, related_name="agents", verbose_name=_("brands"))
    teams = models.ManyToManyField(Team, related_name="agents", blank=True, verbose_name=_("teams"))
    ui_language = models.CharField(
        _("console language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    presence = models.CharField(
        _("presence"), max_length=10, choices=Presence.choices, default=Presence.AWAY
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=10,
        help_text=_('How many active tickets the agent holds at most; "Next ticket" stops there.'),
    )

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_brand_wide(self) -> bool:
        return self.role in BRAND_WIDE_ROLES

    @property
    def is_read_only(self) -> bool:
        return self.role in READ_ONLY_ROLES


class AgentToken(models.Model):
    """A bearer token for agent-side API calls. Only its SHA-256 is stored."""

    agent = models.ForeignKey(AgentProfile, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100, default="cli")
    prefix = models.CharField(max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("agent token")
        verbose_name_plural = _("agent tokens")

    def __str__(self) -> str:
        return f"{self.agent}: {self.prefix}…"

    @staticmethod
    def generate() -> str:
        return "pdt_" + secrets.token_urlsafe(32)


class Player(models.Model):
    """A player of one brand, known by the casino platform's id."""

    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="players")
    # NULL, not "", for a player the platform has not named: unique only where set.
    external_id = models.CharField(  # noqa: DJ001
        _("platform id"), max_length=100, null=True, blank=True
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    # Since when a message of the player showed signs of gambling harm (triage or an agent):
    # every agent who opens one of their tickets sees it.
    harm_flagged_at = models.DateTimeField(_("signs of gambling harm since"), null=True, blank=True)
    # What the platform knows of the person, which identity verification compares the
    # documents with (kyc/checks.py). The platform keeps them current through the API.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    address = models.CharField(_("street address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(
        _("province"), max_length=2, blank=True, help_text=_("Two letters, e.g. ON or QC.")
    )
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    country = models.CharField(_("country"), max_length=2, default="CA")
    # When the platform closed the account: retention of identity documents counts from here.
    account_closed_at = models.DateTimeField(_("account closed"), null=True, blank=True)
    email_failing_since = models.DateTimeField(
        _("email failing since"),
        null=True,
        blank=True,
        help_text=_(
            "Mail to this address came back undelivered; nothing more is sent to it "
            "until the player writes from it again."
        ),
    )
    email_failure = models.CharField(_("email failure"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("player")
        verbose_name_plural = _("players")
        constraints = [
            models.UniqueConstraint(
                fields=["brand", "external_id"], name="player_brand_external_id_unique"
            )
        ]
        # A player by email (intake, search) or username (search), in any case.
        indexes = [
            models.Index(F("brand"), Lower("email"), name="player_brand_email_idx"),
            models.Index(F("brand"), Lower("username"), name="player_brand_username_idx"),
        ]

    def __str__(self) -> str:
        return self.username or self.email or self.external_id or f"#{self.pk}"
