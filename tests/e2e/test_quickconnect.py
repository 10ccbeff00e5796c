"""Quick Connect in browsers: the owner makes a code, a phone uses it, the owner hears about it."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from contacts.models import Contact, Event
from quickconnect.models import QuickConnectCode
from tests.conftest import make_user
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
QR_LOADED = """() => {
  const image = document.querySelector("img.qr-image");
  return image !== null && image.complete && image.naturalWidth > 0;
}"""


def test_owner_creates_a_code_for_a_new_event_and_sees_the_qr(page: Page) -> None:
    make_user("ada")
    log_in(page, "ada")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Quick Connect").click()
    expect(page.get_by_role("heading", name="No codes yet")).to_be_visible()
    page.get_by_role("link", name="New code").click()
    page.get_by_label("Event name").fill("PyCon Berlin")
    page.get_by_label("Session or talk").fill("Lightning talks")
    page.get_by_label("Tags to apply").fill("Python, speaker")
    expect(page.get_by_label("Valid for (hours)")).to_have_value("24")
    page.get_by_role("button", name="Create code").click()

    expect(page.get_by_role("heading", name="PyCon Berlin", level=1)).to_be_visible()
    expect(page.get_by_text("Lightning talks")).to_be_visible()
    page.wait_for_function(QR_LOADED, timeout=5_000)
    image = page.locator("img.qr-image")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") > 0
    code = QuickConnectCode.objects.get()
    public_url = page.locator("main a[href*='/q/']")
    expect(public_url).to_have_text(f"{page.url.split('/connect/')[0]}/q/{code.token}/")
    assert code.title == "PyCon Berlin"
    assert sorted(code.tags.values_list("name", flat=True)) == ["Python", "speaker"]

    # Back on the list, the new code is active and counting.
    page.get_by_role("link", name="Quick Connect", exact=True).first.click()
    expect(page.get_by_text("0 submissions")).to_be_visible()
    expect(page.get_by_text("Active")).to_be_visible()
    # The typed event name is one of ada's events now, ready for conference mode.
    page.get_by_role("link", name="Events", exact=True).click()
    events = page.get_by_role("list", name="Your events")
    expect(events.get_by_role("link", name="PyCon Berlin")).to_be_visible()
    assert code.event.name == "PyCon Berlin"


def test_a_phone_adds_itself_and_the_owner_is_notified(
    page: Page, browser: Browser, live_server
) -> None:
    ada = make_user("ada")
    ada.display_name = "Ada Lovelace"
    ada.save(update_fields=["display_name"])
    event = Event.objects.create(owner=ada, name="PyCon Berlin", location="Berlin")
    QuickConnectCode.objects.create(owner=ada, event=event, location="Berlin")
    log_in(page, "ada")
    page.goto("/connect/")
    page.get_by_role("link", name="Show QR for PyCon Berlin").click()
    public_url = page.locator("main a[href*='/q/']").inner_text()

    phone = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    phone.set_default_timeout(10_000)
    errors: list[str] = []
    try:
        mobile = phone.new_page()
        mobile.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
        mobile.goto(public_url)
        expect(mobile.get_by_role("heading", name="Connect with Ada Lovelace")).to_be_visible()
        expect(mobile.get_by_text("PyCon Berlin")).to_be_visible()
        fits = "document.documentElement.scrollWidth <= window.innerWidth"
        assert mobile.evaluate(fits), "the form scrolls sideways on a 375 px phone"
        mobile.get_by_label("Your name").fill("Grace Hopper")
        mobile.get_by_label("E-mail").fill("grace@example.com")
        mobile.get_by_label("Phone").fill("call me maybe")
        mobile.get_by_label("I agree that my details are stored").check()
        mobile.get_by_role("button", name="Send my details").tap()
        expect(mobile.get_by_text("That does not look like a phone number.")).to_be_visible()
        mobile.get_by_label("Phone").fill("+49 30 1234567")
        mobile.get_by_label("A note for me").fill("Let's talk compilers")
        mobile.get_by_label("I agree that my details are stored").check()
        mobile.get_by_role("button", name="Send my details").tap()
        expect(mobile.get_by_role("heading", name="Thank you!")).to_be_visible()
        expect(mobile.get_by_text("Ada Lovelace now has your details")).to_be_visible()
    finally:
        phone.close()
    assert not errors, errors

    page.reload()
    bell = page.get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    page.get_by_role("link", name="Quick Connect", exact=True).first.click()
    expect(page.get_by_text("1 submission", exact=True)).to_be_visible()
    bell.click()
    item = page.get_by_role("listitem").filter(
        has_text="Grace Hopper added themselves via Quick Connect"
    )
    expect(item.get_by_text("New", exact=True)).to_be_visible()
    expect(item.get_by_text("Met at PyCon Berlin")).to_be_visible()
    expect(item.get_by_role("link", name="+49 30 1234567")).to_be_visible()
    item.get_by_role("button", name=re.compile("^Open")).click()
    expect(page.get_by_role("heading", name="Grace Hopper", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Contacts", exact=True
    ).click()
    expect(page.get_by_role("link", name="Grace Hopper", exact=True)).to_be_visible()
    contact = Contact.objects.get(name="Grace Hopper")
    assert contact.owner == ada
    assert contact.email == "grace@example.com"
    assert contact.phone == "+49 30 1234567"
    assert contact.source == Contact.Source.QUICK_CONNECT
    assert list(contact.events.all()) == [event]
