"""The agents' API: tokens, scoping, actions and their errors."""

from __future__ import annotations

import json

from tests.conftest import bearer


def test_the_queue_lists_only_what_the_agent_may_see(client, ticket, alice_token, charlie_token):
    mine = client.get("/api/v1/agent/tickets", **bearer(alice_token)).json()
    assert [t["reference"] for t in mine["items"]] == [ticket.reference]
    theirs = client.get("/api/v1/agent/tickets", **bearer(charlie_token)).json()
    assert theirs["items"] == []


def test_another_brands_agent_gets_404(client, ticket, charlie_token):
    assert (
        client.get(f"/api/v1/agent/tickets/{ticket.reference}", **bearer(charlie_token)).status_code
        == 404
    )
    r = client.post(
        f"/api/v1/agent/tickets/{ticket.reference}/replies",
        json.dumps({"body": "hi"}),
        content_type="application/json",
        **bearer(charlie_token),
    )
    assert r.status_code == 404
    assert ticket.messages.count() == 1


def test_reply_and_resolve_then_close_twice_is_409(client, ticket, alice_token):
    h = bearer(alice_token)
    r = client.post(
        f"/api/v1/agent/tickets/{ticket.reference}/replies",
        json.dumps({"body": "Done"}),
        content_type="application/json",
        **h,
    )
    assert r.status_code == 201 and r.json()["kind"] == "agent"
    assert (
        client.post(f"/api/v1/agent/tickets/{ticket.reference}/resolve", **h).json()["status"]
        == "resolved"
    )
    assert client.post(f"/api/v1/agent/tickets/{ticket.reference}/close", **h).status_code == 200
    r = client.post(f"/api/v1/agent/tickets/{ticket.reference}/close", **h)
    assert r.status_code == 409 and r["Content-Type"] == "application/problem+json"


def test_escalate_to_an_unknown_team_is_a_field_error(client, ticket, alice_token):
    r = client.post(
        f"/api/v1/agent/tickets/{ticket.reference}/escalate",
        json.dumps({"team": "nope", "reason": "x"}),
        content_type="application/json",
        **bearer(alice_token),
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "team"


def test_notes_are_visible_to_agents(client, ticket, alice_token):
    h = bearer(alice_token)
    client.post(
        f"/api/v1/agent/tickets/{ticket.reference}/notes",
        json.dumps({"body": "n"}),
        content_type="application/json",
        **h,
    )
    kinds = [
        m["kind"]
        for m in client.get(f"/api/v1/agent/tickets/{ticket.reference}", **h).json()["messages"]
    ]
    assert kinds == ["player", "note"]
