"""Saving a contact while the database is busy, in a real browser: with htmx the message appears
and the form keeps what was typed; without JavaScript the 503 page's "Try again" sends it again."""

import pytest
from django.db.utils import OperationalError
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect

from contacts.forms import ContactForm
from contacts.models import Contact
from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUSY = "The database is busy with a long change; your changes were not saved yet"


def busy_database(*args, **kwargs):
    raise OperationalError("database is locked")


def open_page(
    browser: Browser, live_server, *, javascript: bool
) -> tuple[BrowserContext, Page, list[str]]:
    """As the suite's `page`, except that the browser may report the 503s these tests cause."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    return context, page, errors


@pytest.fixture
def ada() -> Contact:
    return make_contact(make_user("alice"), name="Ada Lovelace")


def test_htmx_shows_the_message_and_keeps_the_typed_form(browser, live_server, ada, monkeypatch):
    context, page, errors = open_page(browser, live_server, javascript=True)
    log_in(page, "alice")
    page.goto(reverse("contacts:edit", args=[ada.code]))
    page.get_by_label("Job title").fill("Mathematician")
    monkeypatch.setattr(ContactForm, "save", busy_database)

    page.get_by_role("button", name="Save changes").click()

    expect(page.locator("#messages").get_by_role("alert")).to_contain_text(BUSY)
    expect(page.get_by_label("Job title")).to_have_value("Mathematician")
    monkeypatch.undo()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Saved changes to Ada Lovelace.")).to_be_visible()
    ada.refresh_from_db()
    assert ada.job_title == "Mathematician"
    context.close()
    assert all("503" in error for error in errors), errors


def test_without_javascript_try_again_sends_the_typed_form(browser, live_server, ada, monkeypatch):
    context, page, errors = open_page(browser, live_server, javascript=False)
    log_in(page, "alice")
    page.goto(reverse("contacts:edit", args=[ada.code]))
    page.get_by_label("Job title").fill("Mathematician")
    monkeypatch.setattr(ContactForm, "save", busy_database)

    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("alert")).to_contain_text(BUSY)
    expect(page.get_by_role("form", name="The database is busy")).to_be_visible()
    monkeypatch.undo()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Try again")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Saved changes to Ada Lovelace.")).to_be_visible()
    ada.refresh_from_db()
    assert ada.job_title == "Mathematician"
    context.close()
    assert all("503" in error for error in errors), errors
