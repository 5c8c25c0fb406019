"""Fixtures of identity verification: an officer, a compliance officer, a player the platform
described, a brand whose policy holds withdrawals and bonuses, and the documents."""

from __future__ import annotations

from datetime import date

import pytest

from playerdesk.kyc import actions
from playerdesk.kyc.models import VerificationCase
from playerdesk.people.actions import update_player_details
from playerdesk.people.models import AgentProfile, Player
from tests.conftest import _agent
from tests.kyc import documents

KYC_POLICY = {
    "documents": ["photo_id", "utility_bill"],
    "holds": ["withdrawal", "bonus"],
    "review_business_hours": [48, 72],
}


@pytest.fixture(autouse=True)
def _no_ocr(settings):
    """Tests type the zone as an officer does; tests/kyc/test_ocr.py turns the reading on."""
    settings.PLAYERDESK_KYC_OCR = False


@pytest.fixture
def kyc_brand(ojo):
    ojo.policies = {"kyc": KYC_POLICY}
    ojo.business_hours = {}
    ojo.save()
    return ojo


@pytest.fixture
def officer(kyc_brand, teams) -> AgentProfile:
    return _agent("vera", [kyc_brand], [teams["verification"]], role="verification_officer")


@pytest.fixture
def compliance(kyc_brand, teams) -> AgentProfile:
    return _agent("carla", [kyc_brand], [], role="compliance")


@pytest.fixture
def kyc_player(kyc_brand) -> Player:
    return update_player_details(
        brand=kyc_brand,
        external_id="ojo-2001",
        email="julie@example.ca",
        name="Julie Tremblay",
        language="fr",
        date_of_birth=date(1990, 5, 17),
        address="123 Rue Principale",
        city="Montreal",
        province="QC",
        postal_code="H2X 1Y4",
    )


@pytest.fixture
def case(kyc_player) -> VerificationCase:
    return actions.open_case(
        player=kyc_player, trigger="first_withdrawal", actor=actions.Actor.system()
    )


def upload(case: VerificationCase, kind: str, data: bytes, filename: str, **extra):
    return actions.upload_document(
        case=case,
        upload=actions.Upload(kind=kind, filename=filename, data=data, **extra),
        actor=actions.Actor.for_player(case.player),
    )


def submit_all(case: VerificationCase, *, zone: str | None = None, issued: date | None = None):
    zone = documents.passport_zone() if zone is None else zone
    photo = upload(
        case,
        "photo_id",
        documents.id_image(zone),
        "passport.jpg",
        declared_type="image/jpeg",
        id_type="passport",
    )
    bill = upload(
        case,
        "proof_of_address",
        documents.utility_bill(issued or date.today()),
        "bill.pdf",
        declared_type="application/pdf",
    )
    return photo, bill
