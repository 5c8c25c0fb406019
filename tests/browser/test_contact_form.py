"""A player reports a technical incident with a screenshot through the contact form in
Chromium, and gets the ticket's reference; the agent sees the details and the file."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.browser.test_console_flow import sign_in

pytestmark = pytest.mark.browser


def test_technical_incident_with_a_screenshot(browser, desk, screenshots, tmp_path):
    shot = tmp_path / "screenshot.png"
    out = io.BytesIO()
    Image.new("RGB", (1280, 720), (20, 20, 60)).save(out, "PNG")
    shot.write_bytes(out.getvalue())

    page = browser.new_context(viewport={"width": 1000, "height": 1400}).new_page()
    page.goto(desk + "/p/7bit/contact/?lang=en")
    # Only the chosen kind of request's fields show.
    assert not page.get_by_label("Game").is_visible()
    page.get_by_label("Your name").fill("Léa Martin")
    page.get_by_label("Your email").fill("lea.martin@example.ca")
    page.get_by_label("What is it about?").select_option("technical")
    assert page.get_by_label("Game").is_visible()
    assert not page.get_by_label("Transaction id").is_visible()
    page.get_by_role("button", name="Send").click()
    # Nothing filled: each missing detail says so, in the page's language.
    assert page.get_by_test_id("error-game").inner_text() == "Required for this kind of request."
    page.goto(desk + "/p/7bit/contact/?lang=en")
    page.get_by_label("Your name").fill("Léa Martin")
    page.get_by_label("Your email").fill("lea.martin@example.ca")
    page.get_by_label("What is it about?").select_option("technical")
    page.get_by_label("Game").fill("Book of Dead")
    page.get_by_label("Error message shown").fill("Connection lost (code 1006)")
    page.get_by_label("Device type").select_option("phone")
    page.get_by_label("Operating system").fill("iOS 18")
    page.get_by_label("Browser and version (or the app)").fill("Safari 18")
    page.get_by_label("When did it happen?").fill("2026-11-20T21:15")
    page.get_by_label("Tell us what happened").fill(
        "The game froze during free spins and my balance did not update."
    )
    page.locator("input[type=file]").set_input_files(str(shot))
    page.screenshot(path=str(screenshots / "contact-form.png"), full_page=True)
    page.get_by_role("button", name="Send").click()
    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"BIT-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    page.screenshot(path=str(screenshots / "contact-sent.png"))

    agent = browser.new_context(viewport={"width": 1360, "height": 900}).new_page()
    sign_in(agent, desk, "sam")
    agent.goto(f"{desk}/console/tickets/{reference}/")
    details = agent.get_by_test_id("detail").all_inner_texts()
    assert "Book of Dead" in details and "screenshot.png" in details
    assert agent.get_by_test_id("attachment").inner_text() == "screenshot.png"
