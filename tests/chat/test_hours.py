"""When the live chat takes a player: 7Bit's slots (11:00-15:00 and 18:00-02:00 Eastern, closed
on holidays), the player's language, an available agent."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from playerdesk.chat import hours
from playerdesk.chat.consumers import _closed_text
from playerdesk.demo.load import load_configuration
from playerdesk.people.actions import create_agent, set_presence
from playerdesk.people.models import Team

pytestmark = pytest.mark.django_db

EASTERN = ZoneInfo("America/Toronto")


@pytest.fixture
def bit():
    brands = load_configuration()
    agent = create_agent(
        username="sam", password="x" * 20, display_name="Sam", role="agent",
        languages=["en"], brands=[brands["7bit"]], teams=[Team.objects.get(slug="frontline")],
    )  # fmt: skip
    set_presence(agent=agent, presence="available")
    return brands["7bit"], agent


def _at(*args: int) -> datetime:
    return datetime(*args, tzinfo=EASTERN)


@pytest.mark.parametrize(
    "at, is_open, reason",
    [
        (_at(2026, 11, 24, 12, 0), True, ""),  # Tuesday, in the midday slot
        (_at(2026, 11, 24, 16, 30), False, "closed"),  # between the two slots
        (_at(2026, 11, 25, 1, 30), True, ""),  # the evening slot runs past midnight
        (_at(2026, 11, 25, 2, 30), False, "closed"),  # and ends at two
        (_at(2026, 12, 25, 12, 0), False, "closed"),  # Christmas Day: a holiday
        (_at(2026, 7, 1, 12, 0), False, "closed"),  # Canada Day
    ],
)
def test_7bits_slots_and_holidays(bit, at, is_open, reason):
    brand, _agent = bit
    found = hours.availability(brand, "en", at)
    assert (found.open, found.reason) == (is_open, reason)
    if reason == "closed":
        assert found.opens_at is not None and found.opens_at > at


def test_between_slots_the_player_is_told_when_it_opens(bit):
    brand, _agent = bit
    found = hours.availability(brand, "en", _at(2026, 11, 24, 16, 30))
    assert found.opens_at == _at(2026, 11, 24, 18, 0)
    text = _closed_text(found.reason, found, brand, "fr")
    assert "fermé" in text and "18:00" in text and "formulaire" in text


def test_no_available_agent_or_language_closes_the_chat(bit):
    brand, agent = bit
    noon = _at(2026, 11, 24, 12, 0)
    assert hours.availability(brand, "fr", noon).reason == "language"  # 7Bit chats in English
    set_presence(agent=agent, presence="away")
    assert hours.availability(brand, "en", noon).reason == "no_agent"
