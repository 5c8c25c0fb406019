"""A live chat: the conversation around a ticket on the ``chat`` channel, its transcript being
the ticket's messages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from playerdesk.brands.models import Brand
from playerdesk.people.models import AgentProfile, Player, Team
from playerdesk.tickets.models import Ticket


class State(models.TextChoices):
    WAITING = "waiting", _("Waiting for an agent")
    ACTIVE = "active", _("With an agent")
    ENDED = "ended", _("Ended")


class Conversation(models.Model):
    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="+", db_index=False)
    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="chat")
    player = models.ForeignKey(Player, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=2)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agent = models.ForeignKey(
        AgentProfile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    created_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # The last message each side has read (read receipts).
    player_read_id = models.BigIntegerField(default=0)
    agent_read_id = models.BigIntegerField(default=0)
    # Transferred to a team: offered only to that team's agents (none: to every agent of the
    # brand and language).
    offered_team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("chat")
        verbose_name_plural = _("chats")
        indexes = [
            # The waiting line of a brand, oldest first (position, offers to agents).
            models.Index(
                fields=["brand", "created_at"],
                condition=models.Q(state="waiting"),
                name="chat_waiting_idx",
            ),
            models.Index(
                fields=["agent"], condition=models.Q(state="active"), name="chat_agent_active_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"chat {self.ticket_id} ({self.state})"


# An agent who passes a waiting chat is not offered it again for this long.
DECLINE_SECONDS = 120


class Decline(models.Model):
    """An agent passed a waiting chat: it is not offered to them again for DECLINE_SECONDS, so
    it goes to the next."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="declines"
    )
    agent = models.ForeignKey(AgentProfile, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("declined chat")
        verbose_name_plural = _("declined chats")
        indexes = [models.Index(fields=["agent", "at"], name="chat_decline_agent_idx")]

    def __str__(self) -> str:
        return f"{self.agent_id} passed {self.conversation_id}"


class CannedAnswer(models.Model):
    """A prepared answer an agent inserts into a chat (and edits before sending). ``{name}``
    in the text becomes the player's name."""

    brand = models.ForeignKey(
        Brand,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: offered for every brand."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=[("en", _("English")), ("fr", _("French"))]
    )
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"), max_length=2000)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")
        ordering = ["language", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["brand", "language", "title"], name="canned_answer_unique_title"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"
