"""The ASGI application: HTTP through Django, WebSockets through Channels."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playerdesk.settings")

import django

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402

from playerdesk.server.bridge import WsgiOnThreads  # noqa: E402

http_application = WsgiOnThreads(get_wsgi_application())

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from playerdesk.realtime.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": http_application,
        "websocket": URLRouter(websocket_urlpatterns),
    }
)
