"""Brands as every write of a ticket reads them: remembered per process for a few seconds
(a brand's row changes a few times a year; a busy desk reads it a hundred times a second).
Whatever changes a brand forgets the per-process copies where it runs (the admin, the demo
loader: ``lib.memo.clear_all``); other processes follow within ``BRAND_SECONDS``, as they do
for channel settings and API keys."""

from __future__ import annotations

from playerdesk.brands.models import Brand
from playerdesk.lib.memo import ttl_cache

BRAND_SECONDS = 10.0


@ttl_cache(BRAND_SECONDS)
def brand(pk: int) -> Brand | None:
    """The brand with this id (read only: never change or save the object returned)."""
    return Brand.objects.filter(pk=pk).first()
