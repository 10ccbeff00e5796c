"""VIP sections edit in place: read-only, edit form, validation in place, cancel, save."""

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in
from vip.models import ContactInfo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_edit_a_vip_section_in_place(page: Page) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Linus Torvalds")
    log_in(page, "ada")
    page.get_by_role("link", name="Linus Torvalds", exact=True).click()
    page.get_by_role("button", name="Mark as VIP").click()
    expect(page.get_by_text("Marked Linus Torvalds as VIP.")).to_be_visible()
    page.evaluate("window.__sameDocument = true")

    section = page.locator("#vip-contact-info")
    section.get_by_role("link", name="Edit").click()
    form = page.get_by_role("region", name="Edit contact info")
    form.get_by_label("Main app / preferred channel").select_option(label="Signal")
    form.get_by_label("Phone number").fill("call me maybe")
    form.get_by_role("button", name="Save").click()
    expect(form.get_by_text("Enter a phone number")).to_be_visible()
    expect(form.get_by_label("Main app / preferred channel")).to_have_value("signal")

    form.get_by_label("Phone number").fill("+358 40 123 4567")
    form.get_by_label("Social links").fill("Mastodon | https://fosstodon.org/@linus")
    form.get_by_role("button", name="Save").click()
    expect(section.get_by_role("link", name="Mastodon")).to_have_attribute(
        "href", "https://fosstodon.org/@linus"
    )
    expect(section.get_by_text("Signal")).to_be_visible()

    section.get_by_role("link", name="Edit").click()
    page.get_by_role("region", name="Edit contact info").get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("region", name="Edit contact info")).to_have_count(0)
    expect(section.get_by_text("+358 40 123 4567")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    assert ContactInfo.objects.get().preferred_channel == "signal"
