"""The schedules and targets of a brand's configuration, read once and kept per process.

A ``Schedule`` remembers what it computed (``position()``'s midnights), so one object per
distinct configuration is kept; a configuration edited in the admin is a new key. Channel
settings are re-read after ``SETTINGS_SECONDS``.
"""

from __future__ import annotations

import functools
import json
import logging
from datetime import datetime
from typing import Any

from playerdesk.brands.models import Brand, ChannelSetting
from playerdesk.lib.memo import ttl_cache
from playerdesk.sla.calendar import Schedule, ScheduleError
from playerdesk.sla.targets import check_targets

logger = logging.getLogger(__name__)

SETTINGS_SECONDS = 30.0

# Where a brand sets no business hours: Monday to Friday, 09:00-17:00, public holidays closed.
DEFAULT_BUSINESS_HOURS: dict[str, Any] = {
    "weekly": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": "closed",
}


@functools.lru_cache(maxsize=512)
def _schedule(spec: str, timezone: str, province: str) -> Schedule:
    return Schedule.from_json(json.loads(spec), timezone=timezone, province=province)


def schedule_for(data: dict[str, Any], brand: Brand) -> Schedule:
    """A schedule in the brand's time zone and province."""
    return _schedule(json.dumps(data, sort_keys=True), brand.timezone, brand.province)


def business_schedule(brand: Brand) -> Schedule:
    """When the brand's business time runs (targets counted in business time).

    A configuration that cannot be used (the admin's form refuses one; it may come from
    elsewhere) is logged, and the default hours apply: a ticket never fails to open for it.
    """
    try:
        return schedule_for(brand.business_hours or DEFAULT_BUSINESS_HOURS, brand)
    except (ScheduleError, TypeError, ValueError, AttributeError, IndexError):
        logger.error("brand %s: business hours unusable, default hours apply", brand.slug)
        return _schedule(json.dumps(DEFAULT_BUSINESS_HOURS), "America/Toronto", "ON")


@ttl_cache(SETTINGS_SECONDS)
def _channel_settings(brand_id: int) -> dict[str, ChannelSetting]:
    # One query per brand, remembered even when the brand sets no channel (an empty dict),
    # so a list of tickets never asks again row by row.
    return {s.channel: s for s in ChannelSetting.objects.filter(brand_id=brand_id)}


def channel_setting(brand_id: int, channel: str) -> ChannelSetting | None:
    return _channel_settings(brand_id).get(channel)


def channel_targets(brand: Brand, channel: str) -> dict[str, Any]:
    """The channel's response targets; none (logged) when they cannot be used."""
    setting = channel_setting(brand.pk, channel)
    if setting is None:
        return {}
    try:
        check_targets(setting.targets)
    except ValueError as exc:
        logger.error("brand %s, channel %s: targets unusable (%s)", brand.slug, channel, exc)
        return {}
    return dict(setting.targets)


def business_position(brand: Brand, at: datetime) -> float:
    """Business seconds since the schedules' epoch (sla/calendar.py ``position``)."""
    return business_schedule(brand).position(at)
