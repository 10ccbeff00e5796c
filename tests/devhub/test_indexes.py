"""The indexes the application declares can be used as the ORM queries them."""

from django.apps import apps
from django.db.models import Q


def _values(condition: Q):
    """The values a condition compares with, other than the NULL tests."""
    for child in condition.children:
        if isinstance(child, Q):
            yield from _values(child)
        else:
            lookup, value = child
            if not (lookup.endswith("__isnull") or value is None):
                yield lookup, value


def test_partial_indexes_test_for_null_only():
    """SQLite uses a partial index only when the query proves its condition, and the ORM binds
    the values it compares with as parameters, which SQLite cannot look into: a condition on a
    value ("kind = 'check_in'") leaves the index unused. A value to look up is an indexed column
    instead. (Conditional unique constraints are another matter: they guard inserts.)"""
    found = {
        f"{model.__name__}.{index.name}": list(_values(index.condition))
        for model in apps.get_models()
        for index in model._meta.indexes
        if index.condition is not None
    }
    assert found and {name: values for name, values in found.items() if values} == {}
