"""A year of a four-brand casino's support in PostgreSQL: realistic tickets, fast.

``python -m bench seed --tickets N`` and the search and list scenarios use this. Every ticket
has a player of its brand, a subject and two to five messages in the player's language
(English or French, phrases from ``bench/corpus.py`` with games, amounts, payment methods,
error codes and bonus codes filled in), structured details (transaction id, bonus code, game,
error), a team from its category, and a status that follows its age as on a real floor: a few
weeks after opening nearly everything is closed, the last two weeks hold the new, open,
waiting and escalated ones. Ids grow with time, as they do.

Set-based SQL (``INSERT ... SELECT generate_series``), with the triggers that keep the search
index switched off while loading; the index is then built in one pass (``search/sql.py``'s
document functions) on two connections, and its GIN index created afterwards, which is many
times faster than maintaining it row by row.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from bench import corpus
from playerdesk.tickets.references import encode_number

ROOT = Path(__file__).resolve().parents[1]

CATEGORIES = """
  (0, 'account_access', 'frontline', 'high'), (1, 'security', 'security', 'high'),
  (2, 'payments', 'payments', 'normal'), (3, 'verification', 'verification', 'normal'),
  (4, 'bonus', 'promotions', 'normal'), (5, 'technical', 'technical', 'normal'),
  (6, 'responsible_gambling', 'responsible_gambling', 'high'), (7, 'general', 'frontline', 'low'),
  (8, 'payments', 'payments', 'high'), (9, 'general', 'frontline', 'normal'),
  (10, 'payments', 'payments', 'normal'), (11, 'technical', 'technical', 'normal'),
  (12, 'bonus', 'promotions', 'low'), (13, 'account_access', 'frontline', 'urgent'),
  (14, 'verification', 'verification', 'normal'), (15, 'general', 'frontline', 'normal')
"""

DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}

FIRST_NAMES = [
    "Alex", "Marie", "Jean", "Sophie", "Olivier", "Emma", "Liam", "Chloe", "William", "Lea",
    "Noah", "Camille", "Thomas", "Julie", "Gabriel", "Sarah", "Samuel", "Laurence", "Felix",
    "Megan", "Ethan", "Anne", "Nathan", "Isabelle", "Mathis", "Rosalie", "Jacob", "Florence",
    "Logan", "Maude",
]  # fmt: skip
LAST_NAMES = [
    "Tremblay", "Gagnon", "Roy", "Cote", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
    "Gagne", "Smith", "Brown", "Wilson", "Martin", "Taylor", "Campbell", "Anderson", "Leblanc",
    "Thompson", "Ouellet", "Pelletier", "Belanger", "Nguyen", "Singh", "Patel", "Chen", "Wong",
    "Li", "Kaur", "Lee",
]  # fmt: skip

# pg_temp.fill(text, i, lang): the corpus's placeholders replaced by values picked from i.
FILL = """
CREATE FUNCTION pg_temp.fill(t text, i bigint, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT replace(replace(replace(replace(replace(replace(replace(replace(t,
    '{game}', (%(games)s::text[])[1 + (i * 37) %% %(ngames)s]),
    '{amount}', (20 + (i * 53) %% 1980)::text),
    '{method}', (%(methods)s::text[])[1 + (i * 11) %% %(nmethods)s]),
    '{code}', (%(codes)s::text[])[1 + (i * 17) %% %(ncodes)s]),
    '{err}', 'ERR' || (1000 + (i * 7919) %% 40000)::text),
    '{bank}', (%(banks)s::text[])[1 + (i * 13) %% %(nbanks)s]),
    '{city}', (%(cities)s::text[])[1 + (i * 19) %% %(ncities)s]),
    '{day}', (CASE lang WHEN 'fr' THEN %(days_fr)s::text[] ELSE %(days_en)s::text[] END)
             [1 + (i * 3) %% 7])
$$;
"""

PLAYERS = """
INSERT INTO people_player
  (brand_id, external_id, username, email, name, preferred_language, created_at, updated_at,
   address, city, province, postal_code, country, email_failure)
SELECT b.ids[1 + i %% array_length(b.ids, 1)], 'P' || (100000000 + i),
       lower(f.n[1 + i %% array_length(f.n, 1)]) || '_' || i,
       lower(f.n[1 + i %% array_length(f.n, 1)]) || '.'
         || lower(l.n[1 + (i / 7) %% array_length(l.n, 1)]) || i || '@example.com',
       f.n[1 + i %% array_length(f.n, 1)] || ' ' || l.n[1 + (i / 7) %% array_length(l.n, 1)],
       CASE WHEN i %% 5 < 2 THEN 'fr' ELSE 'en' END,
       now() - interval '400 days', now() - interval '400 days',
       (1 + i %% 9000) || CASE WHEN i %% 5 < 2 THEN ' rue Principale' ELSE ' Main Street' END,
       CASE WHEN i %% 5 < 2 THEN 'Montréal' ELSE 'Toronto' END,
       CASE WHEN i %% 5 < 2 THEN 'QC' ELSE 'ON' END,
       CASE WHEN i %% 5 < 2 THEN 'H2X 1Y4' ELSE 'M5V 2T6' END, 'CA', ''
FROM generate_series(1, %(players)s) AS i,
     (SELECT array_agg(id ORDER BY id) AS ids FROM brands_brand) AS b,
     (SELECT %(first)s::text[] AS n) AS f, (SELECT %(last)s::text[] AS n) AS l
"""

# Ticket i of n opens at now - 365 days + i/n of a year: ids grow with time.
TICKETS = f"""
WITH cat(n, category, team_slug, priority) AS (VALUES {CATEGORIES}),
     c AS (SELECT cat.*, t.id AS team_id FROM cat JOIN people_team t ON t.slug = cat.team_slug),
     p0 AS (SELECT min(id) AS first FROM people_player WHERE external_id LIKE 'P1%%'),
     ag AS (SELECT array_agg(id ORDER BY id) AS ids FROM people_agentprofile),
     -- an assigned ticket's agent is one of its team's (claims and assignments stay in the
     -- team; one in a hundred kept its agent when its category moved it to another team)
     tag AS (SELECT m.team_id, array_agg(a.id ORDER BY a.id) AS ids
             FROM people_agentprofile_teams m
             JOIN people_agentprofile a ON a.id = m.agentprofile_id AND a.role = 'agent'
             GROUP BY m.team_id),
     src AS (
       SELECT i, c.*, p.id AS player_id, p.brand_id, p.preferred_language AS language,
              now() - interval '365 days'
                + make_interval(secs => (i::float8 / %(total)s) * 365 * 86400) AS created,
              (i * 2654435761) %% 1000 AS h
       FROM generate_series(%(start)s::bigint, %(stop)s::bigint) AS i
       JOIN c ON c.n = (i * 31) %% 16
       CROSS JOIN p0
       JOIN people_player p ON p.id = p0.first + (i * 48271) %% %(players)s
     ),
     aged AS (
       SELECT src.*,
         CASE WHEN created < now() - interval '14 days' THEN
                CASE WHEN h < 965 THEN 'closed' WHEN h < 980 THEN 'pending_player'
                     WHEN h < 990 THEN 'on_hold' WHEN h < 995 THEN 'escalated' ELSE 'open' END
              ELSE
                CASE WHEN h < 200 THEN 'new' WHEN h < 400 THEN 'open'
                     WHEN h < 550 THEN 'pending_player' WHEN h < 600 THEN 'escalated'
                     WHEN h < 650 THEN 'on_hold' WHEN h < 900 THEN 'resolved' ELSE 'closed' END
         END AS status
       FROM src
     )
INSERT INTO tickets_ticket
  (reference, brand_id, player_id, channel, subject, category, priority, status, language,
   team_id, assignee_id, fields, created_at, updated_at, first_response_at,
   last_player_message_at, resolved_at, closed_at, resolution_due_at, sla_target, sla_due_at,
   sla_state, queue_key, harm, triage)
SELECT (SELECT ticket_prefix FROM brands_brand b WHERE b.id = aged.brand_id) || '-'
         || left(codes.code, 4) || '-' || right(codes.code, 4), brand_id, player_id,
       (ARRAY['email', 'chat', 'form', 'member_area', 'email', 'chat', 'api'])[1 + i %% 7],
       left(pg_temp.fill(s.p_text, i, language), 255), category, priority, status, language,
       team_id,
       CASE WHEN status = 'new' THEN NULL
            WHEN i %% 100 = 0 THEN (SELECT ids[1 + (i * 7) %% array_length(ids, 1)] FROM ag)
            ELSE (SELECT ids[1 + (i * 7) %% array_length(ids, 1)] FROM tag
                  WHERE tag.team_id = aged.team_id) END,
       CASE category
         WHEN 'payments' THEN jsonb_build_object(
           'transaction_id', 'TX' || (700000000 + i), 'amount', (20 + (i * 53) %% 1980)::text,
           'currency', 'CAD', 'payment_method', pg_temp.fill('{{method}}', i, language))
         WHEN 'bonus' THEN jsonb_build_object('bonus_code', pg_temp.fill('{{code}}', i, language))
         WHEN 'technical' THEN jsonb_build_object(
           'game', pg_temp.fill('{{game}}', i, language),
           'error_message', pg_temp.fill('{{err}}', i, language),
           'device', (ARRAY['iPhone', 'Android', 'Windows PC', 'Mac'])[1 + i %% 4])
         ELSE '{{}}'::jsonb END,
       created, created + interval '2 hours',
       CASE WHEN status = 'new' THEN NULL ELSE created + interval '2 hours' END,
       created,
       CASE WHEN status IN ('resolved', 'closed') THEN created + interval '1 day' END,
       CASE WHEN status = 'closed' THEN created + interval '8 days' END,
       CASE WHEN status IN ('resolved', 'closed') THEN NULL ELSE created + interval '3 days' END,
       CASE WHEN status IN ('resolved', 'closed') THEN '' ELSE 'resolution' END,
       CASE WHEN status IN ('resolved', 'closed') THEN NULL ELSE created + interval '3 days' END,
       CASE WHEN status IN ('resolved', 'closed') THEN 'ok'
            WHEN created < now() - interval '3 days' THEN 'breached'
            WHEN created < now() - interval '58 hours' THEN 'at_risk' ELSE 'ok' END,
       (extract(epoch FROM created) - 1578286800)::bigint
         - CASE priority WHEN 'urgent' THEN 57600 WHEN 'high' THEN 28800
                         WHEN 'low' THEN -28800 ELSE 0 END,
       category = 'responsible_gambling', '{{}}'::jsonb
FROM aged
JOIN bench_phrase s ON s.p_lang = aged.language AND s.p_category = aged.category
  AND s.p_kind = 'subject' AND s.p_n = i %% s.p_count
JOIN unnest(%(codes)s::text[]) WITH ORDINALITY AS codes(code, k) ON codes.k = i - %(start)s + 1
"""

# Two to five messages a ticket: the player's, then the agent's and the player's in turn.
MESSAGES = """
INSERT INTO tickets_message
  (ticket_id, kind, body, author_agent_id, author_player_id, channel, created_at, client_id)
SELECT t.id, CASE WHEN k %% 2 = 1 THEN 'player' ELSE 'agent' END,
       '<p>' || pg_temp.fill(s.p_text, t.id + k, t.language) || '</p>',
       CASE WHEN k %% 2 = 0 THEN t.assignee_id END,
       CASE WHEN k %% 2 = 1 THEN t.player_id END,
       t.channel, t.created_at + make_interval(hours => (3 * (k - 1))::int), ''
FROM tickets_ticket t
CROSS JOIN LATERAL generate_series(1, 2 + (t.id * 7) %% 4) AS k
JOIN bench_phrase s ON s.p_lang = t.language AND s.p_category = t.category
  AND s.p_kind = CASE WHEN k = 1 THEN 'player' WHEN k %% 2 = 0 THEN 'agent' ELSE 'followup' END
  AND s.p_n = (t.id * 13 + k) %% s.p_count
WHERE t.id BETWEEN %(first)s AND %(last)s
"""

DOCUMENTS = """
INSERT INTO search_document (ticket_id, document)
SELECT t.id, playerdesk_ts_ticket(t) || coalesce(playerdesk_ts_body(t.language, m.text), '')
FROM tickets_ticket t
LEFT JOIN (SELECT ticket_id, string_agg(body, ' ' ORDER BY id) AS text FROM tickets_message
           WHERE ticket_id BETWEEN %(first)s AND %(last)s GROUP BY ticket_id) m
  ON m.ticket_id = t.id
WHERE t.id BETWEEN %(first)s AND %(last)s
"""


def _phrases(conn: psycopg.Connection) -> None:
    conn.execute(
        "CREATE TEMP TABLE bench_phrase (p_lang text, p_category text, p_kind text, p_n int, "
        "p_count int, p_text text)"
    )
    rows = []
    for lang, categories in corpus.PHRASES.items():
        for category, kinds in categories.items():
            for kind, texts in kinds.items():
                rows += [(lang, category, kind, n, len(texts), t) for n, t in enumerate(texts)]
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO bench_phrase VALUES (%s, %s, %s, %s, %s, %s)", rows)
    conn.execute("CREATE INDEX ON bench_phrase (p_lang, p_category, p_kind, p_n)")
    conn.execute("ANALYZE bench_phrase")
    params: dict[str, Any] = {
        "games": list(corpus.GAMES),
        "methods": list(corpus.METHODS),
        "codes": list(corpus.BONUS_CODES),
        "banks": list(corpus.BANKS),
        "cities": list(corpus.CITIES),
        "days_en": list(DAYS["en"]),
        "days_fr": list(DAYS["fr"]),
    }
    # A SQL function body cannot take parameters: the arrays go in as literals.
    literal = {k: sql.Literal(vals).as_string(conn) for k, vals in params.items()}
    counts = {
        "ngames": len(corpus.GAMES),
        "nmethods": len(corpus.METHODS),
        "ncodes": len(corpus.BONUS_CODES),
        "nbanks": len(corpus.BANKS),
        "ncities": len(corpus.CITIES),
    }
    conn.execute((FILL % {**literal, **counts}).encode())


def _parallel(url: str, sql: str, total_first: int, total_last: int, workers: int = 2) -> None:
    """Run ``sql`` over id ranges on ``workers`` connections at once (triggers off)."""
    step = max(1, (total_last - total_first + workers) // workers)
    errors: list[BaseException] = []

    def run(first: int, last: int) -> None:
        try:
            with psycopg.connect(url) as conn:
                conn.execute("SET session_replication_role = replica")
                conn.execute("SET work_mem = '256MB'")
                _phrases(conn)
                chunk = 50_000
                for a in range(first, last + 1, chunk):
                    conn.execute(sql, {"first": a, "last": min(last, a + chunk - 1)})
                    conn.commit()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(a, min(total_last, a + step - 1)))
        for a in range(total_first, total_last + 1, step)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def seed_realistic(url: str, tickets: int, *, log: Any = print) -> float:
    """Insert ``tickets`` realistic tickets (a player for every four), their messages and
    their search documents; returns the seconds taken."""
    started = time.perf_counter()
    players = max(1, tickets // 4)
    with psycopg.connect(url) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute(
            PLAYERS,
            {"players": players, "first": list(FIRST_NAMES), "last": list(LAST_NAMES)},
        )
        conn.commit()
        _phrases(conn)
        before = conn.execute("SELECT coalesce(max(id), 0) FROM tickets_ticket").fetchone()[0]
        chunk = 100_000
        for start in range(1, tickets + 1, chunk):
            stop = min(tickets, start + chunk - 1)
            # Real references (the installation's rules, a bench key), numbered past any
            # that numbering hands out.
            codes = [encode_number(10**9 + i, b"bench") for i in range(start, stop + 1)]
            conn.execute(
                TICKETS,
                {
                    "start": start,
                    "stop": stop,
                    "players": players,
                    "total": tickets,
                    "codes": codes,
                },
            )
            conn.commit()
        first, last = conn.execute(
            "SELECT min(id), max(id) FROM tickets_ticket WHERE id > %s", [before]
        ).fetchone()
        log(f"  tickets: {time.perf_counter() - started:.0f} s")
    _parallel(url, MESSAGES, first, last)
    log(f"  messages: {time.perf_counter() - started:.0f} s")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP INDEX IF EXISTS search_document_gin")
    _parallel(url, DOCUMENTS, first, last)
    log(f"  search documents: {time.perf_counter() - started:.0f} s")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("CREATE INDEX search_document_gin ON search_document USING gin (document)")
        log(f"  search index: {time.perf_counter() - started:.0f} s")
        # As a database that has been running: hint bits and visibility map set, statistics
        # current, the writes checkpointed.
        conn.execute("VACUUM ANALYZE")
        conn.execute("CHECKPOINT")
    return time.perf_counter() - started


# Agents as on a real floor (most in frontline, specialists per team, a third English only),
# and a supervisor of every brand.
SETUP = """
from playerdesk.demo.load import load_configuration
from playerdesk.people.actions import create_agent
from playerdesk.people.models import Team
brands = list(load_configuration().values())
teams = {t.slug: t for t in Team.objects.all()}
plan = (["frontline"] * 12 + ["payments"] * 6 + ["technical"] * 4 + ["security"] * 3
        + ["verification"] * 3 + ["promotions"] * 2 + ["responsible_gambling"] * 2)
for i, slug in enumerate(plan):
    create_agent(username=f"agent{i:02d}", password="x", display_name=f"Agent {i}",
                 role="agent", languages=["en"] if i % 3 == 0 else ["en", "fr"],
                 brands=brands, teams=[teams[slug]])
create_agent(username="supervisor", password="x", display_name="Supervisor", role="supervisor",
             languages=["en", "fr"], brands=brands, teams=list(teams.values()))
"""


@contextlib.contextmanager
def realistic_database(
    tickets: int, *, database: str | None = None, keep: bool = False
) -> Iterator[dict[str, str]]:
    """The environment of a playerdesk process on a database of ``tickets`` realistic tickets.

    With ``database``: that database if it already holds tickets (made by ``python -m bench
    seed --database NAME``), else it is made and kept. Without: a fresh one, dropped after
    unless ``keep``."""
    from bench import lib

    name = database or "playerdesk_bench_realistic"
    url = f"{lib.PG_ADMIN_URL}/{name}"
    reuse = database is not None and _has_tickets(url)
    if not reuse:
        url = lib.fresh_database(name)
    try:
        with lib.temp_home() as home:
            env = lib.playerdesk_env(home, url)
            env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
            if reuse:
                count = _count(url)
                print(f"database {name}: {count:,} tickets (made before)")
            else:
                lib.playerdesk(env, "migrate", "--verbosity", "0")
                lib.playerdesk(env, "shell", "-c", SETUP)
                took = seed_realistic(url, tickets)
                print(f"seeded {_count(url):,} tickets with their messages in {took:.0f} s")
            yield env
    finally:
        if not (keep or database):
            lib.drop_database(name)


def _has_tickets(url: str) -> bool:
    try:
        return _count(url) > 0
    except psycopg.Error:
        return False


def _count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM tickets_ticket").fetchone()[0]
