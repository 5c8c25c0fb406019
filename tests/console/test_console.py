"""The agent console: sign-in, the scoped queue, the ticket page and its actions."""

from __future__ import annotations

from django.test import Client

from playerdesk.tickets.models import EventType, MessageKind, Status


def test_the_console_asks_for_a_login(client, db):
    r = client.get("/console/")
    assert r.status_code == 302 and "/console/login/" in r["Location"]


def test_login_page_in_both_languages(client, db):
    assert "Sign in" in client.get("/console/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "Se connecter" in client.get("/console/login/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    )


def test_a_user_without_agent_profile_is_refused(db, django_user_model):
    django_user_model.objects.create_user("mallory", password="pw-123-long-enough")
    c = Client()
    c.login(username="mallory", password="pw-123-long-enough")
    assert c.get("/console/").status_code == 403


def test_queue_shows_the_agents_brand_only(
    console_as, alice, charlie, ticket, make_ticket, playamo
):
    other = make_ticket(playamo, subject="Playamo secret subject")
    page = console_as(alice).get("/console/").content.decode()
    assert ticket.reference in page and other.reference not in page
    page = console_as(charlie).get("/console/").content.decode()
    assert other.reference in page and ticket.reference not in page


def test_queue_filters(console_as, alice, make_ticket, ojo):
    pay = make_ticket(ojo, category="payments", subject="Deposit missing")
    gen = make_ticket(ojo, category="general", subject="Opening hours")
    sam_page = console_as(alice).get("/console/?category=general").content.decode()
    assert gen.reference in sam_page and pay.reference not in sam_page


def test_queue_has_an_empty_state(console_as, alice):
    assert "No ticket matches" in console_as(alice).get("/console/").content.decode()


def test_another_brands_ticket_page_is_404(console_as, charlie, ticket):
    c = console_as(charlie)
    assert c.get(f"/console/tickets/{ticket.reference}/").status_code == 404
    r = c.post(f"/console/tickets/{ticket.reference}/reply/", {"body": "hi"})
    assert r.status_code == 404
    assert ticket.messages.count() == 1


def test_a_team_agent_does_not_see_other_teams_tickets(
    console_as, make_agent, ojo, teams, make_ticket
):
    payments_only = make_agent("paula", [ojo], [teams["payments"]])
    rg = make_ticket(ojo, category="responsible_gambling", subject="Please close my account")
    assert console_as(payments_only).get(f"/console/tickets/{rg.reference}/").status_code == 404


def test_a_supervisor_sees_every_team_of_the_brand(console_as, make_agent, ojo, make_ticket):
    sam = make_agent("sam", [ojo], [], role="supervisor")
    rg = make_ticket(ojo, category="responsible_gambling")
    assert console_as(sam).get(f"/console/tickets/{rg.reference}/").status_code == 200


def test_ticket_page_shows_conversation_timeline_and_actions(console_as, alice, ticket):
    page = console_as(alice).get(f"/console/tickets/{ticket.reference}/").content.decode()
    assert "I asked for 200 CAD" in page
    assert 'data-type="created"' in page
    assert "Send reply" in page and "Resolve" in page


def test_a_loosely_typed_reference_redirects_to_the_ticket(console_as, alice, ticket):
    r = console_as(alice).get(f"/console/tickets/{ticket.reference.lower()}/")
    assert r.status_code == 302 and r["Location"].endswith(f"/{ticket.reference}/")


def test_reply_from_the_console(console_as, alice, ticket):
    c = console_as(alice)
    r = c.post(
        f"/console/tickets/{ticket.reference}/reply/", {"body": "Bonjour Julie"}, follow=True
    )
    assert r.status_code == 200
    assert "Bonjour Julie" in r.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.messages.filter(kind=MessageKind.AGENT).count() == 1
    assert ticket.events.filter(type=EventType.REPLY, actor_agent=alice).exists()


def test_an_invalid_action_shows_the_reason(console_as, alice, ticket):
    c = console_as(alice)
    r = c.post(f"/console/tickets/{ticket.reference}/close/", follow=True)
    assert "allowed when it is: resolved" in r.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW


def test_escalating_out_of_the_agents_teams_returns_to_the_queue(console_as, alice, ticket):
    r = console_as(alice).post(
        f"/console/tickets/{ticket.reference}/escalate/",
        {"team": "payments", "reason": "Bank trace"},
    )
    assert r.status_code == 302 and r["Location"].endswith("/console/")
    ticket.refresh_from_db()
    assert ticket.status == Status.ESCALATED


def test_compliance_sees_no_action_buttons(console_as, make_agent, ojo, ticket):
    carla = make_agent("carla", [ojo], [], role="compliance")
    page = console_as(carla).get(f"/console/tickets/{ticket.reference}/").content.decode()
    assert "Send reply" not in page
    r = console_as(carla).post(
        f"/console/tickets/{ticket.reference}/reply/", {"body": "x"}, follow=True
    )
    assert "can read tickets but not change them" in r.content.decode()


def test_csrf_is_enforced(alice, ticket):
    c = Client(enforce_csrf_checks=True)
    c.login(username="alice", password="correct horse battery staple")
    assert c.post(f"/console/tickets/{ticket.reference}/reply/", {"body": "x"}).status_code == 403


def test_ticket_details_are_shown_with_their_names(console_as, alice, make_ticket, ojo):
    t = make_ticket(ojo, fields={"transaction_id": "TX-88412093", "payment_method": "Interac"})
    page = console_as(alice).get(f"/console/tickets/{t.reference}/").content.decode()
    assert "<dt>Transaction id</dt>" in page and "TX-88412093" in page
    assert "<dt>Payment method</dt>" in page and "<dt>transaction_id</dt>" not in page
