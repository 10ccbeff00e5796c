"""Everything that differs between SQLite and PostgreSQL full-text search, in one place.

SQLite: an FTS5 table with external content, kept equal to the `search_entry` rows by triggers,
so every insert, update and delete of an entry (cascades and bulk deletes included) reaches the
index. Its words are each owner's own: every word is indexed as the owner's id, "q" and the word
("12qpython"), so a word's list in the index holds only its owner's entries, and a search reads
none of the other users' (a prefix anywhere else would read every user's "python" to keep a
tenth of them). The words are made by `owned_words`, an SQL function every connection gets
(`register`), which the triggers call, and which the view the index reads its content from
calls too (for FTS5's own 'rebuild').
PostgreSQL: a stored generated `tsvector` column with a GIN index, found with the owner's rows.
Both get text already normalised by search.text, so neither needs its own stemming or accent
folding (PostgreSQL's 'simple' configuration, SQLite's unicode61 tokenizer keeping diacritics).

A match is one word as a prefix ("pyth" finds "python"); scores are positive, higher is better
(minus SQLite's bm25(), PostgreSQL's ts_rank()).
"""

import datetime as dt
import sqlite3
from typing import NamedTuple

from django.db import connection

OWNED_WORDS = "owned_words"
SQLITE_SETUP = [
    # What the index reads when it is rebuilt: each entry's words, as their owner's.
    f"CREATE VIEW search_entry_words AS SELECT id, {OWNED_WORDS}(owner_id, text) AS text "
    "FROM search_entry",
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(text, content='search_entry_words', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(rowid, text) "
    f"VALUES (new.id, {OWNED_WORDS}(new.owner_id, new.text)); END",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, text) "
    f"VALUES ('delete', old.id, {OWNED_WORDS}(old.owner_id, old.text)); END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, text) "
    f"VALUES ('delete', old.id, {OWNED_WORDS}(old.owner_id, old.text)); "
    "INSERT INTO search_entry_fts(rowid, text) "
    f"VALUES (new.id, {OWNED_WORDS}(new.owner_id, new.text)); END",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TABLE IF EXISTS search_entry_fts",
    "DROP VIEW IF EXISTS search_entry_words",
]
SQLITE_REBUILD = "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')"
POSTGRESQL_SETUP = [
    "ALTER TABLE search_entry ADD COLUMN vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED",
    "CREATE INDEX search_entry_vector ON search_entry USING GIN (vector)",
]
POSTGRESQL_TEARDOWN = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS vector",
]


def owned_words(owner_id: int | None, text: str | None) -> str:
    """`text` (normalised: words and single spaces) with each word its owner's: "12qpython"."""
    if not text:
        return ""
    return " ".join(f"{owner_id}q{word}" for word in text.split())


def add_functions(connection: sqlite3.Connection) -> None:
    """Give a plain SQLite connection `owned_words`: one that writes entries, or reads the
    index's content (FTS5's own checks, PRAGMA integrity_check on recent SQLite)."""
    connection.create_function(OWNED_WORDS, 2, owned_words, deterministic=True)


def register(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection of the application `owned_words` (connection_created)."""
    if connection.vendor == "sqlite":
        add_functions(connection.connection)


def set_up(schema_editor) -> None:
    """The full-text index of the engine in use (from the migration)."""
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_SETUP, "postgresql": POSTGRESQL_SETUP}.get(vendor, []):
        schema_editor.execute(sql)


def tear_down(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_TEARDOWN, "postgresql": POSTGRESQL_TEARDOWN}.get(vendor, []):
        schema_editor.execute(sql)


def rebuild(schema_editor) -> None:
    """Index every entry again (SQLite, after its index changed shape)."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_REBUILD)


def _prefix_query(owner_id: int, word: str) -> str:
    # `word` is letters and digits only (search.text), so quoting it is enough on both engines.
    if connection.vendor == "sqlite":
        return f'"{owned_words(owner_id, word)}"*'
    return f"'{word}':*"


# Each word's entries. On SQLite the CROSS JOIN keeps the full-text match as the outer loop:
# left to itself, SQLite starts from the owner's entries and runs the MATCH once per entry (18 s
# at 100,000 of them).
_WORD_HITS = {
    "sqlite": "SELECT e.id, e.contact_id, e.source, e.occurred_on, {extra}"
    "{term} AS term, {word} AS word, {words} AS words "
    "FROM search_entry_fts CROSS JOIN search_entry e ON e.id = search_entry_fts.rowid "
    "WHERE search_entry_fts MATCH %s AND e.owner_id = %s",
    "postgresql": "SELECT e.id, e.contact_id, e.source, e.occurred_on, {extra}"
    "{term} AS term, {word} AS word, {words} AS words "
    "FROM search_entry e CROSS JOIN to_tsquery('simple', %s) q "
    "WHERE e.vector @@ q AND e.owner_id = %s",
}
_SCORE = {"sqlite": "-bm25(search_entry_fts)", "postgresql": "ts_rank(e.vector, q)"}


def _hits(
    owner_id: int,
    terms: list[list[str]],
    within: tuple[str, tuple] | None,
    score: bool = False,
) -> list[tuple[str, list]]:
    """SQL (and its parameters) of the owner's entries with a word starting with each word of
    each term, numbered by the term and the word, among the contacts `within` selects (if
    given); with their `score` (the engine's, positive, higher is better)."""
    vendor = connection.vendor
    extra = f"{_SCORE[vendor]} AS score, " if score else ""
    selects = []
    for term, words in enumerate(terms):
        for n, word in enumerate(words):
            sql = _WORD_HITS[vendor].format(extra=extra, term=term, word=n, words=len(words))
            params = [_prefix_query(owner_id, word), owner_id]
            if within is not None:
                sql += f" AND e.contact_id IN ({within[0]})"
                params += within[1]
            selects.append((sql, params))
    return selects


def _union(selects: list[tuple[str, list]]) -> tuple[str, list]:
    return " UNION ALL ".join(sql for sql, _ in selects), [p for _, ps in selects for p in ps]


def _by_age(ages: list[tuple[dt.date, float]], old: float) -> tuple[str, list]:
    """SQL weighing an entry (`k`) by its age: the weight of the first of `ages` it is on or
    after, else `old`; undated, the first weight."""
    steps = " ".join("WHEN k.occurred_on >= %s THEN %s" for _ in ages)
    params = [ages[0][1], *(value for day_weight in ages for value in day_weight), old]
    return f"CASE WHEN k.occurred_on IS NULL THEN %s {steps} ELSE %s END", params


def _by_warmth(warmth: dict[str, int]) -> tuple[str, list]:
    """SQL ordering contacts (`c`) by `warmth` of their status, unknown ones last."""
    steps = " ".join("WHEN %s THEN %s" for _ in warmth)
    return f"CASE c.status {steps} ELSE %s END", [*(v for i in warmth.items() for v in i), 99]


_ROUNDED = {"sqlite": "round({}, 1)", "postgresql": "round(({})::numeric, 1)"}
# The last ties of a ranking of contacts (`c`): the latest contact first, then the name; and the
# same from the columns a ranking keeps of them (`c.last_contacted AS last_day, lower(c.name) AS
# sort_name`), to order its rows again.
_LATEST_THEN_NAME = "c.last_contacted IS NULL, c.last_contacted DESC, lower(c.name), c.id"
_KEPT_LAST_TIES = ["last_day IS NULL", "last_day DESC", "sort_name", "id"]


def _current(within: tuple[str, tuple] | None) -> str:
    """The condition on contacts (`c`) kept: all of `within`'s, else the current ones."""
    return "" if within is not None else " WHERE NOT c.is_archived"


def rank_relevance(
    owner_id: int,
    words: list[str],
    weights: dict[str, float],
    aged: str,
    ages: list[tuple[dt.date, float]],
    old: float,
    warmth: dict[str, int],
    limit: int | None = None,
    within: tuple[str, tuple] | None = None,
    entries: bool = False,
) -> list[tuple[int, float, int | None]]:
    """The contacts with entries matching every one of `words` (each a prefix), most relevant
    first, at most `limit`, ranked in the database: (contact id, relevance, None), or with
    `entries` one row for each entry of theirs that matched (contact id, relevance, entry id),
    the best first.

    An entry scores its source's weight (`weights`), times its age's weight when of source
    `aged` (see `_by_age`), times 1 plus the engine's score / (1 + that score). A contact's
    relevance adds up, word by word and source by source, the best entry's score and 0.1 for
    each further entry (at most 0.5). Equal relevance (to a tenth) goes by `warmth`, then the
    latest contact, then the name. `within` is SQL selecting the contact ids to
    keep (with its parameters), else the owner's current contacts are kept."""
    vendor = connection.vendor
    # Each word's entries among the contacts who have the words before (the engine's score is
    # only worked out for those): materialized, as a flattened query could not call bm25() away
    # from its MATCH.
    params: list = []
    ctes = []
    for n, (sql, word_params) in enumerate(_hits(owner_id, [words], within, score=True)):
        if n:
            sql += f" AND e.contact_id IN (SELECT contact_id FROM word{n - 1})"
        ctes.append(f"word{n} AS MATERIALIZED ({sql})")
        params += word_params
    hits = " UNION ALL ".join(f"SELECT * FROM word{n}" for n in range(len(words)))
    by_source = " ".join("WHEN %s THEN %s" for _ in weights)
    params += [v for item in weights.items() for v in item]
    age, age_params = _by_age(ages, old)
    params += [aged, *age_params]
    warm, warm_params = _by_warmth(warmth)
    params += warm_params + ([] if limit is None else [limit])
    rounded = _ROUNDED[vendor].format("p.relevance")
    every_word = f" HAVING count(DISTINCT word) = {len(words)}" if len(words) > 1 else ""
    sql = (
        f"WITH {', '.join(ctes)}, hits AS ({hits}), "
        "scored AS (SELECT k.id, k.contact_id, k.word, k.source, "
        f"(CASE k.source {by_source} ELSE 0 END) "
        f"* (CASE WHEN k.source = %s THEN {age} ELSE 1.0 END) "
        "* (1 + coalesce(k.score, 0) / (1 + coalesce(k.score, 0))) AS s FROM hits k), "
        "per_source AS (SELECT contact_id, word, source, "
        "max(s) + CASE WHEN count(*) >= 6 THEN 0.5 ELSE 0.1 * (count(*) - 1) END AS s "
        "FROM scored GROUP BY contact_id, word, source), "
        "per_contact AS (SELECT contact_id, sum(s) AS relevance FROM per_source "
        f"GROUP BY contact_id{every_word}), "
        f"ranked AS (SELECT c.id, p.relevance, {rounded} AS rounded, "
        f"{warm} AS warmth, c.last_contacted AS last_day, lower(c.name) AS sort_name "
        f"FROM per_contact p JOIN contacts_contact c ON c.id = p.contact_id{_current(within)} "
        f"ORDER BY rounded DESC, warmth, {_LATEST_THEN_NAME}"
        f"{'' if limit is None else ' LIMIT %s'}) "
    )
    # The same order again, from the columns `ranked` kept of it.
    order = ", ".join(f"r.{key}" for key in ["rounded DESC", "warmth", *_KEPT_LAST_TIES])
    if entries:
        sql += (
            "SELECT r.id, r.relevance, s.id FROM ranked r JOIN scored s ON s.contact_id = r.id "
            f"ORDER BY {order}, s.s DESC, s.id"
        )
    else:
        sql += f"SELECT r.id, r.relevance, NULL FROM ranked r ORDER BY {order}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, float(value), entry) for pk, value, entry in cursor.fetchall()]


class Field(NamedTuple):
    """A sum `rank_evidence` orders by: the entries of these sources, each 1 or weighed by its
    age."""

    sources: tuple[str, ...]
    by_age: bool = False


class Shown(NamedTuple):
    entry_id: int
    contact_id: int
    source: str
    occurred_on: dt.date | None
    label: str
    term: int


class Ranking(NamedTuple):
    total: int  # everyone ranked
    rows: list[tuple[int, int]]  # the page's: (contact id, the terms matched as bits)
    shown: list[Shown]  # the page's people's entries that matched


def rank_evidence(
    owner_id: int,
    terms: list[list[str]],
    fields: dict[str, Field],
    order: list[str],
    ages: list[tuple[dt.date, int]],
    old: int,
    warmth: dict[str, int],
    offset: int,
    limit: int,
) -> Ranking:
    """The contacts with entries matching terms (each word of a term as a prefix, every word of
    it), ranked in the database, since a technology can be known of thousands of people: how
    many there are, then from `offset` at most `limit` of them, best first (contact id, the
    terms matched as bits: 1 << the term's index), with their matching entries, in one
    statement. Past the end, no rows and a total of 0.

    `order` names what they are ranked by: "covered" (most terms first), a field (the largest
    sum first), "warmth" (by `warmth` of their status, unknown ones last); then the latest
    contact and the name. A field's entry weighs 1, or by its age (see `_by_age`); give whole
    numbers, so that sums compare exactly. A term without words matches nobody. Archived
    contacts are left out."""
    hits, params = _union(_hits(owner_id, terms, None))
    found = (
        "SELECT DISTINCT h.id, h.contact_id, h.source, h.occurred_on, h.term FROM hits h JOIN ("
        "SELECT term, contact_id FROM hits GROUP BY term, contact_id "
        "HAVING count(DISTINCT word) = max(words)) every_word "
        "ON every_word.term = h.term AND every_word.contact_id = h.contact_id"
        if any(len(words) > 1 for words in terms)
        else "SELECT * FROM hits"
    )
    sums = []
    for name, field in fields.items():
        assert name.isidentifier()
        marks = ", ".join(["%s"] * len(field.sources))
        params += field.sources
        weight = "1"
        if field.by_age:
            weight, age_params = _by_age(ages, old)
            params += age_params
        sums.append(f"sum(CASE WHEN k.source IN ({marks}) THEN {weight} ELSE 0 END) AS {name}")
    warm, warm_params = _by_warmth(warmth)
    params += warm_params
    by = []
    for key in order:
        if key in fields or key == "covered":
            by.append(f"{key} DESC")
        elif key == "warmth":
            by.append("warmth")
        else:
            raise ValueError(f"cannot rank by {key!r}")
    by += _KEPT_LAST_TIES
    params += [limit, offset]
    # `counted` counts everyone before the page is cut from it; the page's people are numbered
    # in order again (`n`), as a union keeps no order; their entries follow them.
    sql = (
        f"WITH hits AS MATERIALIZED ({hits}), found AS ({found}), "
        "per_contact AS (SELECT k.contact_id, count(DISTINCT k.term) AS covered, "
        f"sum(DISTINCT 1 << k.term) AS bits, {', '.join(sums)} "
        "FROM found k GROUP BY k.contact_id), "
        f"counted AS (SELECT c.id, p.*, {warm} AS warmth, c.last_contacted AS last_day, "
        "lower(c.name) AS sort_name, count(*) OVER () AS total FROM per_contact p "
        "JOIN contacts_contact c ON c.id = p.contact_id WHERE NOT c.is_archived), "
        f"ranked AS (SELECT * FROM counted ORDER BY {', '.join(by)} LIMIT %s OFFSET %s), "
        f"numbered AS (SELECT id, bits, total, row_number() OVER (ORDER BY {', '.join(by)}) AS n "
        "FROM ranked) "
        # Typed: PostgreSQL cannot match an untyped NULL with a number.
        "SELECT id, bits, total, n, CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR(20)), "
        "CAST(NULL AS DATE), CAST(NULL AS INTEGER), CAST(NULL AS VARCHAR(200)) "
        "FROM numbered UNION ALL "
        "SELECT DISTINCT f.contact_id, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), "
        "CAST(NULL AS BIGINT), f.id, f.source, f.occurred_on, "
        "f.term, e.label FROM found f JOIN search_entry e ON e.id = f.id "
        "WHERE f.contact_id IN (SELECT id FROM ranked)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    ranked = sorted((n, pk, bits, total) for pk, bits, total, n, *_ in rows if n is not None)
    return Ranking(
        ranked[0][3] if ranked else 0,
        [(pk, bits) for _, pk, bits, _ in ranked],
        [
            Shown(entry, contact, source, _date(day), label, term)
            for contact, _, _, n, entry, source, day, term, label in rows
            if n is None
        ],
    )


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
