"""The demo's identity verification: players the platforms described, and a case in each state
the verification team meets (waiting for the player, waiting for review, approved)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from playerdesk.brands.models import Brand
from playerdesk.demo import documents
from playerdesk.kyc import actions
from playerdesk.kyc.models import VerificationCase
from playerdesk.lib import clock
from playerdesk.people.actions import update_player_details
from playerdesk.people.models import AgentProfile

PLAYERS: list[dict[str, Any]] = [
    {
        "brand": "ojo",
        "external_id": "ojo-kyc-1001",
        "name": "Julie Tremblay",
        "email": "julie.tremblay@example.ca",
        "language": "fr",
        "date_of_birth": date(1990, 5, 17),
        "address": "123 Rue Principale",
        "city": "Montréal",
        "province": "QC",
        "postal_code": "H2X 1Y4",
        "case": "submitted",
        "passport": "AB1234567",
    },
    {
        "brand": "7bit",
        "external_id": "bit-kyc-2002",
        "name": "Marc Roy",
        "email": "marc.roy@example.ca",
        "language": "fr",
        "date_of_birth": date(1986, 2, 3),
        "address": "45 King Street West",
        "city": "Toronto",
        "province": "ON",
        "postal_code": "M5H 1J8",
        "case": "requested",
    },
    {
        "brand": "playamo",
        "external_id": "ply-kyc-3003",
        "name": "Emily Chen",
        "email": "emily.chen@example.ca",
        "language": "en",
        "date_of_birth": date(1994, 9, 30),
        "address": "800 Burrard Street",
        "city": "Vancouver",
        "province": "BC",
        "postal_code": "V6Z 2J7",
        "case": "approved",
        "passport": "GH7654321",
    },
]

# The demo's member-area player, whose case waits for documents (docs/kyc.md).
MEMBER_AREA_PLAYER = ("7bit", "bit-kyc-2002")


def load_verification(brands: dict[str, Brand]) -> None:
    if VerificationCase.objects.filter(brand__in=brands.values()).exists():
        return
    officer = AgentProfile.objects.filter(role="verification_officer").first()
    for spec in PLAYERS:
        details = {
            k: spec[k]
            for k in (
                "name",
                "email",
                "language",
                "date_of_birth",
                "address",
                "city",
                "province",
                "postal_code",
            )
        }
        player = update_player_details(
            brand=brands[spec["brand"]], external_id=spec["external_id"], **details
        )
        case = actions.open_case(
            player=player, trigger="first_withdrawal", actor=actions.Actor.platform(player.brand)
        )
        if spec["case"] == "requested":
            continue
        surname, given = spec["name"].split()[-1], " ".join(spec["name"].split()[:-1])
        photo, _zone = documents.passport(
            surname=surname,
            given=given,
            born=spec["date_of_birth"],
            expires=date.today() + timedelta(days=4 * 365),
            number=spec["passport"],
        )
        uploads = {
            "photo_id": ("passport.jpg", photo, "image/jpeg", "passport"),
            "proof_of_address": (
                "facture.pdf",
                documents.utility_bill(
                    name=spec["name"],
                    address=spec["address"],
                    city=spec["city"],
                    postal_code=spec["postal_code"],
                    issued=clock.now().date() - timedelta(days=20),
                ),
                "application/pdf",
                "",
            ),
            "proof_of_payment": (
                "visa.png",
                documents.payment_screenshot(name=spec["name"]),
                "image/png",
                "",
            ),
        }
        for kind in case.required:
            filename, data, mime, id_type = uploads[kind]
            actions.upload_document(
                case=case,
                upload=actions.Upload(
                    kind=kind, filename=filename, data=data, declared_type=mime, id_type=id_type
                ),
                actor=actions.Actor.for_player(player),
            )
        if spec["case"] == "approved" and officer is not None:
            case.refresh_from_db()
            if case.status != "submitted":
                continue
            actions.approve(
                case=case,
                identification={
                    "name": spec["name"],
                    "document_type": "passport",
                    "number": spec["passport"],
                    "jurisdiction": "Passport Canada",
                    "country": "CAN",
                    "expiry": (date.today() + timedelta(days=4 * 365)).isoformat(),
                },
                actor=actions.Actor.for_agent(officer),
            )
