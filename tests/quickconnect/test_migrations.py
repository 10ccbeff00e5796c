"""Codes made for a typed event name before such names made events: linked by a migration."""

import datetime as dt
import uuid

import pytest

from tests.conftest import make_user
from tests.migrating import latest, migrate, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("contacts", "0015_remove_contact_search_text"),
    ("quickconnect", "0003_remove_notification_url"),
]
TODAY = dt.date(2026, 3, 10)


def test_typed_event_names_become_events_with_everyone_who_signed_up():
    alice, charlie = make_user("alice").pk, make_user("charlie").pk
    with migrated_to(BEFORE) as apps:
        Code = apps.get_model("quickconnect", "QuickConnectCode")
        Submission = apps.get_model("quickconnect", "Submission")
        Contact = apps.get_model("contacts", "Contact")
        Event = apps.get_model("contacts", "Event")
        pycon = Event.objects.create(owner_id=alice, name="PyCon 2026")
        charlies = Event.objects.create(owner_id=charlie, name="RustConf")

        def code(owner, **fields):
            return Code.objects.create(owner_id=owner, token=uuid.uuid4().hex, **fields)

        def signed_up(quick_code, name):
            person = Contact.objects.create(owner_id=quick_code.owner_id, name=name, added_on=TODAY)
            Submission.objects.create(quick_code=quick_code, contact=person, form_id=uuid.uuid4())
            return person

        typed_pycon = code(alice, event_name=" pycon  2026")
        grace = signed_up(typed_pycon, "Grace Hopper")
        typed_rust = code(alice, event_name="RustConf", location="Montréal")
        ada = signed_up(typed_rust, "Ada Lovelace")
        signed_up(typed_rust, "Linus Torvalds")
        Submission.objects.create(quick_code=typed_rust, contact=None, form_id=uuid.uuid4())
        chosen = code(alice, event=pycon)
        untitled = code(alice)
        ids = [c.pk for c in (typed_pycon, typed_rust, chosen, untitled)]

    apps = migrate(latest())
    Code = apps.get_model("quickconnect", "QuickConnectCode")
    Event = apps.get_model("contacts", "Event")
    typed_pycon, typed_rust, chosen, untitled = (Code.objects.get(pk=pk) for pk in ids)
    # Reused whatever the case, and only among alice's own events.
    assert typed_pycon.event_id == pycon.pk
    assert list(Event.objects.get(pk=pycon.pk).contacts.values_list("pk", flat=True)) == [grace.pk]
    rust = typed_rust.event
    assert (rust.owner_id, rust.name, rust.location) == (alice, "RustConf", "Montréal")
    assert rust.pk != charlies.pk
    assert sorted(rust.contacts.values_list("name", flat=True)) == [
        "Ada Lovelace",
        "Linus Torvalds",
    ]
    assert ada.pk in rust.contacts.values_list("pk", flat=True)
    assert (typed_pycon.event_name, typed_rust.event_name) == ("", "")
    assert (chosen.event_id, untitled.event_id) == (pycon.pk, None)
    assert Event.objects.filter(owner_id=alice).count() == 2
    assert Event.objects.filter(owner_id=charlie).count() == 1
