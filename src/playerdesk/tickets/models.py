"""Tickets, their messages, attachments and the append-only event log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import F
from django.db.models.fields.json import KT
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from playerdesk.brands.models import Brand, Channel, Language
from playerdesk.lib.sanitize import html_to_text
from playerdesk.people.models import AgentProfile, Player, Team


class Category(models.TextChoices):
    ACCOUNT_ACCESS = "account_access", _("Account access")
    SECURITY = "security", _("Security")
    PAYMENTS = "payments", _("Payments")
    VERIFICATION = "verification", _("Verification")
    BONUS = "bonus", _("Bonuses and promotions")
    TECHNICAL = "technical", _("Technical")
    RESPONSIBLE_GAMBLING = "responsible_gambling", _("Responsible gambling")
    GENERAL = "general", _("General")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}


class Status(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    PENDING_PLAYER = "pending_player", _("Waiting for player")
    ESCALATED = "escalated", _("Escalated")
    ON_HOLD = "on_hold", _("On hold")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class SlaState(models.TextChoices):
    OK = "ok", _("On time")
    AT_RISK = "at_risk", _("At risk")
    BREACHED = "breached", _("Breached")


# Tickets that wait in a team's queue for an agent to take them ("Next ticket").
CLAIMABLE_STATUSES = ("new", "open", "escalated")
# Every status before resolution: the agents' lists and the supervisor counts.
OPEN_STATUSES = ("new", "open", "pending_player", "escalated", "on_hold")


class Ticket(models.Model):
    # Made from a number handed out once (numbering.py), so unique by construction.
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    # Foreign keys that lead a composite index below get no index of their own: every index
    # is written again by each update that changes an indexed column (docs/queue.md).
    brand = models.ForeignKey(
        Brand, on_delete=models.PROTECT, related_name="tickets", db_index=False
    )
    player = models.ForeignKey(
        Player, on_delete=models.PROTECT, related_name="tickets", db_index=False
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=255)
    category = models.CharField(
        _("category"), max_length=30, choices=Category.choices, default=Category.GENERAL
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        db_index=False,
    )
    assignee = models.ForeignKey(
        AgentProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        db_index=False,
    )
    fields = models.JSONField(_("details"), default=dict, blank=True)
    # What the automatic triage made of the first message (triage.classifier.Triage.as_dict(),
    # plus what of it was applied); empty when the ticket was not triaged.
    triage = models.JSONField(_("triage"), default=dict, blank=True)
    # Signs of gambling harm: set by the triage, confirmed or cleared by an agent.
    harm = models.BooleanField(_("signs of gambling harm"), default=False)
    # The details that search looks up exactly, as columns the database derives from them, so
    # that an index can hold them beside the scope's columns (search/queries.py).
    transaction_key = models.GeneratedField(
        verbose_name=_("transaction id (search key)"),
        expression=Upper(KT("fields__transaction_id")),
        output_field=models.CharField(max_length=255, null=True),
        db_persist=True,
    )
    bonus_key = models.GeneratedField(
        verbose_name=_("bonus code (search key)"),
        expression=Upper(KT("fields__bonus_code")),
        output_field=models.CharField(max_length=255, null=True),
        db_persist=True,
    )
    expected_by = models.DateTimeField(_("expected by"), null=True, blank=True)
    created_at = models.DateTimeField(_("opened"))
    updated_at = models.DateTimeField(_("updated"))
    first_response_at = models.DateTimeField(null=True, blank=True)
    last_player_message_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    # Response targets (sla/): when each is due and when it becomes at risk (80% used). None:
    # no such target, or already met. Shifted forward by the time spent waiting for the player.
    first_response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)
    first_response_risk_at = models.DateTimeField(null=True, blank=True)
    next_response_due_at = models.DateTimeField(_("next response due"), null=True, blank=True)
    next_response_risk_at = models.DateTimeField(null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    resolution_risk_at = models.DateTimeField(null=True, blank=True)
    sla_paused_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Since when the clock is stopped (waiting for player).")
    )
    # The running target that falls due first, its state, and when the sweep looks next.
    sla_target = models.CharField(max_length=20, blank=True)
    sla_due_at = models.DateTimeField(_("next due"), null=True, blank=True)
    sla_state = models.CharField(
        _("response target"), max_length=10, choices=SlaState.choices, default=SlaState.OK
    )
    sla_check_at = models.DateTimeField(null=True, blank=True)
    # The queue's order, lower first: priority head start and business time waited (sla/).
    queue_key = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        # Each index and the query it serves: docs/lists.md.
        indexes = [
            # A player's history, newest first.
            models.Index(fields=["player", "-id"], name="ticket_player_idx"),
            # Closing resolved tickets after a while: only resolved tickets are in it.
            models.Index(
                fields=["resolved_at"],
                condition=models.Q(status="resolved"),
                name="ticket_resolved_idx",
            ),
            # "My tickets" in queue order, and an agent's load against their capacity; with
            # the team, search finds an agent's tickets in other teams from the index alone.
            models.Index(
                fields=["assignee", "queue_key", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                include=["team"],
                name="ticket_assignee_open_idx",
            ),
            # "Next ticket": the unassigned waiting tickets of a team, brand and language in
            # queue order, so that an agent's claim reads only tickets they may take.
            models.Index(
                fields=["team", "brand", "language", "queue_key", "id"],
                condition=models.Q(assignee__isnull=True, status__in=CLAIMABLE_STATUSES),
                name="ticket_queue_idx",
            ),
            # A team's backlog (assigned or not) in queue order.
            models.Index(
                fields=["team", "queue_key", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="ticket_team_open_idx",
            ),
            # Every unresolved ticket in queue order, carrying what scope and the supervisor
            # counts read, so that both are answered from the index alone (PostgreSQL).
            models.Index(
                fields=["queue_key", "id"],
                include=["brand", "team", "assignee", "sla_state"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="ticket_open_idx",
            ),
            # The SLA sweep: only tickets whose next check is set.
            models.Index(
                fields=["sla_check_at"],
                condition=models.Q(sla_check_at__isnull=False),
                name="ticket_sla_check_idx",
            ),
            # Search's exact look-ups of a transaction id or a bonus code in the details.
            # Newest first: a bonus code may be on thousands of tickets, so the columns of the
            # scope are in the index too and the tickets an agent may not see are passed over
            # without reading them.
            models.Index(
                F("transaction_key"),
                F("id").desc(),
                condition=models.Q(transaction_key__isnull=False),
                include=["brand", "team", "assignee"],
                name="ticket_transaction_idx",
            ),
            models.Index(
                F("bonus_key"),
                F("id").desc(),
                condition=models.Q(bonus_key__isnull=False),
                include=["brand", "team", "assignee"],
                name="ticket_bonus_code_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="ticket_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(priority__in=Priority.values), name="ticket_priority_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=Category.values), name="ticket_category_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(sla_state__in=SlaState.values), name="ticket_sla_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"#{self.pk}"


class MessageKind(models.TextChoices):
    PLAYER = "player", _("From player")
    AGENT = "agent", _("To player")
    NOTE = "note", _("Internal note")
    SYSTEM = "system", _("System")


PUBLIC_KINDS = (MessageKind.PLAYER, MessageKind.AGENT)


class Message(models.Model):
    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="messages", db_index=False
    )  # message_ticket_idx leads with it
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices)
    # Sanitised HTML (nh3): safe to render as is.
    body = models.TextField(_("message"))
    author_agent = models.ForeignKey(
        AgentProfile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_player = models.ForeignKey(
        Player, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    # The sender's own id of the message (live chat): a message sent again after a lost
    # connection is stored once.
    client_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["ticket", "created_at"], name="message_ticket_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "client_id"],
                condition=~models.Q(client_id=""),
                name="message_ticket_client_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_KINDS


def live_row(
    *,
    pk: int,
    kind: str,
    body: str,
    client_id: str,
    created_at: datetime,
    author_name: str,
    attachments: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A message as the live chat's two sides show it (the player's widget, the agent's panel):
    plain text, who wrote it, the sender's own id, the files with it (id, name, size, type)."""
    return {
        "attachments": attachments or [],
        "id": pk,
        "author": "player"
        if kind == MessageKind.PLAYER
        else ("note" if kind == MessageKind.NOTE else "agent"),
        "name": author_name or "",
        "body": html_to_text(body),
        "client_id": client_id,
        "at": created_at.isoformat(),
    }


def attachment_row(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "name": attachment.filename,
        "size": attachment.size,
        "type": attachment.content_type,
    }


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.message.ticket_id}/{instance.sha256[:16]}"


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, help_text=_("Detected from the content."))
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename


class EventType(models.TextChoices):
    CREATED = "created", _("Ticket opened")
    PLAYER_MESSAGE = "player_message", _("Player wrote")
    REPLY = "reply", _("Reply sent")
    NOTE = "note", _("Internal note")
    INFO_REQUESTED = "info_requested", _("Information requested")
    STATUS = "status", _("Status changed")
    ESCALATED = "escalated", _("Escalated")
    ASSIGNED = "assigned", _("Assignment changed")
    CATEGORY = "category", _("Category changed")
    PRIORITY = "priority", _("Priority changed")
    TEAM = "team", _("Team changed")
    FIELDS = "fields", _("Details changed")
    EXPECTED = "expected", _("Expected time told to the player")
    SLA_AT_RISK = "sla_at_risk", _("Response target at risk")
    SLA_BREACHED = "sla_breached", _("Response target breached")
    HARM = "harm", _("Signs of gambling harm")
    EMAIL_FAILED = "email_failed", _("Email not delivered")


class ActorKind(models.TextChoices):
    AGENT = "agent", _("Agent")
    PLAYER = "player", _("Player")
    PLATFORM = "platform", _("Platform")
    SYSTEM = "system", _("System")


class Event(models.Model):
    """One entry of a ticket's record: who did what, when, from what to what. Never updated."""

    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="events", db_index=False
    )  # event_ticket_idx leads with it
    type = models.CharField(max_length=20, choices=EventType.choices)
    actor_kind = models.CharField(max_length=10, choices=ActorKind.choices)
    actor_agent = models.ForeignKey(
        AgentProfile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="event_ticket_idx"),
            # The supervisors' latest breaches: only breach events are in it.
            models.Index(
                fields=["-created_at", "-id"],
                condition=models.Q(type="sla_breached"),
                name="event_breach_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=EventType.values), name="event_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(actor_kind__in=ActorKind.values), name="event_actor_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} #{self.pk}"


class TicketCounter(models.Model):
    """The last ticket number handed out (SQLite only; PostgreSQL uses a sequence)."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)
