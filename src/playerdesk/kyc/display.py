"""Sentences for the officer: the automated checks' names and reasons, in the active language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

CHECK_NAMES = {
    "file_type": _("File type"),
    "resolution": _("Image resolution"),
    "mrz": _("Machine-readable zone"),
    "check_digits": _("Check digits"),
    "expiry": _("Document expiry"),
    "name": _("Name against the account"),
    "birth_date": _("Date of birth against the account"),
    "age": _("Minimum age"),
    "issue_date": _("Date of issue"),
    "address": _("Address against the account"),
}

REASONS = {
    "no_declared_type": _("Detected %(detected)s; the upload declared no type."),
    "type_matches": _("Detected %(detected)s, as declared."),
    "type_differs": _("Declared %(declared)s but the content is %(detected)s."),
    "not_an_image": _("A PDF: judge its quality by eye."),
    "resolution_ok": _("%(width)s x %(height)s pixels."),
    "resolution_low": _(
        "%(width)s x %(height)s pixels, below %(min_short)s x %(min_long)s: likely hard to read."
    ),
    "no_mrz_on_licence": _("Driver's licences have no machine-readable zone: check by eye."),
    "mrz_not_read": _("Not read automatically. Type the zone's lines below to run the checks."),
    "mrz_empty": _("The zone is empty."),
    "mrz_shape": _("Not a machine-readable zone: %(error)s"),
    "mrz_characters": _("Characters that cannot be in a zone: %(error)s"),
    "mrz_read": _("Read as %(format)s."),
    "digits_ok": _("Every check digit is right."),
    "digits_wrong": _("Wrong check digits: %(fields)s. Typing error, or an altered document."),
    "no_zone": _("Needs the machine-readable zone."),
    "expiry_unreadable": _("The expiry date is not a date."),
    "expired": _("Expired on %(expiry)s."),
    "valid_until": _("Valid until %(expiry)s."),
    "no_account_name": _("The account has no name to compare."),
    "name_matches": _("%(document)s matches the account."),
    "name_differs": _("The document says %(document)s; the account says %(account)s."),
    "birth_unreadable": _("The date of birth is not a date."),
    "no_account_birth": _("The document says %(document)s; the account has no date of birth."),
    "birth_matches": _("%(document)s, as on the account."),
    "birth_differs": _("The document says %(document)s; the account says %(account)s."),
    "no_birth_date": _("No date of birth to compute the age (minimum %(minimum)s)."),
    "age_ok": _("%(age)s years old; the minimum in %(province)s is %(minimum)s."),
    "underage": _("%(age)s years old, under the minimum of %(minimum)s in %(province)s."),
    "no_text": _("No text could be read from this file: check by eye."),
    "no_date_found": _("No date found in the text: check it is under %(days)s days old."),
    "recent": _("Issued %(issued)s, %(age)s days ago (at most %(days)s)."),
    "too_old": _("Issued %(issued)s, %(age)s days ago: more than %(days)s."),
    "no_account_address": _("The account has no address to compare."),
    "address_matches": _("Found the account's address (%(account)s)."),
    "address_partial": _("Only part of the account's address (%(account)s) was found."),
    "address_differs": _("The account's address (%(account)s) was not found."),
}

OUTCOMES = {"pass": _("Pass"), "fail": _("Fail"), "not_possible": _("Not possible")}


def describe(check: dict[str, Any]) -> dict[str, str]:
    """A stored check as the page shows it: name, outcome and why, in the active language."""
    reason = REASONS.get(check.get("reason", ""))
    params = check.get("params") or {}
    try:
        why = str(reason) % params if reason else check.get("reason", "")
    except (KeyError, TypeError, ValueError):
        why = str(reason)
    return {
        "code": check.get("code", ""),
        "name": str(CHECK_NAMES.get(check.get("code", ""), check.get("code", ""))),
        "outcome": check.get("outcome", ""),
        "outcome_label": str(OUTCOMES.get(check.get("outcome", ""), "")),
        "why": why,
    }
