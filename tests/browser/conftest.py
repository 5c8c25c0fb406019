"""A real playerdesk server (``playerdesk demo`` then ``playerdesk serve``) and a real Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live import playerdesk, running_server, server_env

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def desk_env(tmp_path_factory) -> dict[str, str]:
    """The environment of the demo server (its home folder, its secret)."""
    return server_env(tmp_path_factory.mktemp("desk"))


@pytest.fixture(scope="session")
def demo_output(desk_env) -> str:
    """What ``playerdesk demo`` printed: logins, API keys, the member-area link."""
    return playerdesk(desk_env, "demo")


@pytest.fixture(scope="session")
def desk(desk_env, demo_output) -> Iterator[str]:
    with running_server(desk_env) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("PLAYERDESK_CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 860}, locale="en-CA")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshots() -> Path:
    """Where screenshots go: docs/screenshots when PLAYERDESK_SCREENSHOTS=1, else a temp dir."""
    if os.environ.get("PLAYERDESK_SCREENSHOTS") == "1":
        path = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    else:
        path = Path(os.environ.get("TMPDIR", "/tmp")) / "playerdesk-screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
