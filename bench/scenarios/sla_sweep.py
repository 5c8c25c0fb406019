"""sla_sweep: one run of the response-target sweep over 1,000,000 open tickets on PostgreSQL.

The tickets' next checks spread over the coming two days, with ``--due-share`` (1% by default,
10,000 tickets: far more than the 30 s between two sweeps brings) due now. The sweep marks them
at risk or breached, with their events, in batches. Baseline: counting the open tickets, one
pass over them, in the same run. A second sweep right after finds only what fell due meanwhile.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from bench.seed import ROOT, seeded_database

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

    with seeded_database(
        "playerdesk_bench_sweep", args.tickets, SETUP, due_share=args.due_share, keep=args.keep
    ) as env:
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
    print(f"baseline: counted {r['open']:,} open tickets in {r['baseline']:.3f} s")
    print(
        f"sweep: {r['at_risk']:,} at risk and {r['breached']:,} breached, with their events, "
        f"in {r['sweep']:.3f} s; a second sweep right after (what fell due meanwhile): "
        f"{r['second_changes']} changes in {r['second']:.3f} s"
    )
    ratio = r["sweep"] / r["baseline"] if r["baseline"] else float("nan")
    print(f"sla_sweep: {r['sweep']:.3f} s (baseline {r['baseline']:.3f} s, ratio {ratio:.2f})")
    return 0
