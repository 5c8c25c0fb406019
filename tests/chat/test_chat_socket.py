"""Live chat through a real server and real WebSocket clients (the ``websockets`` library):
the whole flow, refused tokens, a conversation that survives cut connections with every
message exactly once and in order, and one conversation carried by two server processes over
Redis (the player on one, the agent on the other)."""

from __future__ import annotations

import contextlib
import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.live import login as live_login
from tests.live import playerdesk, running_server, server_env

SETUP = """
from playerdesk.brands.models import ChannelSetting
from playerdesk.brands.platform import make_token
from playerdesk.demo.load import load_configuration
from playerdesk.people.actions import create_agent, find_or_create_player, set_presence
from playerdesk.people.models import Team
brands = load_configuration()
ChannelSetting.objects.filter(brand=brands["ojo"], channel="chat").update(
    opening_hours={"always": True}, languages={"en": "always", "fr": "always"}
)
agent = create_agent(username="olivia", password="chat-test-password", display_name="Olivia",
                     role="agent", languages=["en", "fr"], brands=[brands["ojo"]],
                     teams=[Team.objects.get(slug="frontline")])
set_presence(agent=agent, presence="available")
marc = create_agent(username="marc", password="chat-test-password", display_name="Marc",
                    role="agent", languages=["en", "fr"], brands=[brands["ojo"]],
                    teams=[Team.objects.get(slug="frontline")])
set_presence(agent=marc, presence="available")
marc.ui_language = "fr"
marc.save(update_fields=["ui_language"])
find_or_create_player(brand=brands["ojo"], external_id="p-42", email="julie@example.ca",
                      name="Julie Tremblay", language="fr")
print(make_token("ojo", "p-42", lifetime=3600))
print(make_token("ojo", "p-42", lifetime=-10))
"""


@contextlib.contextmanager
def _desk(tmp_path_factory, redis: bool) -> Iterator[dict[str, Any]]:
    extra = {"REDIS_URL": "redis://127.0.0.1:6379/13"} if redis else {}
    env = server_env(tmp_path_factory.mktemp("chat"), **extra)
    playerdesk(env, "migrate", "--verbosity", "0")
    good, expired = playerdesk(env, "shell", "-c", SETUP).split()[-2:]
    with running_server(env) as base:
        if not redis:
            yield {"player_base": base, "agent_base": base, "token": good, "expired": expired}
            return
        with running_server(env) as other:  # a second process: the agent's
            yield {"player_base": base, "agent_base": other, "token": good, "expired": expired}


@pytest.fixture(scope="module", params=["embedded", "two-processes-redis"])
def desk(request, tmp_path_factory):
    with _desk(tmp_path_factory, request.param != "embedded") as found:
        yield found


def login(base: str, username: str = "olivia") -> str:
    """Sign in (olivia by default); the Cookie header of the session."""
    return live_login(base, username, "chat-test-password")


def ws(base: str, path: str, **kwargs):
    return connect(base.replace("http://", "ws://") + path, open_timeout=10, **kwargs)


def read_until(sock, predicate, timeout: float = 10) -> list[dict]:
    """Messages read until one satisfies ``predicate`` (included); fails after ``timeout``."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        assert left > 0, f"not received; got {seen}"
        message = json.loads(sock.recv(timeout=left))
        seen.append(message)
        if predicate(message):
            return seen


def test_a_whole_chat(desk):
    player = ws(desk["player_base"], "/ws/widget/ojo/")
    player.send(json.dumps({"type": "hello", "token": desk["token"], "language": "fr"}))
    welcome = read_until(player, lambda m: m["type"] == "welcome")[-1]
    assert welcome["state"] == "ready"
    player.send(json.dumps({"type": "message", "client_id": "c1", "body": "Mon retrait ?"}))
    got = read_until(player, lambda m: m["type"] == "queue")
    ack = next(m for m in got if m["type"] == "ack")
    assert ack["client_id"] == "c1" and ack["id"]
    reference = next(m for m in got if m["type"] == "welcome")["reference"]
    assert reference and any(m["type"] == "message" and m["id"] == ack["id"] for m in got)
    assert got[-1]["position"] == 1 and got[-1]["wait_seconds"] > 0

    agent = ws(
        desk["agent_base"],
        "/ws/chat/agent/",
        additional_headers={"Cookie": login(desk["agent_base"]), "Origin": desk["agent_base"]},
    )
    chats = read_until(agent, lambda m: m["type"] == "chats")[-1]
    (waiting,) = [c for c in chats["waiting"] if c["reference"] == reference]
    canned = read_until(agent, lambda m: m["type"] == "canned")[-1]["answers"]
    assert {a["language"] for a in canned} == {"en", "fr"}  # the demo's, in her languages
    agent.send(json.dumps({"type": "accept", "conversation": waiting["conversation"]}))
    got = read_until(agent, lambda m: m["type"] == "message" and m["client_id"] == "c1")
    joined = next(m for m in got if m["type"] == "joined")
    assert joined["reference"] == reference and joined["language"] == "fr"
    state = read_until(player, lambda m: m["type"] == "state" and m["state"] == "active")[-1]
    assert state["agent"] == "Olivia"

    conversation = waiting["conversation"]
    agent.send(json.dumps({"type": "typing", "conversation": conversation}))
    assert read_until(player, lambda m: m["type"] == "typing")[-1]["who"] == "agent"
    agent.send(
        json.dumps(
            {
                "type": "message",
                "conversation": conversation,
                "client_id": "a1",
                "body": "Je regarde, un instant.",
            }
        )
    )
    assert read_until(agent, lambda m: m["type"] == "ack")[-1]["client_id"] == "a1"
    answer = read_until(player, lambda m: m["type"] == "message" and m["author"] == "agent")[-1]
    assert answer["body"] == "Je regarde, un instant." and answer["name"] == "Olivia"
    player.send(json.dumps({"type": "read", "id": answer["id"]}))
    read = read_until(agent, lambda m: m["type"] == "read")[-1]
    assert read["id"] == answer["id"] and read["by"] == "player"
    player.send(json.dumps({"type": "end"}))
    ended = read_until(agent, lambda m: m["type"] == "state" and m["state"] == "ended")
    assert ended
    player.send(json.dumps({"type": "transcript"}))
    sent = read_until(player, lambda m: m["type"] in ("transcript", "error"))[-1]
    assert sent["type"] == "transcript" and sent["to"] == "j***@example.ca"
    assert "j***@example.ca" in sent["message"]
    player.send(json.dumps({"type": "transcript"}))  # again at once: refused, said why
    again = read_until(player, lambda m: m["type"] == "error")[-1]
    assert again["code"] == "refused"
    player.close()
    agent.close()


def _waiting_player(base: str, n: int):
    player = ws(base, "/ws/widget/ojo/")
    player.send(
        json.dumps(
            {"type": "hello", "name": f"Line {n}", "email": f"line{n}@example.ca", "language": "en"}
        )
    )
    read_until(player, lambda m: m["type"] == "welcome")
    player.send(json.dumps({"type": "message", "client_id": f"l{n}", "body": "Hello?"}))
    got = read_until(player, lambda m: m["type"] == "queue")
    reference = next(m for m in got if m["type"] == "welcome")["reference"]
    return player, reference, got[-1]["position"]


def test_a_player_in_line_is_told_their_new_place_when_the_line_moves(desk):
    first, first_reference, first_place = _waiting_player(desk["player_base"], 1)
    second, _reference, second_place = _waiting_player(desk["player_base"], 2)
    assert second_place == first_place + 1
    agent = ws(
        desk["agent_base"],
        "/ws/chat/agent/",
        additional_headers={"Cookie": login(desk["agent_base"]), "Origin": desk["agent_base"]},
    )
    chats = read_until(agent, lambda m: m["type"] == "chats")[-1]
    (taken,) = [c for c in chats["waiting"] if c["reference"] == first_reference]
    agent.send(json.dumps({"type": "accept", "conversation": taken["conversation"]}))
    read_until(first, lambda m: m["type"] == "state" and m["state"] == "active")
    # (a new estimate at the same place may come first)
    moved = read_until(second, lambda m: m["type"] == "queue" and m["position"] < second_place)
    assert moved[-1]["position"] == second_place - 1
    for sock in (first, second):
        sock.send(json.dumps({"type": "end"}))
        read_until(sock, lambda m: m["type"] == "state" and m["state"] == "ended")
        sock.close()
    agent.close()


def _agent_socket(base: str, username: str):
    return ws(
        base,
        "/ws/chat/agent/",
        additional_headers={"Cookie": login(base, username), "Origin": base},
    )


def test_an_agent_is_answered_in_their_console_language(desk):
    marc = _agent_socket(desk["agent_base"], "marc")  # his console is in French
    read_until(marc, lambda m: m["type"] == "chats")
    marc.send(json.dumps({"type": "accept", "conversation": 999_999}))
    refused = read_until(marc, lambda m: m["type"] == "error")[-1]
    assert refused["message"] == "Ce clavardage ne vous attend pas."
    marc.send("not json")
    assert "JSON" in read_until(marc, lambda m: m["type"] == "error")[-1]["message"]
    marc.close()


def test_a_chat_handed_to_another_agent_goes_on_with_them(desk):
    player, reference, _place = _waiting_player(desk["player_base"], 3)
    olivia = _agent_socket(desk["agent_base"], "olivia")
    chats = read_until(olivia, lambda m: m["type"] == "chats")[-1]
    (chat,) = [c for c in chats["waiting"] if c["reference"] == reference]
    conversation = chat["conversation"]
    olivia.send(json.dumps({"type": "accept", "conversation": conversation}))
    read_until(olivia, lambda m: m["type"] == "joined")
    read_until(player, lambda m: m["type"] == "state" and m["state"] == "active")
    olivia.send(json.dumps({"type": "targets", "conversation": conversation}))
    targets = read_until(olivia, lambda m: m["type"] == "targets")[-1]
    (marc_id,) = [a["id"] for a in targets["agents"] if a["name"] == "Marc"]
    assert targets["teams"]
    marc = _agent_socket(desk["player_base"], "marc")  # on the player's process
    read_until(marc, lambda m: m["type"] == "chats")
    olivia.send(json.dumps({"type": "transfer", "conversation": conversation, "to_agent": marc_id}))
    gone = read_until(olivia, lambda m: m["type"] == "state" and m["state"] == "transferred")
    assert gone[-1]["conversation"] == conversation
    now = read_until(player, lambda m: m["type"] == "state" and m.get("agent") == "Marc")
    assert now[-1]["state"] == "active"
    mine = read_until(
        marc,
        lambda m: (
            m["type"] == "chats" and any(c["conversation"] == conversation for c in m["mine"])
        ),
    )
    assert mine
    marc.send(json.dumps({"type": "join", "conversation": conversation, "after": 0}))
    history = read_until(marc, lambda m: m["type"] == "message" and m["client_id"] == "l3")
    assert history[-1]["body"] == "Hello?"  # the conversation so far
    said = {"type": "message", "conversation": conversation, "client_id": "m1"}
    marc.send(json.dumps({**said, "body": "Marc here"}))
    said = read_until(player, lambda m: m["type"] == "message" and m["author"] == "agent")[-1]
    assert said["name"] == "Marc" and said["body"] == "Marc here"
    for sock in (player, olivia, marc):
        sock.close()


def test_a_file_in_the_chat_reaches_the_agent_and_a_disguised_one_is_refused(desk):
    import base64

    from tests.kyc.documents import payment_screenshot

    player, reference, _place = _waiting_player(desk["player_base"], 4)
    frame = {"type": "attachment", "client_id": "", "name": "a.png", "data": ""}
    olivia = _agent_socket(desk["agent_base"], "olivia")
    chats = read_until(olivia, lambda m: m["type"] == "chats")[-1]
    (chat,) = [c for c in chats["waiting"] if c["reference"] == reference]
    olivia.send(json.dumps({"type": "accept", "conversation": chat["conversation"]}))
    read_until(player, lambda m: m["type"] == "state" and m["state"] == "active")
    data = base64.b64encode(payment_screenshot()).decode()
    player.send(json.dumps({**frame, "client_id": "f1", "name": "deposit.png", "data": data}))
    assert read_until(player, lambda m: m["type"] == "ack")[-1]["client_id"] == "f1"
    got = read_until(olivia, lambda m: m["type"] == "message" and m["client_id"] == "f1")[-1]
    assert got["body"] == "deposit.png"
    assert [(a["name"], a["type"]) for a in got["attachments"]] == [("deposit.png", "image/png")]
    hostile = base64.b64encode(b"<html><script>alert(1)</script></html>").decode()
    player.send(json.dumps({**frame, "client_id": "f2", "name": "photo.png", "data": hostile}))
    refused = read_until(player, lambda m: m["type"] == "error")[-1]
    assert refused["code"] == "file" and refused["client_id"] == "f2"
    assert "HTML" in refused["message"]
    player.send(json.dumps({**frame, "client_id": "f3", "data": "not base64!"}))
    assert read_until(player, lambda m: m["type"] == "error")[-1]["code"] == "invalid"
    big = "A" * 30_000  # a long frame that is not a file
    player.send(json.dumps({"type": "message", "client_id": "big", "body": big}))
    assert read_until(player, lambda m: m["type"] == "error")[-1]["code"] == "invalid"
    player.send(json.dumps({"type": "message", "client_id": "after", "body": "still here"}))
    assert read_until(player, lambda m: m["type"] == "ack")[-1]["client_id"] == "after"
    for sock in (player, olivia):
        sock.close()


@pytest.mark.parametrize("which, code", [("forged", "forged"), ("expired", "expired")])
def test_a_forged_or_expired_token_is_refused(desk, which, code):
    token = desk["token"][:-4] + "0000" if which == "forged" else desk["expired"]
    player = ws(desk["player_base"], "/ws/widget/ojo/")
    player.send(json.dumps({"type": "hello", "token": token, "language": "en"}))
    error = json.loads(player.recv(timeout=10))
    assert error["type"] == "error" and error["code"] == code
    assert "Open it again from your account" in error["message"]
    with pytest.raises(ConnectionClosed) as closed:
        player.recv(timeout=10)
    assert closed.value.rcvd.code == 4401


class Side:
    """One end of the conversation that keeps what it sent until acknowledged, and everything
    it received, by id; it can lose its connection and come back."""

    def __init__(self, base: str, path: str, headers: dict[str, str] | None = None) -> None:
        self.base, self.path, self.headers = base, path, headers or {}
        self.sock = None
        self.unacked: dict[str, str] = {}
        self.order: list[str] = []  # client ids in the order they were written
        self.texts: dict[str, str] = {}
        self.log: list[dict] = []
        self.received: list[dict] = []
        self.session = ""
        self.conversation: int | None = None

    @property
    def last_id(self) -> int:
        return max((m["id"] for m in self.received), default=0)

    def _handle(self, message: dict) -> None:
        self.log.append(message)
        if message["type"] == "ack":
            self.unacked.pop(message["client_id"], None)
        elif message["type"] == "message":
            self.received.append(message)
        elif message["type"] == "welcome":
            self.session = message["session"]

    def drain(self, seconds: float = 0.3) -> None:
        deadline = time.monotonic() + seconds
        with contextlib.suppress(TimeoutError, ConnectionClosed):
            while time.monotonic() < deadline:
                self._handle(json.loads(self.sock.recv(timeout=deadline - time.monotonic())))

    def cut(self) -> None:
        """The network goes away: no closing handshake."""
        self.sock.socket.close()
        self.sock = None


def test_cut_connections_lose_nothing_and_repeat_nothing(desk):
    player = Side(desk["player_base"], "/ws/widget/ojo/")
    agent = Side(
        desk["agent_base"],
        "/ws/chat/agent/",
        {"Cookie": login(desk["agent_base"]), "Origin": desk["agent_base"]},
    )

    def player_connect(first: bool = False) -> None:
        player.sock = ws(player.base, player.path)
        hello = (
            {"type": "hello", "token": desk["token"]}
            if first
            else {"type": "hello", "resume": player.session, "after": player.last_id}
        )
        player.sock.send(json.dumps(hello))
        player.drain()
        for client_id in list(player.unacked):  # sent again: stored once
            player.sock.send(
                json.dumps(
                    {"type": "message", "client_id": client_id, "body": player.unacked[client_id]}
                )
            )

    def agent_connect(first: bool = False) -> None:
        agent.sock = ws(agent.base, agent.path, additional_headers=agent.headers)
        agent.drain()
        kind = "accept" if first else "join"
        agent.sock.send(
            json.dumps({"type": kind, "conversation": agent.conversation, "after": agent.last_id})
        )
        agent.drain()
        for client_id in list(agent.unacked):
            agent.sock.send(
                json.dumps(
                    {
                        "type": "message",
                        "conversation": agent.conversation,
                        "client_id": client_id,
                        "body": agent.unacked[client_id],
                    }
                )
            )

    def say(side: Side, text: str) -> None:
        client_id = uuid.uuid4().hex
        side.unacked[client_id] = text
        side.texts[client_id] = text
        side.order.append(client_id)
        payload = {"type": "message", "client_id": client_id, "body": text}
        if side is agent:
            payload["conversation"] = agent.conversation
        with contextlib.suppress(ConnectionClosed, OSError, AttributeError):
            side.sock.send(json.dumps(payload))

    player_connect(first=True)
    say(player, "player 0")
    deadline = time.monotonic() + 15  # the first message opens the ticket (and the triage)
    while player.unacked and time.monotonic() < deadline:
        player.drain(0.2)
    assert not player.unacked, player.log
    # the agent takes it
    agent.sock = ws(agent.base, agent.path, additional_headers=agent.headers)
    chats = read_until(agent.sock, lambda m: m["type"] == "chats")[-1]
    agent.conversation = chats["waiting"][-1]["conversation"]
    agent.sock.close()
    agent_connect(first=True)

    for round_ in range(1, 6):
        for i in range(4):
            say(player, f"player {round_}.{i}")
            say(agent, f"agent {round_}.{i}")
        # mid-conversation, one side or the other (or both) loses its connection
        if round_ % 2:
            player.cut()
        if round_ % 3 != 1:
            agent.drain(0.05)
            agent.cut()
        for i in range(2):  # and goes on typing while it is away
            if player.sock is None:
                say(player, f"player {round_}.offline{i}")
            if agent.sock is None:
                say(agent, f"agent {round_}.offline{i}")
        if player.sock is None:
            player_connect()
        if agent.sock is None:
            agent_connect()
        player.drain()
        agent.drain()

    for _ in range(20):
        player.drain(0.5)
        agent.drain(0.5)
        if (
            not player.unacked
            and not agent.unacked
            and (
                len(player.received) == len(agent.received) == len(player.order) + len(agent.order)
            )
        ):
            break
    assert not player.unacked and not agent.unacked
    expected = len(player.order) + len(agent.order)
    for side in (player, agent):
        ids = [m["id"] for m in side.received]
        assert ids == sorted(ids), "in order"
        assert len(ids) == len(set(ids)) == expected, "each exactly once"
    assert [m["body"] for m in player.received] == [m["body"] for m in agent.received]
    # each side's own messages in the order it wrote them, in the ticket too
    for side, author in ((player, "player"), (agent, "agent")):
        assert [m["body"] for m in player.received if m["author"] == author] == [
            side.texts[c] for c in side.order
        ]
    player.sock.close()
    agent.sock.close()


def test_frames_that_are_not_json_get_an_error_and_the_chat_goes_on(desk):
    player = ws(desk["player_base"], "/ws/widget/ojo/")
    for frame in ("{not json", b"\x00\x01binary", "[" * 30_000, json.dumps([1, 2])):
        player.send(frame)
        answer = json.loads(player.recv(timeout=10))
        assert answer["type"] == "error" and answer["code"] == "invalid", frame[:20]
    player.send(json.dumps({"type": "message", "client_id": "x", "body": "hi"}))
    assert json.loads(player.recv(timeout=10))["code"] == "not_identified"
    player.close()


def test_outside_the_chats_languages_a_message_is_left_for_an_email_answer(desk):
    # Playamo's chat is in English only: in French it is closed, and says so in French.
    player = ws(desk["player_base"], "/ws/widget/playamo/")
    player.send(
        json.dumps({"type": "hello", "name": "Marc", "email": "marc@example.ca", "language": "fr"})
    )
    closed = read_until(player, lambda m: m["type"] == "closed")[-1]
    assert closed["reason"] == "language" and "courriel" in closed["message"]
    assert closed["contact_url"] == "/p/playamo/contact/?lang=fr"
    player.send(json.dumps({"type": "message", "client_id": "l1", "body": "Mon bonus ?"}))
    ack = read_until(player, lambda m: m["type"] == "ack")[-1]
    assert ack["client_id"] == "l1" and re.fullmatch(r"PLY-\w{4}-\w{4}", ack["reference"])
    player.close()
