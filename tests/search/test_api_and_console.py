"""Search through the API and the console: validation, jumps, scope, the player's page."""

from __future__ import annotations

import pytest

from playerdesk.people.actions import find_or_create_player
from tests.conftest import bearer

pytestmark = pytest.mark.django_db


def test_api_search_answers_ranked_hits_with_marked_snippets(
    make_ticket, ojo, player, alice, alice_token, client
):
    t = make_ticket(ojo, player, subject="Ostrich spins missing", body="Where are my ostrich?")
    r = client.get("/api/v1/agent/search", {"q": "ostrich"}, **bearer(alice_token))
    assert r.status_code == 200
    body = r.json()
    assert [i["reference"] for i in body["items"]] == [t.reference]
    assert "<mark>Ostrich</mark>" in body["items"][0]["subject_html"]
    assert body["matches"] == 1 and body["next_cursor"] is None and body["jump"] is None
    r = client.get("/api/v1/agent/search", {"q": t.reference.lower()}, **bearer(alice_token))
    assert r.json()["jump"] == {"kind": "ticket", "reference": t.reference, "player": None}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 201},
        {"q": "a", "status": "lost"},
        {"q": "a", "limit": 0},
        {"q": "a", "since": "2026-02-30"},
        {"q": "a", "since": "2026-03-02", "until": "2026-03-01"},
        {"q": "a", "cursor": "not-a-cursor"},
    ],
)
def test_api_search_refuses_bad_input_with_a_reason(alice_token, client, params):
    r = client.get("/api/v1/agent/search", params, **bearer(alice_token))
    assert r.status_code == 422, r.content
    assert r.json()["detail"] or r.json()["errors"]


def test_api_search_needs_a_token(client):
    assert client.get("/api/v1/agent/search", {"q": "a"}).status_code == 401


def test_api_search_is_scoped_to_the_callers_brands(
    make_ticket, playamo, charlie_token, ticket, client
):
    r = client.get("/api/v1/agent/search", {"q": "withdrawal"}, **bearer(charlie_token))
    assert r.json()["items"] == []
    r = client.get("/api/v1/agent/search", {"q": ticket.reference}, **bearer(charlie_token))
    assert r.json()["jump"] is None


def test_api_tickets_pages_by_cursor(make_ticket, ojo, player, alice_token, client):
    made = {make_ticket(ojo, player).reference for _ in range(5)}
    seen, cursor = [], None
    for _ in range(10):
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = client.get("/api/v1/agent/tickets", params, **bearer(alice_token)).json()
        seen += [i["reference"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made)
    r = client.get("/api/v1/agent/tickets", {"cursor": "zzz"}, **bearer(alice_token))
    assert r.status_code == 422


def test_console_search_jumps_to_a_ticket_or_a_player(ticket, player, alice, console_as):
    c = console_as(alice)
    r = c.get("/console/search/", {"q": ticket.reference.replace("-", "").lower()})
    assert r.status_code == 302 and r.url == f"/console/tickets/{ticket.reference}/"
    r = c.get("/console/search/", {"q": "JULIE@example.ca"})
    assert r.status_code == 302 and r.url == f"/console/players/{player.pk}/"
    r = c.get(f"/console/players/{player.pk}/")
    assert r.status_code == 200 and ticket.reference in r.content.decode()


def test_console_search_lists_results_and_says_when_nothing_matches(ticket, alice, console_as):
    c = console_as(alice)
    page = c.get("/console/search/", {"q": "withdrawal"}).content.decode()
    assert ticket.reference in page and "<mark>withdrawal</mark>" in page
    page = c.get("/console/search/", {"q": "<script>zzz"}).content.decode()
    assert "Nothing matches" in page and "<script>zzz" not in page
    assert c.get("/console/search/", {"q": "x", "cursor": "bad"}).status_code == 200
    page = c.get("/console/search/", {"q": "x", "since": "2026-03-02", "until": "2026-03-01"})
    assert "The first day comes after the last." in page.content.decode()


def test_console_search_in_french(ticket, alice, console_as):
    c = console_as(alice)
    c.cookies["django_language"] = "fr"
    page = c.get("/console/search/", {"q": "zzzz"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Aucun résultat pour" in page


def test_another_brands_player_is_a_404(playamo, alice, console_as):
    other = find_or_create_player(brand=playamo, external_id="p-2", email="o@example.ca")
    assert console_as(alice).get(f"/console/players/{other.pk}/").status_code == 404
