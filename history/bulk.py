"""History rows for changes made in SQL (QuerySet.update, bulk_create), which simple-history's
signals never see: one INSERT ... SELECT copying the rows' current values, whatever their number."""

import contextlib
from collections.abc import Iterator

from django.db import connections, models
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.models import registered_models

from history import sources

# Rows per INSERT ... SELECT when they are named by primary key (SQLite's bound-parameter limit).
CHUNK = 5000


def record_rows(rows: QuerySet, history_type: str = "~") -> int:
    """A history row for each row of `rows` as it is now; the number recorded."""
    if sources.is_paused():
        return 0
    model = rows.model
    history_model = model.history.model
    db = rows.db
    connection = connections[db]
    quote = connection.ops.quote_name
    tracked = [f.attname for f in history_model.tracked_fields]
    select_sql, select_params = (
        rows.order_by().values_list(*tracked).query.get_compiler(db).as_sql()
    )
    user = sources.current_user()
    extra = {
        "history_date": connection.ops.adapt_datetimefield_value(timezone.now()),
        "history_type": history_type,
        "history_user_id": getattr(user, "pk", None),
        "history_source": sources.current_source(),
    }
    columns = [history_model._meta.get_field(name).column for name in tracked]
    columns += [history_model._meta.get_field(name).column for name in extra]
    # PostgreSQL types a bare parameter in a SELECT list as text; SQLite needs no cast (and its
    # CAST to a datetime would make a number of the text).
    placeholders = ", ".join(
        f"CAST(%s AS {history_model._meta.get_field(name).db_type(connection)})"
        if connection.vendor == "postgresql"
        else "%s"
        for name in extra
    )
    sql = (
        f"INSERT INTO {quote(history_model._meta.db_table)} "
        f"({', '.join(quote(c) for c in columns)}) "
        f"SELECT selected.*, {placeholders} FROM ({select_sql}) selected"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*extra.values(), *select_params])
        return cursor.rowcount


def delete_rows(rows: QuerySet) -> tuple[int, dict[str, int]]:
    """Delete `rows` (and what cascades from them) as QuerySet.delete() does, recording each row's
    last version ("-") in one INSERT ... SELECT. What goes with them (a contact's interactions,
    reminders, VIP sections) gets no version of its own: one INSERT per cascaded row made a
    100,000-contact delete several times slower."""
    record_rows(rows, "-")
    with sources.paused():
        return rows.delete()


def _hanging_off_contacts() -> list[type[models.Model]]:
    """Tracked models whose rows belong to one contact (interactions, reminders, VIP sections)."""
    from contacts.models import Contact

    found = []
    for model in registered_models.values():
        field = next((f for f in model._meta.fields if f.name == "contact"), None)
        if field is not None and field.related_model is Contact:
            found.append(model)
    return found


@contextlib.contextmanager
def moving_rows(contact_ids: list[int]) -> Iterator[None]:
    """A version of every tracked row of `contact_ids` as it is after the block: a merge moves
    them to another contact by UPDATE, which the signals never see."""
    before = {
        model: list(
            model._base_manager.filter(contact_id__in=contact_ids).values_list("pk", flat=True)
        )
        for model in _hanging_off_contacts()
    }
    yield
    for model, pks in before.items():
        for start in range(0, len(pks), CHUNK):
            record_rows(model._base_manager.filter(pk__in=pks[start : start + CHUNK]))
