"""The agents' lists: keyset pages that hold every ticket once while tickets arrive, a fixed
number of queries whatever the page size, scope in the supervisor counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from playerdesk.people.actions import find_or_create_player
from playerdesk.tickets import actions, selectors
from playerdesk.tickets.selectors import CursorError, backlog, player_history, queue_page

pytestmark = pytest.mark.django_db


def page_through(fn, limit: int, between=None) -> list[int]:
    seen: list[int] = []
    cursor = None
    for _ in range(100):
        page = fn(cursor, limit)
        seen += [t.pk for t in page.items]
        if between:
            between()
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor
    pytest.fail("the pages never end")


@pytest.mark.parametrize("status", ["active", "all"])
def test_every_ticket_once_while_new_ones_arrive(make_ticket, ojo, player, alice, status):
    before = [make_ticket(ojo, player, priority=p).pk for p in ["low", "normal", "high"] * 7]
    count = iter(range(1000))

    def arrive() -> None:  # an urgent one lands ahead of the pages already read
        make_ticket(ojo, player, priority="urgent" if next(count) % 2 else "low")

    seen = page_through(
        lambda c, n: queue_page(alice, {"status": status}, cursor=c, limit=n), 4, arrive
    )
    assert len(seen) == len(set(seen))  # never twice
    assert set(before) <= set(seen)  # none skipped


def test_queue_order_and_newest_first(make_ticket, ojo, player, alice):
    low = make_ticket(ojo, player, priority="low")
    urgent = make_ticket(ojo, player, priority="urgent")
    normal = make_ticket(ojo, player, priority="normal")
    active = [t.pk for t in queue_page(alice, {}).items]
    assert active == [urgent.pk, normal.pk, low.pk]
    assert [t.pk for t in queue_page(alice, {"status": "all"}).items] == [
        normal.pk,
        urgent.pk,
        low.pk,
    ]


def test_mine_team_and_filters(make_ticket, ojo, player, alice, bob):
    a = make_ticket(ojo, player)
    b = make_ticket(ojo, player)
    pay = make_ticket(ojo, player, category="payments")
    actions.assign(ticket=a, agent=alice, actor=actions.Actor.for_agent(alice))
    actions.assign(ticket=b, agent=bob, actor=actions.Actor.for_agent(bob))
    assert [t.pk for t in queue_page(alice, {"mine": True}).items] == [a.pk]
    team = {t.pk for t in queue_page(alice, {"team": "frontline"}).items}
    assert team == {a.pk, b.pk}
    assert pay.pk not in {t.pk for t in queue_page(alice, {}).items}  # not alice's team


@pytest.mark.parametrize("bad", ["x", "1", "1_x", "_"])
def test_a_cursor_that_is_not_one_is_refused(alice, bad):
    with pytest.raises(CursorError):
        queue_page(alice, {}, cursor=bad)


def test_player_history_newest_first_by_keyset(make_ticket, ojo, player, alice):
    made = [make_ticket(ojo, player).pk for _ in range(7)]
    seen = page_through(lambda c, n: player_history(alice, player, cursor=c, limit=n), 3)
    assert seen == sorted(made, reverse=True)


def _queries(fn) -> int:
    fn()  # warm the per-process caches (schedules, channel settings)
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_page(
    make_ticket, ojo, player, alice, console_as
):
    for i in range(12):
        t = make_ticket(ojo, player, priority=["low", "high"][i % 2])
        if i % 3 == 0:
            actions.assign(ticket=t, agent=alice, actor=actions.Actor.for_agent(alice))
    small = _queries(lambda: queue_page(alice, {}, limit=2))
    large = _queries(lambda: queue_page(alice, {}, limit=12))
    assert small == large <= 2
    history = [_queries(lambda n=n: player_history(alice, player, limit=n)) for n in (2, 12)]
    assert history[0] == history[1] <= 2
    client = console_as(alice)
    pages = []
    for size in (2, 12):
        selectors_limit = size

        def get(size=selectors_limit):
            from playerdesk.console import views

            old = views.PAGE_SIZE
            views.PAGE_SIZE = size
            try:
                assert client.get("/console/").status_code == 200
            finally:
                views.PAGE_SIZE = old

        pages.append(_queries(get))
    assert pages[0] == pages[1]


def test_supervisor_counts_never_count_another_brand(
    make_ticket, make_agent, ojo, playamo, player, teams
):
    other = find_or_create_player(brand=playamo, external_id="p-9", email="o@example.ca")
    make_ticket(ojo, player)
    make_ticket(ojo, player, category="payments")
    for _ in range(3):
        make_ticket(playamo, other)
    sam = make_agent("sam", [ojo], list(teams.values()), role="supervisor")
    rows = backlog(sam)
    assert {r.brand for r in rows} == {"Ojo"}
    assert sum(r.active for r in rows) == 2
    assert sum(r.waiting for r in rows) == 2
    assert len(_queries_of_backlog(sam)) <= 4


def _queries_of_backlog(agent):
    with CaptureQueriesContext(connection) as ctx:
        selectors.backlog(agent)
    return ctx.captured_queries
