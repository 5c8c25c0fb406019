"""A brand's identity-verification policy, read from ``Brand.policies["kyc"]``. Pure.

The seeds name the documents in each brand's own words ("utility bill", "payment screenshot",
"proof of age"); the desk knows three kinds of document and maps the words onto them:

    photo_id          a government photo ID (passport, ID card, driver's licence); also proves age
    proof_of_address  a utility bill, bank or government statement naming the player's address
    proof_of_payment  a screenshot or statement showing the payment method is the player's

Keys of ``policies["kyc"]`` (all optional):

    documents               the brand's words, e.g. ["photo_id", "utility_bill"]
    proof_of_payment        "sometimes": asked only when the payment method changes or by hand
    holds                   actions held until the player is verified: "withdrawal", "bonus"
    review_business_hours   [target, limit] of the review in business hours, default [48, 72]
    address_max_age_days    how recent a proof of address must be, default 90
    minimum_age             {"ON": 19, ...} over the defaults below
    request_days            days the player has to send documents before the case expires
    retention_days          days documents are kept after the case or the account closes
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PHOTO_ID = "photo_id"
PROOF_OF_ADDRESS = "proof_of_address"
PROOF_OF_PAYMENT = "proof_of_payment"
KINDS = (PHOTO_ID, PROOF_OF_ADDRESS, PROOF_OF_PAYMENT)

ALIASES = {
    "photo_id": PHOTO_ID,
    "proof_of_age": PHOTO_ID,
    "proof_of_address": PROOF_OF_ADDRESS,
    "utility_bill": PROOF_OF_ADDRESS,
    "proof_of_payment": PROOF_OF_PAYMENT,
    "payment_screenshot": PROOF_OF_PAYMENT,
}

# The legal gambling age: 19 in most provinces and territories, 18 in Alberta, Manitoba and
# Quebec. A brand's policy may raise or set any of them.
DEFAULT_MINIMUM_AGE = 19
PROVINCE_MINIMUM_AGE = {"AB": 18, "MB": 18, "QC": 18}

# Actions the clearance API answers for.
ACTIONS = ("withdrawal", "bonus")
# Triggers that ask for a document the brand requests only "sometimes".
OPTIONAL_TRIGGERS = frozenset({"payment_method_change", "manual"})


class PolicyError(ValueError):
    """The brand's policy cannot be used; the message says why."""


@dataclass(frozen=True)
class KycPolicy:
    documents: tuple[str, ...] = (PHOTO_ID, PROOF_OF_ADDRESS)
    optional: frozenset[str] = frozenset()
    holds: frozenset[str] = frozenset({"withdrawal"})
    review_hours: tuple[int, int] = (48, 72)
    address_max_age_days: int = 90
    minimum_age: dict[str, int] = field(default_factory=dict)
    request_days: int = 30
    retention_days: int = 5 * 365

    def documents_for(self, trigger: str) -> tuple[str, ...]:
        """The kinds asked for when a case opens for this trigger."""
        kinds = [
            k for k in self.documents if k not in self.optional or trigger in OPTIONAL_TRIGGERS
        ]
        if trigger == "payment_method_change" and PROOF_OF_PAYMENT not in kinds:
            kinds.append(PROOF_OF_PAYMENT)
        return tuple(kinds)

    def age_for(self, province: str) -> int:
        province = (province or "").upper()
        if province in self.minimum_age:
            return self.minimum_age[province]
        return PROVINCE_MINIMUM_AGE.get(province, DEFAULT_MINIMUM_AGE)

    def holds_action(self, action: str) -> bool:
        return action in self.holds


def _positive(raw: Any, name: str, default: int) -> int:
    if raw is None:
        return default
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        raise PolicyError(f"{name} must be a positive whole number, not {raw!r}")
    return raw


def parse(raw: dict[str, Any] | None) -> KycPolicy:
    """The policy from a brand's ``policies["kyc"]``; raises PolicyError on a value it can't use."""
    raw = raw or {}
    if not isinstance(raw, dict):
        raise PolicyError("the kyc policy must be an object")
    documents: list[str] = []
    for word in raw.get("documents") or [PHOTO_ID, PROOF_OF_ADDRESS]:
        kind = ALIASES.get(str(word))
        if kind is None:
            raise PolicyError(f"unknown document {word!r}; known: {', '.join(sorted(ALIASES))}")
        if kind not in documents:
            documents.append(kind)
    optional = frozenset({PROOF_OF_PAYMENT}) if raw.get("proof_of_payment") == "sometimes" else ()
    holds = raw.get("holds", ["withdrawal"])
    unknown = [h for h in holds if h not in ACTIONS]
    if unknown:
        raise PolicyError(f"unknown hold {unknown[0]!r}; known: {', '.join(ACTIONS)}")
    hours = raw.get("review_business_hours", [48, 72])
    if (
        not isinstance(hours, list | tuple)
        or len(hours) != 2
        or not all(isinstance(h, int) and h > 0 for h in hours)
        or hours[0] > hours[1]
    ):
        raise PolicyError("review_business_hours must be [target, limit] in hours, target first")
    ages = raw.get("minimum_age") or {}
    if not isinstance(ages, dict) or not all(
        isinstance(v, int) and 16 <= v <= 25 for v in ages.values()
    ):
        raise PolicyError('minimum_age must map provinces to ages, e.g. {"ON": 19}')
    return KycPolicy(
        documents=tuple(documents),
        optional=frozenset(optional),
        holds=frozenset(holds),
        review_hours=(hours[0], hours[1]),
        address_max_age_days=_positive(raw.get("address_max_age_days"), "address_max_age_days", 90),
        minimum_age={str(k).upper(): v for k, v in ages.items()},
        request_days=_positive(raw.get("request_days"), "request_days", 30),
        retention_days=_positive(raw.get("retention_days"), "retention_days", 5 * 365),
    )
