"""Loading the demo: brands, teams, agents, keys and about 200 tickets. Idempotent."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from playerdesk.brands.models import ApiKey, Brand, ChannelSetting, hash_key
from playerdesk.chat.models import CannedAnswer
from playerdesk.demo import brands as data
from playerdesk.demo.verification import load_verification
from playerdesk.lib import clock
from playerdesk.lib.memo import clear_all
from playerdesk.people.actions import create_agent, find_or_create_player, set_presence
from playerdesk.people.models import AgentProfile, Presence, Team
from playerdesk.routing.defaults import DEFAULT_TEAM_FOR_CATEGORY
from playerdesk.routing.models import RoutingRule
from playerdesk.tickets import actions
from playerdesk.tickets.models import Status, Ticket
from playerdesk.tickets.sweeps import sweep_response_targets

TICKETS_DIR = Path(__file__).with_name("tickets")


@dataclass
class DemoSummary:
    agents: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, password
    api_keys: dict[str, str] = field(default_factory=dict)  # brand slug -> key
    tickets_created: int = 0


def demo_api_key(slug: str) -> str:
    """The demo key of a brand: derived from the secret, so a second run finds the same key."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo-key:{slug}".encode(), hashlib.sha256)
    return "pdk_demo_" + digest.hexdigest()[:40]


def _channel_defaults(spec: dict[str, Any]) -> dict[str, Any]:
    targets = spec.get("targets", {})
    ack = targets.get("acknowledgment")
    return {
        "enabled": True,
        "entry_points": spec.get("entry_points", []),
        "opening_hours": spec["opening_hours"],
        "languages": spec["languages"],
        "targets": targets,
        "automatic_acknowledgment": bool(ack is not None and ack["minutes"] == 0),
    }


@transaction.atomic
def load_configuration() -> dict[str, Brand]:
    teams = {}
    for t in data.TEAMS:
        teams[t["slug"]], _ = Team.objects.update_or_create(
            slug=t["slug"], defaults={"name": t["name"], "name_fr": t["name_fr"]}
        )
    for category, team_slug in DEFAULT_TEAM_FOR_CATEGORY.items():
        RoutingRule.objects.get_or_create(
            category=category,
            brand=None,
            language="",
            channel="",
            defaults={"team": teams[team_slug]},
        )
    brands: dict[str, Brand] = {}
    for spec in data.BRANDS:
        fields = {
            k: spec[k]
            for k in (
                "name",
                "ticket_prefix",
                "primary_language",
                "languages",
                "support_email",
                "policies",
            )
        }
        fields["formal_email"] = spec.get("formal_email", "")
        fields["business_hours"] = data.BUSINESS_HOURS
        fields["timezone"] = "America/Toronto"
        fields["province"] = "ON"
        brand, _ = Brand.objects.update_or_create(slug=spec["slug"], defaults=fields)
        brands[brand.slug] = brand
        channels = {**spec["channels"], "api": data.API_CHANNEL}
        for channel, cspec in channels.items():
            ChannelSetting.objects.update_or_create(
                brand=brand, channel=channel, defaults=_channel_defaults(cspec)
            )
        ChannelSetting.objects.filter(brand=brand).exclude(channel__in=channels).update(
            enabled=False
        )
    clear_all()  # the brands and channel settings this process remembers (brands/cache.py)
    for language, title, body in data.CANNED_ANSWERS:
        CannedAnswer.objects.update_or_create(
            brand=None, language=language, title=title, defaults={"body": body}
        )
    return brands


def load_agents(brands: dict[str, Brand], summary: DemoSummary) -> None:
    teams = {t.slug: t for t in Team.objects.all()}
    for spec in data.AGENTS:
        summary.agents.append((spec["username"], spec["role"], data.DEMO_PASSWORD))
        if AgentProfile.objects.filter(user__username=spec["username"]).exists():
            continue
        agent = create_agent(
            username=spec["username"],
            password=data.DEMO_PASSWORD,
            display_name=spec["display_name"],
            role=spec["role"],
            languages=spec["languages"],
            brands=list(brands.values()),
            teams=[teams[s] for s in spec["teams"]],
            email=f"{spec['username']}@playerdesk.example.com",
            capacity=data.DEMO_CAPACITY,
        )
        if spec.get("available"):
            set_presence(agent=agent, presence=Presence.AVAILABLE)


def load_keys(brands: dict[str, Brand], summary: DemoSummary) -> None:
    for slug, brand in brands.items():
        raw = demo_api_key(slug)
        if not ApiKey.objects.filter(key_hash=hash_key(raw)).exists():
            ApiKey.objects.create(brand=brand, name="demo", prefix=raw[:10], key_hash=hash_key(raw))
        summary.api_keys[slug] = raw


def _agent_for(team_slug: str, language: str) -> AgentProfile:
    """The demo agent who answers a ticket: of its team and speaking its language, a team's own
    agent before a supervisor; Alice (frontline, bilingual) when none fits."""
    workers = [a for a in data.AGENTS if a["role"] in ("agent", "verification_officer")]
    supervisors = [a for a in data.AGENTS if a["role"] == "supervisor"]
    for spec in workers + supervisors:
        if team_slug in spec["teams"] and language in spec["languages"]:
            return AgentProfile.objects.get(user__username=spec["username"])
    return AgentProfile.objects.get(user__username="alice")


# Why a demo ticket waits, by category: what support is waiting for outside itself.
HOLD_REASONS = {
    "payments": {
        "en": "Waiting for the payment processor's answer.",
        "fr": "En attente de la réponse du processeur de paiement.",
    },
    "security": {
        "en": "Waiting for the payment processor to trace the withdrawal.",
        "fr": "En attente du processeur de paiement, qui retrace le retrait.",
    },
    "verification": {
        "en": "Waiting for the address-verification service.",
        "fr": "En attente du service de vérification d'adresse.",
    },
}
DEFAULT_HOLD_REASON = {
    "en": "Waiting for the game provider.",
    "fr": "En attente du fournisseur de jeux.",
}
ESCALATION_REASON = {
    "en": "Needs the specialist team's investigation.",
    "fr": "Demande l'enquête de l'équipe spécialisée.",
}


def _load_ticket(
    brands: dict[str, Brand], teams: dict[str, Team], item: dict[str, Any], start: Any
) -> None:
    brand = brands[item["brand"]]
    p = item["player"]
    at = start - timedelta(hours=float(item["age_hours"]))
    step = timedelta(minutes=max(1.0, float(item["age_hours"]) * 60 / 8))
    with clock.frozen(at):
        player = find_or_create_player(
            brand=brand,
            external_id=p["external_id"],
            email=p.get("email", ""),
            username=p.get("username", ""),
            name=p.get("name", ""),
            language=item["language"],
        )
        ticket = actions.open_ticket(
            brand=brand,
            player=player,
            channel=item["channel"],
            subject=item["subject"],
            body=item["body"],
            category=item["category"],
            priority=item["priority"],
            language=item["language"],
            fields=item.get("fields") or {},
            actor=actions.Actor.platform(brand)
            if item["channel"] == "api"
            else actions.Actor.for_player(player),
        )
    team_slug = item.get("team") or (ticket.team.slug if ticket.team else "frontline")
    language = item["language"]
    agent = _agent_for(team_slug, language)
    actor = actions.Actor.for_agent(agent)
    status = item["status"]
    replies = item.get("replies") or []
    at += step
    for i, r in enumerate(replies):
        with clock.frozen(at):
            if r["from"] == "player":
                actions.add_player_message(
                    ticket=ticket, body=r["body"], actor=actions.Actor.for_player(player)
                )
            elif r["from"] == "note":
                actions.add_note(ticket=ticket, body=r["body"], actor=actor)
            elif status == Status.PENDING_PLAYER and i == len(replies) - 1:
                actions.request_information(ticket=ticket, body=r["body"], actor=actor)
            else:
                actions.reply(ticket=ticket, body=r["body"], actor=actor)
        at += step
    with clock.frozen(at):
        ticket.refresh_from_db()
        if status == Status.ESCALATED:
            target = teams.get(team_slug) or teams["technical"]
            actions.escalate(
                ticket=ticket,
                team=target,
                actor=actor,
                reason=ESCALATION_REASON[language],
            )
        elif status == Status.ON_HOLD:
            reason = HOLD_REASONS.get(item["category"], DEFAULT_HOLD_REASON)[language]
            actions.hold(ticket=ticket, reason=reason, actor=actor)
        elif status == Status.PENDING_PLAYER and ticket.status != Status.PENDING_PLAYER:
            actions.request_information(
                ticket=ticket,
                actor=actor,
                body="Could you send us a screenshot of the message you see?"
                if language == "en"
                else "Pourriez-vous nous envoyer une capture d'écran du message affiché?",
            )
        elif status in (Status.RESOLVED, Status.CLOSED):
            actions.resolve(ticket=ticket, actor=actor)
            if status == Status.CLOSED:
                actions.close(ticket=ticket, actor=actions.Actor.system())
        elif status == Status.OPEN and ticket.status == Status.NEW:
            actions.assign(ticket=ticket, agent=agent, actor=actor)
        if status in (Status.OPEN, Status.PENDING_PLAYER) and ticket.assignee_id is None:
            ticket.refresh_from_db()
            if ticket.status not in (Status.RESOLVED, Status.CLOSED):
                actions.assign(ticket=ticket, agent=agent, actor=actor)


def demo_tickets() -> list[dict[str, Any]]:
    """The demo tickets, one file per brand, in a stable order."""
    items: list[dict[str, Any]] = []
    for path in sorted(TICKETS_DIR.glob("*.json")):
        items.extend(json.loads(path.read_text(encoding="utf-8")))
    return items


def load_tickets(brands: dict[str, Brand], summary: DemoSummary) -> None:
    if Ticket.objects.filter(brand__in=brands.values()).exists():
        return  # the demo's tickets are there already
    items = demo_tickets()
    teams = {t.slug: t for t in Team.objects.all()}
    start = clock.now()
    with transaction.atomic():
        for item in items:
            _load_ticket(brands, teams, item, start)
            summary.tickets_created += 1


def load_demo() -> DemoSummary:
    summary = DemoSummary()
    brands = load_configuration()
    load_agents(brands, summary)
    load_keys(brands, summary)
    load_tickets(brands, summary)
    load_verification(brands)
    # The demo's tickets are hours and days old: mark the targets already at risk or breached
    # now rather than at the server's first sweep (running it again changes nothing).
    sweep_response_targets()
    return summary
