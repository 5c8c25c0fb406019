"""Ticket numbers, from which reference codes are made: each number is handed out once.

PostgreSQL: a sequence (never rolled back, never locked by a transaction) that advances by
BLOCK, so each process reads it once per BLOCK tickets and numbers the rest in memory. Numbers
skipped when a process stops are simply never used: references are not sequential anyway.
SQLite: one writer at a time, so the counter row is advanced inside the ticket's transaction.
"""

from __future__ import annotations

import threading

from django.db import connection

BLOCK = 100
SEQUENCE = "tickets_ticket_number_seq"


class _Blocks(threading.local):
    def __init__(self) -> None:
        self.next = 0
        self.end = 0


_blocks = _Blocks()


def next_ticket_number() -> int:
    if connection.vendor == "postgresql":
        if _blocks.next >= _blocks.end:
            with connection.cursor() as cursor:
                cursor.execute("SELECT nextval(%s)", [SEQUENCE])
                start = cursor.fetchone()[0]
            _blocks.next, _blocks.end = start, start + BLOCK
        number = _blocks.next
        _blocks.next += 1
        return number
    with connection.cursor() as cursor:
        cursor.execute("UPDATE tickets_ticketcounter SET value = value + 1 WHERE id = 1")
        if cursor.rowcount == 0:
            # The counter row is gone (a table flushed by hand): numbers so far were dense, so
            # the next one follows the tickets' count.
            cursor.execute(
                "INSERT INTO tickets_ticketcounter (id, value) "
                "SELECT 1, COUNT(*) + 1 FROM tickets_ticket"
            )
        cursor.execute("SELECT value FROM tickets_ticketcounter WHERE id = 1")
        return cursor.fetchone()[0]
