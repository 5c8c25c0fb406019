"""The demo: the four brands exactly as the source documents describe them, loaded once."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from playerdesk.brands.models import ApiKey, Brand, ChannelSetting
from playerdesk.demo.load import load_demo
from playerdesk.lib import clock
from playerdesk.people.models import AgentProfile, Player
from playerdesk.tickets.models import Event, Message, Ticket

# The demo is loaded at one fixed instant: a second run at the same instant must change nothing
# (the response-target sweep included).
NOW = timezone.now()


@pytest.fixture
def demo(db):
    with clock.frozen(NOW):
        return load_demo()


def counts():
    return {
        m.__name__: m.objects.count()
        for m in (Brand, ChannelSetting, ApiKey, AgentProfile, Player, Ticket, Message, Event)
    }


def test_running_the_demo_twice_changes_nothing(demo):
    before = counts()
    with clock.frozen(NOW):
        second = load_demo()
    assert counts() == before
    assert second.tickets_created == 0
    assert second.api_keys == demo.api_keys


def test_the_command_prints_logins_and_one_key_per_brand(db, capsys):
    call_command("demo", "--no-migrate")
    out = capsys.readouterr().out
    for login in ("alice", "sam", "vera", "carla", "admin"):
        assert login in out
    keys = [line.split()[-1] for line in out.splitlines() if "pdk_" in line]
    assert len(keys) == 4


def test_demo_keys_work_against_the_api(client, demo):
    r = client.get(
        "/api/v1/players/nobody/tickets", HTTP_AUTHORIZATION=f"Bearer {demo.api_keys['7bit']}"
    )
    assert r.status_code == 200


def test_one_agent_per_role(demo):
    roles = set(AgentProfile.objects.values_list("role", flat=True))
    assert roles == {"agent", "supervisor", "verification_officer", "compliance", "administrator"}


def enabled_channels(slug):
    return set(
        ChannelSetting.objects.filter(brand__slug=slug, enabled=True)
        .exclude(channel="api")
        .values_list("channel", flat=True)
    )


def setting(slug, channel):
    return ChannelSetting.objects.get(brand__slug=slug, channel=channel)


def test_channels_per_brand(demo):
    assert enabled_channels("ojo") == {"chat", "email", "form"}
    assert set(setting("ojo", "chat").entry_points) == {"member_area", "site", "app"}
    assert Brand.objects.get(slug="ojo").formal_email
    assert enabled_channels("playamo") == {"chat", "email"}
    assert enabled_channels("katsubet") == {"chat", "email"}
    assert enabled_channels("7bit") == {"chat", "email", "form", "member_area"}


def test_chat_hours_per_brand(demo):
    assert setting("playamo", "chat").opening_hours == {"always": True}
    assert setting("katsubet", "chat").opening_hours == {"always": True}
    ojo = setting("ojo", "chat").opening_hours
    assert ojo["holidays"] == "adjusted" and ojo["weekly"]["sat"] and ojo["weekly"]["sun"]
    assert ojo["weekly"]["mon"][0][1] >= "21:00"  # evenings
    seven = setting("7bit", "chat").opening_hours
    assert ["18:00", "02:00"] in seven["weekly"]["fri"]  # a slot past midnight


def test_languages_per_brand(demo):
    assert setting("ojo", "chat").languages == {"en": "always", "fr": "core_hours"}
    assert setting("playamo", "chat").languages == {"en": "always"}
    assert setting("playamo", "email").languages["fr"] == "on_request"
    assert setting("katsubet", "chat").languages == {"en": "always", "fr": "always"}
    assert setting("7bit", "chat").languages == {"en": "always"}
    assert setting("7bit", "email").languages["fr"] == "always"


def test_targets_per_brand(demo):
    seven = setting("7bit", "email").targets["first_response"]
    assert seven == {"minutes": 24 * 60, "business": True}
    assert setting("7bit", "email").automatic_acknowledgment
    assert setting("playamo", "email").targets == {
        "acknowledgment": {"minutes": 1440, "business": False}
    }
    assert setting("katsubet", "email").targets["first_response"]["minutes"] == 1440
    ojo = setting("ojo", "email").targets
    assert ojo["acknowledgment"]["minutes"] == 0
    assert ojo["resolution"] == {"minutes": 16 * 60, "business": True}
    brand = Brand.objects.get(slug="7bit")
    assert brand.business_hours["weekly"]["mon"] == [["09:00", "17:00"]]
    assert "sat" not in brand.business_hours["weekly"]
    assert brand.policies["kyc"]["review_business_hours"] == [48, 72]


def test_about_two_hundred_tickets_across_brands_languages_and_channels(demo):
    assert 180 <= Ticket.objects.count() <= 220
    for slug in ("ojo", "playamo", "katsubet", "7bit"):
        assert Ticket.objects.filter(brand__slug=slug).count() >= 30
    assert set(Ticket.objects.values_list("language", flat=True)) == {"en", "fr"}
    assert set(Ticket.objects.values_list("channel", flat=True)) >= {
        "chat",
        "email",
        "form",
        "member_area",
        "api",
    }
    assert len(set(Ticket.objects.values_list("status", flat=True))) == 7


def test_demo_tickets_respect_each_brands_channels_and_languages(demo):
    for t in Ticket.objects.select_related("brand"):
        assert t.channel == "api" or t.channel in enabled_channels(t.brand.slug), t
    # Playamo and 7Bit serve French by email only
    for slug in ("playamo", "7bit"):
        fr = set(
            Ticket.objects.filter(brand__slug=slug, language="fr").values_list("channel", flat=True)
        )
        assert fr <= {"email", "api"}, (slug, fr)


def test_every_demo_ticket_has_its_record(demo):
    assert not Ticket.objects.filter(events__isnull=True).exists()
    assert not Ticket.objects.filter(messages__isnull=True).exists()


def test_demo_answers_come_from_agents_who_speak_the_tickets_language(demo):
    answers = Message.objects.filter(kind__in=["agent", "note"]).select_related(
        "ticket", "author_agent"
    )
    assert answers.count() > 100
    for m in answers:
        assert m.ticket.language in m.author_agent.languages, (m.ticket.reference, m.author_agent)


def test_every_brand_shows_every_status(demo):
    for slug in ("ojo", "playamo", "katsubet", "7bit"):
        statuses = set(Ticket.objects.filter(brand__slug=slug).values_list("status", flat=True))
        assert len(statuses) == 7, (slug, statuses)


def test_the_demo_shows_response_targets_at_work(demo):
    assert Ticket.objects.filter(sla_state="breached").exists()
    assert Ticket.objects.exclude(sla_due_at=None).exists()
    assert AgentProfile.objects.filter(presence="available").count() == 4
