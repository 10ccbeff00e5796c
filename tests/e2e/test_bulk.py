"""Bulk edit in a real browser: select all on the page, the live count, an action, the message."""

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_select_all_on_the_page_then_tag_and_delete_with_confirmation(page: Page) -> None:
    alice = make_user("alice")
    for name in ("Ada Lovelace", "Grace Hopper", "Linus Torvalds"):
        make_contact(alice, name=name)
    log_in(page, "alice")

    page.get_by_label("Select all contacts on this page").check()
    for name in ("Ada Lovelace", "Grace Hopper", "Linus Torvalds"):
        expect(page.get_by_label(f"Select {name}")).to_be_checked()
    expect(page.locator("#bulk-count")).to_have_text("3 selected")
    page.get_by_label("Select Linus Torvalds").uncheck()
    expect(page.locator("#bulk-count")).to_have_text("2 selected")
    expect(page.get_by_label("Select all contacts on this page")).not_to_be_checked()

    page.get_by_label("Action", exact=True).select_option("add_tag")
    page.locator("#bulk-tag").fill("Pioneers")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text("Tagged 2 contacts “Pioneers”.")).to_be_visible()

    page.get_by_label("Select Ada Lovelace").check()
    page.get_by_label("Action", exact=True).select_option("delete")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_role("heading", name="Delete 1 contact?")).to_be_visible()
    page.get_by_role("button", name="Delete 1 contact").click()
    expect(page.get_by_text("Deleted 1 contact.")).to_be_visible()
    assert sorted(Contact.objects.values_list("name", flat=True)) == [
        "Grace Hopper",
        "Linus Torvalds",
    ]


def test_all_matching_shows_the_total(page: Page) -> None:
    alice = make_user("alice")
    for i in range(30):
        make_contact(alice, name=f"Person {i:02}")
    log_in(page, "alice")
    page.get_by_label("select all 30 contacts").check()
    expect(page.locator("#bulk-count")).to_have_text("All 30 matching contacts selected")
    page.get_by_label("Action", exact=True).select_option("archive")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text("Archived 30 contacts.")).to_be_visible()
