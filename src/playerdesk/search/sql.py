"""The search index, kept by the database itself on every write.

A ticket's search document is its subject (weight A), the values of its structured details
(weight B) and the text of every message (weight C). It is derived data, like an index: the
database updates it in the same transaction as the write that changes it (triggers on tickets
and messages), so no write path can forget it and nothing is rebuilt at night.

PostgreSQL: ``search_document`` (one ``tsvector`` a ticket, GIN-indexed), analysed with the
``playerdesk_english`` or ``playerdesk_french`` configuration after the ticket's language: the
built-in ``english``/``french`` stemmers with ``unaccent`` in front, so ``verifie`` finds
``vérifié``, merged with the stemmed-then-unaccented lexemes (``playerdesk_ts_text``). A
ticket's first message writes its document (every ticket opens with one); each further message
appends its vector; a new subject or new details rebuild the document from the ticket and its
messages; a new team, brand, channel or resolved state swaps the document's tags.

SQLite: ``search_fts``, an FTS5 table (``rowid`` = ticket id) with the ``unicode61`` tokenizer
removing diacritics and Porter's stemmer in front.

Everything here is plain SQL run by the migration and by ``playerdesk search rebuild``.
"""

from __future__ import annotations

# --- PostgreSQL -------------------------------------------------------------------------------

PG_CONFIGS = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'playerdesk_english') THEN
    CREATE TEXT SEARCH CONFIGURATION playerdesk_english (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION playerdesk_english
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'playerdesk_french') THEN
    CREATE TEXT SEARCH CONFIGURATION playerdesk_french (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION playerdesk_french
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END
$$;
"""

PG_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION playerdesk_ts_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lang WHEN 'fr' THEN 'playerdesk_french'::regconfig
                   ELSE 'playerdesk_english'::regconfig END
$$;

-- The lexemes of a vector without accents, positions and weights kept (quoted as tsvector
-- input wants them, whatever a lexeme holds).
CREATE OR REPLACE FUNCTION playerdesk_ts_unaccent(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(
      '''' || replace(replace(unaccent('unaccent', u.lexeme), '\', '\\'), '''', '''''') || ''''
      || coalesce(':' || (SELECT string_agg(x.p::text || x.w, ',')
                          FROM unnest(u.positions, u.weights) AS x(p, w)), ''),
      ' '), '')::tsvector
  FROM unnest(v) AS u
$$;

-- A text in a ticket's language, as two analyses merged: accents removed then stemmed (what a
-- query does) and stemmed then accents removed (the French stemmer reads accents: "annulées"
-- and "annulé" share a stem only this way). French text also gets its English analysis at the
-- lowest weight: the French stemmer tells "retrait" from "retraits", the English one does not.
CREATE OR REPLACE FUNCTION playerdesk_ts_text(lang text, body text, weight "char")
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector(playerdesk_ts_config(lang), body)
                   -- (a text without accents gives the same lexemes both ways)
                   || CASE WHEN body ~ '[^\x01-\x7f]'
                           THEN playerdesk_ts_unaccent(to_tsvector(
                             CASE lang WHEN 'fr' THEN 'french' ELSE 'english' END::regconfig,
                             body))
                           ELSE ''::tsvector END,
                   weight)
      || CASE WHEN lang = 'fr' THEN setweight(to_tsvector('playerdesk_english', body), 'D')
              ELSE ''::tsvector END
$$;

-- Subject (A) and the values of the structured details (B).
CREATE OR REPLACE FUNCTION playerdesk_ts_head(lang text, subject text, fields jsonb)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT playerdesk_ts_text(lang, coalesce(subject, ''), 'A')
      -- (identifiers and names, one analysis: a subquery here would cost more than the rest)
      || setweight(jsonb_to_tsvector(playerdesk_ts_config(lang), coalesce(fields, '{}'),
                                     '["string", "numeric"]'), 'B')
$$;

CREATE OR REPLACE FUNCTION playerdesk_ts_body(lang text, body text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT playerdesk_ts_text(lang, coalesce(body, ''), 'C')
$$;

-- What an agent typed, as a query: web-search syntax analysed both ways (English, French),
-- and, when it uses no operators, its French stems taken before removing accents ("bloquée"
-- then finds "bloqués").
CREATE OR REPLACE FUNCTION playerdesk_ts_query(q text, operators boolean) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN operators OR stems = '' THEN base
              ELSE base || plainto_tsquery('simple', stems) END
  FROM (SELECT websearch_to_tsquery('playerdesk_english', q)
               || websearch_to_tsquery('playerdesk_french', q) AS base,
               array_to_string(tsvector_to_array(
                 playerdesk_ts_unaccent(to_tsvector('french', q))), ' ') AS stems) AS parts
$$;

-- What search filters on without reading the ticket: brand, team, language, channel and
-- whether the ticket is resolved ("s=done") or not ("s=open"), as lexemes no text can produce
-- (the parser splits words at "="). Kept current by the ticket trigger below.
CREATE OR REPLACE FUNCTION playerdesk_ts_tags(brand bigint, team bigint, lang text,
                                              channel text, status text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY[
    'b=' || brand, 't=' || coalesce(team::text, 'none'), 'l=' || lang, 'c=' || channel,
    's=' || CASE WHEN status IN ('resolved', 'closed') THEN 'done' ELSE 'open' END])
$$;

-- A ticket's subject and details (head), and its tags.
CREATE OR REPLACE FUNCTION playerdesk_ts_ticket(t tickets_ticket) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT playerdesk_ts_head(t.language, t.subject, t.fields)
      || playerdesk_ts_tags(t.brand_id, t.team_id, t.language, t.channel, t.status)
$$;

-- The whole document of one ticket, from its row and every message.
CREATE OR REPLACE FUNCTION playerdesk_ts_document(ticket bigint) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT playerdesk_ts_ticket(t)
      || coalesce((SELECT playerdesk_ts_body(t.language, string_agg(m.body, ' ' ORDER BY m.id))
                   FROM tickets_message m WHERE m.ticket_id = t.id), '')
  FROM tickets_ticket t WHERE t.id = ticket
$$;

CREATE OR REPLACE FUNCTION playerdesk_search_ticket_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document (ticket_id, document)
  VALUES (NEW.id, playerdesk_ts_document(NEW.id))
  ON CONFLICT (ticket_id) DO UPDATE SET document = EXCLUDED.document;
  RETURN NULL;
END
$$;

-- New tags only: the old ones out, the new ones in; the text stays.
CREATE OR REPLACE FUNCTION playerdesk_search_ticket_retagged() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE search_document
  SET document = ts_delete(document, tsvector_to_array(
                   playerdesk_ts_tags(OLD.brand_id, OLD.team_id, OLD.language, OLD.channel,
                                      OLD.status)))
                 || playerdesk_ts_tags(NEW.brand_id, NEW.team_id, NEW.language, NEW.channel,
                                       NEW.status)
  WHERE ticket_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION playerdesk_search_ticket_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_document WHERE ticket_id = OLD.id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION playerdesk_search_tickets_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE search_document;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION playerdesk_search_message_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  t tickets_ticket%ROWTYPE;
  body tsvector;
BEGIN
  SELECT * INTO t FROM tickets_ticket WHERE id = NEW.ticket_id;
  body := playerdesk_ts_body(t.language, NEW.body);
  UPDATE search_document SET document = document || body WHERE ticket_id = NEW.ticket_id;
  IF NOT FOUND THEN  -- the ticket's first message
    INSERT INTO search_document (ticket_id, document)
    VALUES (NEW.ticket_id, playerdesk_ts_ticket(t) || body);
  END IF;
  RETURN NULL;
END
$$;
"""

PG_TABLE = """
-- No foreign key (a TRUNCATE of the tickets, as a test flush does, would be refused): the
-- triggers below delete a ticket's document with it, and empty the table with the tickets'.
CREATE TABLE IF NOT EXISTS search_document (
  ticket_id bigint PRIMARY KEY,
  document tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS search_document_gin ON search_document USING gin (document);
-- Word frequencies down to about one ticket in a thousand, so that the planner reads a rare
-- word's few tickets through the GIN index and a common word's newest tickets backwards by id.
ALTER TABLE search_document ALTER COLUMN document SET STATISTICS 1000;
"""

PG_TRIGGERS = """
-- A ticket enters the index with its first message (the one intake path opens every ticket
-- with one): one row written per new ticket, not a row and then a new version of it.
DROP TRIGGER IF EXISTS search_ticket_inserted ON tickets_ticket;
DROP TRIGGER IF EXISTS search_ticket_changed ON tickets_ticket;
CREATE TRIGGER search_ticket_changed AFTER UPDATE OF subject, fields, language ON tickets_ticket
  FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject
                     OR OLD.fields IS DISTINCT FROM NEW.fields
                     OR OLD.language IS DISTINCT FROM NEW.language)
  EXECUTE FUNCTION playerdesk_search_ticket_changed();
DROP TRIGGER IF EXISTS search_ticket_retagged ON tickets_ticket;
CREATE TRIGGER search_ticket_retagged AFTER UPDATE OF team_id, brand_id, channel, status
  ON tickets_ticket
  FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id
                     OR OLD.brand_id IS DISTINCT FROM NEW.brand_id
                     OR OLD.channel IS DISTINCT FROM NEW.channel
                     OR (OLD.status IN ('resolved', 'closed'))
                        IS DISTINCT FROM (NEW.status IN ('resolved', 'closed')))
  EXECUTE FUNCTION playerdesk_search_ticket_retagged();
DROP TRIGGER IF EXISTS search_ticket_deleted ON tickets_ticket;
CREATE TRIGGER search_ticket_deleted AFTER DELETE ON tickets_ticket
  FOR EACH ROW EXECUTE FUNCTION playerdesk_search_ticket_deleted();
DROP TRIGGER IF EXISTS search_tickets_truncated ON tickets_ticket;
CREATE TRIGGER search_tickets_truncated AFTER TRUNCATE ON tickets_ticket
  FOR EACH STATEMENT EXECUTE FUNCTION playerdesk_search_tickets_truncated();
DROP TRIGGER IF EXISTS search_message_inserted ON tickets_message;
CREATE TRIGGER search_message_inserted AFTER INSERT ON tickets_message
  FOR EACH ROW EXECUTE FUNCTION playerdesk_search_message_inserted();
"""

# Every ticket's document again, set-based (after a restore, or to repair).
PG_REBUILD = """
TRUNCATE search_document;
INSERT INTO search_document (ticket_id, document)
SELECT t.id, playerdesk_ts_ticket(t) || coalesce(playerdesk_ts_body(t.language, m.text), '')
FROM tickets_ticket t
LEFT JOIN (SELECT ticket_id, string_agg(body, ' ' ORDER BY id) AS text
           FROM tickets_message GROUP BY ticket_id) m ON m.ticket_id = t.id;
"""

PG_DROP = """
DROP TRIGGER IF EXISTS search_message_inserted ON tickets_message;
DROP TRIGGER IF EXISTS search_tickets_truncated ON tickets_ticket;
DROP TRIGGER IF EXISTS search_ticket_deleted ON tickets_ticket;
DROP TRIGGER IF EXISTS search_ticket_retagged ON tickets_ticket;
DROP TRIGGER IF EXISTS search_ticket_changed ON tickets_ticket;
DROP TRIGGER IF EXISTS search_ticket_inserted ON tickets_ticket;
DROP TABLE IF EXISTS search_document;
DROP FUNCTION IF EXISTS playerdesk_search_message_inserted();
DROP FUNCTION IF EXISTS playerdesk_search_ticket_changed();
DROP FUNCTION IF EXISTS playerdesk_search_ticket_retagged();
DROP FUNCTION IF EXISTS playerdesk_search_ticket_deleted();
DROP FUNCTION IF EXISTS playerdesk_search_tickets_truncated();
DROP FUNCTION IF EXISTS playerdesk_ts_document(bigint);
DROP FUNCTION IF EXISTS playerdesk_ts_ticket(tickets_ticket);
DROP FUNCTION IF EXISTS playerdesk_ts_tags(bigint, bigint, text, text, text);
DROP FUNCTION IF EXISTS playerdesk_ts_query(text, boolean);
DROP FUNCTION IF EXISTS playerdesk_ts_body(text, text);
DROP FUNCTION IF EXISTS playerdesk_ts_head(text, text, jsonb);
DROP FUNCTION IF EXISTS playerdesk_ts_text(text, text, "char");
DROP FUNCTION IF EXISTS playerdesk_ts_unaccent(tsvector);
DROP FUNCTION IF EXISTS playerdesk_ts_config(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS playerdesk_english;
DROP TEXT SEARCH CONFIGURATION IF EXISTS playerdesk_french;
"""

# --- SQLite -----------------------------------------------------------------------------------

SQLITE_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  subject, details, body, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

_SQLITE_DETAILS = "(SELECT group_concat(value, ' ') FROM json_each(new.fields))"

# Tables that SQLite's schema editor rebuilds lose their triggers: a migration that alters
# tickets_ticket or tickets_message ends with search.sql's ``restore_sqlite_triggers``.
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS search_ticket_inserted AFTER INSERT ON tickets_ticket
BEGIN
  INSERT INTO search_fts (rowid, subject, details, body)
  VALUES (new.id, new.subject, {_SQLITE_DETAILS}, '');
END""",  # noqa: S608 - a fixed SQL fragment, no input
    f"""CREATE TRIGGER IF NOT EXISTS search_ticket_changed
AFTER UPDATE OF subject, fields ON tickets_ticket
WHEN old.subject IS NOT new.subject OR old.fields IS NOT new.fields
BEGIN
  UPDATE search_fts SET subject = new.subject, details = {_SQLITE_DETAILS}
  WHERE rowid = new.id;
END""",  # noqa: S608
    """CREATE TRIGGER IF NOT EXISTS search_ticket_deleted AFTER DELETE ON tickets_ticket
BEGIN
  DELETE FROM search_fts WHERE rowid = old.id;
END""",
    """CREATE TRIGGER IF NOT EXISTS search_message_inserted AFTER INSERT ON tickets_message
BEGIN
  UPDATE search_fts SET body = body || ' ' || new.body WHERE rowid = new.ticket_id;
END""",
]

SQLITE_REBUILD = [
    "DELETE FROM search_fts",
    """INSERT INTO search_fts (rowid, subject, details, body)
SELECT t.id, t.subject, (SELECT group_concat(value, ' ') FROM json_each(t.fields)),
       coalesce((SELECT group_concat(body, ' ') FROM
                 (SELECT body FROM tickets_message m WHERE m.ticket_id = t.id ORDER BY m.id)), '')
FROM tickets_ticket t""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_message_inserted",
    "DROP TRIGGER IF EXISTS search_ticket_deleted",
    "DROP TRIGGER IF EXISTS search_ticket_changed",
    "DROP TRIGGER IF EXISTS search_ticket_inserted",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(cursor, statements: str | list[str]) -> None:  # type: ignore[no-untyped-def]
    if isinstance(statements, str):
        cursor.execute(statements)
    else:
        for statement in statements:
            cursor.execute(statement)


def install(connection) -> None:  # type: ignore[no-untyped-def]
    """Create the index, its triggers, and fill it from the tickets already there."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for block in (PG_CONFIGS, PG_TABLE, PG_FUNCTIONS, PG_TRIGGERS):
                cursor.execute(block)
        else:
            cursor.execute(SQLITE_TABLE)
            _run(cursor, SQLITE_TRIGGERS)
    rebuild(connection)


def uninstall(connection) -> None:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        _run(cursor, PG_DROP if connection.vendor == "postgresql" else SQLITE_DROP)


def rebuild(connection) -> None:  # type: ignore[no-untyped-def]
    """Every ticket's document from its row and messages, in one pass."""
    with connection.cursor() as cursor:
        _run(cursor, PG_REBUILD if connection.vendor == "postgresql" else SQLITE_REBUILD)


def restore_sqlite_triggers(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    """For migrations that rebuild tickets_ticket or tickets_message on SQLite."""
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            _run(cursor, SQLITE_TRIGGERS)
