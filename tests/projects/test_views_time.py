"""Time: log, delete unbilled, and bill chosen entries as one payment."""

from datetime import date
from decimal import Decimal

import pytest

from projects.models import Payment, TimeEntry
from tests.projects.conftest import html, make_payment, make_project, make_time, url

pytestmark = pytest.mark.django_db


def test_logging_time(alice_client, project):
    data = {"worked_on": "2026-03-09", "hours": "2.5", "note": "API", "billable": "on"}

    response = alice_client.post(url("log_time", project.code), data)

    assert response.url == url("detail", project.code) + "#time"
    assert TimeEntry.objects.get().hours == Decimal("2.5")


@pytest.mark.parametrize("hours,message", [("0.1", "at least 0.25"), ("25", "at most 24")])
def test_hours_out_of_range_are_refused(alice_client, project, hours, message):
    data = {"worked_on": "2026-03-09", "hours": hours}

    response = alice_client.post(url("log_time", project.code), data, follow=True)

    assert message in html(response)
    assert not TimeEntry.objects.exists()


def test_a_fixed_price_project_has_no_time_section(alice_client, alice, frozen_clock):
    project = make_project(alice, pricing="fixed")

    assert 'id="time"' not in html(alice_client.get(url("detail", project.code)))


def test_the_unbilled_total_and_billing(alice_client, project):
    first, second = make_time(project, "3"), make_time(project, "1.5")
    page = html(alice_client.get(url("detail", project.code)))
    assert "Unbilled: 4.50 h, 360.00 EUR" in page

    data = {"entries": [first.code, second.code], "due_on": "2026-04-10"}
    response = alice_client.post(url("bill_time", project.code), data, follow=True)

    payment = Payment.objects.get()
    assert payment.amount == Decimal("360.00")
    assert set(payment.time_entries.all()) == {first, second}
    assert "Billed the time as" in html(response)


def test_billed_time_cannot_be_billed_or_deleted_again(alice_client, project):
    entry = make_time(project)
    entry.payment = make_payment(project)
    entry.save()

    billed = alice_client.post(
        url("bill_time", project.code),
        {"entries": [entry.code], "due_on": "2026-04-10"},
        follow=True,
    )
    deleted = alice_client.post(url("time_delete", entry.code), follow=True)

    assert "Could not bill that time" in html(billed)
    assert "billed already" in html(deleted)
    assert Payment.objects.count() == 1 and TimeEntry.objects.count() == 1


def test_deleting_unbilled_time(alice_client, project):
    entry = make_time(project)

    alice_client.post(url("time_delete", entry.code))

    assert not TimeEntry.objects.exists()
    assert entry.worked_on == date(2026, 3, 10)
