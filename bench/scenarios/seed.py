"""seed: fill a PostgreSQL database with N realistic tickets (bench/realistic.py) and keep it.

``python -m bench seed --tickets 1000000 --database playerdesk_bench_1m`` then
``python -m bench search --database playerdesk_bench_1m`` (and queue_list,
supervisor_counts) measure on it without seeding again. Prints how long the load took.
"""

from __future__ import annotations

import argparse

from bench import lib
from bench.realistic import realistic_database


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench seed")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--database", default="playerdesk_bench_seed")
    args = parser.parse_args(argv)
    lib.ensure_postgres()
    lib.drop_database(args.database)
    with realistic_database(args.tickets, database=args.database):
        pass
    print(f"kept: {lib.PG_ADMIN_URL}/{args.database}")
    return 0
