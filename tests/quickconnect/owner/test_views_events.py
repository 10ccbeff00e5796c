import datetime as dt

import pytest
from django.urls import reverse

from contacts.models import Event
from tests.quickconnect.owner.conftest import (
    HX,
    find_all,
    find_one,
    html,
    login_url_for,
    make_contact,
    make_event,
)

pytestmark = pytest.mark.django_db

EVENTS_URL = reverse("quickconnect:events")


def event_form_data(**overrides) -> dict:
    data = {"name": "PyCon Berlin", "location": "", "starts_on": "", "ends_on": "", "notes": ""}
    data.update(overrides)
    return data


def event_url(event: Event) -> str:
    return reverse("quickconnect:event", args=[event.code])


def test_empty_state_and_the_add_form(alice_client):
    response = alice_client.get(EVENTS_URL)

    assert response.status_code == 200
    page = html(response)
    assert "No events yet." in page
    form = find_one(page, "form", action=EVENTS_URL)
    assert form.get("method") == "post"
    assert find_one(page, "input", name="starts_on").get("type") == "date"


def test_lists_my_events_with_dates_and_people(alice_client, alice):
    pycon = make_event(
        alice,
        name="PyCon Berlin",
        location="Berlin",
        starts_on=dt.date(2026, 4, 14),
        ends_on=dt.date(2026, 4, 16),
    )
    make_event(alice, name="Rust meetup")
    for name in ("Grace Hopper", "Ada Lovelace"):
        make_contact(alice, name=name).events.add(pycon)

    page = html(alice_client.get(EVENTS_URL))

    assert "No events yet." not in page
    assert find_one(page, "a", href=event_url(pycon)).clean_text == "PyCon Berlin"
    assert "Berlin · 14 Apr 2026 \u2013 16 Apr 2026 · 2 people" in page
    assert "Rust meetup" in page and "0 people" in page
    assert find_all(page, "a", href=reverse("quickconnect:conference_add", args=[pycon.code]))


def test_only_my_events_are_listed(alice_client, alice, charlie):
    make_event(alice, name="Alice's Meetup")
    make_event(charlie, name="Charlie's Secret Summit")

    page = html(alice_client.get(EVENTS_URL))

    assert "Meetup" in page
    assert "Secret Summit" not in page


def test_adding_an_event(alice_client, alice, charlie):
    response = alice_client.post(
        EVENTS_URL,
        event_form_data(
            name="PyCon Berlin",
            location="Berlin",
            starts_on="2026-04-14",
            ends_on="2026-04-16",
            notes="Talk on Thursday",
            owner=str(charlie.pk),
        ),
    )

    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url == event_url(event)
    assert event.owner == alice
    assert (event.name, event.location, event.notes) == (
        "PyCon Berlin",
        "Berlin",
        "Talk on Thursday",
    )
    assert (event.starts_on, event.ends_on) == (dt.date(2026, 4, 14), dt.date(2026, 4, 16))
    assert "Added the event PyCon Berlin." in html(alice_client.get(response.url))


def test_a_one_day_event_is_fine(alice_client, alice):
    alice_client.post(EVENTS_URL, event_form_data(starts_on="2026-04-14", ends_on="2026-04-14"))

    assert Event.objects.get().ends_on == dt.date(2026, 4, 14)


def test_end_before_start_is_rejected(alice_client, alice):
    response = alice_client.post(
        EVENTS_URL, event_form_data(name="Backwards", starts_on="2026-04-14", ends_on="2026-04-13")
    )

    assert response.status_code == 200
    page = html(response)
    assert "The end cannot be before the start." in page
    assert find_one(page, "input", name="ends_on").get("aria-invalid") == "true"
    assert find_one(page, "input", name="name").get("value") == "Backwards"
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "x" * 201, "at most 200 characters"),
        ("starts_on", "14/04/2026x", "Enter a valid date."),
    ],
)
def test_invalid_fields_are_rejected(alice_client, alice, field, value, message):
    response = alice_client.post(EVENTS_URL, event_form_data(**{field: value}))

    assert response.status_code == 200
    assert message in html(response)
    assert not Event.objects.exists()


def test_htmx_add_redirects_the_browser_to_the_event(alice_client, alice):
    response = alice_client.post(EVENTS_URL, event_form_data(), **HX)

    assert response["HX-Redirect"] == event_url(Event.objects.get())


def test_anonymous_is_sent_to_log_in_and_nothing_is_created(client, alice):
    get = client.get(EVENTS_URL)
    post = client.post(EVENTS_URL, event_form_data())

    assert get.url == post.url == login_url_for(EVENTS_URL)
    assert not Event.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_not_allowed(alice_client, alice, method):
    assert getattr(alice_client, method)(EVENTS_URL).status_code == 405


def test_events_newest_first_undated_last_although_the_counts_are_grouped(alice_client, alice):
    """Meta.ordering does not apply to GROUP BY queries; the page restates it."""
    make_event(alice, name="PyCon 2026", starts_on=dt.date(2026, 5, 1))
    make_event(alice, name="Meetup, no date")
    make_event(alice, name="PyCon 2024", starts_on=dt.date(2024, 5, 1))

    shown = alice_client.get(EVENTS_URL).context["events"]

    assert [e.name for e in shown] == ["PyCon 2026", "PyCon 2024", "Meetup, no date"]
