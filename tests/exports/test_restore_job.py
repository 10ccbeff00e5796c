"""A restore is a long change: it is written a chunk per transaction, continues where it was
interrupted, and a record that fails late takes back everything written before it."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from contacts import status
from contacts.models import Contact
from exports import dump, restore
from exports.models import RestoreKey
from jobs import services as jobs
from jobs.models import Job
from tests.conftest import make_contact, make_user
from tests.exports.test_restore import comparable, counts, mangled, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_chunks(monkeypatch, ranges_of_two):
    """Two records (or contacts for the status rules) per item and one item per step, so even
    the small data set takes many."""
    monkeypatch.setattr(restore, "BATCH", 2)
    monkeypatch.setattr(jobs, "step_seconds", lambda: 0)


def test_a_restore_in_many_small_steps_is_identical(alice, alices_world, small_chunks):
    original = dump.dump(alice)
    alice.delete()  # as on a new installation: every code is free
    bob = make_user("bob")

    job = restore.start(bob, original)
    steps = 0
    while job.is_working:
        jobs.step(job)
        steps += 1

    assert job.status == "done", job.message
    assert steps > 10
    again = dump.dump(bob)
    assert comparable(again)["data"] == comparable(original)["data"]
    assert not RestoreKey.objects.exists()  # the working keys are cleaned up


def test_a_record_failing_late_takes_back_what_was_written(alice, alices_world, small_chunks):
    document = mangled(dump.dump(alice), "reminders.Reminder", 0, title="x" * 500)
    charlie = make_user("charlie2")
    before = counts(charlie), charlie.time_zone

    job = jobs.run_to_end(restore.start(charlie, document))

    assert job.status == "failed"
    assert "reminders.Reminder record 1: title" in job.message
    charlie.refresh_from_db()
    assert (counts(charlie), charlie.time_zone) == before
    assert not RestoreKey.objects.exists()


def test_every_contact_gets_today_s_status_a_range_of_contacts_per_item(alice, small_chunks):
    """The file's statuses are those of the day of the backup: the restore applies the rules
    for today to every contact it wrote, in ranges of two."""
    today = status.local_today(alice)
    for n in range(5):
        make_contact(alice, name=f"Lapsed {n}", last_contacted=today - dt.timedelta(days=400))
    document = dump.dump(alice)
    for row in document["data"]["contacts.Contact"]:  # as on the day of the backup
        row.update(status="regular_contact", check_in_on=None, reconnect_on=None)
    bob = make_user("bob")

    job = jobs.run_to_end(restore.start(bob, document))

    assert job.status == "done", job.message
    assert (
        list(Contact.objects.filter(owner=bob).values_list("status", flat=True))
        == [Contact.Status.RECONNECT] * 5
    )


def test_an_interrupted_restore_continues_where_it_stopped(alice, alices_world, small_chunks):
    """Each item commits with its own deletion: a worker that dies between items leaves
    nothing half done, and the next worker carries on."""
    original = dump.dump(alice)
    alice.delete()  # as on a new installation: every code is free
    bob = make_user("bob")
    job = restore.start(bob, original)
    for _ in range(5):
        jobs.step(job)
    Job.objects.filter(pk=job.pk).update(locked_until=None)  # as if the worker had died

    jobs.run_to_end(Job.objects.get(pk=job.pk))

    assert comparable(dump.dump(bob))["data"] == comparable(original)["data"]


def test_the_page_shows_a_big_restore_s_progress_then_the_contacts(
    client, alice, alices_world, small_chunks
):
    document = dump.dump(alice)
    bob = make_user("bob")
    client.force_login(bob)

    response = client.post(reverse("exports:restore"), {"file": upload(document)})

    job = Job.objects.get(owner=bob)
    assert response["Location"] == reverse("jobs:detail", args=[job.code])
    while job.is_working:
        response = client.post(reverse("jobs:step", args=[job.code]))
        job.refresh_from_db()
    assert response["Location"] == reverse("contacts:list")
    assert Contact.objects.for_owner(bob).count() == len(document["data"]["contacts.Contact"])


@override_settings(JOBS_STEP_SECONDS=60)  # all in the upload's request, however busy the machine
def test_a_failed_restore_says_why_and_offers_another_try(client, alice, alices_world):
    document = mangled(dump.dump(alice), "contacts.Contact", 0, email="not-an-email")
    bob = make_user("bob")
    client.force_login(bob)

    response = client.post(reverse("exports:restore"), {"file": upload(document)}, follow=True)

    html = response.content.decode()
    assert "Not done:" in html and "valid email" in html
    assert f'href="{reverse("exports:restore")}"' in html
    assert not Contact.objects.for_owner(bob).exists()
