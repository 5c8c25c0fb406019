"""Writes for players, agents and their tokens."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower

from playerdesk.brands.models import Brand, hash_key
from playerdesk.people.models import AgentProfile, AgentToken, Player, Presence, Team


def find_or_create_player(
    *,
    brand: Brand,
    external_id: str | None = None,
    email: str = "",
    username: str = "",
    name: str = "",
    language: str | None = None,
) -> Player:
    """The brand's player with this platform id (or, without one, this email), created if new.

    Details the caller gives that differ from what is stored are updated: the platform is the
    source of truth for its players.
    """
    defaults = {
        "email": email,
        "username": username,
        "name": name,
        "preferred_language": language or brand.primary_language,
    }
    if external_id:
        player, created = Player.objects.get_or_create(
            brand=brand, external_id=external_id, defaults=defaults
        )
    else:
        player = (
            Player.objects.annotate(email_key=Lower("email"))
            .filter(brand=brand, email_key=email.lower())
            .order_by("id")
            .first()
        )
        created = player is None
        if player is None:
            player = Player.objects.create(brand=brand, **defaults)
    if created:
        return player
    changed = []
    for field, value in (
        ("email", email),
        ("username", username),
        ("name", name),
        ("preferred_language", language),
    ):
        if value and getattr(player, field) != value:
            setattr(player, field, value)
            changed.append(field)
    if changed:
        player.save(update_fields=[*changed, "updated_at"])
    return player


def create_agent(
    *,
    username: str,
    password: str,
    display_name: str,
    role: str,
    languages: list[str],
    brands: list[Brand],
    teams: list[Team],
    email: str = "",
    capacity: int | None = None,
) -> AgentProfile:
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.create_user(
            username=username,
            password=password,
            email=email,
            is_staff=role == "administrator",
            is_superuser=role == "administrator",
        )
        profile = AgentProfile.objects.create(
            user=user,
            display_name=display_name,
            role=role,
            languages=languages,
            ui_language=languages[0] if languages else "en",
            **({"capacity": capacity} if capacity is not None else {}),
        )
        profile.brands.set(brands)
        profile.teams.set(teams)
    return profile


def issue_agent_token(*, agent: AgentProfile, name: str = "cli") -> str:
    """Create a token for the agent and return it; only its hash is kept."""
    raw = AgentToken.generate()
    AgentToken.objects.create(agent=agent, name=name, prefix=raw[:10], key_hash=hash_key(raw))
    return raw


def set_presence(*, agent: AgentProfile, presence: str) -> AgentProfile:
    """Available or away: chats and the supervisors' page follow it."""
    if presence not in Presence.values:
        raise ValueError(f"unknown presence {presence!r}")
    if agent.presence != presence:
        agent.presence = presence
        agent.save(update_fields=["presence"])
    return agent
