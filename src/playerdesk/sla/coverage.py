"""Whether a channel serves a language at a given moment. Pure: no ORM.

A channel's ``languages`` (``ChannelSetting.languages``) maps a language to when it is served:
``always``; ``core_hours`` (during the brand's business hours, e.g. Ojo's French chat);
``on_request`` (served when the player asks for it, e.g. Playamo's French by email). A language
the channel does not list is not served there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext

from playerdesk.sla.calendar import Schedule

MODES = ("always", "core_hours", "on_request")


def check_languages(languages: Any) -> None:
    """Raise ValueError, saying what is wrong, unless ``languages`` has the shape above."""
    if not isinstance(languages, dict):
        raise ValueError(gettext('languages must be an object, e.g. {"en": "always"}'))
    for language, mode in languages.items():
        if language not in ("en", "fr"):
            raise ValueError(
                gettext("unknown language %(language)r: en or fr") % {"language": language}
            )
        if mode not in MODES:
            raise ValueError(
                gettext("%(language)s: %(mode)r is not one of %(modes)s")
                % {"language": language, "mode": mode, "modes": ", ".join(MODES)}
            )


@dataclass(frozen=True)
class Coverage:
    served: bool
    resumes_at: datetime | None = None  # when not served now but later today or on a later day
    offered: bool = True  # False: this channel never serves the language


def coverage(
    languages: dict[str, Any], language: str, at: datetime, business: Schedule
) -> Coverage:
    mode = languages.get(language)
    if mode is None:
        return Coverage(served=False, offered=False)
    if mode in ("always", "on_request"):
        return Coverage(served=True)
    if mode == "core_hours":
        if business.is_open(at):
            return Coverage(served=True)
        return Coverage(served=False, resumes_at=business.next_opening(at))
    return Coverage(served=False, offered=False)
