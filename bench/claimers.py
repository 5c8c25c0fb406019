"""Claimers for the queue_claim scenario: run as ``python -m bench.claimers`` in a process of its
own with the bench database's environment; prints one JSON line of latencies.

Each thread is an agent that takes the next ticket (``routing.queue.claim_next``, the function
behind the console's and the API's "Next ticket"), then pauses ``think`` seconds, for
``seconds``; the baseline threads read one ticket by primary key instead, at the same pace.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=("claim", "read"), required=True)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--first-agent", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--think", type=float, default=0.1)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playerdesk.settings")
    import django

    django.setup()
    import asyncio

    from django.db import connection

    from playerdesk.realtime.events import set_server_loop

    # As in ``playerdesk serve``: real-time pushes are handed to an event loop, not awaited.
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    set_server_loop(loop)

    from playerdesk.people.models import AgentProfile
    from playerdesk.routing.queue import claim_next
    from playerdesk.tickets.models import Ticket

    agents = list(AgentProfile.objects.filter(user__username__startswith="claimer").order_by("id"))[
        args.first_agent : args.first_agent + args.threads
    ]
    top = Ticket.objects.order_by("-id").values_list("id", flat=True).first() or 1
    latencies: list[list[float]] = [[] for _ in agents]
    claimed: list[list[int]] = [[] for _ in agents]
    errors: list[str] = []
    barrier = threading.Barrier(len(agents))

    def work(i: int) -> None:
        rng = random.Random(i)
        try:
            barrier.wait()
            stop_at = time.monotonic() + args.seconds
            time.sleep(rng.random() * args.think)  # spread the starts
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                if args.mode == "claim":
                    t = claim_next(agent=agents[i])
                    if t is not None:
                        claimed[i].append(t.pk)
                else:
                    Ticket.objects.filter(pk=rng.randint(1, top)).first()
                latencies[i].append(time.perf_counter() - started)
                connection.close()  # back to the pool, as at the end of a request
                time.sleep(args.think)
        except Exception as exc:  # reported to the scenario
            errors.append(repr(exc))

    # Every process loads Django first; they all start together when the scenario says so,
    # so that no process's start-up weighs on another's measurements.
    print("ready", flush=True)
    sys.stdin.readline()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(agents))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [pk for pks in claimed for pk in pks]
    print(
        json.dumps(
            {
                "latencies": [x for xs in latencies for x in xs],
                "claimed": every,
                "errors": errors[:5],
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
