"""An agent signs in, opens a ticket from the queue, replies, and sees the reply and its event."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def sign_in(page, desk, username="alice"):
    page.goto(desk + "/console/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("playerdesk-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/console/$"))


def test_agent_replies_to_a_ticket(page, desk, screenshots):
    # given alice signed in, looking at the queue of the four brands
    sign_in(page, desk)
    rows = page.locator("table.queue tbody tr")
    assert rows.count() > 0
    brands = set(page.locator("table.queue tbody tr td:nth-child(3)").all_inner_texts())
    assert brands >= {"Ojo", "Playamo", "Katsubet", "7Bit"}
    page.screenshot(path=str(screenshots / "console-queue.png"))

    # when she opens a new ticket and replies
    page.get_by_label("Status").select_option("new")
    page.get_by_role("button", name="Filter").click()
    link = page.locator("table.queue a.ref").first
    reference = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(f".*/tickets/{reference}/$"))
    assert page.get_by_test_id("status").inner_text() == "New"
    page.get_by_label("Your message").fill("Bonjour, we are looking into it right now.")
    page.get_by_role("button", name="Send reply").click()

    # then the reply is in the conversation, the ticket is open, and the timeline has the event
    page.get_by_text("Reply sent.").wait_for()
    messages = page.get_by_test_id("message").all_inner_texts()
    assert "Bonjour, we are looking into it right now." in messages[-1]
    assert "Alice Tremblay" in messages[-1]
    assert page.get_by_test_id("status").inner_text() == "Open"
    reply_events = page.locator('[data-testid="event"][data-type="reply"]')
    assert reply_events.count() == 1
    assert "Alice Tremblay" in reply_events.inner_text()
    page.screenshot(path=str(screenshots / "console-ticket.png"), full_page=True)


def test_console_in_french(page, desk):
    sign_in(page, desk, "vera")
    page.get_by_role("button", name="FR").click()
    page.get_by_role("heading", name="File d'attente").wait_for()
    assert page.locator("html").get_attribute("lang") == "fr"


def test_a_supervisor_takes_the_next_ticket_and_watches_the_targets(page, desk, screenshots):
    # given sam, a supervisor, on the queue: countdowns to each ticket's next target
    sign_in(page, desk, "sam")
    page.locator("time.countdown").first.wait_for()
    assert re.search(r"(in |late)", page.locator("time.countdown").first.inner_text())
    assert page.locator("tr.sla-breached").count() > 0
    # when he takes the next ticket
    page.get_by_test_id("next-ticket").click()
    page.wait_for_url(re.compile(r".*/tickets/[A-Z]+-[0-9A-Z]{4}-[0-9A-Z]{4}/$"))
    # then it is his, and its timeline says so
    assert "is yours" in page.locator(".flash").inner_text()
    assert page.locator('[data-testid="event"][data-type="assigned"]').count() >= 1
    # and the supervision page shows the backlog, the targets at risk and breached, the agents
    page.get_by_role("link", name="Supervision").click()
    page.get_by_role("heading", name="Supervision").wait_for()
    assert int(page.get_by_test_id("total-active").inner_text()) > 50
    assert int(page.get_by_test_id("total-breached").inner_text()) > 0
    assert page.get_by_test_id("backlog").locator("tbody tr").count() > 5
    page.screenshot(path=str(screenshots / "console-supervisor.png"), full_page=True)


def test_an_agent_searches_and_jumps(page, desk, screenshots):
    # given sam, signed in
    sign_in(page, desk, "sam")
    # when he types a French word without its accent into the search box
    box = page.get_by_test_id("search-box")
    box.fill("verifie")
    box.press("Enter")
    page.wait_for_url(re.compile(r".*/console/search/\?q=verifie"))
    # then tickets in both languages come back, ranked, with the matches marked
    hits = page.get_by_test_id("search-hit")
    assert hits.count() > 3
    marks = {m.lower() for m in page.locator("ol.results mark").all_inner_texts()}
    assert any(m.startswith("vérifi") for m in marks)
    page.screenshot(path=str(screenshots / "console-search.png"), full_page=True)
    # and a reference typed loosely jumps straight to the ticket
    reference = hits.first.locator("a.ref").inner_text()
    box = page.get_by_test_id("search-box")
    box.fill(reference.lower().replace("-", " "))
    box.press("Enter")
    page.wait_for_url(re.compile(rf".*/console/tickets/{reference}/$"))
    # and the player's page lists their history
    page.get_by_test_id("player-history-link").click()
    assert page.get_by_test_id("history-row").count() >= 1
