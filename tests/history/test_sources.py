"""Each way a contact changes is recorded with its source (and user, where there is one)."""

import datetime as dt
import json
import uuid

import pytest
import time_machine
from django.urls import reverse

from contacts import bulk as contact_bulk
from contacts import services
from contacts.models import Contact
from duplicates.merge import merge_contacts
from history.sources import changes_by
from interactions.models import Interaction
from jobs import services as jobs
from quickconnect import services as quickconnect
from quickconnect.models import QuickConnectCode
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact
from tests.contacts.conftest import contact_form_data
from tests.history.conftest import sources_of, versions
from tests.imports.conftest import import_text
from tests.interactions.conftest import make_interaction

pytestmark = pytest.mark.django_db


def test_a_form_edit_records_the_user_and_web(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace", company="Analytical")
    alice_client.post(
        reverse("contacts:edit", args=[ada.code]),
        contact_form_data(name="Ada Lovelace", company="Babbage & Co"),
    )
    latest = versions(ada)[0]
    assert latest.history_type == "~"
    assert latest.company == "Babbage & Co"
    assert latest.history_user == alice
    assert latest.history_source == "web"


def test_code_outside_a_request_is_system(alice):
    ada = make_contact(alice)
    assert sources_of(ada) == ["system"]


def test_the_admin_records_admin(admin_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    admin_client.post(
        reverse("admin:contacts_contact_changelist"),
        {"action": "mark_vip", "_selected_action": [ada.pk]},
    )
    ada.refresh_from_db()
    assert ada.is_vip
    assert sources_of(ada)[0] == "admin"
    assert versions(ada)[0].is_vip is True


def test_bulk_edit_records_every_contact_with_bulk_edit(alice):
    people = [make_contact(alice, name=f"Person {n}") for n in range(3)]
    job = contact_bulk.start(
        alice,
        "mark_vip",
        Contact.objects.filter(owner=alice),
        title="Mark VIP",
        message="Done",
        next_url="/",
    )
    jobs.run_to_end(job)
    for person in people:
        latest = versions(person)[0]
        assert (latest.history_source, latest.is_vip, latest.history_user) == (
            "bulk_edit",
            True,
            alice,
        )


def test_a_bulk_delete_records_each_contacts_last_version_in_one_statement(alice):
    people = [make_contact(alice, name=f"Person {n}") for n in range(3)]
    interaction_history = Interaction.history.model.objects
    for person in people:
        make_interaction(person)
    logged = interaction_history.count()
    job = contact_bulk.start(
        alice,
        "delete",
        Contact.objects.filter(owner=alice),
        title="Delete",
        message="Done",
        next_url="/",
    )

    jobs.run_to_end(job)

    gone = Contact.history.model.objects.filter(history_type="-")
    assert sorted(gone.values_list("name", "history_source", "history_user")) == [
        (person.name, "bulk_edit", alice.pk) for person in people
    ]
    assert not Contact.objects.filter(owner=alice).exists()
    # What went with them (their interactions) gets no version of its own.
    assert interaction_history.count() == logged


def test_update_many_records_one_row_per_contact_in_sql(alice):
    people = [make_contact(alice, name=f"Person {n}") for n in range(4)]
    with changes_by("bulk_edit", alice):
        services.update_many(alice, Contact.objects.filter(owner=alice), is_archived=True)
    assert [len(versions(p)) for p in people] == [2, 2, 2, 2]
    assert all(versions(p)[0].is_archived for p in people)


def test_an_import_records_import(alice):
    import_text(alice, "Name,Email\nGrace Hopper,grace@example.com\n", "people.csv")
    grace = Contact.objects.get(owner=alice, name="Grace Hopper")
    assert sources_of(grace) == ["import"]


def test_a_merge_records_merge(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    copy = make_contact(alice, name="Ada Lovelace", company="Analytical Engines")
    merge_contacts(alice, ada, [copy], {"company": "Analytical Engines"})
    assert sources_of(ada)[0] == "merge"
    assert versions(ada)[0].company == "Analytical Engines"
    deleted = Contact.history.model.objects.get(id=copy.pk, history_type="-")
    assert deleted.history_source == "merge"


def test_quick_connect_records_quick_connect(alice):
    code = QuickConnectCode.objects.create(owner=alice, event_name="RustConf")
    fields = {"name": "Grace Hopper", "email": "", "github_username": "", "linkedin_url": ""}
    quickconnect.submit(code, uuid.uuid4(), {**fields, "note": ""})
    grace = Contact.objects.get(owner=alice, name="Grace Hopper")
    assert sources_of(grace)[0] == "quick_connect"


def test_the_nightly_refresh_records_each_status_move_as_cron(alice):
    day = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    with time_machine.travel(day, tick=False):
        ada = make_contact(alice, name="Ada Lovelace", last_contacted=day.date())
        still = make_contact(alice, name="Grace Hopper", importance="low", follow_up_days=3650)
    later = day + dt.timedelta(days=200)
    with time_machine.travel(later, tick=False):
        result = refresh_statuses()
    ada.refresh_from_db()
    assert ada.status != Contact.Status.REGULAR_CONTACT
    assert result.contacts_changed == 1
    latest = versions(ada)[0]
    assert (latest.history_source, latest.status, latest.history_user) == ("cron", ada.status, None)
    assert len(versions(still)) == 1  # unchanged contacts get no history row
    with time_machine.travel(later, tick=False):
        refresh_statuses()  # nothing moves the second time, nothing is recorded
    assert len(versions(ada)) == 2


def test_a_restore_records_restore(alice, charlie):
    from exports.dump import dump
    from exports.restore import restore

    make_contact(alice, name="Ada Lovelace")
    document = dump(alice)
    json.dumps(document)
    restore(charlie, document)
    ada = Contact.objects.get(owner=charlie)
    assert sources_of(ada) == ["restore"]
    assert versions(ada)[0].history_type == "+"


def test_the_admin_shows_a_contacts_history(admin_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    url = reverse("admin:contacts_contact_history", args=[ada.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Ada Lovelace" in response.content.decode()


def test_a_merge_records_the_rows_it_moves_to_the_merged_contact(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    copy = make_contact(alice, name="Ada Lovelace")
    talk = make_interaction(copy, notes="Compilers")
    kept = make_interaction(ada, notes="Engines")

    merge_contacts(alice, ada, [copy], {})

    latest = Interaction.history.filter(id=talk.pk).order_by("-history_id").first()
    assert (latest.contact_id, latest.history_source) == (ada.pk, "merge")
    assert Interaction.history.filter(id=kept.pk).count() == 1  # it did not move


def test_a_restore_records_each_restored_interaction(alice, charlie):
    from exports.dump import dump
    from exports.restore import restore

    make_interaction(make_contact(alice, name="Ada Lovelace"), notes="Compilers")
    restore(charlie, dump(alice))

    talk = Interaction.objects.get(contact__owner=charlie)
    (version,) = Interaction.history.filter(id=talk.pk)
    assert (version.history_type, version.history_source, version.notes) == (
        "+",
        "restore",
        "Compilers",
    )


def test_new_default_rhythms_record_each_status_they_move_as_the_owner(alice):
    from reminders.forms import PreferencesForm
    from reminders.rhythm import save_settings

    day = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    with time_machine.travel(day - dt.timedelta(days=1), tick=False):
        ada = make_contact(alice, name="Ada Lovelace", last_contacted=dt.date(2026, 2, 1))
        grace = make_contact(alice, name="Grace Hopper", importance="low")
    data = {name: getattr(alice, name) for name in PreferencesForm._meta.fields}
    with time_machine.travel(day, tick=False):
        form = PreferencesForm({**data, "medium_follow_up_days": 10}, instance=alice)
        assert form.is_valid(), form.errors
        jobs.run_to_end(save_settings(form, next_url="/"))

    ada.refresh_from_db()
    latest = versions(ada)[0]
    assert (latest.status, latest.history_source, latest.history_user) == (
        ada.status,
        "web",
        alice,
    )
    assert ada.status != Contact.Status.REGULAR_CONTACT
    assert len(versions(grace)) == 1  # its status did not move: no new version
