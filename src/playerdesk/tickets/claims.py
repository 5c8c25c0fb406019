"""Taking the next waiting ticket: the write behind "Next ticket" (routing/queue.py decides who
may take what; this module takes it).

Candidates are the unassigned tickets waiting in the given teams (new, open, escalated), of the
given brands and languages, in queue order (``queue_key``, then id). The row taken is locked
with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so concurrent claimers pass over each other's
rows instead of waiting; on SQLite a write transaction holds the database's write lock from its
start, so claims run one after another. Either way a ticket goes to one agent only.

On PostgreSQL one statement walks each of the agent's teams' queue index in order, locks its
first free row (``LIMIT 1 FOR UPDATE SKIP LOCKED``, at most one row a team), takes the best of
them, assigns it and records it (the "assigned" event, and the status event when a new ticket
opens); the other rows it locked are free again when the statement ends. "Next ticket" is what
a busy floor does all day. The status a claimed ticket moves to comes from the lifecycle table,
as for ``actions.assign``; the ticket's columns returned come from the model. The event
table's columns are named in the SQL: the PostgreSQL test suite runs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _
from psycopg.types.json import Jsonb

from playerdesk.lib import clock
from playerdesk.people.models import AgentProfile
from playerdesk.tickets.actions import Actor, DomainError, _event, _push, _write_events
from playerdesk.tickets.lifecycle import check_action
from playerdesk.tickets.models import CLAIMABLE_STATUSES, OPEN_STATUSES, EventType, Ticket

# The status each claimable status moves to when an agent takes the ticket (lifecycle table).
_STATUS_AFTER_TAKING = {s: check_action("assign", s) for s in CLAIMABLE_STATUSES}

_RETURNED = list(Ticket._meta.concrete_fields)
_TAKE_SQL = """
WITH held AS (
  SELECT count(*) AS n FROM tickets_ticket
  WHERE assignee_id = %(agent)s AND status = ANY(%(held)s)
),
cand AS (
  SELECT c.id, c.status, c.queue_key FROM unnest(%(teams)s::bigint[]) AS tm(id)
  CROSS JOIN LATERAL (
    SELECT t.id, t.status, t.queue_key FROM tickets_ticket t
    WHERE t.team_id = tm.id AND t.assignee_id IS NULL AND t.status = ANY(%(claimable)s)
      AND t.brand_id = ANY(%(brands)s) AND t.language = ANY(%(languages)s)
    ORDER BY t.queue_key, t.id LIMIT 1
    FOR UPDATE SKIP LOCKED
  ) AS c
  WHERE (SELECT n FROM held) < %(capacity)s
),
picked AS (
  SELECT id, status FROM cand ORDER BY queue_key, id LIMIT 1
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
SELECT (SELECT n FROM held), (SELECT count(*) FROM ev), upd.*
FROM (SELECT 1) AS one LEFT JOIN upd ON true
""".replace("RETURNED", ", ".join(f't."{f.column}"' for f in _RETURNED))


def take_next(
    *,
    agent: AgentProfile,
    brand_ids: Sequence[int],
    team_ids: Sequence[int],
    actor: Actor,
) -> Ticket | None:
    """Assign ``agent`` the first waiting ticket of ``team_ids`` in ``brand_ids`` and the
    agent's languages; None when none waits. Raises DomainError when the agent already holds
    as many active tickets as their capacity.

    On PostgreSQL one statement, a transaction by itself (inside a caller's transaction, part
    of it); elsewhere one transaction. None also when every ticket the agent could take is
    being taken by other agents at that instant.
    """
    if not team_ids or not brand_ids or not agent.languages:
        _check_capacity(agent, held_count(agent))
        return None
    if connection.vendor == "postgresql":
        return _take_in_one_statement(agent, brand_ids, team_ids, actor)
    with transaction.atomic():
        _check_capacity(agent, held_count(agent))
        return _take_with_the_orm(agent, brand_ids, team_ids, actor)


# An agent's load: tickets assigned to them that still need them.
HELD_STATUSES = OPEN_STATUSES


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


def _take_in_one_statement(
    agent: AgentProfile, brand_ids: Sequence[int], team_ids: Sequence[int], actor: Actor
) -> Ticket | None:
    now = clock.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _TAKE_SQL,
            {
                "held": list(HELD_STATUSES),
                "capacity": agent.capacity,
                "teams": list(team_ids),
                "brands": list(brand_ids),
                "languages": list(agent.languages),
                "claimable": list(CLAIMABLE_STATUSES),
                "agent": agent.pk,
                "now": now,
                "after": Jsonb(_STATUS_AFTER_TAKING),
                "assigned": EventType.ASSIGNED.value,
                "status_type": EventType.STATUS.value,
                "actor_kind": actor.kind,
                "label": actor.label[:200],
                "assigned_data": Jsonb({"from": None, "to": agent.display_name}),
            },
        )
        row = cursor.fetchone()
    held, _events, old_status, *values = row
    _check_capacity(agent, held)
    if old_status is None:
        return None  # nothing waits that this agent may take (or every such row is being taken)
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


def _take_with_the_orm(
    agent: AgentProfile, brand_ids: Sequence[int], team_ids: Sequence[int], actor: Actor
) -> Ticket | None:
    best: tuple[int, int, str] | None = None  # (queue_key, id, status)
    # One short index walk per team (index ticket_queue_idx: team, queue_key, id).
    for team_id in team_ids:
        row = (
            Ticket.objects.select_for_update(skip_locked=True)
            .filter(
                team_id=team_id,
                assignee__isnull=True,
                status__in=CLAIMABLE_STATUSES,
                brand_id__in=brand_ids,
                language__in=agent.languages,
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
