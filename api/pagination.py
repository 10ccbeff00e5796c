"""Cursor pagination that stays put while rows are added: each page continues after the last
row of the one before (its sort value, then its code to break ties), so a contact added
meanwhile shows up in its place or not at all, and nothing is repeated or skipped. The cursor
is that position, base64url-encoded JSON: opaque to clients, meaningless to forge."""

import base64
import binascii
import datetime as dt
import json
import uuid
from dataclasses import dataclass

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Lower

from api.problems import Problem

MAX_LIMIT = 100
DEFAULT_LIMIT = 50
NEVER = dt.date(1, 1, 1)  # "never contacted" sorts as the longest ago


@dataclass(frozen=True)
class Order:
    expression: object
    descending: bool
    kind: type  # what the sort value is, to read it back from a cursor


ORDERS = {
    "name": Order(Lower("name"), False, str),
    "-name": Order(Lower("name"), True, str),
    "created": Order(models.F("created_at"), False, dt.datetime),
    "-created": Order(models.F("created_at"), True, dt.datetime),
    "last_contacted": Order(
        Coalesce("last_contacted", Value(NEVER), output_field=models.DateField()), False, dt.date
    ),
    "-last_contacted": Order(
        Coalesce("last_contacted", Value(NEVER), output_field=models.DateField()), True, dt.date
    ),
    # Interactions, newest first; reminders, soonest due first.
    "-occurred": Order(models.F("occurred_at"), True, dt.datetime),
    "due": Order(models.F("effective_due"), False, dt.date),
}


def encode(sort: str, value, code: uuid.UUID) -> str:
    if isinstance(value, dt.date | dt.datetime):
        value = value.isoformat()
    raw = json.dumps([sort, value, code.hex], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, sort: str, kind: type):
    """(sort value, code) from a cursor made for this sort; a 400 problem otherwise."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, value, code = json.loads(raw)
        if made_for != sort or not isinstance(value, str):
            raise ValueError
        if kind is dt.datetime:
            value = dt.datetime.fromisoformat(value)
        elif kind is dt.date:
            value = dt.date.fromisoformat(value)
        return value, uuid.UUID(hex=code)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, AttributeError):
        raise Problem(
            400,
            "The cursor is not one this list gave (or it was for another sort order).",
            {"cursor": ["Use the `next` link of the previous page as it is."]},
        ) from None


def page(queryset, *, sort: str, cursor: str | None, limit: int):
    """(rows, cursor of the next page or None): `limit` rows after `cursor`, in `sort` order."""
    order = ORDERS[sort]
    rows = queryset
    if "sort_key" not in rows.query.annotations:  # a caller reading values() added it first
        rows = rows.annotate(sort_key=order.expression)
    if cursor:
        value, code = decode(cursor, sort, order.kind)
        if order.descending:
            rows = rows.filter(sort_key__lte=value).filter(Q(sort_key__lt=value) | Q(code__lt=code))
        else:
            rows = rows.filter(sort_key__gte=value).filter(Q(sort_key__gt=value) | Q(code__gt=code))
    prefix = "-" if order.descending else ""
    found = list(rows.order_by(f"{prefix}sort_key", f"{prefix}code")[: limit + 1])
    if len(found) <= limit:
        return found, None
    last = found[limit - 1]
    if isinstance(last, dict):  # rows read with values()
        return found[:limit], encode(sort, last["sort_key"], last["code"])
    return found[:limit], encode(sort, last.sort_key, last.code)
