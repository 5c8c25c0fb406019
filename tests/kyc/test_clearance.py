"""The clearance API, from every state of a player's verification."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client

from playerdesk.brands.actions import create_api_key
from playerdesk.kyc import actions
from playerdesk.kyc.models import CaseStatus, VerificationCase
from playerdesk.lib import clock
from playerdesk.people.actions import update_player_details
from tests.kyc.conftest import submit_all

pytestmark = pytest.mark.django_db

IDENTIFICATION = {
    "name": "Julie Tremblay",
    "document_type": "passport",
    "number": "AB1234567",
    "jurisdiction": "Passport Canada",
    "country": "CAN",
    "expiry": "2031-03-01",
}


@pytest.fixture
def key(kyc_brand) -> str:
    return create_api_key(brand=kyc_brand)


def _get(key: str, external_id: str, action: str = "withdrawal"):
    return Client().get(
        f"/api/v1/players/{external_id}/clearance",
        {"action": action},
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_unverified_withdrawal_is_refused_and_opens_a_case(key, kyc_player):
    response = _get(key, kyc_player.external_id)
    assert response.status_code == 200
    body = response.json()
    assert body["allowed"] is False
    assert body["reasons"] == ["not_verified", "documents_requested"]
    case = VerificationCase.objects.get(player=kyc_player)
    assert body["case"] == case.reference and case.trigger == "first_withdrawal"
    # Asking again does not open a second case.
    again = _get(key, kyc_player.external_id).json()
    assert again == {"allowed": False, "reasons": ["documents_requested"], "case": case.reference}
    assert VerificationCase.objects.filter(player=kyc_player).count() == 1


def test_under_review(key, case, officer):
    submit_all(case)
    assert _get(key, case.player.external_id).json()["reasons"] == ["under_review"]
    actions.start_review(case=case, actor=actions.Actor.for_agent(officer))
    body = _get(key, case.player.external_id).json()
    assert body == {"allowed": False, "reasons": ["under_review"], "case": case.reference}


def test_approved_allows_withdrawal_and_bonus(key, case, officer):
    submit_all(case)
    actions.approve(
        case=case, identification=IDENTIFICATION, actor=actions.Actor.for_agent(officer)
    )
    for action in ("withdrawal", "bonus"):
        body = _get(key, case.player.external_id, action).json()
        assert body == {"allowed": True, "reasons": ["verified"], "case": case.reference}


def test_rejected_stays_refused_without_a_new_case(key, case, officer):
    submit_all(case)
    actions.reject(case=case, reason="altered", actor=actions.Actor.for_agent(officer))
    body = _get(key, case.player.external_id).json()
    assert body == {"allowed": False, "reasons": ["rejected"], "case": case.reference}
    assert VerificationCase.objects.filter(player=case.player).count() == 1


def test_expired_asks_for_documents_again(key, case):
    actions.expire_cases(now=clock.now() + timedelta(days=31))
    case.refresh_from_db()
    assert case.status == CaseStatus.EXPIRED
    body = _get(key, case.player.external_id).json()
    assert body["allowed"] is False
    assert body["reasons"] == ["verification_expired", "documents_requested"]
    assert body["case"] != case.reference


def test_approval_past_the_ids_expiry_is_not_a_clearance(key, case, officer):
    submit_all(case)
    record = {**IDENTIFICATION, "expiry": (clock.now().date() + timedelta(days=3)).isoformat()}
    actions.approve(case=case, identification=record, actor=actions.Actor.for_agent(officer))
    with clock.frozen(clock.now() + timedelta(days=5)):
        body = _get(key, case.player.external_id).json()
    assert body["allowed"] is False and body["reasons"][0] == "verification_expired"


def test_bonus_not_held_by_the_brand_is_allowed(key, kyc_brand, kyc_player):
    kyc_brand.policies = {"kyc": {"documents": ["photo_id"], "holds": ["withdrawal"]}}
    kyc_brand.save()
    from playerdesk.lib.memo import clear_all

    clear_all()
    body = _get(key, kyc_player.external_id, "bonus").json()
    assert body == {"allowed": True, "reasons": ["not_held"], "case": None}
    assert _get(key, kyc_player.external_id, "withdrawal").json()["allowed"] is False


def test_bonus_held_opens_a_bonus_claim_case(key, kyc_player):
    body = _get(key, kyc_player.external_id, "bonus").json()
    assert body["allowed"] is False
    assert VerificationCase.objects.get(reference=body["case"]).trigger == "bonus_claim"


def test_another_brands_key_gets_404(kyc_player, playamo):
    other = create_api_key(brand=playamo)
    response = _get(other, kyc_player.external_id)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert not VerificationCase.objects.exists()


def test_unknown_player_404_and_bad_action_422(key):
    assert _get(key, "nobody").status_code == 404
    response = _get(key, "ojo-2001", "deposit")
    assert response.status_code in (404, 422)


def test_bad_action_is_a_validation_problem(key, kyc_player):
    response = _get(key, kyc_player.external_id, "deposit")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "action"


def test_no_key_401(kyc_player):
    assert (
        Client()
        .get(f"/api/v1/players/{kyc_player.external_id}/clearance?action=withdrawal")
        .status_code
        == 401
    )


def test_platform_puts_player_details_then_opens_a_case(key):
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    response = client.put(
        "/api/v1/players/ojo-77",
        json.dumps(
            {
                "name": "Marc Roy",
                "email": "marc@example.ca",
                "date_of_birth": "1985-02-03",
                "province": "on",
                "postal_code": "m5v 2t6",
            }
        ),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200, response.content
    assert response.json()["province"] == "ON"
    bad = client.put(
        "/api/v1/players/ojo-77",
        json.dumps({"date_of_birth": "2999-01-01", "province": "Ontario"}),
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"date_of_birth", "province"}
    opened = client.post(
        "/api/v1/players/ojo-77/verification",
        json.dumps({"trigger": "payment_method_change"}),
        content_type="application/json",
        **auth,
    )
    assert opened.status_code == 201
    assert opened.json()["required"] == ["photo_id", "proof_of_address", "proof_of_payment"]
    again = client.post(
        "/api/v1/players/ojo-77/verification",
        json.dumps({"trigger": "security"}),
        content_type="application/json",
        **auth,
    )
    assert again.status_code == 200 and again.json()["reference"] == opened.json()["reference"]
    latest = client.get("/api/v1/players/ojo-77/verification", **auth)
    assert latest.json()["status"] == "requested"


def test_player_details_keep_what_is_not_sent(kyc_brand, kyc_player):
    update_player_details(brand=kyc_brand, external_id=kyc_player.external_id, city="Laval")
    kyc_player.refresh_from_db()
    assert kyc_player.city == "Laval" and kyc_player.postal_code == "H2X 1Y4"
