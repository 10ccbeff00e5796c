"""The table of the default cache (rate limits, GitHub look-ups), made by `migrate` so a fresh
install, the tests and PostgreSQL all have it without a separate step."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # Every database cache in CACHES (none when CACHE_URL points elsewhere); existing tables
    # are left alone, so this is safe to run again.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_remove_user_data_version")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
