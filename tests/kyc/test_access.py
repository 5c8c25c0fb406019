"""Who may open identity documents: verification and compliance officers of the brand, each
opening recorded; everyone else gets 403 and leaves a record too; players reach only their own."""

from __future__ import annotations

import pytest
from django.test import Client

from playerdesk.brands.platform import make_token
from playerdesk.kyc.models import DocumentAccess
from playerdesk.people.actions import update_player_details
from tests.conftest import PASSWORD, _agent
from tests.kyc.conftest import submit_all

pytestmark = pytest.mark.django_db


def _client(agent) -> Client:
    client = Client()
    assert client.login(username=agent.user.username, password=PASSWORD)
    return client


def test_officer_sees_the_preview_and_the_opening_is_recorded(case, officer):
    photo, _ = submit_all(case)
    response = _client(officer).get(f"/console/documents/{photo.pk}/preview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "no-store, private"
    assert response.content.startswith(b"\x89PNG")
    row = DocumentAccess.objects.get()
    assert (row.agent, row.document, row.action, row.allowed) == (officer, photo, "preview", True)
    assert row.ip == "127.0.0.1"


def test_download_of_the_original_is_recorded(case, officer):
    photo, _ = submit_all(case)
    response = _client(officer).get(f"/console/documents/{photo.pk}/original/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content[:3] == b"\xff\xd8\xff"
    assert DocumentAccess.objects.get().action == "download"


@pytest.mark.parametrize("role", ["agent", "supervisor", "administrator"])
def test_other_roles_get_403_and_the_attempt_is_recorded(case, kyc_brand, teams, role):
    photo, _ = submit_all(case)
    someone = _agent("sam", [kyc_brand], [teams["verification"]], role=role)
    client = _client(someone)
    for variant in ("preview", "original"):
        response = client.get(f"/console/documents/{photo.pk}/{variant}/")
        assert response.status_code == 403
        assert b"recorded" in response.content
    rows = DocumentAccess.objects.filter(agent=someone)
    assert rows.count() == 2 and not rows.filter(allowed=True).exists()
    assert set(rows.values_list("action", flat=True)) == {"denied"}
    assert client.get(f"/console/verification/{case.reference}/").status_code == 403
    assert client.get("/console/verification/").status_code == 403


def test_compliance_reads_but_cannot_decide(case, compliance):
    submit_all(case)
    client = _client(compliance)
    page = client.get(f"/console/verification/{case.reference}/")
    assert page.status_code == 200
    assert b'data-testid="approve"' not in page.content
    response = client.post(f"/console/verification/{case.reference}/reject/", {"reason": "altered"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "submitted"


def test_officer_of_another_brand_gets_404(case, playamo, teams):
    photo, _ = submit_all(case)
    other = _agent("olga", [playamo], [teams["verification"]], role="verification_officer")
    client = _client(other)
    assert client.get(f"/console/documents/{photo.pk}/preview/").status_code == 404
    assert client.get(f"/console/verification/{case.reference}/").status_code == 404
    assert not DocumentAccess.objects.exists()


def test_signed_out_is_sent_to_login(case):
    photo, _ = submit_all(case)
    response = Client().get(f"/console/documents/{photo.pk}/preview/")
    assert response.status_code == 302 and "/console/login/" in response["Location"]


def test_a_player_never_reaches_another_players_case(case, kyc_brand):
    submit_all(case)
    other = update_player_details(brand=kyc_brand, external_id="ojo-3003", name="Other Person")
    client = Client()
    token = make_token(kyc_brand.slug, other.external_id)
    assert client.get(f"/p/{kyc_brand.slug}/enter/", {"token": token}).status_code == 302
    page = client.get(f"/p/{kyc_brand.slug}/verification/")
    assert page.status_code == 200
    assert case.reference.encode() not in page.content
    assert b'data-testid="no-case"' in page.content
    # Uploading goes to their own (absent) case, never to the other player's.
    response = client.post(
        f"/p/{kyc_brand.slug}/verification/upload/", {"kind": "photo_id", "id_type": "passport"}
    )
    assert response.status_code == 409
    # The player pages serve no document at all; the console's document URL wants an agent.
    assert client.get(f"/console/documents/{case.documents.first().pk}/preview/").status_code == 302


def test_a_token_of_one_brand_does_not_open_another(kyc_player, playamo):
    token = make_token("ojo", kyc_player.external_id)
    response = Client().get(f"/p/{playamo.slug}/enter/", {"token": token})
    assert response.status_code == 403


def test_the_access_record_cannot_be_changed(case, officer):
    from django.db import DatabaseError, transaction

    photo, _ = submit_all(case)
    _client(officer).get(f"/console/documents/{photo.pk}/preview/")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        DocumentAccess.objects.update(allowed=False)


def test_admin_lists_are_read_only(case, officer, django_user_model):
    submit_all(case)
    _client(officer).get(f"/console/documents/{case.documents.first().pk}/preview/")
    admin = django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    client = Client()
    client.force_login(admin)
    for model in ("verificationcase", "caseevent", "documentaccess", "stepup", "webhookdelivery"):
        assert client.get(f"/admin/kyc/{model}/").status_code == 200
        assert client.get(f"/admin/kyc/{model}/add/").status_code == 403
    page = client.get(f"/admin/kyc/verificationcase/{case.pk}/change/")
    assert page.status_code == 200 and b"identification" not in page.content.lower()


def test_officer_moves_a_ticket_attachment_from_the_case_page(case, officer, make_ticket):
    from tests.kyc import documents
    from tests.kyc.test_flow import _attachment

    ticket = make_ticket(case.brand, case.player, category="verification")
    attachment = _attachment(ticket, documents.id_image(), "scan.jpg", "image/jpeg")
    # a file on a ticket of a team the officer is not in is neither listed nor movable
    hidden_ticket = make_ticket(case.brand, case.player, category="payments")
    hidden = _attachment(hidden_ticket, documents.id_image(), "hidden.jpg", "image/jpeg")
    client = _client(officer)
    assert b"hidden.jpg" not in client.get(f"/console/verification/{case.reference}/").content
    refused = client.post(
        f"/console/verification/{case.reference}/attach/",
        {"attachment": hidden.pk, "kind": "photo_id", "id_type": "passport"},
        follow=True,
    )
    assert "No such file" in refused.content.decode()
    client.post(f"/console/verification/{case.reference}/review/")  # unknown action: 404
    page = client.get(f"/console/verification/{case.reference}/")
    assert b'data-testid="attachments"' in page.content
    response = client.post(
        f"/console/verification/{case.reference}/attach/",
        {"attachment": attachment.pk, "kind": "photo_id", "id_type": "passport"},
        follow=True,
    )
    assert "added to the case" in response.content.decode()
    assert case.documents.get().filename == "scan.jpg"


def test_the_review_pages_in_french(case, officer):
    submit_all(case)
    client = _client(officer)
    client.cookies["django_language"] = "fr"
    queue = client.get("/console/verification/").content.decode()
    assert '<html lang="fr">' in queue and "Vérification d'identité" in queue
    page = client.get(f"/console/verification/{case.reference}/").content.decode()
    assert "Chiffres de contrôle" in page or "chiffres de contrôle" in page
    assert "Approuver" in page
