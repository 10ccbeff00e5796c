import datetime as dt

import pytest
from django.urls import reverse

from contacts.models import Tag
from quickconnect.models import QuickConnectCode
from tests.quickconnect.owner.conftest import (
    HX,
    NOW,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_event,
    make_tag,
)

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("quickconnect:create")


def code_form_data(**overrides) -> dict:
    data = {
        "event": "",
        "event_name": "RustConf",
        "location": "",
        "session": "",
        "tag_names": "",
        "note": "",
        "hours": "24",
        "max_uses": "",
    }
    data.update(overrides)
    return data


def show_url(code: QuickConnectCode) -> str:
    return reverse("quickconnect:show", args=[code.code])


def test_form_offers_my_events_and_24_hours_by_default(alice_client, alice, charlie):
    make_event(alice, name="PyCon Berlin")
    make_event(charlie, name="Charlie's Summit")

    response = alice_client.get(CREATE_URL)

    assert response.status_code == 200
    page = html(response)
    options = [o.clean_text for o in find_all(find_one(page, "select", name="event").descendants())]
    assert options == ["No event from your list", "PyCon Berlin"]
    assert find_one(page, "input", name="hours").get("value") == "24"
    assert find_one(page, "form", id="code-form").get("hx-post") == CREATE_URL


def test_event_in_the_query_string_is_preselected(alice_client, alice):
    make_event(alice, name="DjangoCon")
    event = make_event(alice, name="PyCon Berlin")

    page = html(alice_client.get(CREATE_URL, {"event": str(event.code)}))

    selected = [
        o for o in find_one(page, "select", name="event").descendants() if o.has("selected")
    ]
    assert [o.clean_text for o in selected] == ["PyCon Berlin"]


@pytest.mark.parametrize("value", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_bad_event_in_the_query_string_is_ignored(alice_client, alice, value):
    make_event(alice, name="PyCon Berlin")

    response = alice_client.get(CREATE_URL, {"event": value})

    assert response.status_code == 200
    options = find_one(html(response), "select", name="event").descendants()
    assert not [o for o in options if o.has("selected") and o.get("value")]


def test_creating_a_code_for_my_event_copies_its_location(alice_client, alice, frozen):
    event = make_event(alice, name="PyCon Berlin", location="Berlin, bcc")

    response = alice_client.post(CREATE_URL, code_form_data(event=str(event.code), event_name=""))

    code = QuickConnectCode.objects.get()
    assert response.status_code == 302
    assert response.url == show_url(code)
    assert code.owner == alice
    assert code.event == event
    assert code.title == "PyCon Berlin"
    assert code.location == "Berlin, bcc"
    assert code.expires_at == NOW + dt.timedelta(hours=24)
    assert code.max_uses is None
    assert code.uses == 0 and code.revoked_at is None


def test_a_typed_location_wins_over_the_events(alice_client, alice):
    event = make_event(alice, name="PyCon Berlin", location="Berlin")

    alice_client.post(CREATE_URL, code_form_data(event=str(event.code), location="Room B09"))

    assert QuickConnectCode.objects.get().location == "Room B09"


def test_an_outsiders_event_is_not_a_valid_choice(alice_client, alice, charlie):
    charlies_event = make_event(charlie, name="Charlie's Summit", location="Secret")

    response = alice_client.post(CREATE_URL, code_form_data(event=str(charlies_event.code)))

    assert response.status_code == 200
    assert "Select a valid choice" in html(response)
    assert find_one(html(response), "select", name="event").get("aria-invalid") == "true"
    assert not QuickConnectCode.objects.exists()
    assert not charlies_event.quick_connect_codes.exists()


def test_free_text_event_session_and_note(alice_client, alice):
    alice_client.post(
        CREATE_URL,
        code_form_data(
            event_name="Rust meetup", session="Async talk", location="Zürich", note="Great chat!"
        ),
    )

    code = QuickConnectCode.objects.get()
    assert code.title == "Rust meetup"
    assert (code.session, code.location, code.note) == ("Async talk", "Zürich", "Great chat!")
    # The typed name became one of alice's events, where the code's location is its location.
    assert (code.event.owner, code.event.name, code.event.location) == (
        alice,
        "Rust meetup",
        "Zürich",
    )


def test_a_typed_event_name_reuses_the_event_of_that_name_whatever_its_case(
    alice_client, alice, charlie
):
    pycon = make_event(alice, name="PyCon 2026", location="Pittsburgh")
    make_event(charlie, name="pycon 2026")  # someone else's is never used

    alice_client.post(CREATE_URL, code_form_data(event_name="  pycon   2026 "))
    alice_client.post(CREATE_URL, code_form_data(event_name="PYCON 2026"))

    codes = QuickConnectCode.objects.all()
    assert [c.event for c in codes] == [pycon, pycon]
    assert {c.title for c in codes} == {"PyCon 2026"}
    assert {c.location for c in codes} == {"Pittsburgh"}
    assert alice.events.count() == 1


def test_a_typed_event_name_shows_on_the_events_page_at_once(alice_client, alice):
    assert "No events yet" in html(alice_client.get(reverse("quickconnect:events")))

    alice_client.post(CREATE_URL, code_form_data(event_name="PyCon 2026"))

    page = html(alice_client.get(reverse("quickconnect:events")))
    assert "No events yet" not in page
    listed = find_one(page, "ul", **{"aria-label": "Your events"}).descendants()
    assert [a.clean_text for a in find_all(listed, "a")] == ["PyCon 2026", "Conference mode"]


def test_a_chosen_event_wins_over_a_typed_name(alice_client, alice):
    event = make_event(alice, name="EuroPython")

    alice_client.post(CREATE_URL, code_form_data(event=str(event.code), event_name="Other"))

    assert QuickConnectCode.objects.get().event == event
    assert alice.events.count() == 1


def test_typed_tags_are_created_and_applied_to_the_code(alice_client, alice, charlie):
    existing = make_tag(alice, "rust")
    make_tag(charlie, "speaker")

    alice_client.post(CREATE_URL, code_form_data(tag_names="Rust, speaker, RUST"))

    code = QuickConnectCode.objects.get()
    assert sorted(t.name for t in code.tags.all()) == ["rust", "speaker"]
    assert existing in code.tags.all()
    assert {t.owner for t in code.tags.all()} == {alice}
    assert Tag.objects.filter(owner=charlie).count() == 1


@pytest.mark.parametrize("hours", [1, 720])
def test_lifetime_from_one_hour_to_thirty_days(alice_client, alice, frozen, hours):
    response = alice_client.post(CREATE_URL, code_form_data(hours=str(hours)))

    assert response.status_code == 302
    assert QuickConnectCode.objects.get().expires_at == NOW + dt.timedelta(hours=hours)


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("0", "greater than or equal to 1"),
        ("1000", "less than or equal to 720"),
        ("", "This field is required"),
        ("soon", "Enter a whole number"),
    ],
)
def test_lifetime_outside_the_range_is_rejected(alice_client, alice, hours, message):
    response = alice_client.post(CREATE_URL, code_form_data(hours=hours))

    assert response.status_code == 200
    page = html(response)
    assert message in page
    assert find_one(page, "input", name="hours").get("aria-invalid") == "true"
    assert not QuickConnectCode.objects.exists()


@pytest.mark.parametrize("max_uses", [1, 10_000])
def test_maximum_uses_within_range_are_kept(alice_client, alice, max_uses):
    alice_client.post(CREATE_URL, code_form_data(max_uses=str(max_uses)))

    assert QuickConnectCode.objects.get().max_uses == max_uses


@pytest.mark.parametrize("max_uses", ["0", "10001", "-3"])
def test_maximum_uses_outside_the_range_are_rejected(alice_client, alice, max_uses):
    response = alice_client.post(CREATE_URL, code_form_data(max_uses=max_uses))

    assert response.status_code == 200
    assert find_one(html(response), "input", name="max_uses").get("aria-invalid") == "true"
    assert not QuickConnectCode.objects.exists()


def test_invalid_input_keeps_what_was_typed(alice_client, alice):
    response = alice_client.post(
        CREATE_URL, code_form_data(event_name="Rust meetup", session="Async talk", hours="0")
    )

    page = html(response)
    assert "Please correct the fields marked below" in page
    assert find_one(page, "input", name="event_name").get("value") == "Rust meetup"
    assert find_one(page, "input", name="session").get("value") == "Async talk"


def test_overlong_event_name_gets_a_message_not_a_crash(alice_client, alice):
    response = alice_client.post(CREATE_URL, code_form_data(event_name="x" * 201))

    assert response.status_code == 200
    assert "at most 200 characters" in html(response)
    assert not QuickConnectCode.objects.exists()


def test_posted_owner_is_ignored(alice_client, alice, charlie):
    alice_client.post(CREATE_URL, code_form_data(owner=str(charlie.pk)))

    assert QuickConnectCode.objects.get().owner == alice


def test_htmx_get_returns_the_form_only(alice_client, alice):
    response = alice_client.get(CREATE_URL, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert find_one(html(response), "form", id="code-form")


def test_htmx_invalid_post_returns_the_form_fragment_with_errors(alice_client, alice):
    response = alice_client.post(CREATE_URL, code_form_data(hours="1000"), **HX)

    assert response.status_code == 200  # htmx 2 does not swap 4xx responses
    assert is_fragment(response)
    page = html(response)
    assert find_one(page, "form", id="code-form")
    assert "less than or equal to 720" in page
    assert not QuickConnectCode.objects.exists()


def test_htmx_valid_post_sends_the_browser_to_the_code(alice_client, alice):
    response = alice_client.post(CREATE_URL, code_form_data(), **HX)

    code = QuickConnectCode.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == show_url(code)


def test_anonymous_is_sent_to_log_in_and_nothing_is_created(client, alice):
    get = client.get(CREATE_URL)
    post = client.post(CREATE_URL, code_form_data())

    assert get.status_code == post.status_code == 302
    assert get.url == post.url == login_url_for(CREATE_URL)
    assert not QuickConnectCode.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(alice_client, alice, method):
    assert getattr(alice_client, method)(CREATE_URL).status_code == 405
