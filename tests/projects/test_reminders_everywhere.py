"""Milestone and payment reminders are ordinary reminders: the calendar feed, the digest, the
reminders page, snooze and done treat them like the others."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from projects import services
from projects.models import Milestone
from reminders.digest import build_digest
from tests.projects.conftest import TODAY, at, make_milestone, make_payment, project_reminders

pytestmark = pytest.mark.django_db


def test_the_calendar_feed_lists_milestone_and_payment_reminders(client, project):
    make_milestone(project, title="Beta", due_on=TODAY + timedelta(days=10))
    make_payment(project, invoice_number="7", invoiced_on=TODAY, due_on=TODAY - timedelta(1))

    feed = client.get(reverse("reminders:calendar", args=[project.owner.calendar_token]))

    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")}
    assert "Milestone due today: Beta (Shop rewrite (Acme))" in summaries
    assert any(s.startswith("Payment overdue: invoice 7") for s in summaries)


def test_the_digest_of_the_due_day_lists_the_milestone(project):
    make_milestone(project, title="Beta", due_on=date(2026, 3, 20))

    digest = build_digest(project.owner, date(2026, 3, 20))

    assert [r.occasion for r in digest.reminders] == ["before", "due"]


def test_snoozed_and_done_from_the_reminders_page(alice_client, project):
    milestone = make_milestone(project, title="Beta", due_on=TODAY)
    [due] = project_reminders(project.owner, open_only=True)

    alice_client.post(reverse("reminders:snooze", args=[due.code]), {"days": "7"})
    due.refresh_from_db()
    assert due.snoozed_until == TODAY + timedelta(days=7)

    alice_client.post(reverse("reminders:complete", args=[due.code]))
    due.refresh_from_db()
    assert due.completed_at is not None
    # Done by hand is done: saving the milestone again does not bring it back.
    services.save_milestone(milestone)
    due.refresh_from_db()
    assert not due.is_open
    with time_machine.travel(at(2026, 3, 12), tick=False):
        services.set_milestone_status(milestone, Milestone.Status.DELIVERED)
    assert [r.occasion for r in project_reminders(project.owner, open_only=True)] == ["invoice"]
