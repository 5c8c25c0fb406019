"""A new row and the rows that point at it, inserted by one SQL statement on PostgreSQL.

Opening a ticket writes three rows (the ticket, the player's message, the "created" event).
Saved one by one that is five round trips to PostgreSQL (BEGIN, three INSERTs, COMMIT) and most
of the server's time per new ticket. One statement with data-modifying CTEs writes all three,
and a single statement is a transaction by itself: all rows or none, with no BEGIN and COMMIT
of its own (inside an outer ``atomic`` block it simply joins that transaction).

The columns and values come from the models' own field definitions, exactly as ``save()``
would prepare them, so a field added to a model is written here too without touching this code.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Field, Model


def _columns(obj: Model, skip: str | None = None) -> tuple[list[str], list[object]]:
    fields: list[Field] = [
        f
        for f in obj._meta.concrete_fields
        if not f.primary_key and not f.generated and f.name != skip  # (the database's own)
    ]
    for f in fields:
        if hasattr(f, "get_placeholder"):  # pragma: no cover - no such field in playerdesk
            raise TypeError(f"{f} needs its own SQL placeholder; save it with the ORM")
    columns = [connection.ops.quote_name(f.column) for f in fields]
    values = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    return columns, values


def insert_with_children(parent: Model, children: list[tuple[Model, str]]) -> None:
    """INSERT ``parent`` and each ``(child, fk_name)`` pointing at it, in one statement.

    PostgreSQL only. Sets the primary keys of all of them, like ``save(force_insert=True)``.
    """
    if connection.vendor != "postgresql":
        raise RuntimeError("insert_with_children needs PostgreSQL")
    # Only quoted identifiers from the models' metadata are formatted into the SQL (S608 below);
    # every value travels as a parameter.
    q = connection.ops.quote_name
    columns, params = _columns(parent)
    parts = [
        f"p AS (INSERT INTO {q(parent._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) RETURNING {q(parent._meta.pk.column)})"
    ]
    for i, (child, fk_name) in enumerate(children):
        fk = child._meta.get_field(fk_name)
        child_columns, child_params = _columns(child, skip=fk_name)
        parts.append(
            f"c{i} AS (INSERT INTO {q(child._meta.db_table)} "  # noqa: S608
            f"({', '.join([q(fk.column), *child_columns])}) "
            f"SELECT p.{q(parent._meta.pk.column)}, {', '.join(['%s'] * len(child_columns))} "
            f"FROM p RETURNING {q(child._meta.pk.column)})"
        )
        params.extend(child_params)
    ctes = ["p", *[f"c{i}" for i in range(len(children))]]
    selects = ", ".join(f"(SELECT * FROM {name})" for name in ctes)  # noqa: S608
    sql = f"WITH {', '.join(parts)} SELECT {selects}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = cursor.fetchone()
    parent.pk = ids[0]
    parent._state.adding = False
    parent._state.db = connection.alias
    for (child, fk_name), pk in zip(children, ids[1:], strict=True):
        setattr(child, fk_name, parent)
        child.pk = pk
        child._state.adding = False
        child._state.db = connection.alias
