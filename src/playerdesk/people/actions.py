"""Writes for players, agents and their tokens."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from playerdesk.brands.models import Brand, hash_key
from playerdesk.lib import clock
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
    if "email" in changed and player.email_failing_since is not None:  # a new address: try it
        player.email_failing_since = None
        player.email_failure = ""
        changed += ["email_failing_since", "email_failure"]
    if changed:
        player.save(update_fields=[*changed, "updated_at"])
    return player


def player_for_address(
    *, brand: Brand, email: str, name: str = "", language: str | None = None
) -> Player:
    """The brand's player of this address for someone who is not signed in (an email, the
    contact form, a chat before login): an existing player keeps their details, since anyone
    can type an address; a new one is created with what was given."""
    existing = (
        Player.objects.annotate(email_key=Lower("email"))
        .filter(brand=brand, email_key=email.strip().lower())
        .order_by("id")
        .first()
    )
    return existing or find_or_create_player(
        brand=brand, email=email.strip(), name=name, language=language
    )


def mark_email_failing(*, player: Player, address: str, reason: str) -> bool:
    """Mail to the player's address came back undelivered: nothing more is sent to it until the
    player writes from it again. False when ``address`` is no longer the player's."""
    if not address or address.lower() != (player.email or "").lower():
        return False
    updated = Player.objects.filter(pk=player.pk, email_failing_since__isnull=True).update(
        email_failing_since=clock.now(), email_failure=reason[:300]
    )
    if not updated:  # already failing: keep the first date, note the latest reason
        Player.objects.filter(pk=player.pk).update(email_failure=reason[:300])
    player.refresh_from_db(fields=["email_failing_since", "email_failure"])
    return True


def clear_email_failing(*, player: Player) -> None:
    """The player wrote from their address: it works again."""
    if player.email_failing_since is None:
        return
    Player.objects.filter(pk=player.pk).update(email_failing_since=None, email_failure="")
    player.email_failing_since = None
    player.email_failure = ""


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


def update_player_details(
    *,
    brand: Brand,
    external_id: str,
    email: str | None = None,
    username: str = "",
    name: str = "",
    language: str | None = None,
    date_of_birth: date | None = None,
    address: str = "",
    city: str = "",
    province: str = "",
    postal_code: str = "",
    country: str = "",
    account_closed: bool = False,
) -> Player:
    """The platform's view of its player, created if new: what identity checks compare with.

    Fields left empty keep what is stored; ``account_closed`` sets (or clears) the date the
    account closed, from which the retention of the player's documents counts.
    """
    player = find_or_create_player(
        brand=brand,
        external_id=external_id,
        email=email or "",
        username=username,
        name=name,
        language=language,
    )
    changes: dict[str, object] = {
        "date_of_birth": date_of_birth,
        "address": address.strip(),
        "city": city.strip(),
        "province": province.strip().upper(),
        "postal_code": postal_code.strip().upper(),
        "country": country.strip().upper(),
    }
    changed = [f for f, v in changes.items() if v and getattr(player, f) != v]
    for field_name in changed:
        setattr(player, field_name, changes[field_name])
    if account_closed and player.account_closed_at is None:
        player.account_closed_at = timezone.now()
        changed.append("account_closed_at")
    elif not account_closed and player.account_closed_at is not None:
        player.account_closed_at = None
        changed.append("account_closed_at")
    if changed:
        player.save(update_fields=[*changed, "updated_at"])
    return player
