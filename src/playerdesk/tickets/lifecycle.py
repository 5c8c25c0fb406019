"""Which action may run in which status, and where it leads. Pure: no ORM.

The table below is the whole state machine; actions call :func:`check_action` before changing
anything, and tests walk every (action, status) pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from playerdesk.tickets.models import Status

S = Status
ACTIVE = frozenset({S.NEW, S.OPEN, S.PENDING_PLAYER, S.ESCALATED, S.ON_HOLD})
NOT_CLOSED = ACTIVE | {S.RESOLVED}


@dataclass(frozen=True)
class Rule:
    allowed_from: frozenset[str]
    # Where the ticket goes; None keeps the status; a dict maps a source status to a target.
    to: str | dict[str, str] | None


RULES: dict[str, Rule] = {
    "add_player_message": Rule(NOT_CLOSED, {S.PENDING_PLAYER: S.OPEN, S.RESOLVED: S.OPEN}),
    "reply": Rule(NOT_CLOSED, {S.NEW: S.OPEN, S.RESOLVED: S.OPEN}),
    "add_note": Rule(NOT_CLOSED | {S.CLOSED}, None),
    "request_information": Rule(ACTIVE, S.PENDING_PLAYER),
    "escalate": Rule(ACTIVE, S.ESCALATED),
    "hold": Rule(ACTIVE - {S.ON_HOLD}, S.ON_HOLD),
    "tell_expected_time": Rule(ACTIVE, None),
    # Taking a new ticket opens it; unassigning keeps the status (see actions.assign).
    "assign": Rule(NOT_CLOSED, {S.NEW: S.OPEN}),
    "change_category": Rule(NOT_CLOSED, None),
    "change_priority": Rule(NOT_CLOSED, None),
    "update_fields": Rule(NOT_CLOSED, None),
    "resolve": Rule(ACTIVE, S.RESOLVED),
    "close": Rule(frozenset({S.RESOLVED}), S.CLOSED),
}

ACTION_LABELS = {
    "add_player_message": _("add a player's message to"),
    "reply": _("reply to"),
    "add_note": _("add a note to"),
    "request_information": _("ask the player for information on"),
    "escalate": _("escalate"),
    "hold": _("put on hold"),
    "tell_expected_time": _("give a new expected time for"),
    "assign": _("assign"),
    "change_category": _("change the category of"),
    "change_priority": _("change the priority of"),
    "update_fields": _("change the details of"),
    "resolve": _("resolve"),
    "close": _("close"),
}


class TransitionError(Exception):
    """An action that the ticket's status does not allow."""

    def __init__(self, action: str, status: str) -> None:
        self.action = action
        self.status = status
        self.allowed_from = sorted(RULES[action].allowed_from)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        allowed = ", ".join(str(Status(s).label) for s in self.allowed_from)
        return str(
            _("Cannot %(action)s a ticket that is %(status)s; allowed when it is: %(allowed)s.")
            % {
                "action": ACTION_LABELS[self.action],
                "status": str(Status(self.status).label).lower(),
                "allowed": allowed.lower(),
            }
        )


def check_action(action: str, status: str) -> str:
    """The status after ``action`` from ``status``; raises TransitionError when not allowed."""
    rule = RULES[action]
    if status not in rule.allowed_from:
        raise TransitionError(action, status)
    if rule.to is None:
        return status
    if isinstance(rule.to, dict):
        return rule.to.get(status, status)
    return rule.to


def allowed_actions(status: str) -> list[str]:
    return [name for name, rule in RULES.items() if status in rule.allowed_from]
