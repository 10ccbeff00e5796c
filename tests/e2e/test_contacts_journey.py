"""A new user's first minutes, in a real browser: sign up, add, find, edit, filter, theme."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from contacts.models import Contact
from tests.conftest import PASSWORD, make_contact, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_up(page: Page, username: str = "newdev") -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Your name").fill("Grace Newdev")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Welcome to DevHub CRM, Grace Newdev!")).to_be_visible()


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/?next=/contacts/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name="Contacts", exact=True)).to_be_visible()


def test_new_user_signs_up_adds_finds_edits_and_filters_a_contact(page: Page) -> None:
    sign_up(page)
    # A new user lands on the guided welcome of the dashboard.
    page.get_by_role("list", name="Getting started").get_by_role(
        "link", name="Add a contact"
    ).click()
    page.get_by_label("Name", exact=True).fill("Grace Hopper")
    page.get_by_label("Company", exact=True).fill("US Navy")
    page.get_by_label("GitHub username").fill("https://github.com/gracehopper")
    page.get_by_label("Tags", exact=True).fill("COBOL, Compilers")
    page.get_by_role("button", name="Add contact").click()

    expect(page.get_by_role("heading", name="Grace Hopper")).to_be_visible()
    expect(page.get_by_text("Added Grace Hopper.")).to_be_visible()
    tags = page.get_by_role("list", name="Tags")
    expect(tags.get_by_role("link", name="COBOL", exact=True)).to_be_visible()
    expect(tags.get_by_role("link", name="Compilers", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="gracehopper", exact=True)).to_have_attribute(
        "href", "https://github.com/gracehopper"
    )

    owner = User.objects.get(username="newdev")
    make_contact(owner, name="Linus Torvalds", company="Linux Foundation", tags=["C"])

    # Live search: typing filters the list without a page load and updates the URL.
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Contacts", exact=True
    ).click()
    expect(page.get_by_role("link", name="Linus Torvalds", exact=True)).to_be_visible()
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("searchbox", name="Search", exact=True).fill("navy")
    expect(page.get_by_role("link", name="Linus Torvalds", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Grace Hopper", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=navy"))
    assert page.evaluate("window.__sameDocument") is True, "live search reloaded the page"

    # Edit: change the job title, keep the tags.
    page.get_by_role("link", name="Grace Hopper", exact=True).click()
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Job title").fill("Rear Admiral")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Saved changes to Grace Hopper.")).to_be_visible()
    expect(page.get_by_text("Rear Admiral at US Navy")).to_be_visible()
    assert Contact.objects.get(name="Grace Hopper").tags.count() == 2

    # Filter by tag from the contact page: only tagged contacts are listed.
    page.get_by_role("list", name="Tags").get_by_role("link", name="COBOL", exact=True).click()
    expect(page.get_by_role("link", name="Grace Hopper", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Linus Torvalds", exact=True)).to_have_count(0)
    expect(page.get_by_role("checkbox", name="COBOL")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Compilers")).not_to_be_checked()


def test_invalid_contact_form_shows_errors_in_place_and_keeps_input(page: Page) -> None:
    make_user("ada")
    log_in(page, "ada")
    page.goto("/contacts/new/")
    page.get_by_label("Name", exact=True).fill("Ada Lovelace")
    page.get_by_label("GitHub username").fill("-not-valid-")
    page.get_by_label("Notes").fill("Met at the Analytical Engine meetup")
    page.get_by_role("button", name="Add contact").click()

    expect(page.get_by_text("GitHub usernames have 1-39 letters")).to_be_visible()
    expect(page.get_by_label("GitHub username")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Notes")).to_have_value("Met at the Analytical Engine meetup")
    expect(page).to_have_url(re.compile(r"/contacts/new/$"))
    assert not Contact.objects.exists()


def test_theme_toggle_switches_and_is_remembered(page: Page) -> None:
    make_user("ada")
    log_in(page, "ada")
    html = page.locator("html")
    expect(html).to_have_attribute("data-theme", "light")
    background_light = page.evaluate("getComputedStyle(document.body).backgroundColor")

    page.get_by_role("button", name="Dark theme").click()
    expect(html).to_have_attribute("data-theme", "dark")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background_light

    page.reload()
    expect(html).to_have_attribute("data-theme", "dark")
    page.get_by_role("button", name="Light theme").click()
    expect(html).to_have_attribute("data-theme", "light")


def test_archive_from_the_list_swaps_the_row_in_place(page: Page) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Barbara Liskov")
    log_in(page, "ada")
    page.evaluate("window.__sameDocument = true")
    row = page.get_by_role("row", name=re.compile("Barbara Liskov"))
    row.get_by_role("button", name="Archive Barbara Liskov").click()
    expect(row.get_by_text("Archived")).to_be_visible()
    expect(row.get_by_role("button", name="Restore Barbara Liskov")).to_be_visible()
    assert Contact.objects.get(name="Barbara Liskov").is_archived
    # htmx posted to the button's formaction and swapped the row: the page never reloaded.
    assert page.evaluate("window.__sameDocument") is True


def test_search_and_forms_work_without_javascript(browser, live_server) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Guido van Rossum", company="Python")
    make_contact(ada, name="Yukihiro Matsumoto", company="Ruby")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "ada")
        page.get_by_role("searchbox", name="Search", exact=True).fill("ruby")
        page.get_by_role("button", name="Apply filters").click()
        expect(page.get_by_role("link", name="Yukihiro Matsumoto", exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="Guido van Rossum", exact=True)).to_have_count(0)

        page.get_by_role("link", name="New contact", exact=True).first.click()
        page.get_by_label("Name", exact=True).fill("Rasmus Lerdorf")
        page.get_by_role("button", name="Add contact").click()
        expect(page.get_by_role("heading", name="Rasmus Lerdorf")).to_be_visible()
    finally:
        context.close()


def test_row_buttons_work_without_javascript(browser, live_server) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Barbara Liskov")
    make_contact(ada, name="Edsger Dijkstra")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "ada")
        row = page.get_by_role("row", name=re.compile("Edsger Dijkstra"))
        row.get_by_role("button", name=re.compile("^VIP")).click()
        expect(page.get_by_text("Marked Edsger Dijkstra as VIP.")).to_be_visible()
        assert Contact.objects.get(name="Edsger Dijkstra").is_vip

        page.goto("/contacts/")
        row = page.get_by_role("row", name=re.compile("Barbara Liskov"))
        row.get_by_role("button", name="Archive Barbara Liskov").click()
        expect(page.get_by_text("Archived Barbara Liskov.")).to_be_visible()
        assert Contact.objects.get(name="Barbara Liskov").is_archived
        assert not Contact.objects.get(name="Edsger Dijkstra").is_archived
    finally:
        context.close()


def test_filters_and_sorting_load_when_opened(page: Page) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Guido van Rossum", tags=["Python"])
    make_contact(ada, name="Yukihiro Matsumoto", tags=["Ruby"])
    log_in(page, "ada")

    page.get_by_text("Filters and sorting", exact=True).click()
    page.get_by_role("checkbox", name="Ruby").check()

    expect(page.get_by_role("link", name="Yukihiro Matsumoto", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Guido van Rossum", exact=True)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"tag=Ruby"))


def test_filters_and_sorting_without_javascript(browser, live_server) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Guido van Rossum", tags=["Python"])
    make_contact(ada, name="Yukihiro Matsumoto", tags=["Ruby"])
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "ada")
        page.get_by_text("Filters and sorting", exact=True).click()
        page.get_by_role("link", name="Show the filters and sorting").click()
        page.get_by_role("checkbox", name="Ruby").check()
        page.get_by_role("button", name="Apply filters").click()
        expect(page.get_by_role("link", name="Yukihiro Matsumoto", exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="Guido van Rossum", exact=True)).to_have_count(0)
    finally:
        context.close()
