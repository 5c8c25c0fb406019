"""The per-process copy of brands: kept a few seconds, forgotten at once by the admin."""

from __future__ import annotations

from django.contrib import admin
from django.test import RequestFactory

from playerdesk.brands import cache
from playerdesk.brands.admin import BrandAdmin
from playerdesk.brands.models import Brand


class _Form:
    def save_m2m(self) -> None:
        pass


def test_a_brand_is_remembered_until_the_admin_saves_one(ojo):
    assert cache.brand(ojo.pk).timezone == "America/Toronto"
    Brand.objects.filter(pk=ojo.pk).update(timezone="America/Vancouver")
    assert cache.brand(ojo.pk).timezone == "America/Toronto"  # remembered
    BrandAdmin(Brand, admin.site).save_related(RequestFactory().post("/"), _Form(), [], True)
    assert cache.brand(ojo.pk).timezone == "America/Vancouver"


def test_a_locked_ticket_gets_the_remembered_brand(ticket):
    from django.db import transaction

    from playerdesk.tickets.actions import _locked

    with transaction.atomic():
        locked = _locked(ticket)
    assert locked.brand is cache.brand(ticket.brand_id)
