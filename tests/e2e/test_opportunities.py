"""The opportunity board: move cards with the keyboard "move to" menu and by drag and drop."""

import pytest
from playwright.sync_api import Page, expect

from opportunities import services
from opportunities.models import Opportunity, StageChange
from tests.conftest import make_user
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_board(page: Page) -> None:
    page.goto("/opportunities/")
    expect(page.get_by_role("heading", name="Job opportunities")).to_be_visible()
    page.evaluate("window.__sameDocument = true")


def column(page: Page, name: str):
    return page.get_by_role("region", name=name)


def test_move_a_card_with_the_keyboard_menu(page: Page) -> None:
    ada = make_user("ada")
    services.save_new(Opportunity(owner=ada, company="Acme", role_title="Backend developer"))
    log_in(page, "ada")
    open_board(page)
    expect(column(page, "Interested").get_by_role("link", name="Backend developer")).to_be_visible()

    menu = page.get_by_label("Move Backend developer at Acme to")
    menu.focus()
    menu.select_option("applied")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(column(page, "Applied").get_by_role("link", name="Backend developer")).to_be_visible()
    expect(page.locator("#board").get_by_role("status")).to_contain_text(
        "Moved Backend developer at Acme to Applied."
    )
    assert page.evaluate("window.__sameDocument") is True
    assert Opportunity.objects.get().status == "applied"
    assert StageChange.objects.filter(to_status="applied").count() == 1


def test_move_a_card_by_drag_and_drop(page: Page) -> None:
    ada = make_user("ada")
    services.save_new(Opportunity(owner=ada, company="Initech", role_title="SRE"))
    log_in(page, "ada")
    open_board(page)
    card = page.locator("[data-card]").filter(has_text="SRE")
    card.drag_to(column(page, "Phone screen"))
    expect(column(page, "Phone screen").get_by_role("link", name="SRE")).to_be_visible()
    assert Opportunity.objects.get().status == "phone_screen"
