"""sla_sweep: one run of the response-target sweep over 1,000,000 open tickets on PostgreSQL.

The tickets' next checks spread over the coming two days, with ``--due-share`` (1% by default,
10,000 tickets: far more than the 30 s between two sweeps brings) due now. The sweep marks them
at risk or breached, with their events, in batches. Baseline: counting the open tickets, one
pass over them, in the same run. A second sweep right after finds only what fell due meanwhile.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from bench import lib
from bench.seed import seed

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
from playerdesk.demo.load import load_configuration
load_configuration()
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench sla_sweep")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--due-share", type=float, default=0.01)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)

    db = "playerdesk_bench_sweep"
    url = lib.fresh_database(db)
    try:
        with lib.temp_home() as home:
            env = lib.playerdesk_env(home, url)
            env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
            lib.playerdesk(env, "migrate", "--verbosity", "0")
            lib.playerdesk(env, "shell", "-c", SETUP)
            import psycopg

            with psycopg.connect(url) as conn:
                took = seed(conn, args.tickets, due_share=args.due_share)
            print(f"seeded {args.tickets:,} open tickets in {took:.1f} s")
            out = subprocess.run(
                [sys.executable, "-m", "bench.sweeper"],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                raise SystemExit("the sweep failed:\n" + out.stderr)
            r = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        if not args.keep:
            lib.drop_database(db)
    print(f"baseline: counted {r['open']:,} open tickets in {r['baseline']:.3f} s")
    print(
        f"sweep: {r['at_risk']:,} at risk and {r['breached']:,} breached, with their events, "
        f"in {r['sweep']:.3f} s; a second sweep right after (what fell due meanwhile): "
        f"{r['second_changes']} changes in {r['second']:.3f} s"
    )
    ratio = r["sweep"] / r["baseline"] if r["baseline"] else float("nan")
    print(f"sla_sweep: {r['sweep']:.3f} s (baseline {r['baseline']:.3f} s, ratio {ratio:.2f})")
    return 0
