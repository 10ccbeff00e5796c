"""The dashboard in a browser: act on "needs attention" and watch the page update itself."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from reminders.models import Reminder
from suggestions.models import Suggestion
from tests.conftest import make_contact, make_user
from tests.suggestions.conftest import log

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_logging_from_needs_attention_removes_the_contact_and_updates_stats(page: Page) -> None:
    ada = make_user("ada")
    long_ago = timezone.localdate() - dt.timedelta(days=400)
    make_contact(ada, name="Ken Thompson", last_contacted=long_ago)
    make_contact(ada, name="Rob Pike", last_contacted=long_ago)

    page.goto("/accounts/login/?next=/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in", exact=True).click()
    attention = page.get_by_role("list", name="Contacts who need attention, most overdue first")
    expect(attention.get_by_role("link", name="Ken Thompson")).to_be_visible()
    expect(page.locator("#stat-attention")).to_have_text("2")
    expect(page.locator("#stat-interactions")).to_have_text("0")
    page.evaluate("window.__sameDocument = true")

    needs_attention = page.get_by_role("form", name="Needs attention")
    needs_attention.get_by_label("Note").fill("Talked about Go")
    needs_attention.get_by_label("Note").press("Enter")  # logs nothing: whom with?
    needs_attention.get_by_role("button", name="Log with Ken Thompson").click()

    expect(page.get_by_role("status").filter(has_text="with Ken Thompson")).to_be_visible()
    expect(attention.get_by_role("link", name="Ken Thompson")).to_have_count(0)
    expect(attention.get_by_role("link", name="Rob Pike")).to_be_visible()
    expect(page.locator("#stat-attention")).to_have_text("1")
    expect(page.locator("#stat-interactions")).to_have_text("1")
    recent = page.locator("#widget-recent")
    expect(recent.get_by_text("Talked about Go")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True


def stat(page: Page, term: str) -> Locator:
    """The figure of one statistic card, found by its linked term."""
    card = page.locator("#widget-stats dl > div").filter(
        has=page.get_by_role("link", name=term, exact=True)
    )
    return card.locator("dd")


def test_a_reminder_done_from_the_dashboard_leaves_it_in_place(page: Page) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Ken Thompson")
    Reminder.objects.create(owner=ada, title="Return the book", due_on=timezone.localdate())

    page.goto("/accounts/login/?next=/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(stat(page, "Due today")).to_have_text("1")
    page.evaluate("window.__sameDocument = true")

    reminders = page.locator("#widget-reminders")
    row = reminders.get_by_role("listitem").filter(has_text="Return the book")
    row.get_by_role("button", name="Done").click()

    expect(reminders.get_by_text("Nothing due.")).to_be_visible()
    expect(stat(page, "Due today")).to_have_text("0")
    assert page.evaluate("window.__sameDocument") is True


def test_dismissing_an_opener_from_needs_attention_removes_just_it(page: Page) -> None:
    ada = make_user("ada")
    ken = make_contact(ada, name="Ken Thompson")
    talk = log(ken, "We talked about Plan 9 and the Go toolchain.", days_ago=400)
    opener = Suggestion.objects.create(
        owner=ada, contact=ken, kind="topic", interaction=talk, quote="talked about Plan 9"
    )

    page.goto("/accounts/login/?next=/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in", exact=True).click()
    openers = page.get_by_role("list", name="Suggestions for Ken Thompson")
    expect(openers.get_by_text("talked about Plan 9")).to_be_visible()
    page.evaluate("window.__sameDocument = true")

    openers.get_by_role("button", name="Dismiss this suggestion for Ken Thompson").click()

    expect(openers.get_by_text("talked about Plan 9")).to_have_count(0)
    attention = page.get_by_role("list", name="Contacts who need attention, most overdue first")
    expect(attention.get_by_role("link", name="Ken Thompson")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    opener.refresh_from_db()
    assert opener.dismissed_at is not None


def test_new_user_sees_the_guided_welcome(page: Page) -> None:
    make_user("ada")
    page.goto("/accounts/login/?next=/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in", exact=True).click()
    steps = page.get_by_role("list", name="Getting started")
    expect(steps.get_by_role("link", name="Add a contact")).to_be_visible()
    expect(steps.get_by_role("link", name="Import contacts")).to_be_visible()
    expect(steps.get_by_role("link", name="Create a code")).to_be_visible()
    # A new install asks calmly for its cron lines; nothing warns yet.
    expect(page.get_by_role("heading", name="Set up the nightly job")).to_be_visible()
    expect(page.get_by_label("Crontab lines for this installation")).to_contain_text(
        "manage.py refresh_statuses --verbosity 0"
    )
    expect(page.get_by_text("Relationship statuses are not being refreshed.")).to_have_count(0)


def test_the_shared_forms_work_without_javascript(browser, live_server) -> None:
    ada = make_user("ada")
    long_ago = timezone.localdate() - dt.timedelta(days=400)
    make_contact(ada, name="Ken Thompson", last_contacted=long_ago)
    make_contact(ada, name="Rob Pike", last_contacted=long_ago)
    Reminder.objects.create(owner=ada, title="Return the book", due_on=timezone.localdate())
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/accounts/login/?next=/")
        page.get_by_label("Username").fill("ada")
        page.get_by_label("Password").fill("correct-horse-battery-staple")
        page.get_by_role("button", name="Log in", exact=True).click()
        needs_attention = page.get_by_role("form", name="Needs attention")
        needs_attention.get_by_label("Type").select_option(label="Call")
        needs_attention.get_by_label("Note").fill("Talked about Plan 9")
        needs_attention.get_by_role("button", name="Log with Rob Pike").click()
        expect(page.get_by_text("Logged a Call with Rob Pike.")).to_be_visible()
        attention = page.get_by_role("list", name="Contacts who need attention, most overdue first")
        expect(attention.get_by_role("link", name="Rob Pike")).to_have_count(0)
        expect(page.locator("#widget-recent").get_by_text("Talked about Plan 9")).to_be_visible()

        ken = attention.get_by_role("listitem").filter(has_text="Ken Thompson")
        ken.get_by_role("button", name="Snooze 1 week").click()
        expect(page.get_by_text("Snoozed Ken Thompson until")).to_be_visible()

        page.get_by_role("listitem").filter(has_text="Return the book").get_by_role(
            "button", name="Done"
        ).click()
        expect(page.get_by_text("Done: Return the book.")).to_be_visible()
        expect(page.locator("#widget-reminders").get_by_text("Nothing due.")).to_be_visible()
    finally:
        context.close()
