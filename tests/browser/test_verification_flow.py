"""Identity verification end to end in Chromium: the player uploads from the member area, the
officer sees the checks and asks for a new photo with an instruction, the player sends it again
into the same case, the officer approves, and the platform's clearance call answers allowed."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import date, timedelta

import pytest

from playerdesk.demo import documents
from tests.browser.test_console_flow import sign_in

pytestmark = pytest.mark.browser


def _member_link(demo_output: str) -> str:
    return re.search(r"(/p/7bit/enter/\?token=\S+)", demo_output).group(1)


def _api_key(demo_output: str, slug: str) -> str:
    return re.search(rf"^\s+{slug}\s+(pdk_\S+)$", demo_output, re.M).group(1)


def _clearance(desk: str, key: str, player: str) -> dict:
    request = urllib.request.Request(
        f"{desk}/api/v1/players/{player}/clearance?action=withdrawal",
        headers={"Authorization": f"Bearer {key}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_player_uploads_officer_rejects_player_resubmits_officer_approves(
    browser, desk, demo_output, screenshots, tmp_path
):
    key = _api_key(demo_output, "7bit")
    before = _clearance(desk, key, "bit-kyc-2002")
    assert before["allowed"] is False and before["reasons"] == ["documents_requested"]
    reference = before["case"]

    photo, zone = documents.passport(
        surname="Roy",
        given="Marc",
        born=date(1986, 2, 3),
        expires=date.today() + timedelta(days=1500),
        number="ZX5550123",
        sex="M",
    )
    (tmp_path / "passport.jpg").write_bytes(photo)
    (tmp_path / "bill.pdf").write_bytes(
        documents.utility_bill(
            name="Marc Roy",
            address="45 King Street West",
            city="Toronto",
            postal_code="M5H 1J8",
            issued=date.today() - timedelta(days=12),
        )
    )

    # The player, from the member area, in French (their language).
    player = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    player.goto(desk + _member_link(demo_output))
    player.wait_for_url(re.compile(r".*/p/7bit/verification/$"))
    assert player.locator("html").get_attribute("lang") == "fr"
    assert reference in player.get_by_test_id("case").inner_text()
    player.get_by_test_id("id-type").select_option("passport")
    player.get_by_test_id("file-photo_id").set_input_files(str(tmp_path / "passport.jpg"))
    player.get_by_test_id("send-photo_id").click()
    player.get_by_test_id("sent").wait_for()
    player.get_by_test_id("file-proof_of_address").set_input_files(str(tmp_path / "bill.pdf"))
    player.get_by_test_id("send-proof_of_address").click()
    player.get_by_test_id("sent").wait_for()
    assert player.get_by_test_id("portal-status").get_attribute("class") == "status s-submitted"
    player.screenshot(path=str(screenshots / "kyc-player-upload.png"), full_page=True)

    # The officer: the queue, the case, the checks, the zone typed, a new photo asked for.
    officer = browser.new_context(
        viewport={"width": 1360, "height": 900}, locale="en-CA"
    ).new_page()
    sign_in(officer, desk, "vera")
    officer.get_by_test_id("nav-kyc").click()
    officer.get_by_role("link", name=reference).click()
    officer.wait_for_url(re.compile(f".*/verification/{reference}/$"))
    assert officer.get_by_test_id("case-status").inner_text() == "Under review"
    assert "not proof" in officer.get_by_test_id("kyc-disclaimer").inner_text()
    photo_card = officer.get_by_test_id("document").filter(has_text="Government photo ID").first
    photo_card.get_by_test_id("mrz-input").fill(zone)
    photo_card.get_by_test_id("mrz-save").click()
    officer.get_by_text("Zone saved").wait_for()
    photo_card = officer.get_by_test_id("document").filter(has_text="Government photo ID").first
    outcomes = {
        c.get_attribute("data-code"): c.get_attribute("data-outcome")
        for c in photo_card.get_by_test_id("check").all()
    }
    assert outcomes["check_digits"] == "pass" and outcomes["name"] == "pass"
    assert outcomes["age"] == "pass" and outcomes["birth_date"] == "pass"
    officer.screenshot(path=str(screenshots / "kyc-review.png"), full_page=True)
    photo_card.get_by_test_id("retry-reason").select_option("blurry")
    photo_card.get_by_role("button", name="Ask for a new document").click()
    officer.get_by_text("A new document is requested").wait_for()
    assert officer.get_by_test_id("case-status").inner_text() == "Documents requested"

    # The player sees what to put right, in French, and sends the photo again.
    player.goto(desk + "/p/7bit/verification/")
    assert "floue" in player.get_by_test_id("told").inner_text()
    assert player.get_by_test_id("retry-photo_id").is_visible()
    player.get_by_test_id("id-type").select_option("passport")
    player.get_by_test_id("file-photo_id").set_input_files(str(tmp_path / "passport.jpg"))
    player.get_by_test_id("send-photo_id").click()
    player.get_by_test_id("sent").wait_for()

    # The officer approves the same case, the record filled from the zone.
    officer.goto(f"{desk}/console/verification/{reference}/")
    photo_card = officer.get_by_test_id("document").filter(has_text="Government photo ID").first
    photo_card.get_by_test_id("mrz-input").fill(zone)
    photo_card.get_by_test_id("mrz-save").click()
    officer.get_by_text("Zone saved").wait_for()
    assert officer.get_by_label("Document number").input_value() == "ZX5550123"
    officer.get_by_label("Issuing jurisdiction").fill("Passport Canada")
    officer.get_by_test_id("approve").click()
    officer.get_by_text("Approved.").wait_for()
    assert officer.get_by_test_id("case-status").inner_text() == "Approved"
    assert "ZX5550123" in officer.get_by_test_id("identification").inner_text()
    officer.screenshot(path=str(screenshots / "kyc-approved.png"), full_page=True)

    after = _clearance(desk, key, "bit-kyc-2002")
    assert after == {"allowed": True, "reasons": ["verified"], "case": reference}
