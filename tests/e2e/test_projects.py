"""A freelance project from lead to paid invoice, in the browser: board, milestones, payments,
time, the invoice reminder, an overdue payment on the dashboard."""

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import Page, expect

from projects import services
from projects.models import Milestone, Payment, Project, TimeEntry
from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in
from tests.projects.conftest import make_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A fixed morning, so the dates typed below and the ones the app computes agree.
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def column(page: Page, name: str):
    return page.get_by_role("region", name=name)


def test_lead_to_paid_invoice(page: Page) -> None:
    with time_machine.travel(START, tick=True):
        ada = make_user("ada")
        make_contact(ada, name="Carla Client")
        log_in(page, "ada")

        # A new lead.
        page.goto("/projects/")
        page.get_by_role("link", name="Add the first project").click()
        page.get_by_label("Title").fill("Shop rewrite")
        page.get_by_label("Client organisation").fill("Acme")
        page.get_by_label("Pricing").select_option("hourly")
        page.get_by_label("Rate or budget").fill("80")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name="Shop rewrite")).to_be_visible()
        project = Project.objects.get(owner=ada)
        assert project.stage == "lead"

        # The client joins: the contact picker is drawn once "Add a person" is opened.
        page.get_by_text("Add a person").click()
        page.get_by_label("Contact").select_option(label="Carla Client")
        page.get_by_role("button", name="Add", exact=True).click()
        expect(page.locator("#people li", has_text="Carla Client")).to_contain_text("Client")

        # Active, from the board's keyboard "move to" menu.
        page.goto("/projects/")
        expect(column(page, "Lead").get_by_role("link", name="Shop rewrite")).to_be_visible()
        page.get_by_label("Move Shop rewrite (Acme) to").select_option("active")
        page.get_by_role("button", name="Move Shop rewrite (Acme)").click()
        expect(column(page, "Active").get_by_role("link", name="Shop rewrite")).to_be_visible()

        # Two milestones and a payment for the first.
        page.get_by_role("link", name="Shop rewrite").click()
        for title, due in (("Prototype", "2026-03-20"), ("Launch", "2026-04-30")):
            page.get_by_role("link", name="Add a milestone").click()
            form = page.locator("#new-milestone")
            form.get_by_label("Title").fill(title)
            form.get_by_label("Due date").fill(due)
            form.get_by_role("button", name="Save").click()
            expect(page.locator("#milestones ol > li").filter(has_text=title)).to_have_count(1)
        page.get_by_role("link", name="Add a payment").click()
        form = page.locator("#new-payment")
        form.get_by_label("Amount").fill("2400")
        form.get_by_label("Due date").fill("2026-04-15")
        form.get_by_label("Milestone").select_option(label="Prototype")
        form.get_by_role("button", name="Save").click()
        expect(page.locator("#payments .badge", has_text="Scheduled")).to_be_visible()

        # Three hours of work.
        time = page.get_by_role("form", name="Log time")
        time.get_by_label("Hours").fill("3")
        time.get_by_role("button", name="Log time").click()
        expect(page.get_by_role("heading", name="Unbilled: 3 h, 240.00 EUR")).to_be_visible()
        assert TimeEntry.objects.get(project=project).hours == 3

        # Delivered: the reminders ask for the invoice.
        page.get_by_role("button", name="Delivered Prototype").click()
        expect(page.locator("#milestones .badge", has_text="Delivered")).to_be_visible()
        assert Milestone.objects.get(title="Prototype").status == "delivered"
        page.goto("/reminders/")
        invoice_reminder = "Send the invoice: Prototype (Shop rewrite (Acme))"
        expect(page.get_by_text(invoice_reminder, exact=True)).to_be_visible()

        # Invoiced, due in three days: the invoice reminder is done.
        page.goto(f"/projects/{project.code}/")
        page.get_by_role("link", name="Mark invoiced").click()
        page.get_by_label("Invoice number").fill("2026-001")
        page.get_by_label("Due date").fill("2026-03-05")
        page.get_by_role("button", name="Save").click()
        expect(page.locator("#payments .badge", has_text="Invoiced")).to_be_visible()
        page.goto("/reminders/")
        expect(page.get_by_text(invoice_reminder, exact=True)).to_have_count(0)

    # Past the due date, the hourly run finds it overdue; the dashboard says so.
    with time_machine.travel(dt.datetime(2026, 3, 7, 9, 0, tzinfo=dt.UTC), tick=True):
        assert services.chase_payments().overdue == 1
        page.goto("/")
        card = page.get_by_role("region", name="Freelance")
        expect(card.get_by_role("list", name="Overdue payments")).to_contain_text("2,400.00 EUR")
        expect(card.get_by_role("list", name="Overdue payments")).to_contain_text("2026-001")

        # Paid: nothing overdue any more, the reminder is done.
        card.get_by_role("link", name="Shop rewrite").click()
        expect(page.locator("#payments .badge", has_text="Overdue")).to_be_visible()
        page.locator("#payments").get_by_role("button", name="Mark paid").click()
        expect(page.locator("#payments .badge", has_text="Paid")).to_be_visible()
        assert Payment.objects.get().status == "paid"
        page.goto("/")
        expect(page.get_by_role("region", name="Freelance")).to_contain_text(
            "Nobody owes you a late payment."
        )


def test_a_part_opened_before_htmx_has_started_is_drawn_once_it_has(page: Page) -> None:
    """On a slow phone "Add a person" can be opened before htmx has started: the picker still
    comes, once htmx starts (static/js/opened.js)."""
    ada = make_user("ada")
    make_contact(ada, name="Carla Client")
    project = make_project(ada, title="Shop rewrite")
    log_in(page, "ada")
    held = []
    page.route("**/htmx*.js", lambda route: held.append(route))  # held until released below

    page.goto(f"/projects/{project.code}/", wait_until="commit")
    page.get_by_text("Add a person").click()
    expect(page.get_by_role("link", name="Choose who to add")).to_be_visible()
    assert held, "the page did not ask for htmx"
    for route in held:
        route.continue_()

    page.get_by_label("Contact").select_option(label="Carla Client")
