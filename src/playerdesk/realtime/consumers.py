"""The console's live connection: an agent hears about changes to tickets of their brands."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from playerdesk.realtime.events import brand_group, supervisors_group


@database_sync_to_async
def _agent_groups(user: Any) -> list[str] | None:
    """The groups of the signed-in agent: their brands; for supervisors and administrators,
    the brands' supervisor notices too. None without an agent."""
    profile = getattr(user, "agent", None) if user.is_authenticated else None
    if profile is None:
        return None
    brand_ids = list(profile.brands.values_list("id", flat=True))
    groups = [brand_group(b) for b in brand_ids]
    if profile.role in ("supervisor", "administrator"):
        groups += [supervisors_group(b) for b in brand_ids]
    return groups


class ConsoleConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: list[str]

    async def connect(self) -> None:
        groups = await _agent_groups(self.scope["user"])
        if groups is None:
            # Accepted, then closed with a code the page understands: it stops reconnecting.
            await self.accept()
            await self.close(code=4401)
            return
        self.groups_joined = groups
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def desk_events(self, message: dict[str, Any]) -> None:
        # Only that something changed: the page fetches what this agent may see. Supervisors
        # also hear which tickets' response targets were just breached or put at risk.
        notices = [e for e in message["events"] if e.get("type") == "sla.changed"]
        changed = len(message["events"]) - len(notices)
        if changed:
            await self.send_json({"type": "tickets.changed", "count": changed})
        for e in notices:
            await self.send_json(
                {
                    "type": "sla.notice",
                    "breached": e["breached"],
                    "at_risk": e["at_risk"],
                    "breached_count": e["breached_count"],
                    "at_risk_count": e["at_risk_count"],
                }
            )


class EchoConsumer(AsyncJsonWebsocketConsumer):
    """Sends back what it receives: the baseline of the chat benchmark (bench chat_fanout),
    served only with PLAYERDESK_ECHO_SOCKET=true."""

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        await self.send(text_data=text_data, bytes_data=bytes_data)
