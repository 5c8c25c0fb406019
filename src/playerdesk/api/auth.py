"""Bearer authentication: brand API keys for the platform, tokens for agents."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from playerdesk.brands.models import ApiKey, Brand, hash_key
from playerdesk.lib.memo import ttl_cache
from playerdesk.people.models import AgentProfile, AgentToken

_TOUCH_EVERY = timedelta(minutes=5)
# A key is remembered for a few seconds per process, so the platform's steady stream of calls
# does not read the key table each time; a key revoked elsewhere stops working within this delay.
KEY_CACHE_SECONDS = 10.0


@ttl_cache(KEY_CACHE_SECONDS)
def active_key(digest: str) -> ApiKey | None:
    return (
        ApiKey.objects.select_related("brand")
        .filter(key_hash=digest, revoked_at__isnull=True, brand__is_active=True)
        .first()
    )


class BrandKey(HttpBearer):
    """``Authorization: Bearer pdk_...``: the caller is the brand's platform."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Brand | None:
        if not token.startswith("pdk_"):
            return None
        key = active_key(hash_key(token))
        if key is None:
            return None
        now = timezone.now()
        if key.last_used_at is None or now - key.last_used_at > _TOUCH_EVERY:
            key.last_used_at = now
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        request.brand = key.brand  # type: ignore[attr-defined]
        return key.brand


class AgentBearer(HttpBearer):
    """``Authorization: Bearer pdt_...``: the caller is an agent."""

    def authenticate(self, request: HttpRequest, token: str) -> AgentProfile | None:
        if not token.startswith("pdt_"):
            return None
        row = (
            AgentToken.objects.select_related("agent", "agent__user")
            .filter(key_hash=hash_key(token), revoked_at__isnull=True, agent__user__is_active=True)
            .first()
        )
        if row is None:
            return None
        request.agent = row.agent  # type: ignore[attr-defined]
        return row.agent


brand_key = BrandKey()
agent_token = AgentBearer()
