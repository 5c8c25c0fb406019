"""Hours, languages and targets are checked when an administrator saves them; a configuration
that cannot be used anyway (written by other means) never stops a ticket from opening."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import ValidationError

from playerdesk.brands.models import Brand, ChannelSetting
from playerdesk.demo.load import load_configuration


def setting(brand, **kwargs):
    fields = {
        "opening_hours": {"always": True},
        "languages": {"en": "always"},
        "targets": {"first_response": {"minutes": 60, "business": False}},
    }
    fields.update(kwargs)
    return ChannelSetting(brand=brand, channel="email", **fields)


def test_the_demo_configuration_is_valid(db):
    load_configuration()
    for brand in Brand.objects.all():
        brand.full_clean()
    for s in ChannelSetting.objects.all():
        s.full_clean()


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("targets", {"first_response": {"minutes": "soon"}}, "number of minutes"),
        ("targets", {"first_answer": {"minutes": 5}}, "unknown target"),
        ("targets", {"resolution": {"minutes": 60, "by_priority": {"asap": 5}}}, "priority"),
        ("targets", {"resolution": {"minutes": -1}}, "0 or more"),
        ("languages", {"fr": "sometimes"}, "not one of"),
        ("languages", {"de": "always"}, "en or fr"),
        ("opening_hours", {"weekly": {"monday": [["09:00", "17:00"]]}}, "unknown day"),
        ("opening_hours", {"weekly": {"mon": [["9h", "17h"]]}}, "not a time"),
    ],
)
def test_an_unusable_channel_setting_is_refused_with_the_reason(ojo, field, value, says):
    with pytest.raises(ValidationError) as err:
        setting(ojo, **{field: value}).full_clean()
    assert says in str(err.value.message_dict[field])


def test_unusable_business_hours_and_time_zone_are_refused(ojo):
    ojo.business_hours = {"weekly": {"mon": [["17:00", "17:00"]]}}
    with pytest.raises(ValidationError) as err:
        ojo.full_clean()
    assert "business_hours" in err.value.message_dict
    ojo.business_hours = {}
    ojo.timezone = "Mars/Olympus"
    with pytest.raises(ValidationError) as err:
        ojo.full_clean()
    assert "timezone" in err.value.message_dict


def test_a_ticket_opens_even_when_the_targets_cannot_be_used(make_ticket, ojo, caplog):
    # given targets written around the admin's checks
    setting(ojo, targets={"first_response": {"minutes": "soon"}}).save()
    ojo.business_hours = {"weekly": {"mon": "nine to five"}}
    ojo.save()
    # when a ticket comes in by email
    with caplog.at_level(logging.ERROR, logger="playerdesk.sla.schedules"):
        t = make_ticket(ojo, channel="email")
    # then it is there, without due times, and the problem is logged
    assert t.pk and t.first_response_due_at is None
    assert "targets unusable" in caplog.text and "business hours unusable" in caplog.text
