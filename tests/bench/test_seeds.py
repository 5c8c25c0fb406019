"""The benchmarks' data sets load into the current schema.

They write rows with SQL of their own (for speed), not through the models, so a column added to
a model without a default in the database breaks them; these tests load a few hundred tickets
with each, as the benchmarks load a million.
"""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection

from bench import realistic, seed
from playerdesk.people.models import AgentProfile, Player
from playerdesk.search.queries import search
from playerdesk.tickets.access import scope_of
from playerdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the benchmarks' data sets are PostgreSQL's")


def _url() -> str:
    s = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        dbname=s["NAME"],
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        host=s["HOST"] or None,
        port=str(s["PORT"]) if s["PORT"] else None,
    )


def test_the_realistic_data_set_loads_and_is_searchable(transactional_db) -> None:
    exec(realistic.SETUP, {})  # the benchmark's own agents and brands
    realistic.seed_realistic(_url(), 400, log=lambda _: None)

    assert Ticket.objects.count() == 400
    assert Player.objects.count() == 100
    per_ticket = Message.objects.values("ticket").distinct().count()
    assert per_ticket == 400
    assert 2 * 400 <= Message.objects.count() <= 5 * 400
    assert set(Ticket.objects.values_list("language", flat=True)) == {"en", "fr"}
    supervisor = AgentProfile.objects.get(user__username="supervisor")
    found = search(scope_of(supervisor), "retrait")
    assert found.hits, "the search documents were built"
    assert all(h.ticket.language == "fr" for h in found.hits[:5])


def test_the_queue_data_set_loads(transactional_db) -> None:
    exec(realistic.SETUP, {})
    with psycopg.connect(_url()) as conn:
        seed.seed(conn, 300)
    assert Ticket.objects.filter(reference__startswith="SEED-").count() == 300
    assert not Ticket.objects.exclude(status__in=["new", "open", "escalated"]).exists()
