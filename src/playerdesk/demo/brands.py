"""The four brands of the source documents, their channels and policies, as data.

Each value below comes from the brands' support pages (see docs/brands.md for the sources and
for the choices made where a page gives a range or two pages differ). Where a target is given
in business time, business hours are Monday to Friday 09:00-17:00 America/Toronto and Ontario's
public holidays are closed.
"""

from __future__ import annotations

from typing import Any

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
ALL_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

BUSINESS_HOURS: dict[str, Any] = {
    "weekly": {d: [["09:00", "17:00"]] for d in WEEKDAYS},
    "holidays": "closed",
}
ALWAYS: dict[str, Any] = {"always": True}


def minutes(n: int, *, business: bool = False) -> dict[str, Any]:
    return {"minutes": n, "business": business}


HOUR = 60
BUSINESS_DAY = 8 * HOUR  # one business day of 09:00-17:00

TEAMS: list[dict[str, str]] = [
    {"slug": "frontline", "name": "Frontline", "name_fr": "Première ligne"},
    {"slug": "payments", "name": "Payments", "name_fr": "Paiements"},
    {"slug": "security", "name": "Security", "name_fr": "Sécurité"},
    {"slug": "verification", "name": "Verification", "name_fr": "Vérification"},
    {"slug": "technical", "name": "Technical", "name_fr": "Technique"},
    {"slug": "promotions", "name": "Promotions", "name_fr": "Promotions"},
    {"slug": "responsible_gambling", "name": "Responsible gambling", "name_fr": "Jeu responsable"},
]

BRANDS: list[dict[str, Any]] = [
    {
        "slug": "ojo",
        "name": "Ojo",
        "ticket_prefix": "OJO",
        "primary_language": "en",
        "languages": ["en", "fr"],
        "support_email": "support@ojo.example.com",
        "formal_email": "admin@ojo.example.com",
        "policies": {
            "priority": {
                "order": "arrival",
                "first": ["security", "account_access"],
                "note": "Critical categories first; access and security above "
                "information requests.",
            },
            "kyc": {
                "documents": ["photo_id", "proof_of_age", "proof_of_address"],
                "checks": ["identity", "age", "location"],
                "licence": "Ontario",
                "holds": ["withdrawal"],
            },
            "incidents": {
                "technical": ["game", "error_message", "occurred_at"],
                "transaction": ["transaction_id", "account"],
                "owners": ["technical", "payments"],
            },
            "language_note": "English page: English primary, French in core hours. French "
            "page: French primary, English available.",
        },
        "channels": {
            "chat": {
                "entry_points": ["member_area", "site", "app"],
                # A published schedule with evenings and weekends, adjusted on holidays.
                "opening_hours": {
                    "weekly": {
                        **{d: [["09:00", "23:00"]] for d in WEEKDAYS},
                        "sat": [["10:00", "22:00"]],
                        "sun": [["10:00", "22:00"]],
                    },
                    "holidays": "adjusted",
                    "holiday_hours": [["10:00", "18:00"]],
                },
                "languages": {"en": "always", "fr": "core_hours"},
                "targets": {"first_response": minutes(2), "next_response": minutes(3)},
            },
            "email": {
                "opening_hours": ALWAYS,
                "languages": {"en": "always", "fr": "always"},
                "targets": {
                    "acknowledgment": minutes(0),
                    "first_response": minutes(4 * HOUR),
                    "resolution": minutes(2 * BUSINESS_DAY, business=True),
                },
            },
            "form": {
                "opening_hours": ALWAYS,
                "languages": {"en": "always", "fr": "always"},
                "targets": {
                    "acknowledgment": minutes(0),
                    "first_response": minutes(4 * HOUR),
                    "resolution": minutes(2 * BUSINESS_DAY, business=True),
                },
            },
        },
    },
    {
        "slug": "playamo",
        "name": "Playamo",
        "ticket_prefix": "PLY",
        "primary_language": "en",
        "languages": ["en", "fr"],
        "support_email": "support@playamo.example.com",
        "policies": {
            "priority": {
                "order": "arrival",
                "first": ["security", "payments"],
                "note": "Account security and critical transaction errors first.",
            },
            "kyc": {
                "documents": ["photo_id", "proof_of_address", "proof_of_payment"],
                "holds": ["withdrawal", "bonus"],
            },
            "incidents": {
                "required": ["username", "description", "occurred_at", "transaction_id"],
                "severity": True,
                "status_monitor": True,
                "announce_widespread": True,
            },
        },
        "channels": {
            "chat": {
                "entry_points": ["login_area", "site"],
                "opening_hours": ALWAYS,
                "languages": {"en": "always"},
                "targets": {"first_response": minutes(5), "next_response": minutes(5)},
            },
            "email": {
                # Received continuously, processed in business hours.
                "opening_hours": ALWAYS,
                "languages": {"en": "always", "fr": "on_request"},
                # Acknowledged within 24 hours; the substantive answer depends on the case.
                "targets": {"acknowledgment": minutes(24 * HOUR)},
            },
        },
    },
    {
        "slug": "katsubet",
        "name": "Katsubet",
        "ticket_prefix": "KAT",
        "primary_language": "en",
        "languages": ["en", "fr"],
        "support_email": "support@katsubet.example.com",
        "policies": {
            "priority": {
                "order": "arrival",
                "note": "First in, first reviewed; adjusted by nature and urgency.",
            },
            "kyc": {
                "documents": ["photo_id", "utility_bill", "payment_screenshot"],
                "holds": ["withdrawal", "bonus"],
            },
            "incidents": {
                "technical": ["device", "os", "browser", "error_message"],
                "transaction": ["transaction_id", "date", "time", "amount", "payment_method"],
            },
        },
        "channels": {
            "chat": {
                "entry_points": ["site"],
                "opening_hours": ALWAYS,
                "languages": {"en": "always", "fr": "always"},
                "targets": {"first_response": minutes(5), "next_response": minutes(5)},
            },
            "email": {
                "opening_hours": ALWAYS,
                "languages": {"en": "always", "fr": "always"},
                "targets": {"first_response": minutes(24 * HOUR)},
            },
        },
    },
    {
        "slug": "7bit",
        "name": "7Bit",
        "ticket_prefix": "BIT",
        "primary_language": "en",
        "languages": ["en", "fr"],
        "support_email": "support@7bit.example.com",
        "policies": {
            "priority": {
                "order": "type_and_age",
                "ageing": True,
                "note": "By type of request and by age.",
            },
            "kyc": {
                "documents": ["photo_id", "proof_of_address", "proof_of_payment"],
                "proof_of_payment": "sometimes",
                "review_business_hours": [48, 72],
                "holds": ["withdrawal"],
            },
            "incidents": {
                "technical": ["game", "occurred_at", "error_message", "screenshot"],
                "priority_by_impact": True,
            },
        },
        "channels": {
            "chat": {
                "entry_points": ["site", "app"],
                # Defined slots covering the Eastern peak hours; the evening slot runs past
                # midnight.
                "opening_hours": {
                    "weekly": {d: [["11:00", "15:00"], ["18:00", "02:00"]] for d in ALL_DAYS},
                    "holidays": "closed",
                },
                "languages": {"en": "always"},
                "targets": {"first_response": minutes(1), "next_response": minutes(2)},
            },
            "email": {
                "opening_hours": ALWAYS,
                "languages": {"en": "always", "fr": "always"},
                "targets": {
                    "acknowledgment": minutes(0),
                    "first_response": minutes(24 * HOUR, business=True),
                },
            },
            "form": {
                "opening_hours": ALWAYS,
                "languages": {"en": "always"},
                "targets": {
                    "acknowledgment": minutes(0),
                    "first_response": minutes(24 * HOUR, business=True),
                },
            },
            "member_area": {
                "opening_hours": ALWAYS,
                "languages": {"en": "always"},
                "targets": {
                    "acknowledgment": minutes(0),
                    "first_response": minutes(24 * HOUR, business=True),
                },
            },
        },
    },
]

# Every brand's platform may open tickets through the API.
API_CHANNEL: dict[str, Any] = {
    "opening_hours": ALWAYS,
    "languages": {"en": "always", "fr": "always"},
    "targets": {"acknowledgment": minutes(0)},
}

AGENTS: list[dict[str, Any]] = [
    {
        "username": "alice",
        "available": True,
        "display_name": "Alice Tremblay",
        "role": "agent",
        "languages": ["en", "fr"],
        "teams": ["frontline"],
    },
    {
        "username": "bob",
        "available": True,
        "display_name": "Bob Singh",
        "role": "agent",
        "languages": ["en"],
        "teams": ["payments", "technical"],
    },
    {
        "username": "sam",
        "display_name": "Sam Gagnon",
        "role": "supervisor",
        "languages": ["en", "fr"],
        "teams": ["frontline", "payments", "security", "technical", "promotions"],
    },
    {
        "username": "vera",
        "available": True,
        "display_name": "Véronique Roy",
        "role": "verification_officer",
        "languages": ["fr", "en"],
        "teams": ["verification", "security"],
    },
    {
        "username": "carla",
        "display_name": "Carla Lopez",
        "role": "compliance",
        "languages": ["en"],
        "teams": [],
    },
    {
        "username": "rita",
        "available": True,
        "display_name": "Rita Chen",
        "role": "agent",
        "languages": ["en", "fr"],
        "teams": ["responsible_gambling"],
    },
    {
        "username": "admin",
        "display_name": "Administrator",
        "role": "administrator",
        "languages": ["en", "fr"],
        "teams": [],
    },
]
DEMO_PASSWORD = "playerdesk-demo"
# The demo's agents already hold many of its tickets; room for more with "Next ticket".
DEMO_CAPACITY = 40


# Canned answers for the chat panel, for every brand ({name}: the player's name).
CANNED_ANSWERS = [
    ("en", "Greeting", "Hello {name}, thank you for waiting. How can I help you today?"),
    ("fr", "Accueil", "Bonjour {name}, merci de votre patience. Comment puis-je vous aider?"),
    (
        "en",
        "Withdrawal times",
        "Withdrawals are reviewed within 24 hours; once approved, the time to reach you "
        "depends on the payment method. Your account must be verified before a first "
        "withdrawal.",
    ),
    (
        "fr",
        "Délais de retrait",
        "Les retraits sont examinés en moins de 24 heures; une fois approuvés, le délai "
        "dépend du mode de paiement. Votre compte doit être vérifié avant un premier retrait.",
    ),
    (
        "en",
        "Documents for verification",
        "To verify your account, please upload a valid photo ID and a proof of address from "
        "the last three months in your member area, under Verification.",
    ),
    (
        "fr",
        "Documents de vérification",
        "Pour vérifier votre compte, téléversez une pièce d'identité avec photo valide et une "
        "preuve d'adresse de moins de trois mois dans votre espace membre, section "
        "Vérification.",
    ),
    (
        "en",
        "Limits and breaks",
        "You can set deposit, loss and session limits, or take a break, at any time in your "
        "member area under Responsible gaming. I can also put you in touch with our "
        "responsible gambling team.",
    ),
    (
        "fr",
        "Limites et pauses",
        "Vous pouvez fixer des limites de dépôt, de perte et de session, ou prendre une pause, "
        "en tout temps dans votre espace membre, section Jeu responsable. Je peux aussi vous "
        "mettre en contact avec notre équipe du jeu responsable.",
    ),
]
