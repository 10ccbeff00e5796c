"""Wherever a contact appears, its relationship status is written out, not shown by colour alone."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.conftest import make_contact
from tests.reminders.helpers import find_all, find_one, html

pytestmark = pytest.mark.django_db

Status = Contact.Status
COLOURS = {
    Status.ACTIVE_COLLABORATION: "badge-success",
    Status.REGULAR_CONTACT: "badge-info",
    Status.CHECK_IN_DUE: "badge-warning",
    Status.RECONNECT: "badge-error",
    Status.PASSIVE: "badge-neutral",
}


@pytest.fixture
def everyone(alice) -> dict[str, Contact]:
    return {s: make_contact(alice, name=f"Person {s.label}", status=s) for s in Status}


def badges(page: str) -> dict[str, set[str]]:
    """Text of each status badge -> its classes."""
    found = {}
    for span in find_all(page, "span"):
        if "badge" in span.classes and span.clean_text in Status.labels:
            found[span.clean_text] = span.classes
    return found


def test_contact_list_writes_out_every_status(alice_client, everyone):
    page = html(alice_client.get(reverse("contacts:list")))

    shown = badges(page)
    assert set(shown) == set(Status.labels)
    for status in Status:
        assert COLOURS[status] in shown[status.label]
    row = find_one(
        page, "a", href=reverse("contacts:detail", args=[everyone[Status.RECONNECT].code])
    )
    assert row.clean_text == "Person Reconnect"


@pytest.mark.parametrize("status", list(Status))
def test_contact_page_writes_out_the_status(alice_client, everyone, status):
    page = html(alice_client.get(reverse("contacts:detail", args=[everyone[status].code])))

    badge = find_one(page, "span", id="contact-status")
    assert badge.clean_text == status.label
    assert COLOURS[status] in badge.classes


def test_admin_changelist_writes_out_the_status(admin_client, everyone):
    page = html(admin_client.get(reverse("admin:contacts_contact_changelist")))

    cells = [td for td in find_all(page, "td") if td.get("class").startswith("field-status")]
    assert {td.clean_text for td in cells} == set(Status.labels)
