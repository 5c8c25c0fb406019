"""Agents' search: exact look-ups first, then full text, ranked, by keyset, scoped.

One box takes anything an agent may type:

- a ticket reference, typed any way the reference rules accept: jump to the ticket;
- a player's email: jump to the player; a username or the platform's player id: the player
  among the exact matches; a transaction id or a bonus code from the structured details: those
  tickets among the exact matches;
- words: full text over subjects, details and messages (search/sql.py), filtered, ranked.

Ranking (PostgreSQL: ``ts_rank``, the subject weighing most, then the details, then the
messages; SQLite: where the words occur) looks at the newest ``WINDOW`` matching tickets (after
scope and filters) and orders them by relevance, then newest first. Common words match a large
share of a million tickets, and ranking them all would read every one; an agent wants the recent
ones, and past the window is told to add a word or a filter. The cursor holds the last rank and
id of the page and the window's newest id, so a ticket opened while an agent pages never shifts
what the later pages hold: every ticket of the window appears exactly once.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from playerdesk.brands.models import Brand
from playerdesk.people.models import Player, Team
from playerdesk.tickets import references
from playerdesk.tickets.access import Scope
from playerdesk.tickets.models import Ticket
from playerdesk.tickets.selectors import OPEN_STATUSES, with_brands

WINDOW = 200
MAX_QUERY = 200
EXACT_LIMIT = 20

# Marks around matched words, chosen because they never occur in stored text (stripped first).
START, STOP = "\x02", "\x03"


class SearchError(ValueError):
    """A search that cannot run as asked (a cursor that is not one)."""


@dataclass(frozen=True)
class Filters:
    brand: str = ""
    team: str = ""
    status: str = "all"  # "active", "all" or one status
    category: str = ""
    priority: str = ""
    language: str = ""
    channel: str = ""
    since: date | None = None
    until: date | None = None


@dataclass
class Hit:
    ticket: Ticket
    rank: float
    subject_html: SafeString
    snippet_html: SafeString


@dataclass
class Exact:
    tickets: list[Ticket] = field(default_factory=list)
    players: list[Player] = field(default_factory=list)
    jump: Ticket | Player | None = None


@dataclass
class Results:
    query: str
    exact: Exact
    hits: list[Hit]
    next_cursor: str | None
    window_count: int  # matching tickets in the window (WINDOW means "at least")

    @property
    def capped(self) -> bool:
        return self.window_count >= WINDOW


def search(
    scope: Scope,
    text: str,
    filters: Filters | None = None,
    *,
    cursor: str | None = None,
    limit: int = 20,
) -> Results:
    text = " ".join(text.split())[:MAX_QUERY]
    filters = filters or Filters()
    exact = Exact() if cursor else exact_matches(scope, text)
    if not text or isinstance(exact.jump, Ticket):
        return Results(text, exact, [], None, 0)
    after = _parse_cursor(cursor)
    rows, count, bound = _full_text(scope, text, filters, after=after, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    found = list(
        Ticket.objects.select_related("team", "assignee", "player")
        .defer("fields")
        .filter(id__in=[r[0] for r in rows])
    )
    tickets = {t.pk: t for t in with_brands(found)}
    marks = _snippets(text, [r[0] for r in rows])
    hits = []
    for ticket_id, rank in rows:
        t = tickets[ticket_id]
        subject, snippet = marks.get(ticket_id, (None, None))
        hits.append(
            Hit(
                t,
                rank,
                marked_html(subject if subject is not None else t.subject, source_is_html=False),
                marked_html(snippet or ""),
            )
        )
    next_cursor = None
    if more and rows:
        next_cursor = f"{rows[-1][1]!r}_{rows[-1][0]}_{bound}"
    return Results(text, exact, hits, next_cursor, count)


# --- exact look-ups ---------------------------------------------------------------------------


def exact_matches(scope: Scope, text: str) -> Exact:
    """Tickets and players that the text names exactly: a reference (spaces and dashes as the
    reference rules forgive), else one word naming a player, a transaction or a bonus code."""
    token = text.strip()
    found = Exact()
    if not token or len(token) > 254:
        return found
    canonical = references.normalize(token) if len(token) <= 40 else None
    if canonical is not None:
        ticket = (
            Ticket.objects.filter(scope.q(), reference=canonical)
            .select_related("brand", "team", "assignee", "player")
            .first()
        )
        if ticket is not None:
            found.tickets.append(ticket)
            found.jump = ticket
            return found
    if " " in token:
        return found
    lowered = token.lower()
    found.players = list(
        Player.objects.filter(brand_id__in=scope.brand_ids)
        .annotate(email_key=Lower("email"), username_key=Lower("username"))
        .filter(Q(email_key=lowered) | Q(username_key=lowered) | Q(external_id=token))
        .select_related("brand")
        .order_by("brand__name", "id")[:EXACT_LIMIT]
    )
    if "@" in token and len(found.players) == 1:
        found.jump = found.players[0]
    upper = token.upper()
    if not any(c.isdigit() for c in token):
        # Transaction ids and bonus codes carry digits; a plain word is left to the full text,
        # which reads the details too.
        return found
    # One look-up per detail, each read newest first from its own index, which holds the
    # scope's columns: the ids first (from the index alone), then those tickets.
    ids: list[int] = []
    for key in ("transaction_key", "bonus_key"):
        ids += list(
            Ticket.objects.filter(scope.q(), **{key: upper})
            .order_by("-id")
            .values_list("id", flat=True)[:EXACT_LIMIT]
        )
    if ids:
        found.tickets += list(
            Ticket.objects.filter(id__in=ids)
            .select_related("brand", "team", "assignee", "player")
            .order_by("-id")
        )
    return found


# --- full text --------------------------------------------------------------------------------


def _parse_cursor(cursor: str | None) -> tuple[float, int, int] | None:
    if not cursor:
        return None
    try:
        rank, ticket_id, bound = cursor.split("_")
        parsed = (float(rank), int(ticket_id), int(bound))
    except ValueError:
        raise SearchError("This cursor is not one this search gave.") from None
    if parsed[0] != parsed[0] or parsed[1] < 0 or parsed[2] < 0:  # NaN, negatives
        raise SearchError("This cursor is not one this search gave.")
    return parsed


def _filter_sql(filters: Filters) -> tuple[str, list[object]]:
    """Conditions on the ticket table ``t`` (scope comes separately): in the embedded mode,
    every filter on the row; on PostgreSQL, the tags hold the first ones (``_tag_query``)."""
    parts: list[str] = []
    params: list[object] = []
    if filters.brand:
        parts.append("t.brand_id IN (SELECT id FROM brands_brand WHERE slug = %s)")
        params.append(filters.brand)
    if filters.team:
        team = Team.objects.filter(slug=filters.team).values_list("id", flat=True).first()
        parts.append("t.team_id = %s")
        params.append(team if team is not None else -1)
    if filters.status == "active":
        parts.append(f"t.status IN ({', '.join(['%s'] * len(OPEN_STATUSES))})")
        params.extend(str(s) for s in OPEN_STATUSES)
    for column in ("language", "channel"):
        value = getattr(filters, column)
        if value:
            parts.append(f"t.{column} = %s")
            params.append(value)
    rest, rest_params = _join_filters(filters)
    if rest:
        parts.append(rest)
        params.extend(rest_params)
    return (" AND ".join(parts) or "TRUE"), params


def _start_of(day: date) -> object:
    """The start of a day in the desk's time zone, as the database compares it in plain SQL
    (SQLite keeps UTC text: an aware value's own offset would compare as text)."""
    return connection.ops.adapt_datetimefield_value(
        timezone.make_aware(datetime.combine(day, time.min))
    )


def _full_text(
    scope: Scope,
    text: str,
    filters: Filters,
    *,
    after: tuple[float, int, int] | None,
    limit: int,
) -> tuple[list[tuple[int, float]], int, int]:
    """``[(ticket id, rank)]`` of one page, the number of matches in the window, its bound."""
    bound = after[2] if after else None
    if connection.vendor == "postgresql":
        window = _pg_window(scope, text, filters, bound)
    else:
        window = _sqlite_window(scope, text, filters, bound)
    if not window:
        return [], 0, bound or 0
    count, top = len(window), max(w[0] for w in window)
    rows = sorted(window, key=lambda w: (w[1], w[0]), reverse=True)
    if after is not None:
        rank, last_id, _ = after
        rows = [w for w in rows if w[1] < rank or (w[1] == rank and w[0] < last_id)]
    return rows[:limit], count, bound or top


# The PostgreSQL window first reads at most this many of the newest tickets one by one; where
# at least DENSE of them matched, it reads on backwards, else it asks the GIN index.
RECENT = 2_000
DENSE = 0.005
_RANK_WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"


def _tag_query(scope: Scope, filters: Filters) -> tuple[str | None, str | None]:
    """The tags a ticket's document must hold (search/sql.py ``playerdesk_ts_tags``), as a
    tsquery built from ids and fixed codes only; None when nothing can match. Second: the same
    without the team scope, for the tickets assigned to the agent in other teams."""
    brands = set(scope.brand_ids)
    if filters.brand:
        brands &= set(Brand.objects.filter(slug=filters.brand).values_list("id", flat=True))
    if not brands:
        return None, None
    parts = []
    if filters.brand or brands != set(Brand.objects.values_list("id", flat=True)):
        # (every brand there is: no condition, rather than the whole index read for nothing)
        parts.append("(" + " | ".join(f"'b={b}'" for b in sorted(brands)) + ")")
    if filters.team:
        team = Team.objects.filter(slug=filters.team).values_list("id", flat=True).first()
        if team is None:
            return None, None
        parts.append(f"'t={team}'")
    if filters.language in ("en", "fr"):
        parts.append(f"'l={filters.language}'")
    if filters.channel:
        if not re.fullmatch(r"[a-z_]{1,20}", filters.channel):
            return None, None
        parts.append(f"'c={filters.channel}'")
    if filters.status == "active" or filters.status in OPEN_STATUSES:
        parts.append("'s=open'")
    elif filters.status in ("resolved", "closed"):
        parts.append("'s=done'")
    without_team_scope = " & ".join(parts)  # may be "": no condition
    if scope.brand_wide:
        return without_team_scope, None
    teams = [f"'t={t}'" for t in sorted(scope.team_ids)] + ["'t=none'"]
    return " & ".join([*parts, "(" + " | ".join(teams) + ")"]), without_team_scope


def _join_filters(filters: Filters) -> tuple[str, list[object]]:
    """What the tags do not hold: exact status, category, priority, days."""
    parts: list[str] = []
    params: list[object] = []
    if filters.status not in ("", "all", "active"):
        parts.append("t.status = %s")
        params.append(filters.status)
    for column in ("category", "priority"):
        value = getattr(filters, column)
        if value:
            parts.append(f"t.{column} = %s")
            params.append(value)
    if filters.since:
        parts.append("t.created_at >= %s")
        params.append(_start_of(filters.since))
    if filters.until:
        parts.append("t.created_at < %s")
        params.append(_start_of(filters.until + timedelta(days=1)))
    return " AND ".join(parts), params


def _pg_window(
    scope: Scope, text: str, filters: Filters, bound: int | None
) -> list[tuple[int, float]]:
    """The newest ``WINDOW`` matches with their rank, in a few bounded steps.

    First the newest ``RECENT`` tickets' documents, one by one backwards: a common word fills
    the window there. If not, the share that matched measures the density, and the next step
    covers the older id range where the rest should lie: dense enough, its documents are read
    one by one (about a microsecond each); sparser, the GIN index finds the matches in that
    range (the words' and the tags' posting lists intersected inside the index, so a filter
    that few tickets pass costs little) and only those documents are read (ten times dearer
    each, as they lie apart). The planner's own choice follows its estimate of the
    words' frequencies, which a filter correlated with them (a French filter on an English word)
    can make wrong by a thousand times; the steps here are chosen from what was just measured.
    """
    tags, tags_unscoped = _tag_query(scope, filters)
    if tags is None:  # nothing can match
        return []
    join_sql, join_params = _join_filters(filters)
    join = "JOIN tickets_ticket t ON t.id = d.ticket_id" if join_sql else ""
    where_join = f" AND {join_sql}" if join_sql else ""
    operators = has_operators(text)
    matches, tag_params = ("(q.words && %s::tsquery)", [tags]) if tags else ("q.words", [])
    with connection.cursor() as cursor:
        if bound is None:
            cursor.execute("SELECT coalesce(max(ticket_id), 0) FROM search_document")
            bound = cursor.fetchone()[0]
        low = max(0, bound - RECENT)

        def phase(first: int, last: int, need: int) -> list[tuple[int, float]]:
            sql = f"""
WITH q AS (SELECT playerdesk_ts_query(%s, %s) AS words)
SELECT d.ticket_id, ts_rank('{_RANK_WEIGHTS}', d.document, q.words, 1)
FROM search_document d {join}, q
WHERE d.document @@ {matches} AND d.ticket_id > %s AND d.ticket_id <= %s
  {where_join}
ORDER BY d.ticket_id DESC LIMIT %s
"""  # noqa: S608 - only fixed SQL is formatted in; values are parameters
            cursor.execute(sql, [text, operators, *tag_params, first, last, *join_params, need])
            return [(r[0], float(r[1])) for r in cursor.fetchall()]

        def ordered(first: int, last: int, need: int) -> list[tuple[int, float]]:
            # Documents one by one, newest first: the work is bounded by the id range (not
            # the whole table read in parallel, which the planner picks for words it thinks
            # rare).
            with transaction.atomic():
                cursor.execute("SET LOCAL enable_bitmapscan = off")
                cursor.execute("SET LOCAL enable_seqscan = off")
                found = phase(first, last, need)
                cursor.execute("SET LOCAL enable_bitmapscan = on")
                cursor.execute("SET LOCAL enable_seqscan = on")
            return found

        def indexed(first: int, last: int, need: int) -> list[tuple[int, float]]:
            # Through the GIN index alone: the words' and tags' posting lists intersected,
            # then only the matching documents read.
            with transaction.atomic():
                cursor.execute("SET LOCAL enable_indexscan = off")
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL work_mem = '32MB'")  # an exact bitmap, not lossy
                found = phase(first, last, need)
                cursor.execute("SET LOCAL enable_indexscan = on")
                cursor.execute("SET LOCAL enable_seqscan = on")
            return found

        rows = ordered(low, bound, WINDOW)
        for attempt in range(4):
            need = WINDOW - len(rows)
            if need <= 0 or low <= 0:
                break
            # The share of the tickets read so far that matched says how far back the rest
            # lies and how to read it: one by one where matches are dense, through the index
            # where they are sparse (see the docstring). The last attempt takes everything.
            density = len(rows) / max(1, bound - low)
            span = int(1.5 * need / density) if density > 0 else low
            first = 0 if attempt == 3 else max(0, low - max(RECENT, span))
            read = ordered if density >= DENSE else indexed
            rows += read(first, low, need)
            low = first
        if tags_unscoped is not None:
            # Unresolved tickets assigned to the agent in a team that is not theirs; once the
            # window is full, only those newer than its oldest can still enter it.
            floor = min(r[0] for r in rows) if len(rows) >= WINDOW else 0
            teams = ", ".join(["%s"] * len(scope.team_ids)) or "NULL"
            statuses = ", ".join(["%s"] * len(OPEN_STATUSES))
            cursor.execute(
                f"""
WITH q AS (SELECT playerdesk_ts_query(%s, %s) AS words),
     mine AS MATERIALIZED (  -- from ticket_assignee_open_idx, which holds the team
       SELECT t.id FROM tickets_ticket t
       WHERE t.assignee_id = %s AND t.status IN ({statuses}) AND t.id <= %s AND t.id > %s
         AND (t.team_id IS NULL OR t.team_id NOT IN ({teams})) {where_join}
     )
-- each of those documents read by its key (OFFSET 0 keeps the planner from reading all the
-- word's matches instead, then joining)
SELECT d.ticket_id, ts_rank('{_RANK_WEIGHTS}', d.document, q.words, 1)
FROM mine, q,
     LATERAL (SELECT * FROM search_document d WHERE d.ticket_id = mine.id OFFSET 0) d
WHERE d.document @@ {"(q.words && %s::tsquery)" if tags_unscoped else "q.words"}
""",  # noqa: S608
                [
                    text,
                    operators,
                    scope.agent_id,
                    *OPEN_STATUSES,
                    bound,
                    floor,
                    *scope.team_ids,
                    *join_params,
                    *([tags_unscoped] if tags_unscoped else []),
                ],
            )
            seen = {r[0] for r in rows}
            rows += [(r[0], float(r[1])) for r in cursor.fetchall() if r[0] not in seen]
    rows.sort(key=lambda r: r[0], reverse=True)
    return rows[:WINDOW]


def _sqlite_window(
    scope: Scope, text: str, filters: Filters, bound: int | None
) -> list[tuple[int, float]]:
    """The newest ``WINDOW`` matches with their rank: in the embedded mode, one query.

    BM25 weighs words by how rare they are among all tickets, so its scores move as tickets
    arrive and would break the cursor; here a ticket ranks by where every word occurs: in the
    subject (2), in the details (1), only in the messages (0).
    """
    match = fts5_query(text)
    if not match:
        return []
    scope_sql, scope_params = scope.sql("t")
    filter_sql, filter_params = _filter_sql(filters)
    bound_sql, bound_params = ("", []) if bound is None else (" AND t.id <= %s", [bound])
    sql = f"""
SELECT t.id,
       (CASE WHEN t.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)
             THEN 2.0 ELSE 0.0 END
        + CASE WHEN t.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)
               THEN 1.0 ELSE 0.0 END) AS rank
FROM search_fts JOIN tickets_ticket t ON t.id = search_fts.rowid
WHERE search_fts MATCH %s AND {scope_sql} AND {filter_sql}{bound_sql}
ORDER BY t.id DESC LIMIT {WINDOW}
"""  # noqa: S608
    params = [
        f"subject : ({match})",
        f"details : ({match})",
        match,
        *scope_params,
        *filter_params,
        *bound_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(r[0], float(r[1])) for r in cursor.fetchall()]


_OPERATORS = re.compile(r'["-]|\bor\b', re.IGNORECASE)


def has_operators(text: str) -> bool:
    """Web-search syntax: a quoted phrase, a word excluded with -, or OR."""
    return bool(_OPERATORS.search(text))


_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')


def fts5_query(text: str) -> str:
    """An FTS5 MATCH expression: every word (or quoted phrase) must occur."""
    terms = []
    for phrase, word in _PHRASE.findall(text):
        words = _WORD.findall(phrase or word)
        if words:
            terms.append('"' + " ".join(words) + '"')
    return " AND ".join(terms)


# --- snippets ---------------------------------------------------------------------------------


def _snippets(text: str, ticket_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Per ticket: its subject and a passage of its messages, matched words marked."""
    if not ticket_ids:
        return {}
    ids = ", ".join(["%s"] * len(ticket_ids))
    if connection.vendor == "postgresql":
        options = (
            f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MinWords=6, MaxWords=18, "
            'FragmentDelimiter=" … "'
        )
        sql = f"""
WITH q AS (SELECT playerdesk_ts_query(%s, %s) AS q)
SELECT t.id,
       ts_headline(playerdesk_ts_config(t.language), t.subject, q.q,
                   'HighlightAll=true, StartSel={START}, StopSel={STOP}'),
       ts_headline(playerdesk_ts_config(t.language),
                   regexp_replace(coalesce((SELECT string_agg(m.body, ' ' ORDER BY m.id)
                                            FROM tickets_message m WHERE m.ticket_id = t.id),
                                           ''), '<[^>]*>|[\\x02\\x03]', ' ', 'g'),
                   q.q, %s)
FROM tickets_ticket t, q WHERE t.id IN ({ids})
"""  # noqa: S608
        params: list[object] = [text, has_operators(text), options, *ticket_ids]
    else:
        sql = f"""
SELECT rowid, highlight(search_fts, 0, char(2), char(3)),
       snippet(search_fts, 2, char(2), char(3), ' … ', 24)
FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({ids})
"""  # noqa: S608
        params = [fts5_query(text), *ticket_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


_TAGS = re.compile(r"<[^>]*>|^[^<>]*>|<[^>]*$")


def marked_html(text: str, *, source_is_html: bool = True) -> SafeString:
    """HTML for a stored passage with its marks: text escaped, marks as <mark>.

    Message bodies are sanitised HTML, so a raw ``<`` or ``>`` in them belongs to a tag: tags
    are dropped (a passage cut from a body may begin or end inside one; that piece goes too)
    and entities decoded before escaping again. A subject is plain text, escaped as it is.
    """
    plain = html.unescape(_TAGS.sub(" ", text)) if source_is_html else text
    plain = " ".join(plain.split())
    out = []
    open_mark = False
    for chunk in re.split(f"([{START}{STOP}])", escape(plain)):
        if chunk == START and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif chunk == STOP and open_mark:
            out.append("</mark>")
            open_mark = False
        elif chunk not in (START, STOP):
            out.append(chunk)
    if open_mark:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - built from escaped text and our own tags
