"""supervisor_counts: the supervision page's counts (unresolved, waiting, at risk and breached
tickets per team and brand) for a supervisor of every brand, at 1,000,000 realistic tickets on
PostgreSQL. Baseline: a primary-key read of one ticket in the same run. Target: at most 200 ms.

``--database NAME`` measures on a database made by ``python -m bench seed``.
"""

from __future__ import annotations

from bench.readers import run_scenario


def main(argv: list[str]) -> int:
    return run_scenario(argv, "supervisor_counts", "counts", 200)
