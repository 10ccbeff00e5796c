"""Payments: add, invoice (default dates from the terms), paid, write-off and undo, invoice page."""

from datetime import date
from decimal import Decimal

import pytest

from projects import services
from projects.models import FreelanceSettings, Payment
from tests.projects.conftest import add_member, html, make_milestone, make_payment, url

pytestmark = pytest.mark.django_db


def test_adding_a_payment_for_a_milestone(alice_client, project):
    milestone = make_milestone(project)
    data = {"amount": "1200.50", "currency": "eur", "due_on": "2026-04-01"}

    alice_client.post(url("payment_create", project.code), {**data, "milestone": milestone.code})

    payment = Payment.objects.get()
    assert (payment.amount, payment.currency, payment.milestone) == (
        Decimal("1200.50"),
        "EUR",
        milestone,
    )


@pytest.mark.parametrize(
    "amount,message",
    [("0", "Enter an amount above 0."), ("-3", "Enter an amount above 0."), ("x", "number")],
)
def test_bad_amounts_are_explained(alice_client, project, amount, message):
    data = {"amount": amount, "currency": "EUR", "due_on": "2026-04-01"}

    response = alice_client.post(url("payment_create", project.code), data)

    assert message in html(response)
    assert not Payment.objects.exists()


def test_another_projects_milestone_is_refused(alice_client, alice, project):
    other = make_milestone(services.save_new(type(project)(owner=alice, title="Other")))
    data = {"amount": "5", "currency": "EUR", "due_on": "2026-04-01", "milestone": other.code}

    response = alice_client.post(url("payment_create", project.code), data)

    assert "Select a valid choice" in html(response)


def test_invoicing_defaults_to_today_and_the_payment_terms(alice_client, alice, project):
    services.save_settings(FreelanceSettings(owner=alice, payment_terms_days=14))
    payment = make_payment(project)

    form = html(alice_client.get(url("payment_invoiced", payment.code)))
    alice_client.post(
        url("payment_invoiced", payment.code),
        {"invoice_number": "2026-1", "invoiced_on": "2026-03-10"},
    )

    assert 'value="2026-03-10"' in form
    payment.refresh_from_db()
    assert (payment.status, payment.due_on) == ("invoiced", date(2026, 3, 24))


def test_paid_write_off_and_undo(alice_client, project):
    payment = make_payment(project)

    alice_client.post(url("payment_write_off", payment.code))
    payment.refresh_from_db()
    assert payment.status == "written_off"
    alice_client.post(url("payment_write_off", payment.code), {"undo": "1"})
    payment.refresh_from_db()
    assert payment.status == "scheduled"
    alice_client.post(url("payment_paid", payment.code), {"paid_on": "2026-03-09"})
    payment.refresh_from_db()
    assert (payment.status, payment.paid_on) == ("paid", date(2026, 3, 9))


def test_the_invoice_page(alice_client, alice, project):
    services.save_settings(FreelanceSettings(owner=alice, invoice_details="Alice Dev\nBerlin"))
    add_member(project)
    payment = make_payment(project, description="Design work")
    services.mark_invoiced(payment, "INV-9", date(2026, 3, 10), date(2026, 4, 9))

    page = html(alice_client.get(url("invoice", payment.code)))

    assert "Invoice INV-9" in page
    assert "Alice Dev<br>Berlin" in page
    assert "Carla Client" in page and "Acme" in page
    assert "Design work" in page and "1000.00 EUR" in page
    assert "data-print" in page


def test_a_payment_not_invoiced_has_no_invoice_yet(alice_client, project):
    payment = make_payment(project)

    response = alice_client.get(url("invoice", payment.code), follow=True)

    assert "This payment is not invoiced yet" in html(response)
