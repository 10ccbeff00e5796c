"""The network and search pages at a phone's width (375 px): nothing scrolls sideways."""

import pytest
from playwright.sync_api import Browser

from contacts import services
from tests.conftest import make_contact, make_tag, make_user
from tests.e2e.test_contacts_journey import log_in
from tests.e2e.test_projects_phone import sticking_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_network_and_search_pages_fit_a_phone(browser: Browser, live_server) -> None:
    ada = make_user("ada")
    rust, django = (make_tag(ada, name, kind="technology") for name in ("Rust", "Django"))
    for n in range(4):
        person = make_contact(ada, name=f"Person {n} with a rather long name", company="Acme")
        services.set_tags(person, [rust, django] if n % 2 else [rust])

    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 812})
    page = context.new_page()
    log_in(page, "ada")
    for path in (
        "/network/",
        "/network/tech/Rust/",
        "/network/match/?need=Rust+Django",
        "/search/?q=rust",
        f"/network/introductions/{person.code}/",
    ):
        page.goto(path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 375, f"{path} is {width} px wide: {sticking_out(page)}"
    context.close()
