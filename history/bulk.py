"""History rows for changes made in SQL (QuerySet.update, bulk_create), which simple-history's
signals never see: one INSERT ... SELECT copying the rows' current values, whatever their number."""

from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

from history import sources


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
