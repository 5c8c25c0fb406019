"""Next ticket: the best waiting ticket the agent may work, each to one agent only."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg
import pytest
from django.db import close_old_connections, connection

from playerdesk.lib import clock
from playerdesk.people.actions import find_or_create_player
from playerdesk.people.models import Presence
from playerdesk.routing.queue import claim_next
from playerdesk.tickets import actions
from playerdesk.tickets.claims import FIRST_DEPTH
from playerdesk.tickets.models import EventType, Status, Ticket

TORONTO = ZoneInfo("America/Toronto")
MONDAY_9 = datetime(2026, 6, 1, 9, 0, tzinfo=TORONTO)


def opened_at(make_ticket, brand, hours, **kwargs):
    with clock.frozen(MONDAY_9 + timedelta(hours=hours)):
        return make_ticket(brand, **kwargs)


def test_it_gives_the_oldest_ticket_of_the_highest_priority(make_ticket, ojo, alice):
    opened_at(make_ticket, ojo, 0, subject="old normal")
    high = opened_at(make_ticket, ojo, 1, subject="new access", category="account_access")
    opened_at(make_ticket, ojo, 2, subject="newer normal")
    t = claim_next(agent=alice)
    assert t.pk == high.pk and t.assignee == alice and t.status == Status.OPEN
    assert t.events.filter(type=EventType.ASSIGNED).exists()
    assert claim_next(agent=alice).subject == "old normal"


def test_waiting_long_enough_beats_a_higher_priority(make_ticket, ojo, alice):
    # a normal ticket that has waited more than a business day (8 h head start of "high")
    waited = opened_at(make_ticket, ojo, 0, subject="waited")
    opened_at(make_ticket, ojo, 24 + 2, subject="fresh", category="account_access")
    assert claim_next(agent=alice).pk == waited.pk


def test_nothing_waiting_gives_none(alice, teams):
    assert claim_next(agent=alice) is None


def test_only_the_agents_teams_brands_and_languages(
    make_ticket, ojo, playamo, make_agent, teams, player
):
    english_only = make_agent("erin", [ojo], [teams["frontline"]], languages=["en"])
    opened_at(make_ticket, playamo, 0, subject="other brand")
    opened_at(make_ticket, ojo, 0, subject="other team", category="payments")
    opened_at(make_ticket, ojo, 0, subject="en français", language="fr")
    assert claim_next(agent=english_only) is None
    mine = opened_at(make_ticket, ojo, 1, subject="mine", language="en")
    assert claim_next(agent=english_only).pk == mine.pk


def test_assigned_waiting_and_resolved_tickets_are_not_handed_out(make_ticket, ojo, alice, bob):
    t1 = opened_at(make_ticket, ojo, 0)
    actions.assign(ticket=t1, agent=bob, actor=actions.Actor.for_agent(bob))
    t2 = opened_at(make_ticket, ojo, 0)
    actions.request_information(ticket=t2, body="?", actor=actions.Actor.for_agent(bob))
    actions.assign(ticket=t2, agent=None, actor=actions.Actor.for_agent(bob))
    t3 = opened_at(make_ticket, ojo, 0)
    actions.resolve(ticket=t3, actor=actions.Actor.for_agent(bob))
    assert claim_next(agent=alice) is None


def test_an_escalated_ticket_waits_in_the_specialist_queue(ticket, alice, make_agent, ojo, teams):
    actions.escalate(
        ticket=ticket, team=teams["payments"], reason="bank", actor=actions.Actor.for_agent(alice)
    )
    paula = make_agent("paula", [ojo], [teams["payments"]])
    assert claim_next(agent=alice) is None
    assert claim_next(agent=paula).pk == ticket.pk


def test_capacity_stops_the_claims(make_ticket, ojo, alice):
    alice.capacity = 1
    alice.save()
    opened_at(make_ticket, ojo, 0)
    opened_at(make_ticket, ojo, 1)
    claim_next(agent=alice)
    with pytest.raises(actions.DomainError, match="capacity"):
        claim_next(agent=alice)


def test_a_read_only_role_takes_nothing(make_ticket, ojo, make_agent, teams):
    carla = make_agent("carla", [ojo], [teams["frontline"]], role="compliance")
    opened_at(make_ticket, ojo, 0)
    with pytest.raises(actions.DomainError):
        claim_next(agent=carla)


def test_taking_a_ticket_makes_the_agent_available(make_ticket, ojo, alice):
    assert alice.presence == Presence.AWAY
    opened_at(make_ticket, ojo, 0)
    claim_next(agent=alice)
    alice.refresh_from_db()
    assert alice.presence == Presence.AVAILABLE


def test_a_new_priority_moves_the_ticket_in_the_queue(make_ticket, ojo, alice):
    opened_at(make_ticket, ojo, 0, subject="first")
    later = opened_at(make_ticket, ojo, 1, subject="later")
    actions.change_priority(ticket=later, priority="urgent", actor=actions.Actor.for_agent(alice))
    assert claim_next(agent=alice).pk == later.pk


def _bulk_tickets(
    brand, player, team, languages: list[str], start: int = 0, keys: list[int] | None = None
) -> list[int]:
    """Waiting tickets written directly (this is about claiming, not opening), one a language
    given, in that order in the queue unless ``keys`` are given."""
    now = clock.now()
    made = Ticket.objects.bulk_create(
        Ticket(
            reference=f"OJO-B{start + i:07d}",
            brand=brand,
            player=player,
            channel="email",
            subject=f"ticket {i}",
            language=language,
            team=team,
            created_at=now,
            updated_at=now,
            queue_key=keys[i] if keys else start + i,
        )
        for i, language in enumerate(languages)
    )
    return [t.pk for t in made]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_claimers_take_five_thousand_tickets_once_each(
    ojo, player, teams, make_agent
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED are PostgreSQL's")
    # given 5,000 waiting tickets
    _bulk_tickets(
        ojo, player, teams["frontline"], ["en"] * 5000, keys=[i % 977 for i in range(5000)]
    )
    agents = [
        make_agent(f"agent{i}", [ojo], [teams["frontline"]], languages=["en"]) for i in range(50)
    ]
    for a in agents:
        a.capacity = 5000
        a.save()
    claimed: list[list[int]] = [[] for _ in agents]
    errors: list[BaseException] = []
    start = threading.Barrier(len(agents))

    def work(i: int) -> None:
        try:
            start.wait()
            while True:
                t = claim_next(agent=agents[i])
                # each claim is a request of its own: its connection goes back to the pool
                connection.close()
                if t is None:
                    return
                claimed[i].append(t.pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(agents))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    # then every ticket was claimed exactly once
    assert not errors, errors[:3]
    every = [pk for pks in claimed for pk in pks]
    assert len(every) == 5000 and len(set(every)) == 5000
    assert not Ticket.objects.filter(assignee__isnull=True).exists()
    assert sum(1 for pks in claimed if pks) > 10  # the work was shared


def test_a_team_taken_away_stops_applying_at_once(make_ticket, ojo, alice, teams):
    opened_at(make_ticket, ojo, 0)
    assert claim_next(agent=alice) is not None
    opened_at(make_ticket, ojo, 1)
    alice.teams.clear()
    assert claim_next(agent=alice) is None


def _ticket_index_entries_read() -> int:
    """Entries read from any index of the ticket table in this transaction so far."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(pg_stat_get_xact_tuples_returned(indexrelid)) FROM pg_index "
            "WHERE indrelid = 'tickets_ticket'::regclass"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_a_claim_reads_only_the_queues_the_agent_may_take(ojo, playamo, player, teams, make_agent):
    if connection.vendor != "postgresql":
        pytest.skip("the index statistics are PostgreSQL's")
    # given 300 French tickets and 300 of another brand at the head of frontline, then one
    # English ticket of the agent's brand
    frontline = teams["frontline"]
    _bulk_tickets(ojo, player, frontline, ["fr"] * 300)
    other = find_or_create_player(brand=playamo, external_id="ply-1", email="p@example.com")
    _bulk_tickets(playamo, other, frontline, ["en"] * 300, start=300)
    [mine] = _bulk_tickets(ojo, player, frontline, ["en"], start=600)
    erin = make_agent("erin", [ojo], [frontline], languages=["en"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tickets_ticket")  # as autovacuum keeps the statistics
    before = _ticket_index_entries_read()
    # when an English-only agent of the one brand takes the next ticket
    taken = claim_next(agent=erin)
    # then it is the English one, found without reading the 600 others
    assert taken.pk == mine
    # (the queue's one entry, and the ticket's by primary key to lock it and to update it)
    assert _ticket_index_entries_read() - before <= 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_claimer_reads_deeper_when_the_first_rows_are_being_taken(ojo, player, teams, make_agent):
    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED are PostgreSQL's")
    ids = _bulk_tickets(ojo, player, teams["frontline"], ["en"] * (FIRST_DEPTH * 5))
    erin = make_agent("erin", [ojo], [teams["frontline"]], languages=["en"])
    # given other claimers holding the first rows of the only queue (more than one read holds)
    held = ids[: FIRST_DEPTH * 4 + 1]
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params) as other:
        other.execute("SELECT id FROM tickets_ticket WHERE id = ANY(%s) FOR UPDATE", [held])
        # when the agent takes the next ticket
        taken = claim_next(agent=erin)
        connection.close()
        other.rollback()
    # then the first free one, past the rows being taken
    assert taken.pk == ids[len(held)]


def test_capacity_message_gives_the_tickets_held_when_above_capacity(make_ticket, ojo, alice):
    for hours in range(3):
        opened_at(make_ticket, ojo, hours)
    for _ in range(3):
        claim_next(agent=alice)
    # the capacity lowered below what the agent already holds
    alice.capacity = 2
    alice.save()
    with pytest.raises(actions.DomainError, match="hold 3 active tickets"):
        claim_next(agent=alice)


@pytest.mark.postgres
def test_a_prepared_claim_keeps_to_the_indexes(make_ticket, ojo, alice):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for hours in range(12):
        opened_at(make_ticket, ojo, hours)
    alice.capacity = 20
    alice.save()
    with connection.cursor() as cursor:
        # as PostgreSQL does after five runs of a prepared statement when the plan made once
        # costs no more than planning each run: that plan, made without the values
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute(
            "SELECT pg_stat_get_xact_numscans('tickets_ticket'::regclass), "
            "pg_stat_get_xact_numscans('ticket_queue_idx'::regclass)"
        )
        seq_before, queue_before = cursor.fetchone()
    # twelve claims on the test's one connection, and other queries as often
    for _ in range(12):
        assert claim_next(agent=alice) is not None
        assert type(alice).objects.filter(pk=alice.pk, capacity=20).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_stat_get_xact_numscans('tickets_ticket'::regclass), "
            "pg_stat_get_xact_numscans('ticket_queue_idx'::regclass)"
        )
        seq_after, queue_after = cursor.fetchone()
        cursor.execute("SELECT generic_plans, statement FROM pg_prepared_statements")
        prepared = cursor.fetchall()
    # only the claim is prepared (a plan made without the values suits it, not every query)
    [(generic, statement)] = prepared
    assert "WITH queues AS" in statement
    assert generic >= 5
    # the claims walked the queue index and never scanned the ticket table (sequential scans)
    assert queue_after > queue_before
    assert seq_after == seq_before
