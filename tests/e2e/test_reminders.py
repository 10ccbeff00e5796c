"""Staying in touch in the browser: logging brings a contact back, reminders complete in place."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from contacts.models import Contact
from reminders.models import Reminder
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_logging_an_interaction_turns_reconnect_into_regular_contact(page: Page) -> None:
    ada = make_user("ada")
    long_ago = timezone.localdate() - dt.timedelta(days=400)
    make_contact(ada, name="Dennis Ritchie", last_contacted=long_ago)
    refresh_statuses()
    assert Contact.objects.get(name="Dennis Ritchie").status == Contact.Status.RECONNECT
    assert Reminder.objects.filter(kind=Reminder.Kind.CHECK_IN, completed_at=None).count() == 1

    log_in(page, "ada")
    page.get_by_role("link", name="Dennis Ritchie", exact=True).click()
    badge = page.locator("#contact-status")
    expect(badge).to_have_text("Reconnect")
    page.evaluate("window.__sameDocument = true")

    quick = page.get_by_role("form", name="Quick log for Dennis Ritchie")
    quick.get_by_label("Type").select_option(label="Call")
    quick.get_by_label("Note").fill("Caught up about Plan 9")
    quick.get_by_role("button", name="Log it").click()

    expect(badge).to_have_text("Regular contact")
    assert page.evaluate("window.__sameDocument") is True
    assert Reminder.objects.filter(kind=Reminder.Kind.CHECK_IN, completed_at=None).count() == 0


def test_complete_and_snooze_reminders_in_place(page: Page) -> None:
    ada = make_user("ada")
    contact = make_contact(ada, name="Margaret Hamilton")
    today = timezone.localdate()
    Reminder.objects.create(
        owner=ada, contact=contact, title="Send the Apollo paper", due_on=today - dt.timedelta(1)
    )
    Reminder.objects.create(owner=ada, title="Renew the conference ticket", due_on=today)

    log_in(page, "ada")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reminders").click()
    overdue = page.get_by_role("region", name="Overdue")
    expect(overdue.get_by_text("Send the Apollo paper", exact=True)).to_be_visible()
    page.evaluate("window.__sameDocument = true")

    overdue.get_by_role("listitem").filter(has_text="Send the Apollo paper").get_by_role(
        "button", name="Done"
    ).click()
    expect(
        page.get_by_role("status").filter(has_text="Done: Send the Apollo paper.")
    ).to_be_visible()

    today_group = page.get_by_role("region", name="Today")
    today_group.get_by_role("listitem").filter(has_text="Renew the conference ticket").get_by_role(
        "button", name="+1 week"
    ).click()
    expect(today_group.get_by_role("status")).to_contain_text("Snoozed until")
    assert page.evaluate("window.__sameDocument") is True

    assert Reminder.objects.get(title="Send the Apollo paper").completed_at is not None
    snoozed = Reminder.objects.get(title="Renew the conference ticket")
    assert snoozed.snoozed_until == today + dt.timedelta(days=7)


def test_more_options_open_in_place(page: Page) -> None:
    ada = make_user("ada")
    contact = make_contact(ada, name="Margaret Hamilton")
    today = timezone.localdate()
    Reminder.objects.create(owner=ada, contact=contact, title="Send the paper", due_on=today)

    log_in(page, "ada")
    page.goto("/reminders/")
    page.evaluate("window.__sameDocument = true")
    row = page.get_by_role("listitem").filter(has_text="Send the paper")
    row.get_by_role("link", name=re.compile("^More")).focus()
    page.keyboard.press("Enter")
    expect(row.locator("summary")).to_be_focused()
    row.get_by_label("Note").fill("Sent it over")
    row.get_by_role("button", name="Log and complete").click()
    expect(page.get_by_role("status").filter(has_text="reminder done")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    assert Reminder.objects.get(title="Send the paper").completed_at is not None


def test_reminders_work_without_javascript(browser, live_server) -> None:
    ada = make_user("ada")
    contact = make_contact(ada, name="Margaret Hamilton")
    today = timezone.localdate()
    Reminder.objects.create(owner=ada, contact=contact, title="Send the paper", due_on=today)
    Reminder.objects.create(owner=ada, title="Renew the ticket", due_on=today)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "ada")
        page.goto("/reminders/")
        page.get_by_role("listitem").filter(has_text="Renew the ticket").get_by_role(
            "button", name="Done"
        ).click()
        expect(page.get_by_text("Done: Renew the ticket.")).to_be_visible()

        row = page.get_by_role("listitem").filter(has_text="Send the paper")
        row.get_by_role("link", name=re.compile("^More")).click()
        until = today + dt.timedelta(days=10)
        row = page.get_by_role("listitem").filter(has_text="Send the paper")
        row.get_by_label("Snooze until").fill(until.isoformat())
        row.get_by_role("button", name="Snooze", exact=True).click()
        snoozed = f"Snoozed until {until:%-d %b %Y}: Send the paper."
        expect(page.get_by_text(snoozed)).to_be_visible()
    finally:
        context.close()

    assert Reminder.objects.get(title="Renew the ticket").completed_at is not None
    assert Reminder.objects.get(title="Send the paper").snoozed_until == until


def test_new_reminder_form_loads_when_reached(page: Page) -> None:
    make_user("ada")

    log_in(page, "ada")
    page.goto("/reminders/")
    page.get_by_role("link", name="New reminder").click()
    form = page.locator("#reminder-form")
    form.get_by_label("Title").fill("Book the venue")
    form.get_by_role("button", name="Add reminder").click()

    expect(page.get_by_text("Added the reminder “Book the venue”.")).to_be_visible()
    assert Reminder.objects.filter(title="Book the venue").exists()


def test_reaching_the_new_reminder_form_by_keyboard_lands_in_its_title(page: Page) -> None:
    make_user("ada")

    log_in(page, "ada")
    # A short window, so the form is below the fold and still the link when the keyboard gets there.
    page.set_viewport_size({"width": 1280, "height": 240})
    page.goto("/reminders/")
    page.locator("#new-reminder a").focus()

    expect(page.locator("#reminder-form").get_by_label("Title")).to_be_focused()
