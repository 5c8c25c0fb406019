"""The zone read by Tesseract (Debian's tesseract-ocr, installed by ./dev test) from a photo."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from playerdesk.demo import documents as specimens
from playerdesk.kyc import files, ocr
from tests.kyc import documents
from tests.kyc.conftest import upload

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed"
)


@pytest.fixture(autouse=True)
def _ocr_on(settings):
    settings.PLAYERDESK_KYC_OCR = True


def _passport() -> tuple[bytes, str]:
    return specimens.passport(
        surname="Tremblay",
        given="Julie",
        born=date(1990, 5, 17),
        expires=date.today() + timedelta(days=1000),
        number="AB1234567",
    )


def test_the_zone_of_a_passport_photo_is_read():
    photo, zone = _passport()
    assert ocr.read_mrz(files.preview(photo, "jpeg")) == zone


def test_a_photo_without_a_zone_reads_nothing():
    assert ocr.read_mrz(files.preview(documents.payment_screenshot(), "png")) == ""


@pytest.mark.django_db
def test_an_uploaded_passport_is_checked_without_typing(case):
    photo, zone = _passport()
    document = upload(case, "photo_id", photo, "passport.jpg", id_type="passport")
    assert document.mrz == zone and document.mrz_source == "ocr"
    outcomes = {c["code"]: c["outcome"] for c in document.checks}
    assert outcomes["check_digits"] == "pass" and outcomes["name"] == "pass"
    assert outcomes["birth_date"] == "pass" and outcomes["expiry"] == "pass"


@pytest.mark.django_db
def test_reading_can_be_turned_off(case, settings):
    settings.PLAYERDESK_KYC_OCR = False
    photo, _zone = _passport()
    document = upload(case, "photo_id", photo, "passport.jpg", id_type="passport")
    assert document.mrz == ""
