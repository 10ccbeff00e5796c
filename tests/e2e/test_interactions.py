"""Logging a conversation takes seconds: quick log, in-place edit and delete on the contact page."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from contacts.models import Contact
from interactions.models import Interaction, InteractionType
from interactions.services import save_interaction
from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_contact(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    page.evaluate("window.__sameDocument = true")


def assert_no_reload(page: Page) -> None:
    assert page.evaluate("window.__sameDocument") is True, "the page reloaded"


def test_quick_log_updates_timeline_and_last_contacted_without_reload(page: Page) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Grace Hopper")
    log_in(page, "ada")
    open_contact(page, "Grace Hopper")
    header = page.locator("#last-contacted")
    expect(header).to_have_text("never")
    expect(page.get_by_text("Nothing logged yet.")).to_be_visible()

    quick = page.get_by_role("form", name="Quick log for Grace Hopper")
    quick.get_by_label("Type").select_option(label="Code review")
    quick.get_by_label("Note").fill("Reviewed the COBOL compiler patch")
    quick.get_by_role("button", name="Log it").click()

    timeline = page.get_by_role("list", name="Interactions, newest first")
    expect(timeline.get_by_text("Reviewed the COBOL compiler patch")).to_be_visible()
    expect(timeline.get_by_text("Code review", exact=True)).to_be_visible()
    today = timezone.localdate()
    expect(header).to_have_text(f"{today.day} {today:%b %Y}")
    expect(quick.get_by_label("Note")).to_have_value("")  # ready for the next one
    assert_no_reload(page)
    assert Contact.objects.get(name="Grace Hopper").last_contacted == today


def test_edit_in_place_moves_last_contacted_and_delete_clears_it(page: Page) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Alan Kay")
    log_in(page, "ada")
    open_contact(page, "Alan Kay")
    quick = page.get_by_role("form", name="Quick log for Alan Kay")
    quick.get_by_label("Note").fill("Talked about Smalltalk")
    quick.get_by_role("button", name="Log it").click()
    entry = page.get_by_role("listitem").filter(has_text="Talked about Smalltalk")
    expect(entry).to_be_visible()

    entry.get_by_role("link", name="Edit").click()
    form = page.get_by_role("form", name="Edit interaction")
    form.get_by_label("When").fill("2025-03-14T09:30")
    form.get_by_label("Subject").fill("Object orientation")
    form.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", name="March 2025")).to_be_visible()
    expect(page.get_by_text("Object orientation")).to_be_visible()
    expect(page.locator("#last-contacted")).to_have_text("14 Mar 2025")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("listitem").filter(has_text="Object orientation").get_by_role(
        "link", name="Delete"
    ).click()
    expect(page.get_by_text("Nothing logged yet.")).to_be_visible()
    expect(page.locator("#last-contacted")).to_have_text("never")
    assert_no_reload(page)


def test_invalid_in_place_edit_shows_the_error_and_keeps_the_form(page: Page) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Barbara Liskov")
    log_in(page, "ada")
    open_contact(page, "Barbara Liskov")
    page.get_by_role("form", name="Quick log for Barbara Liskov").get_by_role(
        "button", name="Log it"
    ).click()
    page.get_by_role("list", name="Interactions, newest first").get_by_role(
        "link", name="Edit"
    ).click()
    form = page.get_by_role("form", name="Edit interaction")
    form.get_by_label("When").fill("2999-01-01T10:00")
    form.get_by_label("Notes", exact=True).fill("Substitution principle")
    form.get_by_role("button", name="Save").click()
    expect(form.get_by_text("That is in the future")).to_be_visible()
    expect(form.get_by_label("Notes", exact=True)).to_have_value("Substitution principle")

    form.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("form", name="Edit interaction")).to_have_count(0)
    assert_no_reload(page)


def test_the_contact_filter_lists_contacts_when_used(page: Page) -> None:
    ada = make_user("ada")
    grace = make_contact(ada, name="Grace Hopper")
    alan = make_contact(ada, name="Alan Turing")
    call = InteractionType.objects.for_owner(ada).get(builtin_key="call")
    save_interaction(Interaction(contact=grace, type=call, subject="COBOL memories"))
    save_interaction(Interaction(contact=alan, type=call, subject="Enigma stories"))
    log_in(page, "ada")

    page.goto("/interactions/")
    menu = page.get_by_label("Contact", exact=True)
    menu.focus()
    expect(menu.locator("option", has_text="Grace Hopper")).to_have_count(1)
    page.get_by_label("Contact", exact=True).select_option(label="Grace Hopper")

    expect(page.get_by_text("COBOL memories")).to_be_visible()
    expect(page.get_by_text("Enigma stories")).to_have_count(0)


def test_the_contact_filter_without_javascript(browser, live_server) -> None:
    ada = make_user("ada")
    grace = make_contact(ada, name="Grace Hopper")
    alan = make_contact(ada, name="Alan Turing")
    call = InteractionType.objects.for_owner(ada).get(builtin_key="call")
    save_interaction(Interaction(contact=grace, type=call, subject="COBOL memories"))
    save_interaction(Interaction(contact=alan, type=call, subject="Enigma stories"))
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "ada")
        page.goto("/interactions/")
        page.get_by_role("link", name="List contacts to choose from").click()
        page.get_by_label("Contact", exact=True).select_option(label="Grace Hopper")
        page.get_by_role("button", name="Apply filters").click()
        expect(page.get_by_text("COBOL memories")).to_be_visible()
        expect(page.get_by_text("Enigma stories")).to_have_count(0)
    finally:
        context.close()
