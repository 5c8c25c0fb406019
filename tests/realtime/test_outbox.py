"""Pushes made while the server loop is busy go out together: one message per group."""

from __future__ import annotations

import asyncio
import threading

from playerdesk.realtime.events import _Outbox, batch_message


class RecordingLoop:
    """Stands in for the server loop: records what request threads hand to it."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def call_soon_threadsafe(self, *args) -> None:
        self.calls.append(args)

    def call_later(self, *args) -> None:  # run on the loop, later
        raise AssertionError("not on the loop")


def test_events_from_many_threads_are_flushed_once_per_group():
    outbox = _Outbox(0.05)
    loop = RecordingLoop()

    def push(i: int) -> None:
        groups = ["brand.1"] if i % 2 else ["brand.1", f"ticket.{i}"]
        outbox.add(loop, {"type": "ticket.changed", "ticket": i}, groups)

    threads = [threading.Thread(target=push, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loop.calls) == 1  # one flush scheduled for the forty events
    batch = outbox.take()
    assert sorted(e["ticket"] for e in batch["brand.1"]) == list(range(40))
    assert len([g for g in batch if g.startswith("ticket.")]) == 20
    # after a flush, the next event schedules the next one
    outbox.add(loop, {"type": "ticket.changed", "ticket": 99}, ["brand.1"])
    assert len(loop.calls) == 2


def test_a_flush_sends_the_batch_through_the_channel_layer(settings):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "playerdesk.realtime.layers.LocalChannelLayer"}
    }
    from channels.layers import channel_layers, get_channel_layer

    channel_layers.backends.clear()
    layer = get_channel_layer()
    outbox = _Outbox(0.05)
    outbox.pending = {"brand.1": [{"ticket": 1}, {"ticket": 2}]}

    async def scenario() -> dict:
        channel = await layer.new_channel()
        await layer.group_add("brand.1", channel)
        await outbox.flush()
        return await asyncio.wait_for(layer.receive(channel), 5)

    assert asyncio.run(scenario()) == batch_message([{"ticket": 1}, {"ticket": 2}])
    channel_layers.backends.clear()
