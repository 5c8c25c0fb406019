"""Reads for the search, queue_list and supervisor_counts scenarios: ``python -m bench.readers
WHAT`` with the bench database's environment; one JSON line of latencies (seconds) per kind.

Calls the functions behind the console and the API (``search.queries.search``,
``tickets.selectors.queue_page``, ``tickets.selectors.backlog``), one at a time, in one
process whose connection and caches are warm, as in a server; the baseline, in the same run,
reads one ticket by primary key through the ORM.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from typing import Any

COMMON = [
    "withdrawal", "retrait", "bonus", "account", "compte", "deposit", "dépôt", "password",
    "mot de passe", "verification", "vérifié", "documents", "limit", "pending", "en attente",
]  # fmt: skip
TWO_WORDS = ["withdrawal pending", "retrait Interac", "bonus code", "compte bloqué"]


def pct(values: list[float], p: float) -> float:
    """The ``p``-th percentile of latencies in seconds, in milliseconds."""
    data = sorted(values)
    return data[min(len(data) - 1, round(p / 100 * (len(data) - 1)))] * 1000 if data else 0.0


def describe(name: str, values: list[float]) -> str:
    return (
        f"{name}: {len(values)} calls, p50 {pct(values, 50):.2f} ms, p95 {pct(values, 95):.2f} ms,"
        f" p99 {pct(values, 99):.2f} ms, max {pct(values, 100):.2f} ms"
    )


def run_scenario(argv: list[str], what: str, main_kind: str, target_ms: float) -> int:
    """Parse a scenario's options, make or reuse the database, read, print; the last line
    holds the p95 of ``main_kind`` first, then the baseline's."""
    import subprocess

    from bench.realistic import ROOT, realistic_database

    parser = argparse.ArgumentParser(prog=f"python -m bench {what}")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--database", help="a database made by python -m bench seed (reused, kept)")
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    with realistic_database(args.tickets, database=args.database, keep=args.keep) as env:
        done = subprocess.run(
            [sys.executable, "-m", "bench.readers", what, "--calls", str(args.calls)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode:
        print(done.stderr[-3000:], file=sys.stderr)
        return 1
    out = json.loads(done.stdout.strip().splitlines()[-1])
    for name, values in out.items():
        print(describe(name, values))
    figure, base = pct(out[main_kind], 95), pct(out["baseline"], 95)
    verdict = "within" if figure <= target_ms else "over"
    print(
        f"{what}: {figure:.2f} ms p95 ({verdict} the {target_ms:.0f} ms target; "
        f"baseline primary-key read p95 {base:.2f} ms, ratio {figure / base:.1f})"
    )
    return 0


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["search", "queue_list", "supervisor_counts"])
    parser.add_argument("--calls", type=int, default=400)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playerdesk.settings")
    import django

    django.setup()
    from django.db import connection

    from playerdesk.people.models import AgentProfile, Player
    from playerdesk.search.queries import Filters, search
    from playerdesk.tickets import selectors
    from playerdesk.tickets.access import scope_of
    from playerdesk.tickets.models import Ticket

    rng = random.Random(7)
    with connection.cursor() as cur:
        cur.execute("SELECT min(id), max(id) FROM tickets_ticket")
        low, high = cur.fetchone()

    def sample_tickets(n: int, where: str = "TRUE") -> list[Ticket]:
        ids = [rng.randint(low, high) for _ in range(n * 20)]
        found = list(Ticket.objects.filter(id__in=ids).extra(where=[where])[:n])
        return found

    def pk_read() -> None:
        Ticket.objects.get(pk=rng.randint(low, high))

    supervisor = AgentProfile.objects.get(user__username="supervisor")
    agents = list(AgentProfile.objects.filter(role="agent").prefetch_related("teams"))
    out: dict[str, list[float]] = {"baseline": []}

    if args.what == "search":
        sample = sample_tickets(200)
        payments = sample_tickets(100, "fields ? 'transaction_id'")
        bonus = sample_tickets(100, "fields ? 'bonus_code'")
        technical = sample_tickets(100, "fields ? 'error_message'")
        players = list(Player.objects.filter(id__in=[t.player_id for t in sample]))
        exact = (
            [t.reference.lower().replace("-", " ") for t in sample[:60]]
            + [p.email.upper() for p in players[:40]]
            + [p.username for p in players[40:70]]
            + [p.external_id for p in players[70:100]]
            + [t.fields["transaction_id"] for t in payments[:50]]
            + [t.fields["bonus_code"] for t in bonus[:20]]
        )
        rare = (
            [t.fields["error_message"] for t in technical[:60]]
            + [t.fields["game"] for t in technical[60:100]]
            + [f"{t.fields['game']} {t.fields['error_message']}" for t in technical[:20]]
        )
        common = COMMON + TWO_WORDS
        kinds = {"exact": exact, "rare": rare, "common": common}
        plan = ["common"] * 4 + ["rare"] * 3 + ["exact"] * 3
        scopes = [scope_of(supervisor)] + [scope_of(a) for a in agents[:12]]
        filters = [Filters(), Filters(), Filters(status="active"), Filters(language="fr")]
        for name in kinds:
            out[name] = []
        out["all"] = []
        # warm-up: plans, caches, the index's pages
        for q in common + rare[:20] + exact[:20]:
            search(scopes[0], q)
        for i in range(args.calls):
            kind = plan[i % len(plan)]
            q = rng.choice(kinds[kind])
            scope = scopes[i % len(scopes)] if i % 3 else scopes[0]
            f = filters[i % len(filters)] if kind != "exact" else Filters()
            took = timed(lambda q=q, scope=scope, f=f: search(scope, q, f))
            out[kind].append(took)
            out["all"].append(took)
            out["baseline"].append(timed(pk_read))
    elif args.what == "queue_list":
        out.update({"team": [], "mine": [], "player_history": [], "default": []})
        team_agents = [(a, t.slug) for a in agents for t in a.teams.all()]
        players = list(Player.objects.filter(id__in=[t.player_id for t in sample_tickets(100)]))
        for _ in range(20):
            a, slug = rng.choice(team_agents)
            selectors.queue_page(a, {"team": slug})
        for i in range(args.calls):
            a, slug = team_agents[i % len(team_agents)]
            out["team"].append(
                timed(lambda a=a, slug=slug: selectors.queue_page(a, {"team": slug}))
            )
            if i % 4 == 0:
                out["mine"].append(timed(lambda a=a: selectors.queue_page(a, {"mine": True})))
                out["default"].append(timed(lambda a=a: selectors.queue_page(a, {})))
                p = rng.choice(players)
                out["player_history"].append(timed(lambda a=a, p=p: selectors.player_history(a, p)))
            out["baseline"].append(timed(pk_read))
    else:
        out["counts"] = []
        selectors.backlog(supervisor)
        for _ in range(max(20, args.calls // 10)):
            out["counts"].append(timed(lambda: selectors.backlog(supervisor)))
            out["baseline"].append(timed(pk_read))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
