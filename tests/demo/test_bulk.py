"""demo.bulk.RowWriter must write exactly what bulk_create writes, for every column of the model."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.db import models
from django.utils import timezone

from contacts.models import Contact
from demo.bulk import RowWriter, computes_on_save, update_column
from interactions.models import Interaction, InteractionType, ensure_builtin_types
from tests.conftest import make_contact, make_tag

pytestmark = pytest.mark.django_db

GIVEN = ("owner_id", "contact_id", "type_id", "occurred_at", "notes", "outcome")


def columns(obj: models.Model, skip: tuple[str, ...] = ("id", "code")) -> dict:
    """Every stored column of a row, read back from the database."""
    obj.refresh_from_db()
    return {
        field.attname: getattr(obj, field.attname)
        for field in type(obj)._meta.concrete_fields
        if field.attname not in skip
    }


@time_machine.travel(dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC), tick=False)
def test_raw_interactions_equal_the_orms(alice):
    ensure_builtin_types(alice)
    contact = make_contact(alice, name="Élodie Straße")
    kinds = list(InteractionType.objects.filter(owner=alice))
    when = timezone.now() - dt.timedelta(days=3, minutes=7)
    values = [
        (alice.pk, contact.pk, kinds[0].pk, when, "Talked about ÉLODIE's Straße talk", "positive"),
        (alice.pk, contact.pk, kinds[1].pk, when - dt.timedelta(days=1), "", "no_response"),
        (alice.pk, contact.pk, kinds[2].pk, when - dt.timedelta(days=400), "Pairing", "neutral"),
    ]

    orm = Interaction.objects.bulk_create(
        [Interaction(**dict(zip(GIVEN, row, strict=True))) for row in values]
    )
    assert RowWriter(Interaction, GIVEN).insert(values) == 3

    raw = Interaction.objects.exclude(pk__in=[i.pk for i in orm]).order_by("pk")
    assert [columns(i) for i in raw] == [columns(i) for i in orm]
    codes = [i.code for i in raw]
    assert all(isinstance(code, uuid.UUID) for code in codes)
    assert len(set(codes) | {i.code for i in orm}) == 6
    # The fields that compute their value on save (timestamps, folded search keys) were filled.
    assert any(computes_on_save(f) for f in Interaction._meta.concrete_fields)
    assert raw[0].created_at == raw[0].updated_at == timezone.now()
    assert Interaction.objects.search("élodie straße").count() == 2


def test_raw_links_equal_the_orms(alice):
    contact = make_contact(alice)
    tags = [make_tag(alice, "Python"), make_tag(alice, "Rust")]
    link = Contact.tags.through

    RowWriter(link, ["contact_id", "tag_id"]).insert([(contact.pk, tags[0].pk)])
    link.objects.bulk_create([link(contact_id=contact.pk, tag_id=tags[1].pk)])

    assert [columns(row, skip=("id",)) for row in link.objects.order_by("pk")] == [
        {"contact_id": contact.pk, "tag_id": tags[0].pk},
        {"contact_id": contact.pk, "tag_id": tags[1].pk},
    ]
    assert list(contact.tags.order_by("name")) == tags


def test_insert_sends_rows_in_chunks(alice):
    contact = make_contact(alice)
    ensure_builtin_types(alice)
    kind = InteractionType.objects.filter(owner=alice).first()
    now = timezone.now()
    rows = ((alice.pk, contact.pk, kind.pk, now, f"note {n}", "neutral") for n in range(5))

    assert RowWriter(Interaction, GIVEN).insert(rows, chunk=2) == 5
    assert sorted(contact.interactions.values_list("notes", flat=True)) == [
        f"note {n}" for n in range(5)
    ]


def test_unknown_columns_are_refused():
    with pytest.raises(ValueError, match="no column for contact, colour"):
        RowWriter(Interaction, ["contact", "colour"])


def test_update_column_sets_values_the_orm_would_not_insert(alice):
    first, second = make_contact(alice, name="A"), make_contact(alice, name="B")
    then = dt.datetime(2022, 5, 6, 7, 8, tzinfo=dt.UTC)

    update_column(Contact, "created_at", [(first.pk, then)])

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.created_at == then
    assert second.created_at > then
