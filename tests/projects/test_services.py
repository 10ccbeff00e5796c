"""Projects' writes: stage history, milestone and payment reminders, billing time, money."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects import services
from projects.models import FreelanceSettings, Milestone, Payment, StageChange, TimeEntry
from tests.conftest import make_contact
from tests.projects.conftest import (
    NOW,
    TODAY,
    add_member,
    at,
    make_milestone,
    make_payment,
    make_project,
    make_time,
    project_reminders,
)

pytestmark = pytest.mark.django_db


def open_occasions(owner) -> list[tuple[str, date]]:
    return [(r.occasion, r.due_on) for r in project_reminders(owner, open_only=True)]


def test_new_project_and_moves_keep_the_stage_history(alice, frozen_clock):
    project = make_project(alice)
    assert services.move(project, "proposal")
    assert not services.move(project, "proposal")
    history = list(
        StageChange.objects.filter(project=project).values_list("from_stage", "to_stage")
    )
    assert history == [("", "lead"), ("lead", "proposal")]


def test_editing_the_stage_in_the_form_records_it(alice, frozen_clock):
    project = make_project(alice)
    project.stage, project.title = "active", "Shop 2.0"
    services.update(project)
    project.refresh_from_db()
    assert (project.stage, project.title) == ("active", "Shop 2.0")
    assert project.stage_changes.last().from_stage == "lead"


def test_a_milestone_gets_a_reminder_before_and_on_its_due_day(project):
    milestone = make_milestone(project, due_on=date(2026, 3, 20))
    assert open_occasions(project.owner) == [
        ("before", date(2026, 3, 17)),
        ("due", date(2026, 3, 20)),
    ]
    assert all(r.milestone == milestone for r in project_reminders(project.owner))


def test_the_notice_days_come_from_the_owners_settings(project):
    services.save_settings(FreelanceSettings(owner=project.owner, milestone_notice_days=7))
    make_milestone(project, due_on=date(2026, 3, 20))
    assert open_occasions(project.owner)[0] == ("before", date(2026, 3, 13))


def test_changing_the_notice_days_moves_open_reminders(project):
    make_milestone(project, due_on=date(2026, 3, 20))
    services.save_settings(FreelanceSettings(owner=project.owner, milestone_notice_days=5))
    assert open_occasions(project.owner)[0] == ("before", date(2026, 3, 15))


def test_no_before_reminder_when_the_notice_day_has_passed(project):
    make_milestone(project, due_on=TODAY + timedelta(days=1))
    assert open_occasions(project.owner) == [("due", TODAY + timedelta(days=1))]


def test_moving_the_date_moves_the_reminders_without_doubling(project):
    milestone = make_milestone(project, due_on=date(2026, 3, 20))
    milestone.due_on = date(2026, 4, 10)
    services.save_milestone(milestone)
    assert open_occasions(project.owner) == [
        ("before", date(2026, 4, 7)),
        ("due", date(2026, 4, 10)),
    ]
    assert len(project_reminders(project.owner)) == 2


def test_a_completed_due_reminder_reopens_when_the_deadline_moves(project):
    milestone = make_milestone(project, due_on=date(2026, 3, 20))
    due = next(r for r in project_reminders(project.owner) if r.occasion == "due")
    due.completed_at = NOW
    due.save()
    milestone.due_on = date(2026, 3, 27)
    services.save_milestone(milestone)
    due.refresh_from_db()
    assert due.is_open and due.due_on == date(2026, 3, 27)


def test_delivering_completes_the_reminders_and_asks_for_the_invoice(project):
    milestone = make_milestone(project)
    services.set_milestone_status(milestone, Milestone.Status.DELIVERED)
    assert milestone.delivered_on == TODAY
    assert open_occasions(project.owner) == [("invoice", TODAY)]
    invoice = project_reminders(project.owner, open_only=True)[0]
    assert invoice.kind == "payment" and "Send the invoice" in invoice.title
    # Accepting it later does not ask twice.
    services.set_milestone_status(milestone, Milestone.Status.ACCEPTED)
    assert len(project_reminders(project.owner, open_only=True)) == 1


def test_invoicing_the_milestones_payment_completes_the_invoice_reminder(project):
    milestone = make_milestone(project)
    payment = make_payment(project, milestone=milestone)
    services.set_milestone_status(milestone, Milestone.Status.DELIVERED)
    services.mark_invoiced(payment, "2026-001", TODAY, TODAY + timedelta(days=30))
    assert open_occasions(project.owner) == []
    assert payment.status == Payment.Status.INVOICED


def test_an_invoiced_milestone_gets_no_invoice_reminder(project):
    milestone = make_milestone(project)
    make_payment(project, milestone=milestone, invoice_number="1", invoiced_on=TODAY)
    services.set_milestone_status(milestone, Milestone.Status.DELIVERED)
    assert open_occasions(project.owner) == []


def test_back_to_planned_dismisses_the_invoice_reminder_and_restores_the_due_one(project):
    milestone = make_milestone(project)
    services.set_milestone_status(milestone, Milestone.Status.DELIVERED)
    services.set_milestone_status(milestone, Milestone.Status.IN_PROGRESS)
    assert milestone.delivered_on is None
    assert [o for o, _ in open_occasions(project.owner)] == ["before", "due"]


def test_closing_the_project_dismisses_and_reopening_restores(project):
    make_milestone(project)
    services.move(project, "cancelled")
    assert open_occasions(project.owner) == []
    services.move(project, "active")
    assert [o for o, _ in open_occasions(project.owner)] == ["before", "due"]


def test_deleting_dismisses_reminders(project):
    milestone = make_milestone(project)
    services.delete_milestone(milestone)
    assert open_occasions(project.owner) == []
    make_milestone(project)
    services.delete(project)
    assert all(not r.is_open for r in project_reminders(project.owner))


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({}, "scheduled"),
        ({"invoiced_on": TODAY}, "invoiced"),
        ({"invoiced_on": TODAY, "due_on": TODAY - timedelta(days=1)}, "overdue"),
        ({"invoiced_on": TODAY, "paid_on": TODAY}, "paid"),
        ({"paid_on": TODAY}, "paid"),
    ],
)
def test_payment_status_follows_its_dates(project, fields, status):
    fields.setdefault("due_on", TODAY + timedelta(days=10))
    assert make_payment(project, **fields).status == status


def test_write_off_is_kept_and_can_be_taken_back(project):
    payment = make_payment(project, invoiced_on=TODAY, due_on=TODAY - timedelta(days=3))
    services.write_off(payment)
    assert payment.status == "written_off"
    assert open_occasions(project.owner) == []
    services.write_off(payment, on=False)
    assert payment.status == "overdue"


def test_chase_marks_overdue_and_reminds_once(project, alice):
    payment = make_payment(project, invoiced_on=TODAY, due_on=TODAY + timedelta(days=5))
    with time_machine.travel(at(2026, 3, 16), tick=False):
        report = services.chase_payments()
        again = services.chase_payments()
    payment.refresh_from_db()
    assert payment.status == "overdue"
    assert (report.overdue, report.reminders) == (1, 1)
    assert (again.overdue, again.reminders) == (0, 0)
    [reminder] = project_reminders(alice, open_only=True)
    assert reminder.occasion == "overdue" and reminder.payment == payment
    assert "Payment overdue" in reminder.title
    services.mark_paid(payment, date(2026, 3, 17))
    reminder.refresh_from_db()
    assert reminder.completed_at is not None


def test_chase_uses_each_owners_time_zone(project, alice):
    alice.time_zone = "Pacific/Kiritimati"  # UTC+14: already the 16th at 10:00 UTC on the 15th
    alice.save()
    make_payment(project, invoiced_on=TODAY, due_on=date(2026, 3, 15))
    with time_machine.travel(at(2026, 3, 15, 10), tick=False):
        assert services.chase_payments().overdue == 1


def test_chase_leaves_scheduled_and_paid_payments_alone(project):
    make_payment(project, due_on=TODAY)
    make_payment(project, invoiced_on=TODAY, paid_on=TODAY, due_on=TODAY)
    with time_machine.travel(at(2026, 5, 1), tick=False):
        assert services.chase_payments().overdue == 0


def test_billing_time_makes_one_payment_and_claims_the_entries(project):
    entries = [make_time(project, "3"), make_time(project, "1.5", worked_on=TODAY - timedelta(1))]
    make_time(project, "2", billable=False)
    payment = services.bill_time(project, entries, TODAY + timedelta(days=30))
    assert payment.amount == Decimal("360.00") and payment.currency == "EUR"
    assert "4.5 h" in payment.description
    assert set(payment.time_entries.all()) == set(entries)
    with pytest.raises(services.BillingError):
        services.bill_time(project, entries, TODAY)
    assert Payment.objects.count() == 1


def test_daily_projects_bill_days(alice, frozen_clock):
    project = make_project(alice, pricing="daily", rate=Decimal("600"))
    entries = [make_time(project, "4")]
    assert services.bill_time(project, entries, TODAY).amount == Decimal("300.00")


def test_fixed_projects_do_not_bill_time(alice, frozen_clock):
    project = make_project(alice, pricing="fixed", rate=Decimal("5000"))
    with pytest.raises(services.BillingError, match="hourly and daily"):
        services.bill_time(project, [make_time(project)], TODAY)


def test_billed_time_cannot_change_until_its_payment_goes(project):
    entry = make_time(project)
    payment = services.bill_time(project, [entry], TODAY)
    entry.refresh_from_db()
    with pytest.raises(services.BillingError):
        services.delete_time_entry(entry)
    with pytest.raises(services.BillingError):
        services.save_time_entry(entry)
    services.delete_payment(payment)
    entry.refresh_from_db()
    assert not entry.is_billed
    assert services.unbilled(project).count() == 1


def test_another_projects_time_cannot_be_billed(project, alice):
    other = make_project(alice, title="Other", pricing="hourly", rate=Decimal("1"))
    with pytest.raises(services.BillingError):
        services.bill_time(project, [make_time(other)], TODAY)
    assert TimeEntry.objects.filter(payment__isnull=False).count() == 0


def test_totals_per_currency(alice, frozen_clock):
    fixed = make_project(alice, pricing="fixed", rate=Decimal("5000"), currency="EUR")
    make_payment(fixed, amount=Decimal("2000"), invoiced_on=TODAY, paid_on=TODAY)
    make_payment(fixed, amount=Decimal("1500"), invoiced_on=TODAY, due_on=TODAY - timedelta(1))
    make_payment(fixed, amount=Decimal("1500"))
    hourly = make_project(alice, pricing="hourly", rate=Decimal("100"), currency="USD")
    make_payment(hourly, amount=Decimal("800"), invoiced_on=TODAY)
    make_payment(hourly, amount=Decimal("50"), status="written_off")
    services.write_off(make_payment(hourly, amount=Decimal("70")))
    result = {m.currency: m for m in services.totals(alice.projects.all())}
    eur, usd = result["EUR"], result["USD"]
    assert (eur.agreed, eur.invoiced, eur.paid, eur.outstanding, eur.overdue) == (
        Decimal("5000"),
        Decimal("3500"),
        Decimal("2000"),
        Decimal("1500"),
        Decimal("1500"),
    )
    assert (usd.agreed, usd.invoiced, usd.paid, usd.outstanding, usd.overdue) == (
        Decimal("800"),
        Decimal("800"),
        Decimal("0"),
        Decimal("800"),
        Decimal("0"),
    )


@pytest.mark.parametrize("pricing", ["fixed", "hourly"])
def test_a_projects_totals_from_its_payments_match_the_grouped_ones(alice, frozen_clock, pricing):
    project = make_project(alice, pricing=pricing, rate=Decimal("5000"))
    make_payment(project, amount=Decimal("2000"), invoiced_on=TODAY, paid_on=TODAY)
    make_payment(project, amount=Decimal("1500"), invoiced_on=TODAY, due_on=TODAY - timedelta(1))
    make_payment(project, amount=Decimal("300"), currency="USD", invoiced_on=TODAY)
    services.write_off(make_payment(project, amount=Decimal("70")))

    read = services.project_totals(project, project.payments.all())
    grouped = services.totals(alice.projects.all())

    assert [vars(m) for m in read] == [vars(m) for m in grouped]


def test_client_totals_count_only_projects_where_they_are_client(alice, frozen_clock):
    carla = make_contact(alice, name="Carla")
    theirs = make_project(alice, pricing="fixed")
    add_member(theirs, carla, "client")
    make_payment(theirs, amount=Decimal("100"), paid_on=TODAY)
    other = make_project(alice, title="Other")
    add_member(other, carla, "collaborator")
    make_payment(other, amount=Decimal("999"), paid_on=TODAY)
    [money] = list(services.client_totals(carla))
    assert money.paid == Decimal("100")


def test_unbilled_hours(project):
    make_time(project, "2")
    make_time(project, "1.25")
    make_time(project, "5", billable=False)
    assert services.unbilled_hours(project.owner) == Decimal("3.25")


def test_chase_command_dry_run_changes_nothing(project):
    from io import StringIO

    from django.core.management import call_command

    payment = make_payment(project, invoiced_on=TODAY, due_on=TODAY)
    out = StringIO()
    with time_machine.travel(at(2026, 3, 12), tick=False):
        call_command("chase_payments", "--dry-run", stdout=out)
        payment.refresh_from_db()
        assert payment.status == "invoiced"
        assert "1 payments would become overdue" in out.getvalue()
        call_command("chase_payments", stdout=out)
    payment.refresh_from_db()
    assert payment.status == "overdue"
    assert "1 payments became overdue; 1 reminders created." in out.getvalue()


def test_renaming_the_project_renames_its_open_reminders(project):
    make_milestone(project, title="Beta")
    project.title = "Store rewrite"
    services.update(project)
    titles = [r.title for r in project_reminders(project.owner, open_only=True)]
    assert titles and all("(Store rewrite (Acme))" in t for t in titles)


def test_editing_without_a_new_name_leaves_reminders_alone(project):
    make_milestone(project, title="Beta")
    project.notes = "Call first"
    with CaptureQueriesContext(connection) as queries:
        services.update(project)
    assert not [q for q in queries.captured_queries if "reminders_reminder" in q["sql"]]
