"""Writes for brands and their keys."""

from __future__ import annotations

from django.utils import timezone

from playerdesk.brands.models import ApiKey, Brand, hash_key


def create_api_key(*, brand: Brand, name: str = "platform") -> str:
    """Create an API key for the brand's platform and return it; only its hash is kept."""
    raw = ApiKey.generate()
    ApiKey.objects.create(brand=brand, name=name, prefix=raw[:10], key_hash=hash_key(raw))
    return raw


def revoke_api_key(*, key: ApiKey) -> None:
    """Revoke a key now in this process; other processes refuse it within 10 seconds."""
    from playerdesk.lib.memo import clear_all

    ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    clear_all()
