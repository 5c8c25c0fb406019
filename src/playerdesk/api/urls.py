"""The REST API, version 1: schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from playerdesk.api import agent, inbound, platform, problems, verification

api = NinjaAPI(
    title="playerdesk API",
    version="1",
    description=(
        "The platform's API (brand key) and the agents' API (agent token). Send "
        "`Authorization: Bearer KEY`. Errors are RFC 9457 problem details."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems.install(api)
api.add_router("/", platform.router)
api.add_router("/", verification.router)
api.add_router("/", inbound.router)
api.add_router("/agent", agent.router)
