"""Everything that differs between SQLite and PostgreSQL full-text search, in one place.

SQLite: an FTS5 table with external content (the `search_entry` rows), kept equal to them by
triggers, so every insert, update and delete of an entry (cascades and bulk deletes included)
reaches the index. PostgreSQL: a stored generated `tsvector` column with a GIN index. Both get
text already normalised by search.text, so neither needs its own stemming or accent folding
(PostgreSQL's 'simple' configuration, SQLite's unicode61 tokenizer keeping diacritics).

A match is one word as a prefix ("pyth" finds "python"); scores are positive, higher is better
(minus SQLite's bm25(), PostgreSQL's ts_rank()).
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection

SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(text, content='search_entry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO search_entry_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TABLE IF EXISTS search_entry_fts",
]
POSTGRESQL_SETUP = [
    "ALTER TABLE search_entry ADD COLUMN vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED",
    "CREATE INDEX search_entry_vector ON search_entry USING GIN (vector)",
]
POSTGRESQL_TEARDOWN = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS vector",
]


def set_up(schema_editor) -> None:
    """The full-text index of the engine in use (from the migration)."""
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_SETUP, "postgresql": POSTGRESQL_SETUP}.get(vendor, []):
        schema_editor.execute(sql)


def tear_down(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_TEARDOWN, "postgresql": POSTGRESQL_TEARDOWN}.get(vendor, []):
        schema_editor.execute(sql)


@dataclass(frozen=True)
class Hit:
    entry_id: int
    contact_id: int
    source: str
    occurred_on: dt.date | None
    score: float


_SELECT = "SELECT e.id, e.contact_id, e.source, e.occurred_on, {score} FROM {tables} WHERE {match}"
_SQL = {
    "sqlite": _SELECT.format(
        score="-bm25(search_entry_fts)",
        # CROSS JOIN keeps the full-text match as the outer loop: left to itself, SQLite starts
        # from the owner's entries and runs the MATCH once per entry (18 s at 100,000 of them).
        tables="search_entry_fts CROSS JOIN search_entry e ON e.id = search_entry_fts.rowid",
        match="search_entry_fts MATCH %s",
    ),
    "postgresql": _SELECT.format(
        score="ts_rank(e.vector, q)",
        tables="search_entry e, to_tsquery('simple', %s) q",
        match="e.vector @@ q",
    ),
}


def _prefix_query(word: str) -> str:
    # `word` is letters and digits only (search.text), so quoting it is enough on both engines.
    return f'"{word}"*' if connection.vendor == "sqlite" else f"'{word}':*"


def matches(owner_id: int, word: str, within: tuple[str, tuple] | None = None) -> list[Hit]:
    """The owner's entries containing a word that starts with `word`; `within` is SQL selecting
    the contact ids to keep (with its parameters)."""
    sql = _SQL[connection.vendor] + " AND e.owner_id = %s"
    params: list = [_prefix_query(word), owner_id]
    if within is not None:
        sql += f" AND e.contact_id IN ({within[0]})"
        params.extend(within[1])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Hit(pk, contact_id, source, _date(day), float(score or 0))
        for pk, contact_id, source, day, score in rows
    ]


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
