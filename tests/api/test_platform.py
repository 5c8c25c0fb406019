"""The platform's API: brand keys, the ticket endpoints, problem details, isolation."""

from __future__ import annotations

import json

import pytest

from playerdesk.tickets.models import Event, Ticket
from tests.conftest import bearer

NEW_TICKET = {
    "player": {
        "external_id": "ojo-77",
        "email": "marc@example.ca",
        "username": "marc",
        "language": "fr",
    },
    "channel": "api",
    "subject": "Retrait en attente",
    "body": "Mon retrait de 150 $ est en attente depuis lundi.",
    "category": "payments",
    "fields": {"transaction_id": "TX-88213907", "amount": "150.00"},
}


def post(client, url, data, key):
    return client.post(url, json.dumps(data), content_type="application/json", **bearer(key))


def test_it_creates_a_ticket(client, ojo, ojo_key, teams):
    r = post(client, "/api/v1/tickets", NEW_TICKET, ojo_key)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["reference"].startswith("OJO-")
    assert body["status"] == "new" and body["category"] == "payments"
    assert body["team"] == "payments" and body["language"] == "fr"
    assert body["priority"] == "normal"
    t = Ticket.objects.get(reference=body["reference"])
    assert t.fields["transaction_id"] == "TX-88213907"
    assert t.player.external_id == "ojo-77" and t.player.preferred_language == "fr"
    assert t.events.get().actor_kind == "platform"


def test_the_same_player_is_found_again(client, ojo, ojo_key, teams):
    post(client, "/api/v1/tickets", NEW_TICKET, ojo_key)
    post(client, "/api/v1/tickets", NEW_TICKET, ojo_key)
    assert Ticket.objects.values("player").distinct().count() == 1


def test_it_needs_a_key(client, ojo, teams):
    r = client.post("/api/v1/tickets", json.dumps(NEW_TICKET), content_type="application/json")
    assert r.status_code == 401
    assert r["Content-Type"] == "application/problem+json"
    assert r["WWW-Authenticate"] == "Bearer"
    assert r.json()["status"] == 401


def test_a_wrong_or_revoked_key_is_refused(client, ojo, ojo_key, teams):
    assert post(client, "/api/v1/tickets", NEW_TICKET, "pdk_nope").status_code == 401
    from playerdesk.brands.actions import revoke_api_key
    from playerdesk.brands.models import ApiKey

    revoke_api_key(key=ApiKey.objects.get())
    assert post(client, "/api/v1/tickets", NEW_TICKET, ojo_key).status_code == 401


def test_an_agent_token_is_not_a_brand_key(client, ojo, alice_token, teams):
    assert post(client, "/api/v1/tickets", NEW_TICKET, alice_token).status_code == 401


@pytest.mark.parametrize(
    "change, field",
    [
        ({"subject": ""}, "subject"),
        ({"subject": "   "}, "subject"),
        ({"body": "x" * 100_001}, "body"),
        ({"category": "casino_tips"}, "category"),
        ({"priority": "asap"}, "priority"),
        ({"channel": "pigeon"}, "channel"),
        ({"player": {"external_id": ""}}, "player.external_id"),
        ({"player": {"external_id": "x", "email": "not-an-email"}}, "player.email"),
        ({"fields": {"k" * 60: "v"}}, "fields"),
    ],
)
def test_invalid_payloads_get_field_level_problems(client, ojo, ojo_key, teams, change, field):
    r = post(client, "/api/v1/tickets", {**NEW_TICKET, **change}, ojo_key)
    assert r.status_code == 422, r.content
    assert r["Content-Type"] == "application/problem+json"
    problem = r.json()
    assert problem["status"] == 422 and problem["title"]
    assert any(e["field"].startswith(field) for e in problem["errors"]), problem
    assert not Ticket.objects.exists()


def test_malformed_json_is_a_problem_not_a_crash(client, ojo, ojo_key, teams):
    r = client.post(
        "/api/v1/tickets", "{not json", content_type="application/json", **bearer(ojo_key)
    )
    assert r.status_code in (400, 422)
    assert r["Content-Type"] == "application/problem+json"


def test_get_ticket_shows_public_messages_only(client, ojo, ojo_key, ticket, alice):
    from playerdesk.tickets import actions

    actions.add_note(
        ticket=ticket, body="internal: suspicious", actor=actions.Actor.for_agent(alice)
    )
    actions.reply(ticket=ticket, body="We are checking.", actor=actions.Actor.for_agent(alice))
    r = client.get(f"/api/v1/tickets/{ticket.reference}", **bearer(ojo_key))
    assert r.status_code == 200
    body = r.json()
    assert [m["kind"] for m in body["messages"]] == ["player", "agent"]
    assert "suspicious" not in r.content.decode()


def test_a_reference_typed_loosely_still_finds_the_ticket(client, ojo, ojo_key, ticket):
    loose = ticket.reference.lower().replace("-", "")
    assert client.get(f"/api/v1/tickets/{loose}", **bearer(ojo_key)).status_code == 200


def test_a_typo_in_the_reference_is_not_found(client, ojo, ojo_key, ticket):
    ref = ticket.reference
    i = len(ref) - 2
    typo = ref[:i] + ("2" if ref[i] != "2" else "3") + ref[i + 1 :]
    r = client.get(f"/api/v1/tickets/{typo}", **bearer(ojo_key))
    assert r.status_code == 404 and r.json()["status"] == 404


def test_another_brands_ticket_is_404(client, ojo, playamo, playamo_key, ticket):
    r = client.get(f"/api/v1/tickets/{ticket.reference}", **bearer(playamo_key))
    assert r.status_code == 404
    r = post(client, f"/api/v1/tickets/{ticket.reference}/messages", {"body": "hi"}, playamo_key)
    assert r.status_code == 404
    assert ticket.messages.count() == 1


def test_the_player_writes_again(client, ojo, ojo_key, ticket):
    r = post(client, f"/api/v1/tickets/{ticket.reference}/messages", {"body": "Any news?"}, ojo_key)
    assert r.status_code == 201
    assert r.json()["kind"] == "player"
    assert ticket.messages.count() == 2


def test_writing_to_a_closed_ticket_is_a_409_that_says_why(client, ojo, ojo_key, ticket, alice):
    from playerdesk.tickets import actions

    actions.resolve(ticket=ticket, actor=actions.Actor.for_agent(alice))
    actions.close(ticket=ticket, actor=actions.Actor.for_agent(alice))
    r = post(client, f"/api/v1/tickets/{ticket.reference}/messages", {"body": "again"}, ojo_key)
    assert r.status_code == 409
    problem = r.json()
    assert problem["status_now"] == "closed"
    assert "resolved" in problem["allowed_from"]
    assert "allowed when it is" in problem["detail"]


def test_players_tickets_are_paginated_by_cursor(
    client, ojo, ojo_key, make_ticket, player, playamo, teams
):
    refs = [make_ticket(ojo, player).reference for _ in range(5)]
    make_ticket(playamo)  # another brand's player is never listed
    seen, cursor = [], None
    while True:
        url = f"/api/v1/players/{player.external_id}/tickets?limit=2"
        if cursor:
            url += f"&cursor={cursor}"
        page = client.get(url, **bearer(ojo_key)).json()
        seen += [t["reference"] for t in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(refs))


def test_players_tickets_of_another_brand_are_empty(client, ojo, playamo_key, ticket, player):
    r = client.get(f"/api/v1/players/{player.external_id}/tickets", **bearer(playamo_key))
    assert r.status_code == 200 and r.json()["items"] == []


def test_the_schema_and_docs_are_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/tickets" in schema["paths"]
    assert "/api/v1/players/{external_id}/tickets" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_no_event_is_lost_for_api_changes(client, ojo, ojo_key, teams):
    r = post(client, "/api/v1/tickets", NEW_TICKET, ojo_key)
    ref = r.json()["reference"]
    post(client, f"/api/v1/tickets/{ref}/messages", {"body": "more"}, ojo_key)
    assert list(Event.objects.filter(ticket__reference=ref).values_list("type", flat=True)) == [
        "created",
        "player_message",
    ]
