"""Many realistic tickets in PostgreSQL, fast: set-based INSERT ... SELECT generate_series.

The brands, teams and routing come from the demo configuration (``load_configuration``); the
tickets spread over the four brands, both languages, every category (with its team and usual
priority) and the last 90 days. They are written directly, not through the actions: this is
volume for measuring reads and sweeps, not a test of the write path.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CATEGORIES = """
  (0, 'account_access', 'frontline', 'high'), (1, 'security', 'security', 'high'),
  (2, 'payments', 'payments', 'normal'), (3, 'verification', 'verification', 'normal'),
  (4, 'bonus', 'promotions', 'normal'), (5, 'technical', 'technical', 'normal'),
  (6, 'responsible_gambling', 'responsible_gambling', 'high'), (7, 'general', 'frontline', 'low'),
  (8, 'payments', 'payments', 'high'), (9, 'general', 'frontline', 'normal')
"""

PLAYERS = """
INSERT INTO people_player
  (brand_id, external_id, username, email, name, preferred_language, created_at, updated_at,
   address, city, province, postal_code, country, email_failure)
SELECT b.ids[1 + i %% array_length(b.ids, 1)], 'seed-' || i, 'player' || i,
       'player' || i || '@example.com', 'Player ' || i,
       CASE WHEN i %% 5 < 2 THEN 'fr' ELSE 'en' END, now(), now(),
       i || ' Main Street', 'Toronto', 'ON', 'M5V 2T6', 'CA', ''
FROM generate_series(1, %(players)s) AS i,
     (SELECT array_agg(id ORDER BY id) AS ids FROM brands_brand) AS b
"""

# Head starts of docs/queue.md, in seconds; business time approximated by calendar time here.
TICKETS = f"""
WITH cat(n, category, team_slug, priority) AS (VALUES {CATEGORIES}),
     c AS (SELECT cat.*, t.id AS team_id FROM cat JOIN people_team t ON t.slug = cat.team_slug),
     p0 AS (SELECT min(id) AS first FROM people_player WHERE external_id LIKE 'seed-%%'),
     src AS (
       SELECT i, c.*, p.id AS player_id, p.brand_id, p.preferred_language AS language,
              now() - make_interval(secs => (i * 7919) %% (90 * 86400)) AS created
       FROM generate_series(%(start)s::bigint, %(stop)s::bigint) AS i
       -- a category independent of the player (hence of the brand and the language)
       JOIN c ON c.n = (i * 2654435761 %% 1000003) %% 10
       CROSS JOIN p0
       JOIN people_player p ON p.id = p0.first + i %% %(players)s
     )
INSERT INTO tickets_ticket
  (reference, brand_id, player_id, channel, subject, category, priority, status, language,
   team_id, fields, created_at, updated_at, last_player_message_at,
   resolution_due_at, resolution_risk_at, sla_target, sla_due_at, sla_state, sla_check_at,
   queue_key, harm, triage)
SELECT 'SEED-' || lpad(i::text, 9, '0'), brand_id, player_id,
       (ARRAY['email', 'chat', 'api', 'form'])[1 + i %% 4],
       CASE WHEN language = 'fr' THEN 'Retrait en attente ' ELSE 'Withdrawal pending ' END || i,
       category, priority,
       (ARRAY['new', 'open', 'escalated', 'new', 'open'])[1 + i %% 5],
       language, team_id, '{{}}'::jsonb, created, created, created,
       -- the sweep's checks: a share due now (half of it past due), the rest later
       now() + make_interval(secs => 172800), now() + make_interval(secs => 100000),
       'resolution',
       CASE WHEN i %% (2 * %(due_every)s) = 0 THEN now() - interval '1 minute'
            ELSE now() + make_interval(secs => 172800) END,
       'ok',
       CASE WHEN i %% %(due_every)s = 0 THEN now() - interval '1 second'
            ELSE now() + make_interval(secs => 1 + (i * 7919) %% 172800) END,
       (extract(epoch FROM created) - 1578286800)::bigint
         - CASE priority WHEN 'urgent' THEN 57600 WHEN 'high' THEN 28800
                         WHEN 'low' THEN -28800 ELSE 0 END,
       category = 'responsible_gambling', '{{}}'::jsonb
FROM src
"""


def seed(conn: Any, tickets: int, *, due_share: float = 0.01, chunk: int = 200_000) -> float:
    """Insert ``tickets`` open tickets (and a player for every five); returns the seconds taken.

    ``due_share`` of them have their response-target check due now (the sweep's work).
    """
    started = time.perf_counter()
    players = max(1, tickets // 5)
    due_every = max(1, round(1 / due_share)) if due_share > 0 else tickets + 1
    conn.execute(PLAYERS, {"players": players})
    for start in range(1, tickets + 1, chunk):
        stop = min(tickets, start + chunk - 1)
        conn.execute(
            TICKETS, {"start": start, "stop": stop, "players": players, "due_every": due_every}
        )
        conn.commit()
    # As a database that has been running: hint bits and visibility map set, statistics
    # current, the seeding's writes checkpointed (else the first minutes pay for them).
    conn.commit()
    conn.autocommit = True
    conn.execute("VACUUM ANALYZE")
    conn.execute("CHECKPOINT")
    conn.autocommit = False
    return time.perf_counter() - started


ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def seeded_database(
    name: str,
    tickets: int,
    setup: str,
    *,
    due_share: float = 0.01,
    keep: bool = False,
    **env_extra: str,
) -> Iterator[dict[str, str]]:
    """A fresh PostgreSQL database ``name``, migrated, ``setup`` run in ``playerdesk shell``,
    ``tickets`` seeded; yields the environment of a playerdesk process on it (with this
    repository importable, for the scenarios' helper processes). Dropped afterwards unless
    ``keep``."""
    from bench import lib

    url = lib.fresh_database(name)
    try:
        with lib.temp_home() as home:
            env = lib.playerdesk_env(home, url, **env_extra)
            env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
            lib.playerdesk(env, "migrate", "--verbosity", "0")
            lib.playerdesk(env, "shell", "-c", setup)
            import psycopg

            with psycopg.connect(url) as conn:
                took = seed(conn, tickets, due_share=due_share)
            print(f"seeded {tickets:,} open tickets in {took:.1f} s")
            yield env
    finally:
        if not keep:
            lib.drop_database(name)
