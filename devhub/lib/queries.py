"""Querysets run as plain SQL, where the ORM's per-row work would cost more than the database's
or the SQL is put inside a hand-written statement."""

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet


def compiled(queryset: QuerySet) -> tuple[str, tuple] | None:
    """The SQL of `queryset` and its parameters, or None when Django knows it selects nothing
    without asking the database (a filter on an empty list: `pk__in=[]`)."""
    try:
        return queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
