"""Sending the public form: what lands in the owner's CRM, exactly once, without duplicates."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Event, Tag
from interactions.models import Interaction
from quickconnect.models import Notification, QuickConnectCode
from reminders.models import Reminder
from tests.conftest import make_contact
from tests.quickconnect.public.conftest import (
    EVENT_NAME,
    form_data,
    html,
    make_code,
    public_url,
    thanks_url,
)


def only_contact(owner) -> Contact:
    contacts = list(Contact.objects.for_owner(owner))
    assert len(contacts) == 1, contacts
    return contacts[0]


def meetings(contact: Contact) -> list[tuple[str, str]]:
    return list(contact.interactions.order_by("pk").values_list("subject", "notes"))


def test_sending_the_form_adds_a_quick_connect_contact(client, alice, quick_code):
    response = client.post(
        public_url(quick_code),
        form_data(
            name="  Grace   Hopper ",
            email="grace@example.com",
            github_username="@ghopper",
            linkedin_url="linkedin.com/in/grace-hopper",
            about="Compilers, COBOL",
        ),
    )

    assert response.status_code == 302
    contact = only_contact(alice)
    assert contact.name == "Grace Hopper"
    assert contact.email == "grace@example.com"
    assert contact.github_username == "ghopper"
    assert contact.linkedin_url == "https://linkedin.com/in/grace-hopper"
    assert contact.notes == "Compilers, COBOL"
    assert contact.source == Contact.Source.QUICK_CONNECT
    assert contact.source_detail == f"{EVENT_NAME}, Async ORM talk"
    quick_code.refresh_from_db()
    assert quick_code.uses == 1


def test_the_contact_gets_the_codes_tags_an_event_tag_and_the_event_link(
    client, alice, quick_code, event
):
    client.post(public_url(quick_code), form_data())

    contact = only_contact(alice)
    assert sorted(contact.tags.values_list("name", flat=True)) == [
        EVENT_NAME,
        "python",
        "speaker",
    ]
    assert contact.tags.get(name=EVENT_NAME).kind == Tag.Kind.EVENT
    assert list(contact.events.all()) == [event]


def test_a_free_text_event_name_becomes_the_event_tag_and_the_event(client, alice):
    # Made outside the site's form (the admin, or before typed names made events), the code
    # gets its event at the first sign-up.
    code = make_code(alice, event_name="DjangoCon Europe", location="Dublin")

    client.post(public_url(code), form_data())

    contact = only_contact(alice)
    assert list(contact.tags.values_list("name", flat=True)) == ["DjangoCon Europe"]
    event = Event.objects.for_owner(alice).get()
    assert (event.name, event.location) == ("DjangoCon Europe", "Dublin")
    assert list(contact.events.all()) == [event]
    code.refresh_from_db()
    assert (code.event, code.title) == (event, "DjangoCon Europe")
    assert meetings(contact) == [("Met at DjangoCon Europe", "Loved your talk")]


def test_everyone_signing_up_through_a_typed_name_lands_in_one_event(client, alice):
    existing = Event.objects.create(owner=alice, name="PyCon 2026")
    first, second = (
        make_code(alice, event_name="pycon 2026"),
        make_code(alice, event_name="PyCon 2026"),
    )

    client.post(public_url(first), form_data(name="Grace Hopper", email="grace@example.com"))
    client.post(public_url(second), form_data(name="Ada Lovelace", email="ada@example.com"))

    assert Event.objects.for_owner(alice).get() == existing
    assert sorted(existing.contacts.values_list("name", flat=True)) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    # The event's page (conference mode's home) lists them both.
    client.force_login(alice)
    page = html(client.get(reverse("quickconnect:event", args=[existing.code])))
    assert "Grace Hopper" in page and "Ada Lovelace" in page


def test_a_conference_follow_up_reminder_is_due_two_days_later(client, alice, quick_code):
    client.post(public_url(quick_code), form_data())

    contact = only_contact(alice)
    reminder = Reminder.objects.get(contact=contact)
    assert reminder.kind == Reminder.Kind.CONFERENCE_FOLLOW_UP
    assert reminder.owner == alice
    assert reminder.due_on == timezone.localdate() + dt.timedelta(days=2)
    assert "Grace Hopper" in reminder.title


def test_the_meeting_is_logged_with_the_persons_note(client, alice, quick_code):
    client.post(public_url(quick_code), form_data(note="Ask me about COBOL"))

    contact = only_contact(alice)
    assert meetings(contact) == [(f"Met at {EVENT_NAME}", "Ask me about COBOL")]
    assert contact.last_contacted == timezone.localdate()


def test_the_owner_is_notified(client, alice, charlie, quick_code):
    client.post(public_url(quick_code), form_data())

    contact = only_contact(alice)
    notification = Notification.objects.get(owner=alice)
    assert notification.title == "Grace Hopper added themselves via Quick Connect"
    assert notification.body == f"Met at {EVENT_NAME}"
    assert notification.url == reverse("contacts:detail", args=[contact.code])
    assert notification.read_at is None
    assert not Notification.objects.filter(owner=charlie).exists()


def test_an_owner_who_opted_in_gets_an_email_too(
    client, alice, quick_code, django_capture_on_commit_callbacks
):
    alice.quick_connect_emails = True
    alice.save(update_fields=["quick_connect_emails"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(public_url(quick_code), form_data())

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert "Grace Hopper added themselves" in mail.outbox[0].subject


def test_a_thank_you_page_follows(client, quick_code):
    response = client.post(public_url(quick_code), form_data())

    assert response.status_code == 302
    assert response["Location"] == thanks_url(quick_code)
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you!" in html(thanks)
    assert "Alice Liddell now has your details" in html(thanks)


def test_sending_the_same_form_twice_adds_one_contact_and_one_meeting(client, alice, quick_code):
    data = form_data()

    first = client.post(public_url(quick_code), data)
    second = client.post(public_url(quick_code), data)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == thanks_url(quick_code)
    contact = only_contact(alice)
    assert Interaction.objects.filter(contact=contact).count() == 1
    assert Notification.objects.filter(owner=alice).count() == 1
    quick_code.refresh_from_db()
    assert quick_code.uses == 1


def test_a_double_tap_on_the_last_use_still_thanks_the_person(client, alice, event):
    code = make_code(alice, event=event, max_uses=1)
    data = form_data()

    client.post(public_url(code), data)
    again = client.post(public_url(code), data)

    # Their details were saved the first time: "nothing was saved" would be untrue.
    assert again.status_code == 302
    assert again["Location"] == thanks_url(code)
    assert Contact.objects.for_owner(alice).count() == 1


def test_a_different_person_on_a_used_up_code_is_still_refused(client, alice, event):
    code = make_code(alice, event=event, max_uses=1)
    client.post(public_url(code), form_data())

    other = client.post(public_url(code), form_data(name="Ada Lovelace", email="ada@example.com"))

    assert other.status_code == 410
    assert Contact.objects.for_owner(alice).count() == 1


# --- Someone who is already a contact ----------------------------------------------------------


@pytest.fixture
def existing(alice) -> Contact:
    return make_contact(
        alice,
        name="Rear Admiral Grace Hopper",
        email="Grace.Hopper@Navy.example",
        github_username="ghopper",
        linkedin_url="https://www.linkedin.com/in/grace-hopper/",
        company="US Navy",
        notes="Written by Alice; keep.",
    )


@pytest.mark.parametrize(
    "same_person",
    [
        {"email": "grace.hopper@navy.example"},
        {"email": "GRACE.HOPPER@NAVY.EXAMPLE"},
        {"email": "", "github_username": "GHopper"},
        {"email": "", "github_username": "https://github.com/ghopper"},
        {"email": "", "linkedin_url": "https://www.linkedin.com/in/grace-hopper/"},
        {"email": "", "linkedin_url": "https://www.linkedin.com/in/grace-hopper"},
        {"email": "", "linkedin_url": "linkedin.com/in/grace-hopper"},
        {"email": "", "linkedin_url": "https://linkedin.com/in/grace-hopper/"},
        {"email": "", "linkedin_url": "http://www.linkedin.com/in/Grace-Hopper"},
    ],
    ids=str,
)
def test_an_existing_contact_is_met_again_not_duplicated(
    client, alice, quick_code, existing, same_person
):
    response = client.post(public_url(quick_code), form_data(name="Grace", **same_person))

    assert response.status_code == 302
    assert only_contact(alice) == existing
    assert meetings(existing) == [(f"Met again at {EVENT_NAME}", "Loved your talk")]
    assert quick_code.submissions.get().matched_existing
    existing.refresh_from_db()
    assert existing.name == "Rear Admiral Grace Hopper"
    assert EVENT_NAME in existing.tags.values_list("name", flat=True)


def test_a_met_again_contact_gains_only_what_it_lacked(client, alice, quick_code, existing):
    client.post(
        public_url(quick_code),
        form_data(
            name="Grace",
            email="grace.hopper@navy.example",
            github_username="someone-else",
            about="Replaced?",
            company="Remington Rand",
            location="Arlington",
            website_url="grace.example",
        ),
    )

    existing.refresh_from_db()
    # What the owner wrote stays as it was...
    assert existing.name == "Rear Admiral Grace Hopper"
    assert existing.email == "Grace.Hopper@Navy.example"
    assert existing.github_username == "ghopper"
    assert existing.company == "US Navy"
    assert existing.notes == "Written by Alice; keep."
    # ...and the blanks are filled in.
    assert existing.location == "Arlington"
    assert existing.website_url == "https://grace.example"
    notification = Notification.objects.get(owner=alice)
    assert notification.body == f"Met again at {EVENT_NAME}"


def test_a_different_linkedin_profile_is_a_different_person(client, alice, quick_code, existing):
    client.post(
        public_url(quick_code),
        form_data(email="", linkedin_url="https://www.linkedin.com/in/grace-hopper-2/"),
    )

    assert Contact.objects.for_owner(alice).count() == 2


def test_another_users_contact_with_the_same_email_is_never_touched(
    client, alice, charlie, quick_code
):
    theirs = make_contact(charlie, name="Charlie's Grace", email="grace@example.com")

    client.post(public_url(quick_code), form_data(email="GRACE@example.com", location="Paris"))

    mine = only_contact(alice)
    assert mine != theirs
    assert mine.name == "Grace Hopper"
    assert meetings(mine) == [(f"Met at {EVENT_NAME}", "Loved your talk")]
    theirs.refresh_from_db()
    assert theirs.name == "Charlie's Grace"
    assert theirs.location == ""
    assert not theirs.interactions.exists()
    assert not theirs.tags.exists()
    assert not Notification.objects.filter(owner=charlie).exists()


def test_codes_are_owned_people_land_only_with_the_codes_owner(client, alice, charlie, event):
    charlies_code = make_code(charlie, event_name="RustConf")

    client.post(public_url(charlies_code), form_data())

    assert not Contact.objects.for_owner(alice).exists()
    assert Contact.objects.for_owner(charlie).get().name == "Grace Hopper"
    assert QuickConnectCode.objects.get(pk=charlies_code.pk).uses == 1
