"""ticket_intake: playerdesk serve on PostgreSQL, 16 concurrent clients creating tickets through
the API for 30 s; tickets/s, p50 and p99. Baseline: the same clients against /healthz of the
same server in the same run, the two loads alternating in slices (6 by default)."""

from __future__ import annotations

import argparse
import json

from bench import lib


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench ticket_intake")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--baseline-seconds", type=float, default=10)
    parser.add_argument(
        "--rounds", type=int, default=6, help="baseline and intake alternate in this many slices"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="playerdesk serve --workers (above 1 uses Redis for chat)",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    parser.add_argument(
        "--threads", type=int, default=None, help="PLAYERDESK_HTTP_THREADS of the server"
    )
    args = parser.parse_args(argv)

    db = "playerdesk_bench_intake"
    url = lib.fresh_database(db)
    try:
        with lib.temp_home() as home:
            extra = {"REDIS_URL": args.redis} if args.workers > 1 else {}
            if args.threads:
                extra["PLAYERDESK_HTTP_THREADS"] = str(args.threads)
            env = lib.playerdesk_env(home, url, **extra)
            lib.playerdesk(env, "migrate", "--verbosity", "0")
            key = lib.playerdesk(env, "shell", "-c", SETUP).strip().splitlines()[-1]
            with lib.server(env, "--workers", str(args.workers)) as base:
                print(f"server: {base}, {args.workers} worker process(es), PostgreSQL")
                headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
                lib.run_load(
                    base,
                    "warm-up",
                    ticket_request,
                    clients=args.clients,
                    seconds=3,
                    headers=headers,
                    expect=201,
                )
                # Interleaved slices, so that whatever else the machine does weighs on both.
                baseline, intake = lib.alternate(
                    base,
                    "POST /api/v1/tickets",
                    ticket_request,
                    clients=args.clients,
                    seconds=args.seconds,
                    baseline_seconds=args.baseline_seconds,
                    rounds=args.rounds,
                    headers=headers,
                    expect=201,
                )
                print(baseline.describe())
                print(intake.describe("tickets/s"))
            ratio = intake.rate / baseline.rate if baseline.rate else 0
            print(f"tickets/s as a share of the /healthz baseline: {ratio:.0%}")
            print(
                lib.final_line(
                    "ticket_intake", intake.rate, "tickets/s", baseline.rate, "requests/s"
                )
            )
            return 0 if not intake.errors else 1
    finally:
        lib.drop_database(db)


SETUP = """
from playerdesk.demo.load import load_configuration
from playerdesk.brands.actions import create_api_key
brands = load_configuration()
print(create_api_key(brand=brands["playamo"], name="bench"))
"""

CATEGORIES = ["payments", "account_access", "technical", "bonus", "general", None]


def ticket_request(client: int, seq: int) -> tuple[str, str, bytes]:
    body = {
        "player": {
            "external_id": f"bench-{client}-{seq % 50}",
            "email": f"p{client}-{seq % 50}@example.com",
            "language": "fr" if (seq % 50) % 3 == 0 else "en",
        },
        "channel": "api",
        "subject": f"Withdrawal {seq} still pending",
        "body": "I requested a withdrawal of 250 CAD by Interac three days ago and it is still "
        "pending. The transaction id is TX-88213907. Can you check what is happening?",
        "category": CATEGORIES[seq % len(CATEGORIES)],
        "fields": {"transaction_id": f"TX-{client:02d}{seq:07d}", "amount": "250.00"},
    }
    return "POST", "/api/v1/tickets", json.dumps(body).encode()
