"""queue_claim: "Next ticket" with 1,000,000 open tickets on PostgreSQL and 32 concurrent
claimers; p50 and p99 claim latency. Baseline: a primary-key read of one ticket, by the same
32 threads at the same pace, in the same run.

Each claimer is an agent (teams, brands and languages as in a real floor: most in frontline,
some specialists, a third English only) who takes the next ticket, then pauses (``--think``,
100 ms by default: far faster than any person) and takes another, for ``--seconds``; claimers
and readers run in ``--processes`` processes of ``32 / processes`` threads each. An agent
holds at most ``--capacity`` tickets (10, a new agent's default): once there, the tickets they
hold are resolved (written directly, untimed), as an agent finishing their work; a large
capacity gives agents who never finish anything. Every claimed ticket must be claimed once:
the scenario fails otherwise.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

from bench.seed import ROOT, seeded_database

SETUP = """
from playerdesk.demo.load import load_configuration
from playerdesk.people.actions import create_agent
from playerdesk.people.models import AgentProfile, Team
brands = list(load_configuration().values())
teams = {t.slug: t for t in Team.objects.all()}
plan = (["frontline"] * 12 + ["payments"] * 6 + ["technical"] * 4 + ["security"] * 3
        + ["verification"] * 3 + ["promotions"] * 2 + ["responsible_gambling"] * 2)
for i, slug in enumerate(plan[:COUNT]):
    extra = ["frontline"] if slug != "frontline" and i % 2 else []
    a = create_agent(username=f"claimer{i:02d}", password="x", display_name=f"Claimer {i}",
                     role="agent", languages=["en"] if i % 3 == 0 else ["en", "fr"],
                     brands=brands, teams=[teams[s] for s in [slug, *extra]])
    AgentProfile.objects.filter(pk=a.pk).update(capacity=CAPACITY)
"""


class Claimers:
    """``--processes`` long-running claimer processes of ``claimers / processes`` threads."""

    def __init__(self, env: dict[str, str], args: argparse.Namespace) -> None:
        per = args.claimers // args.processes
        self.procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bench.claimers",
                    "--threads",
                    str(per),
                    "--first-agent",
                    str(i * per),
                    "--think",
                    str(args.think),
                    "--capacity",
                    str(args.capacity),
                ],
                env=env,
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for i in range(args.processes)
        ]
        for p in self.procs:  # every process has loaded before anything is measured
            if p.stdout.readline().strip() != "ready":
                raise SystemExit("the claimers did not start")

    def run(self, mode: str, seconds: float) -> dict:
        for p in self.procs:  # all together
            p.stdin.write(f"{mode} {seconds}\n")
            p.stdin.flush()
        out: dict = {"latencies": [], "claimed": [], "errors": []}
        for p in self.procs:
            line = p.stdout.readline()
            if not line:
                raise SystemExit(f"a claimer process stopped ({mode})")
            part = json.loads(line)
            for k in out:
                out[k].extend(part[k])
        return out

    def close(self) -> None:
        for p in self.procs:
            p.stdin.write("quit\n")
            p.stdin.flush()
        for p in self.procs:
            p.wait(timeout=30)


def capacity(text: str) -> int:
    """An agent's capacity: a whole number from 1 to 32767 (the column is a small integer)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 32767:
        raise argparse.ArgumentTypeError(f"a whole number from 1 to 32767, not {text!r}")
    return value


def pct(values: list[float], p: float) -> float:
    data = sorted(values)
    return data[min(len(data) - 1, round(p / 100 * (len(data) - 1)))] * 1000 if data else 0.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench queue_claim")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--claimers", type=int, default=32)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10, help="per round and load")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--think", type=float, default=0.1, help="seconds between two claims")
    parser.add_argument(
        "--capacity",
        type=capacity,
        metavar="N",
        default=10,
        help="tickets an agent holds at most (then resolves them, untimed); 10 by default, as "
        "a new agent's",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)

    per = str(args.claimers // args.processes)
    with seeded_database(
        "playerdesk_bench_queue",
        args.tickets,
        SETUP.replace("COUNT", str(args.claimers)).replace("CAPACITY", str(args.capacity)),
        keep=args.keep,
        # as an operator sizes it for a server's request threads: a connection each
        PLAYERDESK_DB_POOL_MIN=per,
        PLAYERDESK_DB_POOL_MAX=str(2 * int(per)),
    ) as env:
        claimers = Claimers(env, args)
        try:
            claimers.run("read", 2)  # warm-up: pools, caches, prepared statements
            claimers.run("claim", 2)
            claims, reads = [], []
            claimed: list[int] = []
            errors: list[str] = []
            for _ in range(args.rounds):
                r = claimers.run("read", args.seconds)
                reads += r["latencies"]
                errors += r["errors"]
                c = claimers.run("claim", args.seconds)
                claims += c["latencies"]
                claimed += c["claimed"]
                errors += c["errors"]
        finally:
            claimers.close()
    for name, values in (("baseline primary-key read", reads), ("claim", claims)):
        print(
            f"{name}: {len(values)} calls, p50 {pct(values, 50):.2f} ms, "
            f"p90 {pct(values, 90):.2f} ms, p95 {pct(values, 95):.2f} ms, "
            f"p99 {pct(values, 99):.2f} ms, max {pct(values, 100):.2f} ms, "
            f"mean {statistics.fmean(values) * 1000:.2f} ms"
        )
    duplicates = len(claimed) - len(set(claimed))
    print(f"tickets claimed: {len(claimed)}, claimed twice: {duplicates}, errors: {errors[:3]}")
    p99, base = pct(claims, 99), pct(reads, 99)
    print(f"queue_claim: {p99:.2f} ms (baseline {base:.2f} ms, ratio {p99 / base:.2f})")
    return 1 if duplicates or errors else 0
