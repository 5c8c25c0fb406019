"""The console's live connection, through a real server and a real WebSocket client.

Two set-ups: the embedded server alone (in-memory channel layer) and two server processes
sharing Redis, where the request that creates a ticket and the socket that hears of it are
usually in different processes.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.live import login as live_login
from tests.live import playerdesk, running_server, server_env

SETUP = """
from playerdesk.brands.actions import create_api_key
from playerdesk.demo.load import load_configuration
from playerdesk.people.actions import create_agent
from playerdesk.people.models import Team
brands = load_configuration()
create_agent(username="olivia", password="socket-test-password", display_name="Olivia",
             role="agent", languages=["en"], brands=[brands["ojo"]],
             teams=[Team.objects.get(slug="frontline")])
print(create_api_key(brand=brands["ojo"], name="test"))
print(create_api_key(brand=brands["playamo"], name="test"))
"""


@pytest.fixture(
    scope="module",
    params=[
        pytest.param({}, id="embedded"),
        pytest.param({"REDIS_URL": "redis://127.0.0.1:6379/14"}, id="two-workers-redis"),
    ],
)
def desk(request, tmp_path_factory) -> Iterator[dict[str, str]]:
    env = server_env(tmp_path_factory.mktemp("socket"), **request.param)
    playerdesk(env, "migrate", "--verbosity", "0")
    ojo_key, playamo_key = playerdesk(env, "shell", "-c", SETUP).split()[-2:]
    args = ("--workers", "2") if request.param else ()
    with running_server(env, *args) as base:
        yield {"base": base, "ojo": ojo_key, "playamo": playamo_key}


def login(base: str) -> str:
    """Sign in as olivia; the Cookie header of her session."""
    return live_login(base, "olivia", "socket-test-password")


def socket_url(base: str) -> str:
    return base.replace("http://", "ws://") + "/ws/console/"


def open_tickets(base: str, key: str, count: int) -> None:
    def one(i: int) -> None:
        r = httpx.post(
            base + "/api/v1/tickets",
            headers={"Authorization": f"Bearer {key}"},
            json={
                "player": {"external_id": f"socket-{i}", "email": f"s{i}@example.com"},
                "channel": "api",
                "subject": f"Deposit {i} not credited",
                "body": "My Interac deposit is not in my balance.",
            },
            timeout=30,
        )
        assert r.status_code == 201, r.text

    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(one, range(count)))


def changes_heard(ws, expected: int, timeout: float = 15) -> int:
    """Read messages until ``expected`` changes were announced, then a little longer."""
    heard = 0
    deadline = time.monotonic() + timeout
    while heard < expected and time.monotonic() < deadline:
        try:
            message = json.loads(ws.recv(timeout=deadline - time.monotonic()))
        except TimeoutError:
            break
        assert message["type"] == "tickets.changed"
        heard += message["count"]
    with contextlib.suppress(TimeoutError):  # anything more (another brand's, a duplicate)
        heard += json.loads(ws.recv(timeout=0.5))["count"]
    return heard


def test_an_agent_hears_of_every_new_ticket_of_their_brand_and_no_other(desk):
    cookie = login(desk["base"])
    with connect(
        socket_url(desk["base"]),
        additional_headers={"Cookie": cookie, "Origin": desk["base"]},
    ) as ws:
        time.sleep(0.3)  # the socket has joined its brand's group
        open_tickets(desk["base"], desk["playamo"], 3)  # olivia does not work Playamo
        open_tickets(desk["base"], desk["ojo"], 8)
        assert changes_heard(ws, 8) == 8


def test_a_socket_without_a_signed_in_agent_is_closed_with_4401(desk):
    origin = {"Origin": desk["base"]}
    with (
        connect(socket_url(desk["base"]), additional_headers=origin) as ws,
        pytest.raises(ConnectionClosed) as closed,
    ):
        ws.recv(timeout=10)
    assert closed.value.rcvd.code == 4401
