"""WebSocket addresses. The console's and the agents' chat panel share the desk's session and
its own origin; the player's chat widget runs on the brands' sites, so its consumer checks the
origin against the brand's website itself (chat/consumers.py)."""

from typing import Any

from channels.auth import AuthMiddlewareStack
from channels.security.websocket import AllowedHostsOriginValidator
from django.conf import settings
from django.urls import path

from playerdesk.chat.consumers import AgentChatConsumer, PlayerChatConsumer
from playerdesk.realtime.consumers import ConsoleConsumer, EchoConsumer


def _desk(consumer: Any) -> Any:
    """A consumer of the desk's own pages: same origin, the signed-in user."""
    return AllowedHostsOriginValidator(AuthMiddlewareStack(consumer.as_asgi()))


websocket_urlpatterns = [
    path("ws/console/", _desk(ConsoleConsumer)),
    path("ws/chat/agent/", _desk(AgentChatConsumer)),
    path("ws/widget/<slug:brand>/", PlayerChatConsumer.as_asgi()),
]

if settings.PLAYERDESK_ECHO_SOCKET:  # the benchmark's baseline only
    websocket_urlpatterns.append(path("ws/echo/", EchoConsumer.as_asgi()))
