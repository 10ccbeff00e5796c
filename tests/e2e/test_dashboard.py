"""The dashboard in a browser: act on "needs attention" and watch the page update itself."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.conftest import make_contact, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_logging_from_needs_attention_removes_the_contact_and_updates_stats(page: Page) -> None:
    ada = make_user("ada")
    long_ago = timezone.localdate() - dt.timedelta(days=400)
    make_contact(ada, name="Ken Thompson", last_contacted=long_ago)
    make_contact(ada, name="Rob Pike", last_contacted=long_ago)

    page.goto("/accounts/login/?next=/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in").click()
    attention = page.get_by_role("list", name="Contacts who need attention, most overdue first")
    expect(attention.get_by_role("link", name="Ken Thompson")).to_be_visible()
    expect(page.locator("#stat-attention")).to_have_text("2")
    expect(page.locator("#stat-interactions")).to_have_text("0")
    page.evaluate("window.__sameDocument = true")

    ken = page.get_by_role("form", name="Log an interaction with Ken Thompson")
    ken.get_by_label("Note").fill("Talked about Go")
    ken.get_by_role("button", name="Log").click()

    expect(page.get_by_role("status").filter(has_text="with Ken Thompson")).to_be_visible()
    expect(attention.get_by_role("link", name="Ken Thompson")).to_have_count(0)
    expect(attention.get_by_role("link", name="Rob Pike")).to_be_visible()
    expect(page.locator("#stat-attention")).to_have_text("1")
    expect(page.locator("#stat-interactions")).to_have_text("1")
    recent = page.locator("#widget-recent")
    expect(recent.get_by_text("Talked about Go")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True


def test_new_user_sees_the_guided_welcome(page: Page) -> None:
    make_user("ada")
    page.goto("/accounts/login/?next=/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in").click()
    steps = page.get_by_role("list", name="Getting started")
    expect(steps.get_by_role("link", name="Add a contact")).to_be_visible()
    expect(steps.get_by_role("link", name="Create a code")).to_be_visible()
