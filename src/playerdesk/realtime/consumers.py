"""The console's live connection: an agent hears about changes to tickets of their brands."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from playerdesk.realtime.events import brand_group


@database_sync_to_async
def _agent_brand_ids(user: Any) -> list[int] | None:
    profile = getattr(user, "agent", None) if user.is_authenticated else None
    if profile is None:
        return None
    return list(profile.brands.values_list("id", flat=True))


class ConsoleConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: list[str]

    async def connect(self) -> None:
        brand_ids = await _agent_brand_ids(self.scope["user"])
        if brand_ids is None:
            # Accepted, then closed with a code the page understands: it stops reconnecting.
            await self.accept()
            await self.close(code=4401)
            return
        self.groups_joined = [brand_group(b) for b in brand_ids]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def desk_events(self, message: dict[str, Any]) -> None:
        # Only that something changed: the page fetches what this agent may see.
        await self.send_json({"type": "tickets.changed", "count": len(message["events"])})
