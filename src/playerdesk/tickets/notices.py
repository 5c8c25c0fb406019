"""What the player is told when the expected time of an answer changes, in their language.

Pure apart from Django's translation machinery: no ORM.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Canadian French abbreviations of the Eastern, Central, Mountain, Pacific and Atlantic zones.
FRENCH_ZONES = {
    "EST": "HNE",
    "EDT": "HAE",
    "CST": "HNC",
    "CDT": "HAC",
    "MST": "HNR",
    "MDT": "HAR",
    "PST": "HNP",
    "PDT": "HAP",
    "AST": "HNA",
    "ADT": "HAA",
}


def when(at: datetime, timezone: str, language: str) -> str:
    """``at`` in the brand's time zone, as a player reads it: day, date, time and zone."""
    local = at.astimezone(ZoneInfo(timezone))
    with translation.override(language):
        day = date_format(local, _("l, F j, Y"))
        zone = local.tzname() or timezone
        if language == "fr":
            zone = FRENCH_ZONES.get(zone, zone)
        return _("%(day)s at %(time)s (%(zone)s)") % {
            "day": day,
            "time": local.strftime("%H:%M"),
            "zone": zone,
        }


def escalated(
    *, reference: str, team: str, expected_by: datetime | None, timezone: str, language: str
) -> str:
    """The player's message when their ticket goes to a specialist team."""
    with translation.override(language):
        text = _(
            "Your request %(reference)s has been passed to our %(team)s team, who will look "
            "into it."
        ) % {"reference": reference, "team": team}
        if expected_by is not None:
            text += " " + _("We expect to get back to you by %(when)s.") % {
                "when": when(expected_by, timezone, language)
            }
        return text


def investigating(*, reference: str, expected_by: datetime, timezone: str, language: str) -> str:
    """The player's message when an investigation moves the expected time of the answer."""
    with translation.override(language):
        return _(
            "We are still looking into your request %(reference)s. We now expect to get back "
            "to you by %(when)s."
        ) % {"reference": reference, "when": when(expected_by, timezone, language)}


def missing_details(language: str, keys: list[str]) -> str:
    """Asking the player, in their language, for the details their request still lacks."""
    from playerdesk.tickets.details import DETAIL_LABELS

    with translation.override(language):
        names = "; ".join(str(DETAIL_LABELS.get(k, k)) for k in keys)
        return _(
            "To look into your request we need a few more details: %(details)s. Please reply "
            "to this message with them."
        ) % {"details": names}
