"""chat_fanout: live chat at scale on one ``playerdesk serve`` process (PostgreSQL, loopback).

1,000 players connected through the widget's socket, each in a chat accepted by one of 50
agents (20 chats each) connected through the agent's socket; players send 100 messages a second
in total. A message's delivery latency is the time from the player's send to its arrival at the
agent's socket (through the ticket's transaction, the channel layer and the agent's read of what
is new). Baseline, in the same run on the same server: the same connections and rate against a
socket that echoes (the transport alone). Printed: p50/p99 of both, the server's memory per
connection. The last line starts with the p99 in ms."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import time

from bench import lib

SETUP = r"""
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from playerdesk.brands.models import ChannelSetting
from playerdesk.demo.load import load_configuration
from playerdesk.people.actions import create_agent, set_presence
from playerdesk.people.models import Team
brands = load_configuration()
ChannelSetting.objects.filter(brand=brands["ojo"], channel="chat").update(
    opening_hours={"always": True}, languages={"en": "always", "fr": "always"})
frontline = Team.objects.get(slug="frontline")
for i in range(AGENTS):
    agent = create_agent(username=f"chat{i}", password="bench-password-1234",
                         display_name=f"Agent {i}", role="agent", languages=["en"],
                         brands=[brands["ojo"]], teams=[frontline], capacity=CAPACITY)
    set_presence(agent=agent, presence="available")
    session = SessionStore()
    session["_auth_user_id"] = str(agent.user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = agent.user.get_session_auth_hash()
    session.create()
    print("SESSION", session.session_key)
"""

ACCEPT = r"""
from playerdesk.chat import actions
from playerdesk.chat.models import Conversation
from playerdesk.people.models import AgentProfile
agents = list(AgentProfile.objects.filter(user__username__startswith="chat").order_by("id"))
waiting = list(Conversation.objects.filter(state="waiting").order_by("id"))
for n, conversation in enumerate(waiting):
    actions.accept(conversation=conversation, agent=agents[n % len(agents)])
print("ACCEPTED", len(waiting))
"""


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User and system time the process has used."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def _open(url: str, headers: dict[str, str] | None = None):
    import websockets

    return await websockets.connect(
        url, additional_headers=headers or {}, open_timeout=60, max_queue=None, ping_interval=None
    )


async def chats(base: str, sessions: list[str], players: int, rate: float, seconds: float,
                env: dict[str, str], pid: int) -> dict[str, float]:  # fmt: skip
    ws_base = base.replace("http://", "ws://")
    before = rss_kb(pid)
    limit = asyncio.Semaphore(25)

    async def start_player(i: int):
        async with limit:
            sock = await _open(ws_base + "/ws/widget/ojo/")
            await sock.send(
                json.dumps(
                    {
                        "type": "hello",
                        "name": f"Player {i}",
                        "email": f"chat{i}@example.ca",
                        "language": "en",
                    }
                )
            )
            while json.loads(await sock.recv())["type"] != "welcome":
                pass
            await sock.send(
                json.dumps(
                    {
                        "type": "message",
                        "client_id": f"start-{i}",
                        "body": f"Hello, question {i} about my deposit.",
                    }
                )
            )
            while json.loads(await sock.recv())["type"] != "queue":
                pass
            return sock

    started = time.perf_counter()
    socks = await asyncio.gather(*(start_player(i) for i in range(players)))
    print(f"{players} players connected and waiting in {time.perf_counter() - started:.1f} s")
    out = await asyncio.to_thread(lib.playerdesk, env, "shell", "-c", ACCEPT)
    print(out.strip().splitlines()[-1])
    sent_at: dict[str, float] = {}
    latencies: list[float] = []
    done = asyncio.Event()

    async def agent_loop(session: str) -> None:
        sock = await _open(
            ws_base + "/ws/chat/agent/", {"Cookie": f"sessionid={session}", "Origin": base}
        )
        first = json.loads(await sock.recv())
        for c in first["mine"]:
            await sock.send(
                json.dumps({"type": "join", "conversation": c["conversation"], "after": 0})
            )
        joined = 0
        if not first["mine"]:
            ready.append(1)
        async for raw in sock:
            m = json.loads(raw)
            if m.get("type") == "joined":
                joined += 1
                if joined == len(first["mine"]):
                    ready.append(1)  # every chat joined, its backlog on its way
            if m.get("type") == "message" and m.get("client_id") in sent_at:
                at = sent_at.pop(m["client_id"])
                latencies.append(time.perf_counter() - at)
                timeline.append((at - t0, latencies[-1]))
                if done.is_set() and not sent_at:
                    break

    async def drain(sock) -> None:
        async for _raw in sock:  # acks, echoes of the player's own messages, states
            pass

    ready: list[int] = []
    timeline: list[tuple[float, float]] = []  # (sent at, seconds from the start; latency)
    drains = [asyncio.create_task(drain(s)) for s in socks]
    agents = [asyncio.create_task(agent_loop(s)) for s in sessions]
    while len(ready) < len(sessions):
        await asyncio.sleep(0.1)
    await asyncio.sleep(2)  # the last joins' backlogs are sent
    after_connect = rss_kb(pid)
    interval = 1 / rate
    n = 0
    cpu_before = cpu_seconds(pid)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        sock = random.choice(socks)
        client_id = f"m{n}"
        sent_at[client_id] = time.perf_counter()
        await sock.send(
            json.dumps({"type": "message", "client_id": client_id, "body": f"message {n}"})
        )
        n += 1
        await asyncio.sleep(max(0.0, t0 + n * interval - time.perf_counter()))
    done.set()
    deadline = time.perf_counter() + 10
    while sent_at and time.perf_counter() < deadline:
        await asyncio.sleep(0.1)
    cpu_per_message = (cpu_seconds(pid) - cpu_before) / max(n, 1)
    lost = len(sent_at)
    slow = [(int(at), latency) for at, latency in timeline if latency > 0.1]
    if slow:
        worst: dict[int, float] = {}
        for second, latency in slow:
            worst[second] = max(worst.get(second, 0.0), latency)
        print(
            f"{len(slow)} messages over 100 ms; the slowest by second of sending: "
            + ", ".join(f"{s}s {w * 1000:.0f} ms" for s, w in sorted(worst.items())[:12])
        )
    for task in agents + drains:
        task.cancel()
    for sock in socks:
        await sock.close()
    return {
        "sent": n,
        "lost": lost,
        "p50": percentile(latencies, 50) * 1000,
        "p99": percentile(latencies, 99) * 1000,
        "kb_per_connection": (after_connect - before) / (players + len(sessions)),
        "rate": n / seconds,
        "cpu_ms": cpu_per_message * 1000,
    }


async def echo(base: str, connections: int, rate: float, seconds: float) -> dict[str, float]:
    ws_base = base.replace("http://", "ws://")
    limit = asyncio.Semaphore(50)

    async def one():
        async with limit:
            return await _open(ws_base + "/ws/echo/")

    socks = await asyncio.gather(*(one() for _ in range(connections)))
    sent_at: dict[str, float] = {}
    latencies: list[float] = []

    async def reader(sock) -> None:
        async for raw in sock:
            key = json.loads(raw)["client_id"]
            latencies.append(time.perf_counter() - sent_at.pop(key))

    readers = [asyncio.create_task(reader(s)) for s in socks]
    interval = 1 / rate
    n = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        key = f"e{n}"
        sent_at[key] = time.perf_counter()
        await random.choice(socks).send(
            json.dumps({"type": "message", "client_id": key, "body": f"message {n}"})
        )
        n += 1
        await asyncio.sleep(max(0.0, t0 + n * interval - time.perf_counter()))
    deadline = time.perf_counter() + 5
    while sent_at and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    for task in readers:
        task.cancel()
    for sock in socks:
        await sock.close()
    return {"p50": percentile(latencies, 50) * 1000, "p99": percentile(latencies, 99) * 1000}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench chat_fanout")
    parser.add_argument("--players", type=int, default=1000)
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--rate", type=float, default=100, help="messages a second in total")
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args(argv)
    capacity = -(-args.players // args.agents)
    db = "playerdesk_bench_chat"
    url = lib.fresh_database(db)
    try:
        with lib.temp_home() as home:
            env = lib.playerdesk_env(home, url, PLAYERDESK_ECHO_SOCKET="true")
            lib.playerdesk(env, "migrate", "--verbosity", "0")
            setup = SETUP.replace("AGENTS", str(args.agents)).replace("CAPACITY", str(capacity))
            out = lib.playerdesk(env, "shell", "-c", setup)
            sessions = [line.split()[1] for line in out.splitlines() if line.startswith("SESSION")]
            with lib.server(env) as base:
                pid = max(lib._servers)
                baseline = asyncio.run(echo(base, args.players, args.rate, args.seconds / 2))
                found = asyncio.run(
                    chats(base, sessions, args.players, args.rate, args.seconds, env, pid)
                )
        print(
            f"echo baseline: p50 {baseline['p50']:.1f} ms, p99 {baseline['p99']:.1f} ms "
            f"({args.players} connections, {args.rate:.0f} messages/s)"
        )
        print(
            f"chat: {found['sent']} messages at {found['rate']:.0f}/s from {args.players} "
            f"players to {args.agents} agents, {found['lost']} not delivered within 10 s; "
            f"p50 {found['p50']:.1f} ms; server memory "
            f"{found['kb_per_connection']:.0f} KB per connection, server CPU "
            f"{found['cpu_ms']:.1f} ms per message"
        )
        print(
            f"chat_fanout: {found['p99']:.1f} ms p99 delivery "
            f"(baseline echo p99 {baseline['p99']:.1f} ms, {args.players} players, "
            f"{args.rate:.0f} messages/s, one server process)"
        )
        return 0
    finally:
        lib.drop_database(db)
