"""The site on a phone (360-375 px, touch): nothing scrolls sideways, the Menu is on screen and
works by touch and keyboard, lists are cards whose actions can be tapped, bulk edit waits."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Page, expect

from contacts.models import Tag
from tests.conftest import make_contact, make_user
from tests.e2e.test_accessibility import logged_in_context, pages, realistic_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TAP = 44  # px, the smallest comfortable touch target

# Everything a thumb is meant to hit: buttons (row actions, pager, header) and menu links.
TARGETS = "main .btn, header .btn, .menu a"


def phone(browser: Browser, base_url: str, size: tuple[int, int] = (360, 740)) -> BrowserContext:
    return logged_in_context(browser, base_url, size, "light", has_touch=True)


def too_small(page: Page) -> list[str]:
    """Visible tap targets under 44 px high, as 'text (height)'."""
    return page.evaluate(
        """([selector, tap]) => [...document.querySelectorAll(selector)]
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
        .map(e => [e, e.getBoundingClientRect()])
        .filter(([e, r]) => r.height > 0 && r.height < tap - 0.5)
        .slice(0, 5).map(([e, r]) => e.textContent.trim().slice(0, 30) + " (" + r.height + ")")""",
        [TARGETS, TAP],
    )


def test_no_page_scrolls_sideways_and_targets_are_tappable_at_360(
    browser: Browser, live_server
) -> None:
    user = realistic_user()
    context = phone(browser, live_server.url)
    page = context.new_page()
    problems = []
    for path in pages(user):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.evaluate("innerWidth")
        if width > viewport:
            problems.append(f"{path} is {width} px wide at {viewport} px")
        if small := too_small(page):
            problems.append(f"{path}: tap targets under {TAP} px: {small}")
    context.close()
    assert not problems, "\n".join(problems)


def test_phone_menu_is_on_screen_and_works_by_touch_and_keyboard(
    browser: Browser, live_server
) -> None:
    make_user("demo")
    context = phone(browser, live_server.url)
    page = context.new_page()
    page.goto("/")
    # Two rows of header (brand and search; Menu, notifications, New contact, account, theme).
    assert page.locator("header").bounding_box()["height"] <= 2 * 60
    menu_button = page.locator("summary", has_text="Menu")
    sections = page.get_by_role("list", name="Sections")
    expect(sections).to_be_hidden()

    menu_button.tap()
    expect(sections).to_be_visible()
    links = sections.get_by_role("link")
    assert links.count() == 11
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, links.nth(i).text_content()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740, links.nth(i).text_content()
        assert box["height"] >= TAP, links.nth(i).text_content()

    sections.get_by_role("link", name="Reminders").tap()
    expect(page).to_have_url(f"{live_server.url}/reminders/")
    expect(page.get_by_role("heading", name="Reminders", exact=True)).to_be_visible()
    expect(sections).to_be_hidden()

    # Keyboard: Enter opens, Tab stays inside the open menu, Escape closes onto the button.
    menu_button.focus()
    page.keyboard.press("Enter")
    expect(sections).to_be_visible()
    for _ in range(links.count()):
        page.keyboard.press("Tab")
    expect(sections.get_by_role("link", name="Tags")).to_be_focused()
    page.keyboard.press("Tab")
    expect(menu_button).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(sections.get_by_role("link", name="Tags")).to_be_focused()
    page.keyboard.press("Escape")
    expect(sections).to_be_hidden()
    expect(menu_button).to_be_focused()

    # A tap elsewhere closes it too.
    menu_button.tap()
    expect(sections).to_be_visible()
    panel = sections.bounding_box()
    page.touchscreen.tap(180, panel["y"] + panel["height"] + 40)  # below the open panel
    expect(sections).to_be_hidden()
    context.close()


def test_contacts_are_cards_with_tappable_actions_and_bulk_edit_waits_on_a_phone(
    browser: Browser, live_server
) -> None:
    user = make_user("demo")
    for n in range(8):
        make_contact(user, name=f"Contact number {n} with a long name", company="Initech")
    call_command("refresh_statuses", verbosity=0)  # as cron does: no "job has not run" banner
    context = phone(browser, live_server.url, (375, 812))
    page = context.new_page()
    page.goto("/contacts/")

    apply = page.get_by_role("button", name="Apply to selected")
    expect(apply).to_be_hidden()
    first = page.locator("#results tbody tr").first
    assert first.bounding_box()["y"] < 812 - 100, "the list starts below the fold"
    for role, name in (("button", "VIP"), ("link", "Log"), ("button", "Archive")):
        action = first.get_by_role(role, name=re.compile(f"^{name}"))
        expect(action).to_be_visible()
        box = action.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, name
        assert box["height"] >= TAP, name
    assert first.evaluate("row => getComputedStyle(row).display") == "flex"

    page.get_by_text("Bulk edit", exact=True).tap()
    expect(apply).to_be_visible()
    first.get_by_role("checkbox").check()
    expect(page.locator("#bulk-count")).to_have_text("1 selected")

    # On a wide screen the same markup is a table and bulk edit is open without a tap.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    expect(apply).to_be_visible()
    expect(page.get_by_text("Bulk edit", exact=True)).to_be_hidden()
    assert first.evaluate("row => getComputedStyle(row).display") == "table-row"
    context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tag_columns_line_up_and_grey_is_grey_and_named(
    browser: Browser, live_server, theme: str
) -> None:
    user = make_user("demo")
    for name, colour in (
        ("Go", "neutral"),
        ("A much longer tag name", "success"),
        ("Rust", "error"),
    ):
        tag = Tag.objects.create(owner=user, name=name, colour=colour)
        make_contact(user, name=f"Uses {name}", tags=[tag])
    context = logged_in_context(browser, live_server.url, (1280, 900), theme)
    page = context.new_page()
    page.goto("/contacts/tags/")
    rows = page.get_by_role("list", name="Your tags").get_by_role("listitem")
    expect(rows).to_have_count(3)
    for role, label in (
        ("textbox", "Name"),
        ("combobox", "Kind"),
        ("combobox", "Colour"),
        ("button", "Save"),
    ):
        lefts = {
            round(rows.nth(i).get_by_role(role, name=re.compile(f"^{label}")).bounding_box()["x"])
            for i in range(3)
        }
        assert len(lefts) == 1, f"{label} column starts at {lefts}"

    grey = rows.nth(1)  # tags are listed by name: "A much…", "Go", "Rust"
    expect(grey.locator(".badge + span")).to_have_text("Grey")  # the colour, by name
    # Drawn through a canvas to read the colour as sRGB whatever notation the theme uses.
    red, green, blue = grey.locator(".badge").evaluate(
        """badge => {
          const context = document.createElement("canvas").getContext("2d");
          context.fillStyle = getComputedStyle(badge).backgroundColor;
          context.fillRect(0, 0, 1, 1);
          return [...context.getImageData(0, 0, 1, 1).data].slice(0, 3);
        }"""
    )
    assert red == green == blue and 80 <= red <= 160, (red, green, blue)
    context.close()
