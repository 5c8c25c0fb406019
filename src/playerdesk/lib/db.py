"""One statement prepared on PostgreSQL: parsed once a connection, and planned once when the
plan made without its values is as good as planning each run.

Statements are not prepared by default (settings: a plan made without the values may be far
worse for a query whose best plan depends on them, such as search). The few statements that run
all day and whose best plan does not change, the claim of "Next ticket", ask for it here.
``PLAYERDESK_DB_PREPARE=0`` turns it off, behind a pooler that cannot keep prepared statements.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection


def execute_prepared(cursor: Any, sql: str, params: dict[str, Any]) -> None:
    """Run ``sql`` on ``cursor``, a cursor of the default connection, as a prepared statement
    (psycopg keeps it by connection and reuses it the next time the same SQL runs there)."""
    raw = connection.connection
    if connection.vendor != "postgresql" or raw is None or not settings.PLAYERDESK_DB_PREPARE:
        cursor.execute(sql, params)
        return
    before = raw.prepare_threshold
    raw.prepare_threshold = 0  # this statement: prepared at once, or reused
    try:
        cursor.execute(sql, params)
    finally:
        raw.prepare_threshold = before
