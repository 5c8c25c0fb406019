"""clearance: playerdesk serve on PostgreSQL with 100,000 players of one brand, each in a state
of verification (approved, under review, documents requested, refused, none yet); concurrent
clients ask ``GET /api/v1/players/{id}/clearance?action=withdrawal|bonus`` for random players.
Printed: clearance requests/s, p50 and p99. Baseline: the same clients against /healthz of the
same server in the same run, the two loads alternating in slices."""

from __future__ import annotations

import argparse
import random

from bench import lib


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench clearance")
    parser.add_argument("--players", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--baseline-seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    parser.add_argument(
        "--reads-only",
        action="store_true",
        help="every player has a case that the call only reads (no case opened by a call)",
    )
    args = parser.parse_args(argv)

    db = "playerdesk_bench_clearance"
    url = lib.fresh_database(db)
    try:
        with lib.temp_home() as home:
            extra = {"REDIS_URL": args.redis} if args.workers > 1 else {}
            env = lib.playerdesk_env(home, url, **extra)
            lib.playerdesk(env, "migrate", "--verbosity", "0")
            setup = SETUP.replace("PLAYERS", str(args.players))
            if args.reads_only:
                setup = setup.replace("'rejected','expired'", "'rejected','approved'").replace(
                    "(p.id %% 20) <> 7", "TRUE"
                )
            out = lib.playerdesk(env, "shell", "-c", setup)
            key = out.strip().splitlines()[-1]
            print(out.strip().splitlines()[0])
            players = args.players

            def clearance(client: int, seq: int) -> tuple[str, str, bytes]:
                rng = random.Random(client * 1_000_003 + seq)
                action = "bonus" if seq % 4 == 0 else "withdrawal"
                player = rng.randrange(players)
                return "GET", f"/api/v1/players/bench-{player}/clearance?action={action}", b""

            with lib.server(env, "--workers", str(args.workers)) as base:
                print(f"server: {base}, {args.workers} worker process(es), PostgreSQL")
                headers = {"Authorization": f"Bearer {key}"}
                lib.run_load(
                    base, "warm-up", clearance, clients=args.clients, seconds=3, headers=headers
                )
                baseline, measured = lib.alternate(
                    base,
                    "GET /api/v1/players/{id}/clearance",
                    clearance,
                    clients=args.clients,
                    seconds=args.seconds,
                    baseline_seconds=args.baseline_seconds,
                    rounds=args.rounds,
                    headers=headers,
                )
                print(baseline.describe())
                print(measured.describe("clearances/s"))
            print(
                f"clearance: {measured.rate:.1f} requests/s, p99 {measured.percentile(99):.2f} ms "
                f"(baseline /healthz {baseline.rate:.1f} requests/s, "
                f"p99 {baseline.percentile(99):.2f} ms)"
            )
            return 0 if not measured.errors else 1
    finally:
        lib.drop_database(db)


# 100,000 players of Playamo (withdrawals and bonuses held), written by SQL in a few seconds:
# half approved with a valid photo ID, the rest under review, waiting for documents, refused,
# expired, or never asked (the first call for those opens a case, as in production).
SETUP = """
from django.db import connection
from playerdesk.demo.load import load_configuration
from playerdesk.brands.actions import create_api_key
brands = load_configuration()
brand = brands["playamo"]
n = PLAYERS
with connection.cursor() as c:
    c.execute(
        "INSERT INTO people_player (brand_id, external_id, username, email, name, "
        "preferred_language, created_at, updated_at, date_of_birth, address, city, province, "
        "postal_code, country) SELECT %s, 'bench-' || i, '', 'p' || i || '@example.com', "
        "'Player ' || i, CASE WHEN i %% 3 = 0 THEN 'fr' ELSE 'en' END, now(), now(), "
        "DATE '1990-01-01', '', '', 'ON', '', 'CA' FROM generate_series(0, %s - 1) i",
        [brand.pk, n],
    )
    c.execute(
        "INSERT INTO kyc_verificationcase (reference, brand_id, player_id, trigger, status, "
        "required, opened_at, updated_at, decision_reason, identification, valid_until, "
        "respond_by) SELECT 'KYC-B' || p.id, p.brand_id, p.id, 'first_withdrawal', "
        "(ARRAY['approved','approved','approved','approved','approved','under_review',"
        "'submitted','requested','rejected','expired'])[1 + (p.id %% 10)], "
        "'[\\"photo_id\\", \\"proof_of_address\\"]', now(), now(), '', '{}', "
        "DATE '2031-01-01', now() + interval '30 days' "
        "FROM people_player p WHERE p.brand_id = %s AND (p.id %% 20) <> 7",
        [brand.pk],
    )
    c.execute("ANALYZE people_player")
    c.execute("ANALYZE kyc_verificationcase")
    c.execute("SELECT count(*) FROM kyc_verificationcase")
    cases = c.fetchone()[0]
print(f"seeded {n:,} players of {brand.slug}, {cases:,} verification cases")
print(create_api_key(brand=brand, name="bench"))
"""
