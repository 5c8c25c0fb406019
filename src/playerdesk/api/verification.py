"""The platform's side of identity verification: players' details, clearance, cases."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import EmailStr, Field, field_validator

from playerdesk.api.auth import brand_key
from playerdesk.api.schemas import LanguageName
from playerdesk.brands.models import Brand
from playerdesk.kyc import actions
from playerdesk.kyc.clearance import clearance_for
from playerdesk.kyc.models import Trigger, VerificationCase
from playerdesk.people.actions import update_player_details
from playerdesk.people.models import Player

router = Router(auth=brand_key, tags=["verification"])

TriggerName = Literal[
    "first_withdrawal", "payment_method_change", "security", "bonus_claim", "manual"
]


class PlayerDetailsIn(Schema):
    email: EmailStr | None = None
    username: str = Field(default="", max_length=150)
    name: str = Field(default="", max_length=200)
    language: LanguageName | None = None
    date_of_birth: date | None = None
    address: str = Field(default="", max_length=255)
    city: str = Field(default="", max_length=100)
    province: str = Field(default="", max_length=2, pattern=r"^([A-Za-z]{2})?$")
    postal_code: str = Field(default="", max_length=12)
    country: str = Field(default="", max_length=2, pattern=r"^([A-Za-z]{2})?$")
    account_closed: bool = False

    @field_validator("date_of_birth")
    @classmethod
    def past(cls, value: date | None) -> date | None:
        if value is not None and (value > date.today() or value.year < 1900):
            raise ValueError("must be a past date after 1900")
        return value


class PlayerOut(Schema):
    external_id: str
    name: str
    email: str
    language: str
    date_of_birth: date | None
    province: str
    account_closed: bool

    @classmethod
    def of(cls, player: Player) -> PlayerOut:
        return cls(
            external_id=player.external_id or "",
            name=player.name,
            email=player.email,
            language=player.preferred_language,
            date_of_birth=player.date_of_birth,
            province=player.province,
            account_closed=player.account_closed_at is not None,
        )


class ClearanceQuery(Schema):
    action: Literal["withdrawal", "bonus"]


class ClearanceOut(Schema):
    allowed: bool
    reasons: list[str]
    case: str | None


class CaseIn(Schema):
    trigger: TriggerName


class CaseOut(Schema):
    reference: str
    status: str
    trigger: str
    required: list[str]
    valid_until: date | None
    decision_reason: str

    @classmethod
    def of(cls, case: VerificationCase) -> CaseOut:
        return cls(
            reference=case.reference,
            status=case.status,
            trigger=case.trigger,
            required=case.required,
            valid_until=case.valid_until,
            decision_reason=case.decision_reason,
        )


def _player(brand: Brand, external_id: str) -> Player:
    player = (
        Player.objects.select_related("brand").filter(brand=brand, external_id=external_id).first()
    )
    if player is None:
        raise Http404("no such player")
    return player


@router.put(
    "/players/{external_id}",
    response=PlayerOut,
    summary="Create or update a player's details (compared with identity documents)",
)
def put_player(request: HttpRequest, external_id: str, payload: PlayerDetailsIn) -> PlayerOut:
    if not external_id or len(external_id) > 100:
        raise Http404("no such player")
    player = update_player_details(
        brand=request.auth, external_id=external_id, **payload.model_dump()
    )
    return PlayerOut.of(player)


@router.get(
    "/players/{external_id}/clearance",
    response=ClearanceOut,
    summary="May the player withdraw or claim a bonus now?",
    description=(
        "Answers from the player's verification. A withdrawal or bonus held by the brand's "
        "policy, asked for by a player without a valid verification, opens a case that "
        "requests the documents; its reference is in `case`. Reasons: verified, not_held, "
        "not_verified, documents_requested, under_review, rejected, verification_expired."
    ),
)
def clearance(request: HttpRequest, external_id: str, query: Query[ClearanceQuery]) -> ClearanceOut:
    result = clearance_for(request.auth, external_id, query.action)
    return ClearanceOut(allowed=result.allowed, reasons=result.reasons, case=result.case)


@router.post(
    "/players/{external_id}/verification",
    response={201: CaseOut, 200: CaseOut},
    summary="Ask the player for identity documents (returns the open case if one exists)",
)
def open_case(request: HttpRequest, external_id: str, payload: CaseIn) -> Status:
    player = _player(request.auth, external_id)
    before = VerificationCase.objects.filter(player=player).order_by("-id").values("id").first()
    case = actions.open_case(
        player=player, trigger=Trigger(payload.trigger), actor=actions.Actor.platform(request.auth)
    )
    created = before is None or before["id"] != case.pk
    return Status(201 if created else 200, CaseOut.of(case))


@router.get(
    "/players/{external_id}/verification",
    response=CaseOut,
    summary="The player's newest verification case",
)
def latest_case(request: HttpRequest, external_id: str) -> CaseOut:
    player = _player(request.auth, external_id)
    case = VerificationCase.objects.filter(player=player).order_by("-id").first()
    if case is None:
        raise Http404("no verification case")
    return CaseOut.of(case)
