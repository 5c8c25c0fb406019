"""Routing rules: the administrator's data decides the team; the seeds' defaults without any."""

from __future__ import annotations

from playerdesk.routing.models import RoutingRule
from playerdesk.routing.rules import team_for
from playerdesk.tickets import actions
from playerdesk.tickets.models import EventType


def test_without_rules_the_defaults_of_the_source_documents_apply(ojo, teams):
    expected = {
        "payments": "payments",
        "security": "security",
        "verification": "verification",
        "technical": "technical",
        "bonus": "promotions",
        "responsible_gambling": "responsible_gambling",
        "account_access": "frontline",
        "general": "frontline",
    }
    for category, team in expected.items():
        assert team_for(brand=ojo, category=category, language="en", channel="email").slug == team


def test_the_most_specific_rule_wins(ojo, playamo, teams):
    RoutingRule.objects.create(category="bonus", team=teams["frontline"])
    RoutingRule.objects.create(category="bonus", brand=playamo, team=teams["payments"])
    RoutingRule.objects.create(
        category="bonus", brand=playamo, language="fr", team=teams["technical"]
    )
    assert team_for(brand=ojo, category="bonus", language="fr", channel="chat").slug == "frontline"
    assert (
        team_for(brand=playamo, category="bonus", language="en", channel="chat").slug == "payments"
    )
    assert (
        team_for(brand=playamo, category="bonus", language="fr", channel="chat").slug == "technical"
    )


def test_between_equal_rules_the_lower_order_wins(ojo, teams):
    RoutingRule.objects.create(category="general", channel="chat", order=20, team=teams["security"])
    RoutingRule.objects.create(category="general", language="fr", order=10, team=teams["payments"])
    assert team_for(brand=ojo, category="general", language="fr", channel="chat").slug == "payments"


def test_a_new_ticket_follows_the_rules(make_ticket, ojo, teams):
    RoutingRule.objects.create(category="general", brand=ojo, team=teams["technical"])
    assert make_ticket(ojo, category="general").team.slug == "technical"


def test_a_new_category_moves_the_ticket_to_its_team(ticket, alice):
    assert ticket.team.slug == "frontline"
    t = actions.change_category(
        ticket=ticket, category="payments", actor=actions.Actor.for_agent(alice)
    )
    assert t.team.slug == "payments"
    types = list(t.events.values_list("type", flat=True))
    assert types[-2:] == [EventType.CATEGORY, EventType.TEAM]
