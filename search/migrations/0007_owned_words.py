"""SQLite's full-text index keeps each owner's words apart ("12qpython"; search.engines), so a
search reads only its owner's entries. PostgreSQL's index is unchanged."""

from django.db import migrations

# The index before: every user's words together.
SHARED_WORDS = [
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


def owned(apps, schema_editor) -> None:
    from search import engines

    if schema_editor.connection.vendor == "sqlite":
        engines.tear_down(schema_editor)
        engines.set_up(schema_editor)
        engines.rebuild(schema_editor)


def shared(apps, schema_editor) -> None:
    from search import engines

    if schema_editor.connection.vendor == "sqlite":
        engines.tear_down(schema_editor)
        for sql in SHARED_WORDS:
            schema_editor.execute(sql)
        schema_editor.execute(engines.SQLITE_REBUILD)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_entry_contact_from_unique_index")]

    operations = [migrations.RunPython(owned, shared)]
