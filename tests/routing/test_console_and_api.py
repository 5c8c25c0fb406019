"""The queue in the console and the API: order, countdowns, highlights, Next ticket, presence,
the supervisors' page, and `playerdesk sla due`."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from playerdesk.brands.models import ChannelSetting
from playerdesk.lib import clock
from playerdesk.people.models import Presence
from playerdesk.tickets.models import Status
from playerdesk.tickets.sweeps import sweep_response_targets
from tests.conftest import bearer

TORONTO = ZoneInfo("America/Toronto")


@pytest.fixture
def email_targets(ojo):
    ChannelSetting.objects.create(
        brand=ojo,
        channel="email",
        opening_hours={"always": True},
        languages={"en": "always", "fr": "core_hours"},
        targets={"first_response": {"minutes": 60, "business": False}},
    )


def test_the_queue_shows_countdowns_and_highlights_breaches(
    console_as, alice, make_ticket, ojo, email_targets
):
    late = make_ticket(ojo, subject="late one")
    make_ticket(ojo, subject="fresh one")
    sweep_response_targets(now=clock.now() + timedelta(minutes=61))
    late.refresh_from_db()
    page = console_as(alice).get("/console/").content.decode()
    assert 'class="countdown"' in page and "data-now=" in page
    assert "sla-breached" in page  # both are past due at the sweep's time
    assert "Next ticket" in page


def test_a_french_ticket_outside_core_hours_waits_visibly(
    console_as, alice, make_ticket, ojo, email_targets
):
    saturday = datetime(2026, 6, 6, 12, tzinfo=TORONTO)
    with clock.frozen(saturday):
        make_ticket(ojo, language="fr", subject="en français")
        page = console_as(alice).get("/console/").content.decode()
    assert 'data-testid="coverage"' in page


def test_next_ticket_from_the_console_opens_it(console_as, alice, make_ticket, ojo):
    t = make_ticket(ojo)
    r = console_as(alice).post("/console/next/")
    assert r.status_code == 302 and r["Location"].endswith(f"/tickets/{t.reference}/")
    t.refresh_from_db()
    assert t.assignee == alice and t.status == Status.OPEN


def test_next_ticket_with_nothing_waiting_says_so(console_as, alice, teams):
    r = console_as(alice).post("/console/next/", follow=True)
    assert "Nothing is waiting for you" in r.content.decode()


def test_presence_toggles(console_as, alice):
    c = console_as(alice)
    c.post("/console/presence/", {"presence": "available", "next": "/console/"})
    alice.refresh_from_db()
    assert alice.presence == Presence.AVAILABLE
    assert c.post("/console/presence/", {"presence": "busy"}).status_code == 400
    r = c.post("/console/presence/", {"presence": "away", "next": "https://evil.example/"})
    assert r["Location"] == "/console/"


def test_the_supervisors_page_counts_backlog_risk_and_breaches(
    console_as, make_agent, ojo, teams, make_ticket, email_targets, alice
):
    sam = make_agent("sam", [ojo], [], role="supervisor")
    make_ticket(ojo)
    make_ticket(ojo, category="payments")
    sweep_response_targets(now=clock.now() + timedelta(minutes=61))
    page = console_as(sam).get("/console/supervisor/").content.decode()
    assert 'data-testid="total-active">2<' in page
    assert 'data-testid="total-breached">2<' in page
    assert "Latest breaches" in page and "Alice" in page


def test_the_supervisors_page_is_not_for_agents(console_as, alice):
    assert console_as(alice).get("/console/supervisor/").status_code == 403


def test_the_supervisors_page_counts_only_their_brands(
    console_as, make_agent, ojo, playamo, make_ticket, teams
):
    sam = make_agent("sam", [playamo], [], role="supervisor")
    make_ticket(ojo)
    page = console_as(sam).get("/console/supervisor/").content.decode()
    assert 'data-testid="total-active">0<' in page


def test_next_ticket_through_the_api(client, alice_token, make_ticket, ojo):
    t = make_ticket(ojo)
    r = client.post("/api/v1/agent/queue/next", **bearer(alice_token))
    assert r.status_code == 200 and r.json()["reference"] == t.reference
    r = client.post("/api/v1/agent/queue/next", **bearer(alice_token))
    assert r.status_code == 204


def test_next_ticket_needs_an_agent_token(client, ojo_key, teams):
    assert client.post("/api/v1/agent/queue/next", **bearer(ojo_key)).status_code == 401


def test_sla_due_prints_the_due_time_in_the_brands_zone(ojo, capsys):
    ChannelSetting.objects.create(
        brand=ojo,
        channel="email",
        opening_hours={"always": True},
        languages={"en": "always"},
        targets={"first_response": {"minutes": 24 * 60, "business": True}},
    )
    call_command(
        "sla",
        "due",
        "--brand",
        "ojo",
        "--channel",
        "email",
        "--target",
        "first_response",
        "--at",
        "2026-06-26T17:00:00-04:00",
    )
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2026-07-02T17:00:00-04:00"


def test_sla_due_explains_what_is_wrong(ojo):
    with pytest.raises(CommandError, match="known: ojo"):
        call_command(
            "sla",
            "due",
            "--brand",
            "nope",
            "--channel",
            "email",
            "--target",
            "resolution",
            "--at",
            "2026-06-26T17:00:00-04:00",
        )
    with pytest.raises(CommandError, match="offset"):
        call_command(
            "sla",
            "due",
            "--brand",
            "ojo",
            "--channel",
            "email",
            "--target",
            "resolution",
            "--at",
            "2026-06-26T17:00:00",
        )
