"""Plain-row INSERTs for the seed's biggest tables, with the values bulk_create would write.

bulk_create compiles a placeholder and a parameter per value and checks every instance's
relations; for a million interactions that costs far more than the INSERT itself. RowWriter takes
the caller's values as plain tuples and sends them with executemany, a few thousand at a time.
Everything else comes from the model, so a field added later is filled rather than left empty:
the columns are Model._meta's concrete fields, the values the caller does not give are the
fields' defaults, fields that compute their value on save (auto_now, case-folded keys, ...) get
their own pre_save(), and every value goes through the field's get_db_prep_save() for the
database in use.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections
from django.db.models import DEFERRED, Field, Model

MEMO_SIZE = 4096  # converted values kept per column
MEMO_TYPES = (str, int)  # exact types: True == 1, but a BooleanField and an IntegerField differ


def computes_on_save(field: Field) -> bool:
    """True when the field's pre_save() is more than reading the attribute (auto_now, keys...)."""
    return type(field).pre_save is not Field.pre_save


class RowWriter:
    """INSERT rows of `model` given as tuples of the `given` attnames (e.g. "contact_id")."""

    def __init__(self, model: type[Model], given: Sequence[str], using: str = "default") -> None:
        opts = model._meta
        self.model = model
        self.connection = connections[using]
        self.given = tuple(given)
        by_attname = {field.attname: field for field in opts.concrete_fields}
        unknown = [name for name in self.given if name not in by_attname]
        if unknown:
            raise ValueError(f"{opts.label} has no column for {', '.join(unknown)}.")
        self._slots = {field.attname: index for index, field in enumerate(opts.concrete_fields)}
        self._template: list[Any] = []
        self._per_row_defaults: list[tuple[int, Field]] = []
        for field in opts.concrete_fields:
            if field.attname in self.given or field is opts.auto_field or field.generated:
                self._template.append(DEFERRED if field.generated else None)
            elif field.has_default() and callable(field.default):
                self._template.append(None)
                self._per_row_defaults.append((self._slots[field.attname], field))
            else:
                self._template.append(field.get_default())
        # A db_default column the caller does not give is left to the database, as the ORM does.
        self.fields = [
            field
            for field in opts.concrete_fields
            if field is not opts.auto_field
            and not field.generated
            and (field.attname in self.given or not field.has_db_default())
        ]
        self._given_slots = [self._slots[name] for name in self.given]
        # Columns whose value is the same in every row are prepared once.
        self._constants: dict[int, Any] = {
            index: field.get_db_prep_save(
                self._template[self._slots[field.attname]], connection=self.connection
            )
            for index, field in enumerate(self.fields)
            if field.attname not in self.given
            and not computes_on_save(field)
            and not any(field is f for _, f in self._per_row_defaults)
        }
        self._varying = [
            (index, field, computes_on_save(field), {})
            for index, field in enumerate(self.fields)
            if index not in self._constants
        ]
        self._row_template = [self._constants.get(index) for index in range(len(self.fields))]
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.sql = (
            f"{self.connection.ops.insert_statement()} {quote(opts.db_table)} "
            f"({columns}) VALUES ({placeholders})"
        )

    def prepare(self, values: Sequence[Any]) -> tuple:
        """The database parameters for one row, as bulk_create would send them."""
        slots = self._template.copy()
        for slot, value in zip(self._given_slots, values, strict=True):
            slots[slot] = value
        for slot, field in self._per_row_defaults:
            slots[slot] = field.get_default()
        obj = self.model(*slots)  # positional, like Model.from_db: cheap, and pre_save needs it
        obj._state.db = self.connection.alias
        attrs = obj.__dict__
        connection = self.connection
        row = self._row_template.copy()
        for index, field, on_save, memo in self._varying:
            value = field.pre_save(obj, add=True) if on_save else attrs[field.attname]
            # Seeded columns repeat a few values (a contact's id, a note, an outcome); the
            # conversion is a pure function of the value, so each is converted once.
            if type(value) not in MEMO_TYPES:
                row[index] = field.get_db_prep_save(value, connection=connection)
            elif value in memo:
                row[index] = memo[value]
            else:
                row[index] = prepared = field.get_db_prep_save(value, connection=connection)
                if len(memo) < MEMO_SIZE:
                    memo[value] = prepared
        return tuple(row)

    def insert(self, rows: Iterable[Sequence[Any]], chunk: int = 5000) -> int:
        """INSERT every row; at most `chunk` prepared rows are held at a time."""
        count, prepared = 0, []
        with self.connection.cursor() as cursor:
            for values in rows:
                prepared.append(self.prepare(values))
                if len(prepared) == chunk:
                    cursor.executemany(self.sql, prepared)
                    count, prepared = count + len(prepared), []
            if prepared:
                cursor.executemany(self.sql, prepared)
        return count + len(prepared)


def update_column(model: type[Model], field_name: str, values: Iterable[tuple[Any, Any]]) -> None:
    """Set one column row by row from (primary key, value) pairs with one executemany.

    For values the ORM will not insert: auto_now_add overwrites whatever the instance holds."""
    opts = model._meta
    field = opts.get_field(field_name)
    connection = connections[model._default_manager.db]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(opts.db_table)} SET {quote(field.column)} = %s "
        f"WHERE {quote(opts.pk.column)} = %s"
    )
    params = [
        (
            field.get_db_prep_save(value, connection=connection),
            opts.pk.get_db_prep_save(pk, connection=connection),
        )
        for pk, value in values
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
