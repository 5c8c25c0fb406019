"""Passing a waiting chat to the next agent, and handing a chat under way to another agent
or team."""

from __future__ import annotations

from datetime import timedelta

import pytest

from playerdesk.chat import actions as chat_actions
from playerdesk.chat import selectors
from playerdesk.chat.models import DECLINE_SECONDS, State
from playerdesk.lib import clock
from playerdesk.people.actions import set_presence
from playerdesk.realtime import events
from playerdesk.tickets.actions import DomainError


@pytest.fixture
def agents(ojo, teams, make_agent):
    found = {
        "alice": make_agent("alice", [ojo], [teams["frontline"]]),
        "bob": make_agent("bob", [ojo], [teams["frontline"]]),
        "paula": make_agent("paula", [ojo], [teams["payments"]]),
        "eric": make_agent("eric", [ojo], [teams["frontline"]], languages=["en"]),
    }
    for agent in found.values():
        set_presence(agent=agent, presence="available")
    return found


@pytest.fixture
def waiting(ojo, player, settings):
    settings.PLAYERDESK_TRIAGE = False
    return chat_actions.start(
        brand=ojo, player=player, language="fr", body="Mon retrait", client_id="c-0"
    )


def _offered(agent) -> list[int]:
    return [c["conversation"] for c in selectors.waiting_for(agent)]


def test_a_passed_chat_goes_to_the_next_agent_and_comes_back_later(waiting, agents, monkeypatch):
    chat_actions.decline(conversation=waiting, agent=agents["alice"])
    assert waiting.pk not in _offered(agents["alice"])
    assert waiting.pk in _offered(agents["bob"])
    later = clock.now() + timedelta(seconds=DECLINE_SECONDS + 1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert waiting.pk in _offered(agents["alice"])  # still waiting: offered once more


def test_only_a_waiting_chat_can_be_passed(waiting, agents):
    chat_actions.accept(conversation=waiting, agent=agents["bob"])
    with pytest.raises(DomainError, match="not waiting"):
        chat_actions.decline(conversation=waiting, agent=agents["alice"])


def test_a_chat_handed_to_another_agent(waiting, agents):
    chat = chat_actions.accept(conversation=waiting, agent=agents["alice"])
    chat_actions.transfer_to_agent(conversation=chat, to=agents["bob"], by=agents["alice"])
    chat.refresh_from_db()
    assert chat.agent == agents["bob"] and chat.state == State.ACTIVE
    assert chat.ticket.assignee == agents["bob"]
    assert chat.ticket.events.filter(type="assigned", data__to="Bob").exists()


def test_a_chat_handed_to_another_agent_sends_them_the_event(
    waiting, agents, monkeypatch, django_capture_on_commit_callbacks
):
    pushed = []
    monkeypatch.setattr(events, "send_event", lambda event, groups: pushed.append(event))
    chat = chat_actions.accept(conversation=waiting, agent=agents["alice"])
    with django_capture_on_commit_callbacks(execute=True):
        chat_actions.transfer_to_agent(conversation=chat, to=agents["bob"], by=agents["alice"])
    (state,) = [e for e in pushed if e["type"] == "chat.state"]
    assert state["transferred"] and state["agent_id"] == agents["bob"].pk


@pytest.mark.parametrize(
    ("to", "why"),
    [("eric", "language"), ("away", "not available"), ("alice", "already with")],
)
def test_a_chat_is_handed_only_to_an_agent_who_can_take_it(waiting, agents, to, why):
    chat = chat_actions.accept(conversation=waiting, agent=agents["alice"])
    if to == "away":
        set_presence(agent=agents["bob"], presence="away")
        to = "bob"
    with pytest.raises(DomainError, match=why):
        chat_actions.transfer_to_agent(conversation=chat, to=agents[to], by=agents["alice"])


def test_only_the_chats_agent_or_a_supervisor_hands_it_over(waiting, agents, ojo, teams):
    from playerdesk.people.actions import create_agent

    chat = chat_actions.accept(conversation=waiting, agent=agents["alice"])
    with pytest.raises(DomainError, match="not yours"):
        chat_actions.transfer_to_agent(conversation=chat, to=agents["paula"], by=agents["bob"])
    boss = create_agent(
        username="sam",
        password="x-long-password-1",
        display_name="Sam",
        role="supervisor",
        languages=["en", "fr"],
        brands=[ojo],
        teams=[teams["frontline"]],
    )
    chat_actions.transfer_to_agent(conversation=chat, to=agents["paula"], by=boss)


def test_a_chat_handed_to_a_team_waits_for_that_team(waiting, agents, teams):
    chat = chat_actions.accept(conversation=waiting, agent=agents["alice"])
    chat_actions.transfer_to_team(conversation=chat, team=teams["payments"], by=agents["alice"])
    chat.refresh_from_db()
    assert chat.state == State.WAITING and chat.agent is None
    assert chat.ticket.team == teams["payments"] and chat.ticket.assignee is None
    assert waiting.pk not in _offered(agents["bob"])  # frontline
    assert waiting.pk in _offered(agents["paula"])  # payments
    with pytest.raises(DomainError, match="another team"):
        chat_actions.accept(conversation=chat, agent=agents["bob"])
    chat_actions.accept(conversation=chat, agent=agents["paula"])


def test_transfer_targets_are_available_agents_with_room_and_the_teams(waiting, agents, teams):
    chat = chat_actions.accept(conversation=waiting, agent=agents["alice"])
    set_presence(agent=agents["bob"], presence="away")
    found = selectors.transfer_targets(chat, agents["alice"])
    assert [a["name"] for a in found["agents"]] == ["Paula"]  # not Eric: no French
    assert {t["id"] for t in found["teams"]} == {t.pk for t in teams.values()}
