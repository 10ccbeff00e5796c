"""Finding and merging a duplicate in a real browser: list -> dismiss -> choose -> confirm."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from interactions.models import Interaction
from tests.conftest import PASSWORD, make_contact, make_user
from tests.duplicates.conftest import log_interaction

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, username: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def test_review_dismiss_and_merge_duplicates(page: Page, tmp_path) -> None:
    owner = make_user("merger")
    ada = make_contact(owner, name="Ada Lovelace", email="ada@example.com", notes="Met at PyCon.")
    king = make_contact(
        owner, name="Ada King", email="ADA@example.com", company="Engines", notes="Likes Rust."
    )
    log_interaction(king, dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    make_contact(owner, name="Jon Smith", company="Acme")
    make_contact(owner, name="John Smith", company="ACME")

    log_in(page, "merger", "/contacts/duplicates/")
    expect(page.get_by_role("heading", name="Duplicates", exact=True)).to_be_visible()
    expect(page.get_by_text("Same e-mail: ada@example.com")).to_be_visible()

    # "Not a duplicate" removes the possible pair in place (HTMX).
    pairs = page.get_by_role("list", name="Possible duplicates")
    pairs.get_by_role("button", name="Not a duplicate").click()
    expect(pairs.get_by_role("link", name="Jon Smith")).to_have_count(0)
    expect(pairs.get_by_role("status")).to_have_text(
        "Jon Smith and John Smith will no longer be suggested."
    )
    page.screenshot(path=str(tmp_path / "duplicates.png"), full_page=True)

    page.get_by_role("link", name="Review and merge").click()
    expect(page.get_by_role("heading", name="Merge 2 contacts")).to_be_visible()
    page.get_by_role("group", name="Name").get_by_label("Ada King").check()
    page.screenshot(path=str(tmp_path / "chooser.png"), full_page=True)
    page.get_by_role("button", name="Review the merge").click()

    expect(page.get_by_role("heading", name="Merge 2 contacts into Ada Lovelace?")).to_be_visible()
    expect(page.get_by_text("1 interactions")).to_be_visible()
    page.get_by_role("button", name="Merge and delete 1 contact").click()

    expect(page.get_by_role("heading", name="Ada King")).to_be_visible()
    expect(page.get_by_text("Merged 2 contacts into Ada King.")).to_be_visible()
    merged = Contact.objects.get(owner=owner, email="ada@example.com")
    assert merged.pk == ada.pk
    assert merged.company == "Engines"
    assert merged.notes == "Met at PyCon.\n\nLikes Rust."
    assert Interaction.objects.filter(contact=merged).count() == 1
