"""/reminders/new/: a reminder added by hand, optionally about one of your contacts."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from reminders.models import Reminder
from tests.conftest import make_contact
from tests.reminders.helpers import (
    HX,
    NOW,
    TODAY,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
)

pytestmark = pytest.mark.django_db

URL = reverse("reminders:create")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def ada(alice):
    return make_contact(alice, name="Ada Lovelace")


def form_data(**overrides) -> dict:
    data = {
        "title": "Send Ada the slides",
        "contact": "",
        "kind": "custom",
        "due_on": "2026-03-20",
        "notes": "",
    }
    data.update(overrides)
    return data


def selected_contact(response) -> list[str]:
    select = find_one(html(response), "select", name="contact")
    return [o.get("value") for o in find_all(select.descendants(), "option") if o.has("selected")]


def test_form_defaults_to_today(alice_client):
    response = alice_client.get(URL)

    assert response.status_code == 200
    assert find_one(html(response), "input", name="due_on").get("value") == TODAY.isoformat()


def test_prefills_the_contact_from_the_address(alice_client, ada):
    response = alice_client.get(URL, {"contact": str(ada.code)})

    assert selected_contact(response) == [str(ada.code)]


@pytest.mark.parametrize("value", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", ""])
def test_an_unknown_contact_in_the_address_is_ignored(alice_client, ada, value):
    response = alice_client.get(URL, {"contact": value})

    assert response.status_code == 200
    assert selected_contact(response) in ([], [""])


def test_contact_choices_are_my_active_contacts_only(alice_client, alice, charlie, ada):
    make_contact(alice, name="Archived Archie", is_archived=True)
    make_contact(charlie, name="Charlie's Friend")

    select = find_one(html(alice_client.get(URL)), "select", name="contact")

    names = [o.clean_text for o in find_all(select.descendants(), "option")]
    assert names == ["No contact", "Ada Lovelace"]


def test_creates_a_reminder(alice_client, alice, ada):
    response = alice_client.post(
        URL, form_data(contact=str(ada.code), kind="follow_up", notes="The async talk"), follow=True
    )

    reminder = Reminder.objects.get()
    assert (reminder.owner, reminder.contact, reminder.kind) == (alice, ada, "follow_up")
    assert (reminder.title, reminder.due_on, reminder.notes) == (
        "Send Ada the slides",
        dt.date(2026, 3, 20),
        "The async talk",
    )
    assert not reminder.is_automatic
    assert response.redirect_chain == [(reverse("reminders:list"), 302)]
    assert "Added the reminder “Send Ada the slides”." in html(response)


def test_a_reminder_without_contact(alice_client, alice):
    alice_client.post(URL, form_data())

    assert Reminder.objects.get().contact is None


def test_returns_to_next_when_it_is_on_this_site(alice_client, ada):
    detail = reverse("contacts:detail", args=[ada.code])

    safe = alice_client.post(f"{URL}?next={detail}", form_data())
    unsafe = alice_client.post(f"{URL}?next=https://evil.example/", form_data())

    assert safe.url == detail
    assert unsafe.url == reverse("reminders:list")


def test_charlies_contact_is_rejected_as_a_choice(alice_client, charlie):
    theirs = make_contact(charlie, name="Charlie's Friend")

    response = alice_client.post(URL, form_data(contact=str(theirs.code)))

    assert response.status_code == 200
    assert "Select a valid choice" in html(response)
    assert not Reminder.objects.exists()


def test_outsider_cannot_prefill_alices_contact(charlie_client, ada):
    response = charlie_client.get(URL, {"contact": str(ada.code)})

    assert response.status_code == 200
    assert selected_contact(response) == []
    assert "Ada Lovelace" not in html(response)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"due_on": "next week"}, "Enter a valid date."),
        ({"kind": "party"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_explained_and_kept(alice_client, overrides, message):
    response = alice_client.post(URL, form_data(notes="Keep me", **overrides))

    assert response.status_code == 200
    assert message in html(response)
    assert "Keep me" in html(response)
    assert not Reminder.objects.exists()


def test_htmx_invalid_returns_the_form_partial(alice_client):
    response = alice_client.post(URL, form_data(title=""), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert html(response).lstrip().startswith('<form id="reminder-form"')
    assert "This field is required." in html(response)


def test_htmx_get_returns_the_form_partial(alice_client):
    response = alice_client.get(URL, **HX)

    assert is_fragment(response)
    assert find_one(html(response), "form", id="reminder-form")


def test_htmx_success_redirects_the_browser(alice_client):
    response = alice_client.post(URL, form_data(), **HX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("reminders:list")
    assert Reminder.objects.count() == 1


def test_anonymous_is_sent_to_log_in(client, db):
    get = client.get(URL)
    post = client.post(URL, form_data())

    assert get.status_code == post.status_code == 302
    assert get.url == post.url == login_url_for(URL)
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(alice_client, method):
    assert getattr(alice_client, method)(URL).status_code == 405
