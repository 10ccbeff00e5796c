"""The header's search, in a real browser: "/" focuses it, a technology finds the person."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import make_user
from tests.e2e.test_contacts_journey import log_in
from tests.interactions.conftest import make_interaction
from tests.search.conftest import person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_typing_a_technology_in_the_header_lands_on_the_person(page: Page) -> None:
    ada = make_user("ada")
    grace = person(ada, "Grace Hopper", tags=["COBOL"])
    make_interaction(grace, subject="Compilers")
    person(ada, "Linus Torvalds", tags=["C"])
    log_in(page, "ada")

    page.keyboard.press("/")
    box = page.get_by_label("Search people (press /)")
    expect(box).to_be_focused()
    box.fill("cob")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=cob$"))
    results = page.get_by_role("list", name="People matching cob")
    expect(results.get_by_text("tagged COBOL")).to_be_visible()
    expect(results.get_by_role("link", name="Linus Torvalds")).to_have_count(0)

    # Live results as you type on the search page, then on to the person.
    page.get_by_role("searchbox", name=re.compile("Search your people")).fill("compil")
    expect(page.get_by_role("list", name="People matching compil")).to_be_visible()
    page.get_by_role("link", name="Grace Hopper").click()
    expect(page.get_by_role("heading", name="Grace Hopper")).to_be_visible()


def test_slash_typed_in_a_field_stays_in_the_field(page: Page) -> None:
    make_user("ada")
    log_in(page, "ada")
    page.goto("/contacts/new/")
    name = page.get_by_label("Name", exact=True)
    name.press_sequentially("AC/DC")
    expect(name).to_have_value("AC/DC")
    expect(page.get_by_label("Search people (press /)")).not_to_be_focused()
