"""The contact form: each kind of request asks for what it needs, in English and French; files
are checked; robots and floods are turned away; the member-area variant asks no identity."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from playerdesk.brands.platform import make_token
from playerdesk.tickets import incidents
from playerdesk.tickets.models import Attachment, Ticket

pytestmark = pytest.mark.django_db

VALUES = {
    "game": "Book of Dead",
    "occurred_at": "2026-11-20T21:15",
    "error_message": "Connection lost (code 1006)",
    "device": "phone",
    "os": "iOS 18",
    "browser": "Safari 18",
    "transaction_id": "TX-88213907",
    "amount": "250.00",
    "currency": "CAD",
    "payment_method": "Interac",
    "username": "julie88",
    "bonus_code": "WELCOME100",
    "claimed_at": "2026-11-19",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _post(client: Client, brand, data: dict, lang: str = "en", files=None):
    payload = {"description": "It does not work.\nPlease help.", **data}
    if files:
        payload["attachments"] = files
    return client.post(f"/p/{brand.slug}/contact/?lang={lang}", payload)


def _public(category: str, **extra) -> dict:
    return {"category": category, "name": "Julie Tremblay", "email": "julie@example.ca", **extra}


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile("screenshot.png", out.getvalue(), content_type="image/png")


@pytest.mark.parametrize("category", sorted(incidents.REQUIRED))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_category_requires_its_details(ojo, teams, category, lang):
    client = Client()
    response = _post(client, ojo, _public(category), lang)
    required = incidents.required_for(category)
    if not required:
        assert response.status_code == 302
        return
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<html lang="{lang}">' in page
    for key in required:
        assert f'data-testid="error-{key}"' in page, key
    message = "Requis pour ce type de demande." if lang == "fr" else "Required for this kind"
    assert message in page
    assert not Ticket.objects.exists()
    complete = _public(category, **{k: VALUES[k] for k in required})
    done = _post(client, ojo, complete, lang)
    assert done.status_code == 302, done.content.decode()[:2000]
    ticket = Ticket.objects.get()
    assert ticket.category == category and ticket.channel == "form" and ticket.language == lang
    assert set(ticket.fields) >= set(required)
    sent = client.get(done["Location"])
    assert ticket.reference in sent.content.decode()


def test_technical_incident_with_a_screenshot(ojo, teams):
    data = _public("technical", **{k: VALUES[k] for k in incidents.required_for("technical")})
    response = _post(Client(), ojo, data, files=[_png()])
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.fields["game"] == "Book of Dead"
    assert ticket.fields["occurred_at"].startswith("2026-11-20T21:15")
    assert ticket.fields["screenshot"] == "screenshot.png"
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.message.ticket == ticket


def test_a_hostile_attachment_is_refused_with_its_reason(ojo, teams):
    html = SimpleUploadedFile("shot.png", b"<html><script>x</script></html>", "image/png")
    data = _public("general")
    response = _post(Client(), ojo, data, lang="fr", files=[html])
    assert response.status_code == 400
    assert "shot.png" in response.content.decode()
    assert not Ticket.objects.exists()


def test_in_the_future_and_bad_amounts_are_refused(ojo, teams):
    data = _public("payments", **{**{k: VALUES[k] for k in incidents.required_for("payments")}})
    data.update(occurred_at="2099-01-01T10:00", amount="-5")
    response = _post(Client(), ojo, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-occurred_at"' in page and 'data-testid="error-amount"' in page


def test_a_robot_filling_the_hidden_field_makes_no_ticket(ojo, teams):
    response = _post(Client(), ojo, _public("general", website="http://spam.example"))
    assert response.status_code == 200
    assert not Ticket.objects.exists()


def test_a_flood_from_one_address_is_slowed(ojo, teams):
    client = Client()
    for _ in range(5):
        assert _post(client, ojo, _public("general")).status_code == 302
    assert _post(client, ojo, _public("general")).status_code == 429
    assert Ticket.objects.count() == 5


def test_member_area_variant_asks_no_identity(ojo, teams, player):
    client = Client()
    token = make_token(ojo.slug, player.external_id)
    entered = client.get(f"/p/{ojo.slug}/enter/", {"token": token, "next": "contact"})
    assert entered["Location"].endswith("/contact/")
    page = client.get(f"/p/{ojo.slug}/contact/").content.decode()
    assert 'name="email"' not in page and 'data-testid="member"' in page
    assert '<html lang="fr">' in page  # the player's language
    response = client.post(
        f"/p/{ojo.slug}/contact/",
        {"category": "account_access", "username": "julie", "description": "Locked out"},
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.player == player and ticket.channel == "member_area"


def test_unknown_brand_404():
    assert Client().get("/p/nobody/contact/").status_code == 404


def _agent_client(alice):
    from tests.conftest import PASSWORD

    client = Client()
    client.login(username=alice.user.username, password=PASSWORD)
    return client


def test_agents_see_the_details_edit_them_and_ask_for_the_missing(
    ojo, teams, make_agent, make_ticket
):
    ticket = make_ticket(ojo, category="payments", fields={"transaction_id": "TX-1"})
    client = _agent_client(make_agent("pat", [ojo], [teams["payments"]]))
    url = f"/console/tickets/{ticket.reference}/"
    page = client.get(url).content.decode()
    assert 'data-testid="missing-details"' in page and "Amount" in page
    client.post(url + "ask_missing/")
    asked = ticket.messages.filter(kind="agent").get()
    assert "Amount" in asked.body  # the ticket is in English
    ticket.refresh_from_db()
    assert ticket.status == "pending_player"
    client.post(
        url + "details/",
        {
            "transaction_id": "TX-2",
            "amount": "250.00",
            "occurred_at": "2026-11-20T21:15",
            "currency": "CAD",
            "payment_method": "Interac",
        },
    )
    ticket.refresh_from_db()
    assert ticket.fields["transaction_id"] == "TX-2" and ticket.fields["amount"] == "250.00"
    change = ticket.events.filter(type="fields").get()
    assert change.data["changes"]["transaction_id"] == {"from": "TX-1", "to": "TX-2"}
    assert 'data-testid="missing-details"' not in client.get(url).content.decode()


def test_attachments_are_downloaded_only_by_who_sees_the_ticket(ojo, teams, alice, charlie):
    data = _public("technical", **{k: VALUES[k] for k in incidents.required_for("technical")})
    _post(Client(), ojo, data, files=[_png()])
    ticket = Ticket.objects.get()
    attachment = Attachment.objects.get()
    url = f"/console/tickets/{ticket.reference}/attachments/{attachment.pk}/"
    # alice is frontline; the technical ticket went to the technical team
    ticket.team = None
    ticket.save(update_fields=["team"])
    response = _agent_client(alice).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert _agent_client(charlie).get(url).status_code == 404


def test_an_unauthenticated_form_never_changes_an_existing_players_details(ojo, teams, player):
    data = _public("general", email=player.email.upper(), name="Someone Else")
    assert _post(Client(), ojo, data, lang="en").status_code == 302
    player.refresh_from_db()
    assert player.name == "Julie Tremblay" and player.preferred_language == "fr"
    assert Ticket.objects.get().player == player


def test_the_form_is_acknowledged_by_email_where_the_brand_does(ojo, teams, mailoutbox):
    from playerdesk.brands.models import ChannelSetting
    from playerdesk.lib.memo import clear_all
    from playerdesk.mail.models import OutboundEmail
    from playerdesk.mail.outbound import deliver_due

    ChannelSetting.objects.create(brand=ojo, channel="form", automatic_acknowledgment=True)
    response = _post(Client(), ojo, _public("general"), "fr")
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert deliver_due() == 1
    (ack,) = mailoutbox
    assert ticket.reference in ack.subject and ack.to == ["julie@example.ca"]
    assert "Nous avons bien reçu votre message" in ack.body
    ChannelSetting.objects.filter(brand=ojo, channel="form").update(automatic_acknowledgment=False)
    clear_all()  # channel settings are kept per process for a few seconds
    _post(Client(), ojo, _public("general", email="marc@example.ca"), "en")
    assert OutboundEmail.objects.count() == 1


def test_agents_see_the_emails_to_the_player_and_a_failing_address(ojo, teams, alice, make_ticket):
    from playerdesk.lib import clock
    from playerdesk.people.models import Player

    ticket = make_ticket(ojo, category="general")
    Player.objects.filter(pk=ticket.player_id).update(
        email="julie@example.ca", email_failing_since=clock.now(), email_failure="5.1.1 unknown"
    )
    client = _agent_client(alice)
    url = f"/console/tickets/{ticket.reference}/"
    client.post(url + "reply/", {"body": "Hello there"})
    page = client.get(url).content.decode()
    assert 'data-testid="email-failing"' in page and "5.1.1 unknown" in page
    assert 'data-testid="emails"' in page and "Not sent" in page
