"""queue_list: the first page (50 rows) of a team's open queue in queue order, at 1,000,000
realistic tickets on PostgreSQL, by each team's agents; also "my tickets", the default queue
and a player's history. Baseline: a primary-key read of one ticket in the same run. Target:
p95 at most 20 ms.

``--database NAME`` measures on a database made by ``python -m bench seed``.
"""

from __future__ import annotations

from bench.readers import run_scenario


def main(argv: list[str]) -> int:
    return run_scenario(argv, "queue_list", "team", 20)
