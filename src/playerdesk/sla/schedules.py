"""The schedules and targets of a brand's configuration, read once and kept per process.

A ``Schedule`` remembers what it computed (``position()``'s midnights), so one object per
distinct configuration is kept; a configuration edited in the admin is a new key. Channel
settings are re-read after ``SETTINGS_SECONDS``.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from typing import Any

from playerdesk.brands.models import Brand, ChannelSetting
from playerdesk.lib.memo import ttl_cache
from playerdesk.sla.calendar import Schedule

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
    """When the brand's business time runs (targets counted in business time)."""
    return schedule_for(brand.business_hours or DEFAULT_BUSINESS_HOURS, brand)


@ttl_cache(SETTINGS_SECONDS)
def channel_setting(brand_id: int, channel: str) -> ChannelSetting | None:
    return ChannelSetting.objects.filter(brand_id=brand_id, channel=channel).first()


def channel_targets(brand: Brand, channel: str) -> dict[str, Any]:
    setting = channel_setting(brand.pk, channel)
    return dict(setting.targets) if setting is not None else {}


def business_position(brand: Brand, at: datetime) -> float:
    """Business seconds since the schedules' epoch (sla/calendar.py ``position``)."""
    return business_schedule(brand).position(at)
