"""Bugs the fuzz tests found, pinned as plain examples (hypothesis may not draw them every run)."""

import datetime as dt
import json

import pytest
from django.contrib.messages import ERROR
from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import Contact
from contacts.validators import EARLIEST_YEAR, LATEST_YEAR
from exports import dump
from imports import services as import_services
from jobs import services as jobs
from jobs.models import Job
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
RANGE_ERROR = f"Enter a date between the years {EARLIEST_YEAR} and {LATEST_YEAR}."


def levels(response) -> list[int]:
    return [m.level for m in response.wsgi_request._messages]


def test_an_application_dated_31_december_9999_is_refused_not_a_500(client, world) -> None:
    """Was: OverflowError adding the 7-day follow-up to the application date."""
    client.force_login(world.alice)
    data = {"company": "Acme", "role_title": "Dev", "priority": "high", "status": "applied"}
    response = client.post("/opportunities/new/", {**data, "applied_on": "9999-12-31"})
    assert response.status_code == 200
    assert RANGE_ERROR in response.content.decode()


@pytest.mark.parametrize(
    "url,field,value",
    [
        ("/reminders/new/", "due_on", "9999-12-31"),
        ("/connect/events/", "starts_on", "0001-01-01"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_field_errors(client, world, url, field, value):
    client.force_login(world.alice)
    response = client.post(url, {"title": "x", "name": "x", field: value})
    assert response.status_code == 200
    assert RANGE_ERROR in response.content.decode()


def test_an_interaction_at_the_first_instant_of_year_1_is_refused(client, world) -> None:
    world.alice.time_zone = "America/Los_Angeles"  # west of UTC: local time would be year 0
    world.alice.save(update_fields=["time_zone"])
    client.force_login(world.alice)
    url = f"/interactions/contact/{world.contact.code}/new/"
    response = client.post(
        url, {"type": str(world.type.code), "occurred_at": "0001-01-01T00:00", "outcome": ""}
    )
    assert response.status_code == 200
    assert RANGE_ERROR in response.content.decode()


def test_a_snooze_with_an_unknown_choice_says_why(client, world) -> None:
    """Was: the error was a field error, the note showed only form-wide ones: an empty message
    (which Django's messages drop), so the user got no feedback at all."""
    client.force_login(world.alice)
    response = client.post(
        f"/reminders/{world.reminder.code}/snooze/",
        {"days": "3", "until": (dt.date.today() + dt.timedelta(days=20)).isoformat()},
    )
    assert response.status_code == 302
    assert levels(response) == [ERROR]


def test_a_refused_log_from_the_reminders_list_is_an_error_not_a_success(client, world) -> None:
    client.force_login(world.alice)
    response = client.post(f"/reminders/{world.reminder.code}/log/", {"log-type": "nonsense"})
    assert response.status_code == 302
    assert levels(response) == [ERROR]


@pytest.mark.parametrize(
    "label,field,value,time_zone",
    [
        ("reminders.Reminder", "due_on", "9999-12-31", "UTC"),
        ("interactions.Interaction", "occurred_at", "0001-01-01T00:00:00+00:00", "Etc/GMT+12"),
        ("contacts.Contact", "last_contacted", "9999-12-31", "UTC"),
    ],
)
def test_a_restored_date_at_the_end_of_the_calendar_is_refused(
    client, world, label, field, value, time_zone
) -> None:
    """Was: the restore took any date the model field parses, and the calendar feed, the
    dashboard, the interactions list or the VIP page then crashed with OverflowError."""
    document = json.loads("".join(dump.json_chunks(world.alice)))
    document["data"][label][0][field] = value
    document["preferences"]["time_zone"] = time_zone
    client.force_login(make_user("restorer"))
    upload = SimpleUploadedFile("export.json", json.dumps(document).encode())
    client.post("/contacts/export/restore/", {"file": upload})
    job = jobs.run_to_end(Job.objects.get(owner__username="restorer"))  # however busy the machine
    response = client.get(f"/jobs/{job.code}/")
    assert response.status_code == 200
    assert f"{field}: {RANGE_ERROR}" in response.content.decode()
    assert not Contact.objects.filter(owner__username="restorer").exists()


def test_an_imported_date_follows_the_contact_form_rules(world) -> None:
    """Was: an import took dates in the years 1-999 and 9000-9999, which the contact form refuses
    (and which overflow date arithmetic near the ends of the calendar)."""
    _, problems = import_services.validate_record(
        {"name": "Ada", "connected_on": "0001-01-01", "birthday": "0999-12-31"}
    )
    assert problems == [f"Birthday: {RANGE_ERROR}", f"Connected on: {RANGE_ERROR}"]
