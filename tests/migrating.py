"""Running migrations back and forth inside a test, to check what they do to existing rows."""

from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app, migration), ...]); the apps as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@contextmanager
def migrated_to(targets):
    """The apps at `targets`, and every app back at its latest migration afterwards."""
    newest = latest()
    try:
        yield migrate(targets)
    finally:
        migrate(newest)
