"""Shared fixtures: two brands, the teams, and agents alice and bob (brand Ojo, frontline),
charlie (brand Playamo only) so that every endpoint gets an isolation test."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from playerdesk.brands.actions import create_api_key
from playerdesk.brands.models import Brand
from playerdesk.demo.brands import TEAMS
from playerdesk.people.actions import create_agent, find_or_create_player, issue_agent_token
from playerdesk.people.models import AgentProfile, Player, Team
from playerdesk.tickets import actions
from playerdesk.tickets.models import Ticket

PASSWORD = "correct horse battery staple"


@pytest.fixture
def teams(db) -> dict[str, Team]:
    return {t["slug"]: Team.objects.create(**t) for t in TEAMS}


@pytest.fixture
def ojo(db) -> Brand:
    return Brand.objects.create(
        slug="ojo", name="Ojo", ticket_prefix="OJO", languages=["en", "fr"], primary_language="en"
    )


@pytest.fixture
def playamo(db) -> Brand:
    return Brand.objects.create(
        slug="playamo",
        name="Playamo",
        ticket_prefix="PLY",
        languages=["en", "fr"],
        primary_language="en",
    )


def _agent(
    username: str,
    brands: list[Brand],
    teams: list[Team],
    role: str = "agent",
    languages: list[str] | None = None,
) -> AgentProfile:
    return create_agent(
        username=username,
        password=PASSWORD,
        display_name=username.title(),
        role=role,
        languages=languages or ["en", "fr"],
        brands=brands,
        teams=teams,
    )


@pytest.fixture
def alice(ojo, teams) -> AgentProfile:
    return _agent("alice", [ojo], [teams["frontline"]])


@pytest.fixture
def bob(ojo, teams) -> AgentProfile:
    return _agent("bob", [ojo], [teams["frontline"]])


@pytest.fixture
def charlie(playamo, teams) -> AgentProfile:
    return _agent("charlie", [playamo], [teams["frontline"]])


@pytest.fixture
def make_agent(teams):
    return _agent


@pytest.fixture
def player(ojo) -> Player:
    return find_or_create_player(
        brand=ojo,
        external_id="ojo-1001",
        email="julie@example.ca",
        username="julie",
        name="Julie Tremblay",
        language="fr",
    )


@pytest.fixture
def make_ticket(teams):
    def make(brand: Brand, player: Player | None = None, **kwargs) -> Ticket:
        player = player or find_or_create_player(
            brand=brand,
            external_id=f"{brand.slug}-p{Player.objects.count() + 1}",
            email="p@example.com",
        )
        fields = {
            "channel": "email",
            "subject": "My withdrawal is late",
            "body": "I asked for 200 CAD three days ago.",
            "category": "general",
        }
        fields.update(kwargs)
        # Without the automatic triage: tests of other parts set what they compare (the
        # triage's own tests, tests/triage, open tickets through it).
        with override_settings(PLAYERDESK_TRIAGE=False):
            return actions.open_ticket(
                brand=brand, player=player, actor=actions.Actor.for_player(player), **fields
            )

    return make


@pytest.fixture
def ticket(make_ticket, ojo, player) -> Ticket:
    return make_ticket(ojo, player)


@pytest.fixture
def ojo_key(ojo) -> str:
    return create_api_key(brand=ojo)


@pytest.fixture
def playamo_key(playamo) -> str:
    return create_api_key(brand=playamo)


@pytest.fixture
def alice_token(alice) -> str:
    return issue_agent_token(agent=alice)


@pytest.fixture
def charlie_token(charlie) -> str:
    return issue_agent_token(agent=charlie)


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def console_as():
    def login(agent: AgentProfile) -> Client:
        client = Client()
        assert client.login(username=agent.user.username, password=PASSWORD)
        return client

    return login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_caches():
    from playerdesk.lib.memo import clear_all

    clear_all()
    yield
    clear_all()
