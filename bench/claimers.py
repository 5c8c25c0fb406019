"""Claimers for the queue_claim scenario: a long-running process (``python -m bench.claimers``)
with the bench database's environment, driven through its standard input.

Each thread is an agent that takes the next ticket (``routing.queue.claim_next``, the function
behind the console's and the API's "Next ticket"), then pauses ``think`` seconds; in the
baseline, the same threads read one ticket by primary key instead, at the same pace. As in a
server, the process lives across the phases: its connection pool and caches are warm, and
real-time pushes are handed to an event loop rather than awaited.

An agent holds at most their capacity: once there, the tickets they hold are resolved, written
directly in the database during the pause (untimed), as an agent finishing their work.

Commands, one a line: ``claim SECONDS`` or ``read SECONDS`` (answered by one JSON line of
latencies, tickets claimed and errors), ``quit``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import threading
import time
from typing import Any


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--first-agent", type=int, default=0)
    parser.add_argument("--think", type=float, default=0.1)
    parser.add_argument("--capacity", type=int, default=10)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playerdesk.settings")
    import django

    django.setup()
    from django.db import connection

    from playerdesk.people.models import AgentProfile
    from playerdesk.realtime.events import set_server_loop
    from playerdesk.routing.queue import claim_next
    from playerdesk.tickets.models import Ticket

    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    set_server_loop(loop)

    agents = list(AgentProfile.objects.filter(user__username__startswith="claimer").order_by("id"))[
        args.first_agent : args.first_agent + args.threads
    ]
    top = Ticket.objects.order_by("-id").values_list("id", flat=True).first() or 1
    holding: list[list[int]] = [[] for _ in agents]  # what each agent holds, across phases

    def phase(mode: str, seconds: float) -> dict[str, Any]:
        latencies: list[float] = []
        claimed: list[int] = []
        errors: list[str] = []
        barrier = threading.Barrier(len(agents))

        def finish(ids: list[int]) -> None:
            """The agent resolves what they hold (directly: this is not what is measured)."""
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE tickets_ticket SET status = 'resolved', resolved_at = now(), "
                    "updated_at = now() WHERE id = ANY(%s)",
                    [ids],
                )
            ids.clear()

        def work(i: int) -> None:
            rng = random.Random(i)
            held = holding[i]
            try:
                barrier.wait()
                stop_at = time.monotonic() + seconds
                time.sleep(rng.random() * args.think)  # spread the starts
                while time.monotonic() < stop_at:
                    started = time.perf_counter()
                    if mode == "claim":
                        t = claim_next(agent=agents[i])
                        if t is not None:
                            claimed.append(t.pk)
                            held.append(t.pk)
                    else:
                        Ticket.objects.filter(pk=rng.randint(1, top)).first()
                    latencies.append(time.perf_counter() - started)
                    if len(held) >= args.capacity:
                        finish(held)
                    connection.close()  # back to the pool, as at the end of a request
                    time.sleep(args.think)
            except Exception as exc:  # reported to the scenario
                errors.append(repr(exc))
            finally:
                connection.close()

        threads = [threading.Thread(target=work, args=(i,)) for i in range(len(agents))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return {"latencies": latencies, "claimed": claimed, "errors": errors[:5]}

    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        print(json.dumps(phase(words[0], float(words[1]))), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
