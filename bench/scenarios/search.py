"""search: agents' search at 1,000,000 realistic tickets on PostgreSQL; p95 of a mix of common
words, rare words and exact look-ups (references, emails, usernames, platform ids, transaction
ids, bonus codes), by a supervisor of every brand and by team agents, some with filters.
Baseline: a primary-key read of one ticket in the same run. Target: p95 at most 50 ms.

``--database NAME`` measures on a database made by ``python -m bench seed``.
"""

from __future__ import annotations

from bench.readers import run_scenario


def main(argv: list[str]) -> int:
    return run_scenario(argv, "search", "all", 50)
