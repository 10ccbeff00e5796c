import datetime as dt

import pytest
from django.urls import reverse

from contacts.models import Contact, Tag
from interactions.models import Interaction
from reminders.models import Reminder
from tests.interactions.conftest import submitted_data
from tests.quickconnect.owner.conftest import (
    HX,
    NOW,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_contact,
    make_event,
    make_tag,
)

pytestmark = pytest.mark.django_db


def add_url(event) -> str:
    return reverse("quickconnect:conference_add", args=[event.code])


def add_data(**overrides) -> dict:
    data = {"name": "Grace Hopper", "note": "", "tag_names": ""}
    data.update(overrides)
    return data


@pytest.fixture
def pycon(alice):
    return make_event(alice, name="PyCon Berlin", location="Berlin")


def test_form_is_ready_with_the_event_filled_in(alice_client, pycon):
    response = alice_client.get(add_url(pycon))

    assert response.status_code == 200
    page = html(response)
    assert find_one(page, "h1").clean_text == "Met someone at PyCon Berlin?"
    form = find_one(page, "form", id="conference-add")
    assert form.get("action") == add_url(pycon)
    name = find_one(page, "input", name="name")
    assert name.has("autofocus") and name.has("required")
    assert find_one(page, "input", name="note")
    assert find_one(page, "input", name="tag_names")


def test_adding_someone_creates_the_contact_with_everything(alice_client, alice, pycon, frozen):
    response = alice_client.post(
        add_url(pycon),
        add_data(name="  Grace   Hopper ", note="Talked about COBOL", tag_names="COBOL, speaker"),
    )

    assert response.status_code == 302
    assert response.url == add_url(pycon)
    contact = Contact.objects.get()
    assert contact.owner == alice
    assert contact.name == "Grace Hopper"
    assert contact.source == Contact.Source.CONFERENCE
    assert contact.source_detail == "PyCon Berlin"
    assert list(contact.events.all()) == [pycon]
    assert sorted(t.name for t in contact.tags.all()) == ["COBOL", "PyCon Berlin", "speaker"]
    assert {t.owner for t in contact.tags.all()} == {alice}

    reminder = Reminder.objects.get(contact=contact)
    assert reminder.kind == Reminder.Kind.CONFERENCE_FOLLOW_UP
    assert reminder.due_on == NOW.date() + dt.timedelta(days=2)
    assert reminder.title == "Follow up with Grace Hopper (PyCon Berlin)"

    interaction = Interaction.objects.get(contact=contact)
    assert interaction.subject == "Met at PyCon Berlin"
    assert interaction.notes == "Talked about COBOL"
    assert interaction.type.builtin_key == "conference_chat"
    contact.refresh_from_db()
    assert contact.last_contacted == NOW.date()


def test_the_name_loses_bidirectional_controls(alice_client, alice, pycon):
    alice_client.post(add_url(pycon), add_data(name="\u202eGrace\u202c \u2067Hopper\u2069"))
    assert Contact.objects.get().name == "Grace Hopper"

    response = alice_client.post(add_url(pycon), add_data(name="\u202e\u200f"))
    assert response.status_code == 200
    assert "This field is required." in html(response)
    assert Contact.objects.count() == 1


def test_the_event_tag_is_an_event_tag(alice_client, alice, pycon):
    alice_client.post(add_url(pycon), add_data())

    assert Tag.objects.get(owner=alice, name="PyCon Berlin").kind == Tag.Kind.EVENT


def test_an_existing_tag_with_the_events_name_is_reused(alice_client, alice, pycon):
    existing = make_tag(alice, "pycon berlin")

    alice_client.post(add_url(pycon), add_data(tag_names="PyCon Berlin"))

    assert list(Contact.objects.get().tags.all()) == [existing]
    assert Tag.objects.filter(owner=alice).count() == 1


def test_an_event_name_with_a_comma_survives_editing_the_contact(alice_client, alice):
    """Tag names are typed comma-separated, so a comma inside one would split it on next save."""
    event = make_event(alice, name="PyCon US, Pittsburgh")
    alice_client.post(add_url(event), add_data(tag_names="Python"))
    contact = Contact.objects.get()
    tags_before = sorted(t.name for t in contact.tags.all())
    edit_url = reverse("contacts:edit", args=[contact.code])
    form = find_one(html(alice_client.get(edit_url)), "form", id="contact-form")

    alice_client.post(edit_url, submitted_data(form))

    assert sorted(t.name for t in contact.tags.all()) == tags_before
    assert all("," not in name for name in tags_before)


def test_the_form_is_ready_again_afterwards(alice_client, alice, pycon):
    response = alice_client.post(add_url(pycon), add_data(name="Grace Hopper"), follow=True)

    page = html(response)
    assert "Added Grace Hopper from PyCon Berlin." in page
    assert find_one(page, "input", name="name").get("value") == ""
    assert find_one(page, "input", name="name").has("autofocus")
    grace = Contact.objects.get()
    assert find_all(page, "a", href=reverse("contacts:detail", args=[grace.code]))

    alice_client.post(add_url(pycon), add_data(name="Ada Lovelace"))
    assert Contact.objects.filter(owner=alice, events=pycon).count() == 2


def test_recently_added_lists_only_people_from_this_event(alice_client, alice, pycon):
    make_contact(alice, name="Met Elsewhere").events.add(make_event(alice, name="FOSDEM"))
    make_contact(alice, name="Met Here").events.add(pycon)

    page = html(alice_client.get(add_url(pycon)))

    assert "Added here recently" in page
    assert "Met Here" in page
    assert "Met Elsewhere" not in page


@pytest.mark.parametrize("name", ["", "   "])
def test_name_is_required(alice_client, alice, pycon, name):
    response = alice_client.post(add_url(pycon), add_data(name=name, note="Kept note"))

    assert response.status_code == 200
    page = html(response)
    assert "This field is required." in page
    assert find_one(page, "input", name="name").get("aria-invalid") == "true"
    assert find_one(page, "input", name="note").get("value") == "Kept note"
    assert not Contact.objects.exists()
    assert not Reminder.objects.exists()


def test_overlong_input_gets_a_message(alice_client, alice, pycon):
    response = alice_client.post(add_url(pycon), add_data(name="x" * 201))

    assert "at most 200 characters" in html(response)
    assert not Contact.objects.exists()


def test_htmx_get_returns_the_form_only(alice_client, pycon):
    response = alice_client.get(add_url(pycon), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert find_one(html(response), "form", id="conference-add")
    assert "Met someone at" not in html(response)


def test_htmx_invalid_post_returns_the_form_with_errors(alice_client, pycon):
    response = alice_client.post(add_url(pycon), add_data(name=""), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert "This field is required." in html(response)
    assert not Contact.objects.exists()


def test_outsider_gets_404_and_nothing_is_created(charlie_client, charlie, pycon):
    assert charlie_client.get(add_url(pycon)).status_code == 404
    assert charlie_client.post(add_url(pycon), add_data()).status_code == 404

    assert not Contact.objects.exists()
    assert not pycon.contacts.exists()
    assert not Tag.objects.filter(owner=charlie).exists()


def test_anonymous_is_sent_to_log_in_and_nothing_is_created(client, pycon):
    response = client.post(add_url(pycon), add_data())

    assert response.status_code == 302
    assert response.url == login_url_for(add_url(pycon))
    assert not Contact.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_not_allowed(alice_client, pycon, method):
    assert getattr(alice_client, method)(add_url(pycon)).status_code == 405
