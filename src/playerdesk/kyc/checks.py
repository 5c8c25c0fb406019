"""The automated checks shown beside each document under review. Pure: no queries.

Each check gives ``pass``, ``fail`` or ``not_possible`` with a reason code and its parameters;
``display.py`` turns them into sentences in the officer's language. The checks filter, they do
not prove: a document whose check digits add up can still be forged, and the page says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from playerdesk.kyc import mrz as mrz_module
from playerdesk.kyc.policy import PHOTO_ID, PROOF_OF_ADDRESS, KycPolicy

PASS = "pass"
FAIL = "fail"
NOT_POSSIBLE = "not_possible"

# An image smaller than this on its short side is rarely readable by eye.
MIN_SHORT_SIDE = 600
MIN_LONG_SIDE = 900


@dataclass(frozen=True)
class Check:
    code: str
    outcome: str
    reason: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DocumentFacts:
    """What the checks read of a document: from the file, the officer or the reading of it."""

    kind: str
    id_type: str
    content_type: str
    declared_type: str
    width: int | None
    height: int | None
    mrz: str = ""
    text: str = ""


@dataclass(frozen=True)
class AccountFacts:
    """What the account says of the player."""

    name: str
    date_of_birth: date | None
    province: str
    address: str
    postal_code: str


def _letters(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    return [w for w in re.split(r"[^A-Z]+", plain) if w]


def _compact(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    return re.sub(r"[^A-Z0-9]", "", plain)


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def file_type(doc: DocumentFacts) -> Check:
    declared = (doc.declared_type or "").lower()
    aliases = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg"}
    declared = aliases.get(declared, declared)
    if not declared:
        return Check("file_type", PASS, "no_declared_type", {"detected": doc.content_type})
    if declared == doc.content_type:
        return Check("file_type", PASS, "type_matches", {"detected": doc.content_type})
    return Check(
        "file_type",
        FAIL,
        "type_differs",
        {"declared": declared, "detected": doc.content_type},
    )


def resolution(doc: DocumentFacts) -> Check:
    if doc.width is None or doc.height is None:
        return Check("resolution", NOT_POSSIBLE, "not_an_image")
    short, long = sorted((doc.width, doc.height))
    params = {"width": doc.width, "height": doc.height}
    if short >= MIN_SHORT_SIDE and long >= MIN_LONG_SIDE:
        return Check("resolution", PASS, "resolution_ok", params)
    return Check(
        "resolution",
        FAIL,
        "resolution_low",
        {**params, "min_short": MIN_SHORT_SIDE, "min_long": MIN_LONG_SIDE},
    )


def _name_matches(zone: mrz_module.Mrz, account_name: str) -> bool:
    account = set(_letters(account_name))
    surname = _letters(zone.surname)
    given = _letters(zone.given_names)

    # MRZ names are cut to fit: a word of the account that begins like a truncated one counts.
    def found(word: str) -> bool:
        return any(a == word or (len(word) >= 3 and a.startswith(word)) for a in account)

    return bool(surname) and all(found(w) for w in surname) and any(found(w) for w in given)


def photo_id_checks(
    doc: DocumentFacts, account: AccountFacts, policy: KycPolicy, today: date
) -> list[Check]:
    if doc.id_type == "drivers_licence":
        zone_missing = Check("mrz", NOT_POSSIBLE, "no_mrz_on_licence")
        return [zone_missing, *_without_zone(account, policy, today)]
    if not doc.mrz.strip():
        return [Check("mrz", NOT_POSSIBLE, "mrz_not_read"), *_without_zone(account, policy, today)]
    try:
        zone = mrz_module.parse(doc.mrz, today=today)
    except mrz_module.MrzError as exc:
        return [
            Check("mrz", FAIL, f"mrz_{exc.code}", {"error": str(exc)}),
            *_without_zone(account, policy, today),
        ]
    checks = [Check("mrz", PASS, "mrz_read", {"format": zone.format})]
    if zone.valid:
        checks.append(Check("check_digits", PASS, "digits_ok"))
    else:
        checks.append(
            Check("check_digits", FAIL, "digits_wrong", {"fields": ", ".join(zone.failed_checks)})
        )
    if zone.expiry_date is None:
        checks.append(Check("expiry", FAIL, "expiry_unreadable"))
    elif zone.expiry_date < today:
        checks.append(Check("expiry", FAIL, "expired", {"expiry": zone.expiry_date.isoformat()}))
    else:
        checks.append(
            Check("expiry", PASS, "valid_until", {"expiry": zone.expiry_date.isoformat()})
        )
    if not account.name.strip():
        checks.append(Check("name", NOT_POSSIBLE, "no_account_name"))
    elif _name_matches(zone, account.name):
        checks.append(Check("name", PASS, "name_matches", {"document": _zone_name(zone)}))
    else:
        checks.append(
            Check(
                "name",
                FAIL,
                "name_differs",
                {"document": _zone_name(zone), "account": account.name},
            )
        )
    born = zone.birth_date
    if born is None:
        checks.append(Check("birth_date", FAIL, "birth_unreadable"))
    elif account.date_of_birth is None:
        checks.append(
            Check("birth_date", NOT_POSSIBLE, "no_account_birth", {"document": born.isoformat()})
        )
    elif born == account.date_of_birth:
        checks.append(Check("birth_date", PASS, "birth_matches", {"document": born.isoformat()}))
    else:
        checks.append(
            Check(
                "birth_date",
                FAIL,
                "birth_differs",
                {"document": born.isoformat(), "account": account.date_of_birth.isoformat()},
            )
        )
    checks.append(_age(born or account.date_of_birth, account, policy, today))
    return checks


def _zone_name(zone: mrz_module.Mrz) -> str:
    return f"{zone.given_names} {zone.surname}".strip()


def _without_zone(account: AccountFacts, policy: KycPolicy, today: date) -> list[Check]:
    """The checks that need the zone cannot run; the age can still come from the account."""
    return [
        Check("check_digits", NOT_POSSIBLE, "no_zone"),
        Check("expiry", NOT_POSSIBLE, "no_zone"),
        Check("name", NOT_POSSIBLE, "no_zone"),
        _age(account.date_of_birth, account, policy, today),
    ]


def _age(born: date | None, account: AccountFacts, policy: KycPolicy, today: date) -> Check:
    minimum = policy.age_for(account.province)
    province = account.province or "?"
    if born is None:
        return Check("age", NOT_POSSIBLE, "no_birth_date", {"minimum": minimum})
    age = age_on(born, today)
    params = {"age": age, "minimum": minimum, "province": province}
    return Check(
        "age", PASS if age >= minimum else FAIL, "age_ok" if age >= minimum else "underage", params
    )


_MONTHS = {
    # English and French month names, with and without accents, and common abbreviations.
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "janvier",
                "fevrier",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "aout",
                "septembre",
                "octobre",
                "novembre",
                "decembre",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
        )
    },
    "sept": 9,
    "janv": 1,
    "fevr": 2,
    "avr": 4,
    "juil": 7,
    "déc": 12,
}
_ISO = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
_WORDS_DMY = re.compile(r"\b(\d{1,2})(?:er)?\s+([a-z]{3,9})\.?\s+(\d{4})\b")
_WORDS_MDY = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str) -> list[date]:
    """Every calendar date written in the text: 2026-10-02, 02/10/2026 (day first, as in
    Canada's French and most bills), October 2, 2026, 2 octobre 2026."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    found: list[date | None] = []
    found += [_date(int(y), int(m), int(d)) for y, m, d in _ISO.findall(plain)]
    found += [_date(int(y), int(m), int(d)) for d, m, y in _DMY.findall(plain)]
    found += [
        _date(int(y), _MONTHS[m], int(d)) for d, m, y in _WORDS_DMY.findall(plain) if m in _MONTHS
    ]
    found += [
        _date(int(y), _MONTHS[m], int(d)) for m, d, y in _WORDS_MDY.findall(plain) if m in _MONTHS
    ]
    return sorted({d for d in found if d is not None})


def address_checks(
    doc: DocumentFacts, account: AccountFacts, policy: KycPolicy, today: date
) -> list[Check]:
    if not doc.text.strip():
        return [
            Check("issue_date", NOT_POSSIBLE, "no_text"),
            Check("address", NOT_POSSIBLE, "no_text"),
        ]
    dates = [d for d in dates_in(doc.text) if d <= today]
    window = policy.address_max_age_days
    if not dates:
        issue = Check("issue_date", NOT_POSSIBLE, "no_date_found", {"days": window})
    else:
        issued = dates[-1]
        age = (today - issued).days
        params = {"issued": issued.isoformat(), "days": window, "age": age}
        issue = Check(
            "issue_date",
            PASS if age <= window else FAIL,
            "recent" if age <= window else "too_old",
            params,
        )
    return [issue, _address(doc.text, account)]


def _address(text: str, account: AccountFacts) -> Check:
    if not (account.postal_code or account.address):
        return Check("address", NOT_POSSIBLE, "no_account_address")
    haystack = _compact(text)
    postal = _compact(account.postal_code)
    street = _compact(account.address)
    postal_ok = bool(postal) and postal in haystack
    street_ok = bool(street) and street in haystack
    shown = ", ".join(p for p in (account.address, account.postal_code) if p)
    if postal_ok and (street_ok or not street):
        return Check("address", PASS, "address_matches", {"account": shown})
    if postal_ok or street_ok:
        return Check("address", FAIL, "address_partial", {"account": shown})
    return Check("address", FAIL, "address_differs", {"account": shown})


def run(doc: DocumentFacts, account: AccountFacts, policy: KycPolicy, today: date) -> list[Check]:
    """Every check that applies to this document, in the order the page shows them."""
    checks = [file_type(doc), resolution(doc)]
    if doc.kind == PHOTO_ID:
        checks += photo_id_checks(doc, account, policy, today)
    elif doc.kind == PROOF_OF_ADDRESS:
        checks += address_checks(doc, account, policy, today)
    return checks
