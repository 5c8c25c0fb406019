"""Each automated check, with documents the tests generate. No database."""

from __future__ import annotations

from datetime import date

import pytest

from playerdesk.kyc import checks, files, policy
from playerdesk.kyc.checks import AccountFacts, DocumentFacts
from tests.kyc import documents

TODAY = date(2026, 11, 23)
POLICY = policy.parse({"documents": ["photo_id", "utility_bill"], "minimum_age": {"ON": 19}})
ACCOUNT = AccountFacts(
    name="Julie Tremblay",
    date_of_birth=date(1990, 5, 17),
    province="QC",
    address="123 Rue Principale",
    postal_code="H2X 1Y4",
)


def _photo(zone: str, **kw) -> DocumentFacts:
    base = {
        "kind": "photo_id",
        "id_type": "passport",
        "content_type": "image/jpeg",
        "declared_type": "image/jpeg",
        "width": 1400,
        "height": 900,
        "mrz": zone,
    }
    return DocumentFacts(**{**base, **kw})


def _run(doc: DocumentFacts, account: AccountFacts = ACCOUNT) -> dict[str, checks.Check]:
    return {c.code: c for c in checks.run(doc, account, POLICY, TODAY)}


def test_a_good_passport_passes_everything():
    result = _run(_photo(documents.passport_zone()))
    assert {k: c.outcome for k, c in result.items()} == dict.fromkeys(
        ["file_type", "resolution", "mrz", "check_digits", "expiry", "name", "birth_date", "age"],
        "pass",
    )
    assert result["mrz"].params["format"] == "TD3"
    assert result["age"].params == {"age": 36, "minimum": 18, "province": "QC"}


def test_wrong_check_digit_fails_naming_the_field():
    zone = documents.passport_zone()
    line1, line2 = zone.splitlines()
    digit = line2[9]
    broken = line2[:9] + str((int(digit) + 1) % 10) + line2[10:]
    result = _run(_photo(f"{line1}\n{broken}"))
    assert result["check_digits"].outcome == "fail"
    assert "document_number" in result["check_digits"].params["fields"]


def test_typed_zone_with_other_characters_fails_clearly():
    result = _run(_photo("P<CANTREMBLAY<<JULIE\nnot a zone at all"))
    assert result["mrz"].outcome == "fail"
    assert result["check_digits"].outcome == "not_possible"


def test_expired_document():
    result = _run(_photo(documents.passport_zone(expires=date(2026, 1, 31))))
    assert result["expiry"].outcome == "fail"
    assert result["expiry"].params["expiry"] == "2026-01-31"


def test_name_mismatch_and_accents_and_truncation():
    assert (
        _run(_photo(documents.passport_zone(surname="Roy", given="Marc")))["name"].outcome == "fail"
    )
    accented = AccountFacts(**{**ACCOUNT.__dict__, "name": "Julie Trémblay-Côté"})
    zone = documents.passport_zone(surname="Trémblay-Côté", given="Julie")
    assert _run(_photo(zone), accented)["name"].outcome == "pass"


def test_birth_date_mismatch():
    result = _run(_photo(documents.passport_zone(born=date(1991, 5, 17))))
    assert result["birth_date"].outcome == "fail"
    assert result["birth_date"].params == {"document": "1991-05-17", "account": "1990-05-17"}


@pytest.mark.parametrize(
    "province,born,outcome",
    [
        ("ON", date(2008, 1, 10), "fail"),  # 18 in Ontario: the minimum is 19
        ("QC", date(2008, 1, 10), "pass"),  # 18 in Quebec: the minimum is 18
        ("ON", date(2007, 11, 23), "pass"),  # 19 today
        ("ON", date(2007, 11, 24), "fail"),  # 19 tomorrow
        ("BC", date(2007, 12, 1), "fail"),
    ],
)
def test_minimum_age_per_province(province, born, outcome):
    account = AccountFacts(**{**ACCOUNT.__dict__, "province": province, "date_of_birth": born})
    result = _run(_photo(documents.passport_zone(born=born)), account)
    assert result["age"].outcome == outcome
    assert result["age"].params["minimum"] == (18 if province == "QC" else 19)


def test_configured_minimum_age_wins():
    strict = policy.parse({"minimum_age": {"QC": 21}})
    assert strict.age_for("QC") == 21 and strict.age_for("ab") == 18 and strict.age_for("") == 19


def test_drivers_licence_has_no_zone_but_age_still_checked():
    result = _run(_photo("", id_type="drivers_licence"))
    assert result["mrz"].reason == "no_mrz_on_licence"
    assert result["age"].outcome == "pass"


def test_zone_not_read_is_not_possible_not_a_failure():
    result = _run(_photo(""))
    assert result["mrz"].outcome == "not_possible" and result["mrz"].reason == "mrz_not_read"


def test_td1_id_card():
    from playerdesk.kyc import mrz

    zone = mrz.make_td1(
        issuing_state="CAN",
        document_number="ID9876543",
        birth_date=date(1990, 5, 17),
        sex="F",
        expiry_date=date(2030, 1, 1),
        nationality="CAN",
        surname="Tremblay",
        given_names="Julie",
    )
    result = _run(_photo(zone, id_type="id_card"))
    assert result["mrz"].params["format"] == "TD1"
    assert all(c.outcome == "pass" for c in result.values())


def test_declared_type_differs():
    result = _run(_photo(documents.passport_zone(), declared_type="application/pdf"))
    assert result["file_type"].outcome == "fail"


def test_low_resolution():
    result = _run(_photo(documents.passport_zone(), width=640, height=400))
    assert result["resolution"].outcome == "fail"


def _bill(text: str) -> DocumentFacts:
    return DocumentFacts(
        kind="proof_of_address",
        id_type="",
        content_type="application/pdf",
        declared_type="",
        width=None,
        height=None,
        text=text,
    )


def _pdf_text(data: bytes) -> str:
    return files.inspect(data, filename="bill.pdf").text


@pytest.mark.parametrize(
    "issued,outcome",
    [(date(2026, 10, 2), "pass"), (date(2026, 8, 25), "pass"), (date(2026, 8, 24), "fail")],
)
def test_proof_of_address_issue_date_window_from_a_real_pdf(issued, outcome):
    result = _run(_bill(_pdf_text(documents.utility_bill(issued))))
    assert result["issue_date"].outcome == outcome
    assert result["issue_date"].params["issued"] == issued.isoformat()


@pytest.mark.parametrize(
    "line",
    [
        "Date : 2 octobre 2026",
        "Statement date: October 2, 2026",
        "Émis le 02/10/2026",
        "Date de facturation 1er octobre 2026",
    ],
)
def test_dates_written_in_english_and_french(line):
    found = checks.dates_in(line)
    assert found and found[-1].month == 10 and found[-1].year == 2026


def test_future_dates_are_not_the_issue_date():
    text = _pdf_text(
        documents.pdf(["Bill date 2026-11-01", "Due by 2026-12-15", ACCOUNT.address, "H2X1Y4"])
    )
    assert _run(_bill(text))["issue_date"].params["issued"] == "2026-11-01"


def test_address_matches_partially_or_not():
    good = _pdf_text(documents.utility_bill(date(2026, 11, 1)))
    assert _run(_bill(good))["address"].outcome == "pass"
    moved = _pdf_text(documents.utility_bill(date(2026, 11, 1), address="9 Avenue du Parc"))
    assert _run(_bill(moved))["address"].reason == "address_partial"
    elsewhere = _pdf_text(
        documents.utility_bill(date(2026, 11, 1), address="9 Avenue du Parc", postal="M5V 2T6")
    )
    assert _run(_bill(elsewhere))["address"].outcome == "fail"


def test_scanned_bill_without_text_is_not_possible():
    result = _run(_bill(""))
    assert (
        result["issue_date"].outcome == "not_possible"
        and result["address"].outcome == "not_possible"
    )


def test_demo_brands_policies_parse():
    from playerdesk.demo.brands import BRANDS

    parsed = {b["slug"]: policy.parse(b["policies"]["kyc"]) for b in BRANDS}
    assert parsed["katsubet"].documents == ("photo_id", "proof_of_address", "proof_of_payment")
    assert parsed["ojo"].documents == ("photo_id", "proof_of_address")
    assert parsed["7bit"].documents_for("first_withdrawal") == ("photo_id", "proof_of_address")
    assert "proof_of_payment" in parsed["7bit"].documents_for("payment_method_change")
    assert parsed["7bit"].holds == frozenset({"withdrawal"})
    assert parsed["playamo"].holds == frozenset({"withdrawal", "bonus"})


@pytest.mark.parametrize(
    "raw",
    [
        {"documents": ["selfie"]},
        {"holds": ["deposit"]},
        {"review_business_hours": [72, 48]},
        {"minimum_age": {"ON": 5}},
        {"address_max_age_days": 0},
    ],
)
def test_unusable_policies_are_refused(raw):
    with pytest.raises(policy.PolicyError):
        policy.parse(raw)
