"""The full-text index over the entries: SQLite FTS5 or a PostgreSQL tsvector (search.engines)."""

from django.db import migrations


def set_up(apps, schema_editor) -> None:
    from search import engines

    engines.set_up(schema_editor)


def tear_down(apps, schema_editor) -> None:
    from search import engines

    engines.tear_down(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(set_up, tear_down)]
