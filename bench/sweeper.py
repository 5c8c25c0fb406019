"""For the sla_sweep scenario: run in a process of its own with the bench database's
environment (``python -m bench.sweeper``); prints one JSON line.

Times one run of the response-target sweep (``tickets.sweeps.sweep_response_targets``, what the
periodic task runs) and, as the baseline, a count of the open tickets (one pass over them).
"""

from __future__ import annotations

import json
import os
import time


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playerdesk.settings")
    import django

    django.setup()
    from playerdesk.tickets.models import Ticket
    from playerdesk.tickets.selectors import OPEN_STATUSES
    from playerdesk.tickets.sweeps import sweep_response_targets

    Ticket.objects.filter(pk=1).exists()  # connect first
    started = time.perf_counter()
    open_tickets = Ticket.objects.filter(status__in=OPEN_STATUSES).count()
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    result = sweep_response_targets()
    sweep = time.perf_counter() - started
    started = time.perf_counter()
    again = sweep_response_targets()
    second = time.perf_counter() - started
    print(
        json.dumps(
            {
                "open": open_tickets,
                "baseline": baseline,
                "sweep": sweep,
                "at_risk": result.at_risk,
                "breached": result.breached,
                "second": second,
                "second_changes": again.at_risk + again.breached,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
