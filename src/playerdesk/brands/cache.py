"""Brands as every write of a ticket reads them: remembered per process for a few seconds
(a brand's row changes a few times a year; a busy desk reads it a hundred times a second).
Saving or deleting a brand forgets them in the process that did it at once; other processes
follow within ``BRAND_SECONDS``."""

from __future__ import annotations

from typing import Any

from playerdesk.brands.models import Brand
from playerdesk.lib.memo import ttl_cache

BRAND_SECONDS = 10.0


@ttl_cache(BRAND_SECONDS)
def brand(pk: int) -> Brand | None:
    """The brand with this id (read only: never change or save the object returned)."""
    return Brand.objects.filter(pk=pk).first()


def forget(**_kwargs: Any) -> None:
    """Connected to the brand's post_save and post_delete (apps.py)."""
    brand.cache_clear()  # type: ignore[attr-defined]
