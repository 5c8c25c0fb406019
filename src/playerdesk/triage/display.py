"""The markers of harm as agents read them, in their language."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MARKER_LABELS: dict[str, Promise] = {
    "self_exclusion": _("asks for self-exclusion"),
    "limits": _("asks for limits"),
    "break": _("asks for a break or a cool-off"),
    "loss_of_control": _("loss of control"),
    "chasing_losses": _("chasing losses"),
    "bonus_after_losses": _("asks for a bonus after losses"),
    "reverse_withdrawal": _("reverses a withdrawal to keep playing"),
    "essential_money": _("money meant for rent, bills or food"),
    "family_concern": _("a worried relative or friend"),
    "distress": _("distress"),
    "self_harm": _("self-harm"),
}
