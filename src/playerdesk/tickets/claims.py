"""Taking the next waiting ticket: the write behind "Next ticket" (routing/queue.py decides who
may take what; this module takes it).

Candidates are the unassigned tickets waiting in the agent's teams (new, open, escalated), of
their brands and languages, in queue order (``queue_key``, then id). The row taken is locked
with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so concurrent claimers pass over each other's
rows instead of waiting; on SQLite a write transaction holds the database's write lock from its
start, so claims run one after another. Either way a ticket goes to one agent only.

On PostgreSQL one statement reads the first few rows of each of the agent's queues (a queue is
a team, a brand and a language: the queue index's prefix) without locking them, locks the best
of them that no one else holds (``FOR UPDATE SKIP LOCKED``, rechecked against the row's latest
version), assigns it and records it (the "assigned" event, and the status event when a new
ticket opens). Only the row taken is locked. When every row read is being taken by others, the
statement runs again reading deeper. "Next ticket" is what a busy floor does all day: a claim
reads only rows the agent may take, however long the other queues are. The status a claimed
ticket moves to comes from the lifecycle table, as for ``actions.assign``; the ticket's
columns returned come from the model. The event table's columns are named in the SQL: the
PostgreSQL test suite runs it.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _
from psycopg.types.json import Jsonb

from playerdesk.lib import clock
from playerdesk.lib.db import execute_prepared
from playerdesk.people.models import AgentProfile
from playerdesk.tickets.actions import Actor, DomainError, _event, _push, _write_events
from playerdesk.tickets.lifecycle import check_action
from playerdesk.tickets.models import CLAIMABLE_STATUSES, OPEN_STATUSES, EventType, Ticket

# The status each claimable status moves to when an agent takes the ticket (lifecycle table).
_STATUS_AFTER_TAKING = {s: check_action("assign", s) for s in CLAIMABLE_STATUSES}

# An agent's load: tickets assigned to them that still need them.
HELD_STATUSES = OPEN_STATUSES

_RETURNED = list(Ticket._meta.concrete_fields)
_TAKE_SQL = """
WITH queues AS (
  SELECT at.TEAM_COL AS team, ab.BRAND_COL AS brand, lg.code AS lang
  FROM AGENT_TEAMS AS at
  JOIN AGENT_BRANDS AS ab ON ab.AGENT_OF_BRANDS = at.AGENT_OF_TEAMS
  CROSS JOIN unnest(%(languages)s::text[]) AS lg(code)
  WHERE at.AGENT_OF_TEAMS = %(agent)s
),
held AS (
  SELECT count(*) AS n FROM (
    SELECT 1 FROM tickets_ticket
    WHERE assignee_id = %(agent)s AND status IN HELD LIMIT %(capacity)s
  ) AS mine
),
cand AS (
  SELECT c.id, c.queue_key, c.rn FROM queues AS q
  CROSS JOIN LATERAL (
    SELECT t.id, t.queue_key, row_number() OVER () AS rn FROM (
      SELECT t.id, t.queue_key FROM tickets_ticket t
      WHERE t.team_id = q.team AND t.brand_id = q.brand AND t.language = q.lang
        AND t.assignee_id IS NULL AND t.status IN CLAIMABLE
      ORDER BY t.queue_key, t.id LIMIT DEPTH
    ) AS t
  ) AS c
  WHERE (SELECT n FROM held) < %(capacity)s
),
picked AS (
  SELECT t.id, t.status FROM (SELECT id, queue_key FROM cand ORDER BY queue_key, id) AS c
  JOIN tickets_ticket t ON t.id = c.id
  WHERE t.assignee_id IS NULL AND t.status IN CLAIMABLE
  ORDER BY c.queue_key, c.id LIMIT 1
  FOR UPDATE OF t SKIP LOCKED
),
upd AS (
  UPDATE tickets_ticket t
  SET assignee_id = %(agent)s, updated_at = %(now)s,
      status = (%(after)s::jsonb) ->> picked.status
  FROM picked WHERE t.id = picked.id
  RETURNING picked.status AS old_status, RETURNED
),
ev AS (
  INSERT INTO tickets_event
    (ticket_id, type, actor_kind, actor_agent_id, actor_label, data, created_at)
  SELECT id, %(assigned)s, %(actor_kind)s, %(agent)s, %(label)s, %(assigned_data)s, %(now)s
  FROM upd
  UNION ALL
  SELECT id, %(status_type)s, %(actor_kind)s, %(agent)s, %(label)s,
         jsonb_build_object('from', old_status, 'to', status), %(now)s
  FROM upd WHERE old_status <> status
  RETURNING 1
)
SELECT (SELECT n FROM held), (SELECT coalesce(bool_or(rn = DEPTH), false) FROM cand),
       (SELECT count(*) FROM ev), upd.*
FROM (SELECT 1) AS one LEFT JOIN upd ON true
"""
_TEAMS = AgentProfile.teams.through._meta
_BRANDS = AgentProfile.brands.through._meta
# The statuses are written into the SQL, as in the partial indexes' conditions, so that a
# prepared claim's plan (made once, without the parameters' values) can use those indexes.
for _name, _value in {
    "RETURNED": ", ".join(f't."{f.column}"' for f in _RETURNED),
    "AGENT_TEAMS": _TEAMS.db_table,
    "AGENT_BRANDS": _BRANDS.db_table,
    "AGENT_OF_TEAMS": _TEAMS.get_field("agentprofile").column,
    "AGENT_OF_BRANDS": _BRANDS.get_field("agentprofile").column,
    "TEAM_COL": _TEAMS.get_field("team").column,
    "BRAND_COL": _BRANDS.get_field("brand").column,
    "HELD": "({})".format(", ".join(f"'{s}'" for s in HELD_STATUSES)),
    "CLAIMABLE": "({})".format(", ".join(f"'{s}'" for s in CLAIMABLE_STATUSES)),
}.items():
    _TAKE_SQL = _TAKE_SQL.replace(_name, _value)


def take_next(*, agent: AgentProfile, actor: Actor) -> Ticket | None:
    """Assign ``agent`` the first waiting ticket of their teams, brands and languages; None
    when none waits. Raises DomainError when the agent already holds as many active tickets as
    their capacity.

    The agent's teams and brands are read with the claim: one taken away stops applying at
    once. On PostgreSQL one statement, a transaction by itself (inside a caller's transaction,
    part of it; run again deeper when every row it read was being taken); elsewhere one
    transaction. None also when every ticket the agent could take is being taken by other
    agents at that instant.
    """
    if connection.vendor == "postgresql":
        return _take_in_one_statement(agent, actor)
    with transaction.atomic():
        _check_capacity(agent, held_count(agent))
        return _take_with_the_orm(agent, actor)


def held_count(agent: AgentProfile) -> int:
    return Ticket.objects.filter(assignee=agent, status__in=HELD_STATUSES).count()


def _check_capacity(agent: AgentProfile, held: int) -> None:
    if held >= agent.capacity:
        raise DomainError(
            str(
                _(
                    "You already hold %(count)d active tickets, your capacity: resolve or hand "
                    "one back before taking another."
                )
            )
            % {"count": held}
        )


# Candidates read from each queue's head: the first try reads a few, and a claimer that finds
# all of them being taken by others reads deeper (x4 each time), until a queue comes up short.
FIRST_DEPTH = 4


def _take_in_one_statement(agent: AgentProfile, actor: Actor) -> Ticket | None:
    params = {
        "capacity": agent.capacity,
        "languages": list(agent.languages),
        "agent": agent.pk,
        "after": Jsonb(_STATUS_AFTER_TAKING),
        "assigned": EventType.ASSIGNED.value,
        "status_type": EventType.STATUS.value,
        "actor_kind": actor.kind,
        "label": actor.label[:200],
        "assigned_data": Jsonb({"from": None, "to": agent.display_name}),
    }
    depth = FIRST_DEPTH
    while True:
        params["now"] = clock.now()
        with connection.cursor() as cursor:
            # prepared, and the depth written into the SQL: PostgreSQL plans a claim once
            execute_prepared(cursor, _TAKE_SQL.replace("DEPTH", str(depth)), params)
            row = cursor.fetchone()
        held, deeper, _events, old_status, *values = row
        if held >= agent.capacity:
            _check_capacity(agent, held_count(agent))  # the exact count, for the message
        if old_status is not None:
            break
        if not deeper:
            # nothing waits that this agent may take, or every such ticket is being taken
            return None
        depth *= 4
    converters = connection.ops.get_db_converters
    ticket = Ticket.from_db(
        connection.alias,
        [f.attname for f in _RETURNED],
        [_convert(f, v, converters) for f, v in zip(_RETURNED, values, strict=True)],
    )
    _push_taken(ticket, old_status, ticket.status)
    return ticket


def _convert(field: Any, value: Any, converters: Any) -> Any:
    for converter in converters(field) + field.get_db_converters(connection):
        value = converter(value, field, connection)
    return value


def _take_with_the_orm(agent: AgentProfile, actor: Actor) -> Ticket | None:
    team_ids = list(agent.teams.values_list("id", flat=True))
    brand_ids = list(agent.brands.values_list("id", flat=True))
    best: tuple[int, int, str] | None = None  # (queue_key, id, status)
    # One short walk of the queue index (team, brand, language, queue_key, id) for each
    # team, brand and language of the agent.
    for team_id, brand_id, language in product(team_ids, brand_ids, agent.languages):
        row = (
            Ticket.objects.select_for_update(skip_locked=True)
            .filter(
                team_id=team_id,
                brand_id=brand_id,
                language=language,
                assignee__isnull=True,
                status__in=CLAIMABLE_STATUSES,
            )
            .order_by("queue_key", "id")
            .values_list("queue_key", "id", "status")
            .first()
        )
        if row is not None and (best is None or row < best):
            best = row
    if best is None:
        return None
    _, ticket_id, status = best
    now = clock.now()
    new_status = _STATUS_AFTER_TAKING[status]
    Ticket.objects.filter(pk=ticket_id).update(assignee=agent, status=new_status, updated_at=now)
    ticket = Ticket.objects.select_related("brand", "team", "assignee").get(pk=ticket_id)
    events = [
        _event(ticket, EventType.ASSIGNED, actor, now, **{"from": None, "to": agent.display_name})
    ]
    if new_status != status:
        events.append(
            _event(ticket, EventType.STATUS, actor, now, **{"from": status, "to": new_status})
        )
    with transaction.atomic(savepoint=False):
        _write_events(ticket, events)
    return ticket


def _push_taken(ticket: Ticket, old_status: str, new_status: str) -> None:
    types = [EventType.ASSIGNED] + ([EventType.STATUS] if old_status != new_status else [])
    _push(ticket, [str(t) for t in types])
