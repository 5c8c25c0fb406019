"""The clearance answer: may this player withdraw, or claim a bonus, now?

One query reads the player and their newest case; a withdrawal or a bonus held by the brand and
asked for by a player with no usable verification opens a case (documents requested).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.http import Http404

from playerdesk.brands.models import Brand
from playerdesk.kyc import actions, policy
from playerdesk.kyc.models import CaseStatus, Trigger
from playerdesk.lib import clock
from playerdesk.lib.memo import ttl_cache
from playerdesk.people.models import Player
from playerdesk.sla.schedules import business_schedule

_SQL = (
    "SELECT p.id, c.reference, c.status, c.valid_until FROM people_player p "
    "LEFT JOIN kyc_verificationcase c ON c.id = "
    "(SELECT MAX(c2.id) FROM kyc_verificationcase c2 WHERE c2.player_id = p.id) "
    "WHERE p.brand_id = %s AND p.external_id = %s"
)

# Reasons, as codes the platform maps to its own words (docs/kyc.md).
REASONS = {
    "verified": "the player's identity is verified",
    "not_held": "the brand does not hold this action for verification",
    "not_verified": "the player has not been verified",
    "documents_requested": "documents are requested and not yet all received",
    "under_review": "documents are received and under review",
    "rejected": "verification was refused",
    "verification_expired": "the verification expired",
}


@dataclass
class Clearance:
    allowed: bool
    reasons: list[str] = field(default_factory=list)
    case: str | None = None


@ttl_cache(30.0)
def _policy(brand_id: int, raw: str) -> policy.KycPolicy:
    import json

    return policy.parse(json.loads(raw))


def _brand_policy(brand: Brand) -> policy.KycPolicy:
    import json

    return _policy(brand.pk, json.dumps((brand.policies or {}).get("kyc"), sort_keys=True))


def _row(brand: Brand, external_id: str) -> tuple[int, str | None, str | None, date | None]:
    with connection.cursor() as cursor:
        cursor.execute(_SQL, [brand.pk, external_id])
        row = cursor.fetchone()
    if row is None:
        raise Http404("no such player")
    valid_until = row[3]
    if isinstance(valid_until, str):  # SQLite gives the date as text
        valid_until = date.fromisoformat(valid_until)
    return row[0], row[1], row[2], valid_until


def clearance_for(brand: Brand, external_id: str, action: str) -> Clearance:
    player_id, reference, status, valid_until = _row(brand, external_id)
    rules = _brand_policy(brand)
    if not rules.holds_action(action):
        return Clearance(True, ["not_held"], reference)
    today = clock.now().astimezone(business_schedule(brand).tz).date()
    if status == CaseStatus.APPROVED and valid_until is not None and valid_until >= today:
        return Clearance(True, ["verified"], reference)
    if status in (CaseStatus.SUBMITTED, CaseStatus.UNDER_REVIEW):
        return Clearance(False, ["under_review"], reference)
    if status == CaseStatus.REQUESTED:
        return Clearance(False, ["documents_requested"], reference)
    if status == CaseStatus.REJECTED:
        return Clearance(False, ["rejected"], reference)
    # No case, an expired one, or an approval past its photo ID's expiry: documents again.
    reasons = ["verification_expired"] if status else ["not_verified"]
    trigger = Trigger.FIRST_WITHDRAWAL if action == "withdrawal" else Trigger.BONUS_CLAIM
    # open_case reads the player again, locked.
    case = actions.open_case(
        player=Player(pk=player_id, brand=brand),
        trigger=trigger,
        actor=actions.Actor.platform(brand),
    )
    return Clearance(False, [*reasons, "documents_requested"], case.reference)
