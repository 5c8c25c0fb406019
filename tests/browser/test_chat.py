"""Live chat in Chromium: the widget on a brand's page, the agent's chat panel in the console,
messages both ways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_console_flow import sign_in
from tests.kyc.documents import payment_screenshot

pytestmark = pytest.mark.browser


def test_a_player_and_an_agent_chat(browser, desk, screenshots):
    player = browser.new_context(viewport={"width": 900, "height": 760}).new_page()
    player.goto(desk + "/p/playamo/chat/?lang=en")
    player.get_by_role("button", name="Chat with us").click()
    player.get_by_label("Your name").fill("Léa Martin")
    player.get_by_label("Your email").fill("lea.chat@example.ca")
    player.get_by_role("button", name="Start the chat").click()
    message = player.get_by_label("Your message")
    expect(message).to_be_visible()
    message.fill("Hi, my deposit of 50 CAD is not in my balance.")
    message.press("Enter")
    expect(player.get_by_role("status")).to_contain_text(re.compile(r"number 1 in line"))

    agent = browser.new_context(viewport={"width": 1360, "height": 860}).new_page()
    sign_in(agent, desk, "alice")
    agent.goto(desk + "/console/chats/")
    waiting = agent.get_by_test_id("waiting-chat").filter(has_text="Léa Martin")
    waiting.get_by_role("button", name="Accept").click()
    pane = agent.get_by_test_id("chat-pane")
    expect(pane).to_contain_text("my deposit of 50 CAD")
    expect(player.get_by_role("status")).to_contain_text("You are chatting with Alice")
    # a canned answer, the player's name put in, edited before sending
    pane.get_by_test_id("canned").select_option(label="Greeting")
    box = pane.get_by_label("Your message")
    expect(box).to_have_value(re.compile(r"^Hello Léa Martin, thank you for waiting"))
    box.fill(box.input_value() + " I am checking your deposit now.")
    pane.get_by_role("button", name="Send").click()
    log = player.get_by_role("log")
    expect(log).to_contain_text("Hello Léa Martin, thank you for waiting")
    expect(log).to_contain_text("I am checking your deposit now.")
    player.get_by_label("Your message").fill("Thank you!")
    player.get_by_label("Your message").press("Enter")
    expect(pane).to_contain_text("Thank you!")
    player.locator("#pd-file").set_input_files(
        files=[{"name": "deposit.png", "mimeType": "image/png", "buffer": payment_screenshot()}]
    )
    expect(pane.get_by_test_id("chat-file")).to_have_text("File: deposit.png")
    expect(player.get_by_role("log")).to_contain_text("File: deposit.png")
    pane.get_by_test_id("transfer").click()  # where it could go: shown, not chosen
    expect(pane.get_by_test_id("transfer-to")).to_contain_text("Payments")
    expect(player.get_by_role("button", name="Email me the transcript")).to_be_visible()
    player.screenshot(path=str(screenshots / "chat-widget.png"))
    agent.screenshot(path=str(screenshots / "chat-agent.png"))
