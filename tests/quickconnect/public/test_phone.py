"""The optional phone field of the public form: typed as on a phone, refused only when garbage."""

import pytest
from django.core import mail

from contacts.models import Contact
from quickconnect.models import Notification
from tests.conftest import make_contact
from tests.devhub.conftest import find_one, label_text
from tests.quickconnect.public.conftest import (
    field_errors,
    form_data,
    html,
    input_value,
    nothing_saved,
    public_url,
)

GARBAGE = (
    "That does not look like a phone number. "
    "Digits, spaces and + ( ) - . / only, e.g. +49 30 1234567."
)


def test_the_form_offers_a_labelled_phone_field_with_the_number_pad(client, quick_code):
    page = html(client.get(public_url(quick_code)))

    field = find_one(page, "input", name="phone")
    assert field.get("type") == "tel"
    assert field.get("autocomplete") == "tel"
    assert field.get("maxlength") == "40"
    assert not field.has("required")
    assert label_text(page, field.get("id")) == "Phone"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+49 (0)30 123-4567", "+49 (0)30 123-4567"),
        ("  0170   1234567 ", "0170 1234567"),
        ("+1 555.123.4567", "+1 555.123.4567"),
        ("030/1234567", "030/1234567"),
        ("", ""),
    ],
)
def test_a_phone_number_is_saved_on_the_contact_as_typed_with_spaces_tidied(
    client, alice, quick_code, typed, stored
):
    response = client.post(public_url(quick_code), form_data(phone=typed))

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).get().phone == stored


@pytest.mark.parametrize(
    "garbage", ["call me", "12", "+49 30 1234567 ext. 5", "((((()))))", "١٢٣٤٥٦٧"]
)
def test_garbage_is_refused_with_an_example_and_nothing_is_saved(
    client, alice, quick_code, garbage
):
    response = client.post(public_url(quick_code), form_data(phone=garbage))

    assert response.status_code == 200
    assert field_errors(response, "phone") == [GARBAGE]
    assert GARBAGE in html(response)
    assert find_one(html(response), "input", name="phone").get("aria-invalid") == "true"
    assert input_value(response, "phone") == garbage.strip()
    assert nothing_saved(alice, quick_code)


def test_too_long_a_number_is_refused(client, alice, quick_code):
    response = client.post(public_url(quick_code), form_data(phone="1" * 41))

    assert field_errors(response, "phone") == [
        "Ensure this value has at most 40 characters (it has 41)."
    ]
    assert nothing_saved(alice, quick_code)


def test_a_met_again_contact_gains_a_phone_only_when_it_had_none(client, alice, quick_code):
    without = make_contact(alice, name="Grace", email="grace@example.com")
    with_one = make_contact(alice, name="Ada", email="ada@example.com", phone="+44 20 7946 0000")

    client.post(public_url(quick_code), form_data(email="grace@example.com", phone="0170 1234567"))
    client.post(
        public_url(quick_code),
        form_data(name="Ada", email="ada@example.com", phone="0170 7654321"),
    )

    without.refresh_from_db()
    with_one.refresh_from_db()
    assert without.phone == "0170 1234567"
    assert with_one.phone == "+44 20 7946 0000"


@pytest.fixture
def send_and_mail(client, alice, quick_code, django_capture_on_commit_callbacks):
    """Sends the form for an owner who asked for e-mails; returns the e-mail's body."""
    alice.quick_connect_emails = True
    alice.save(update_fields=["quick_connect_emails"])

    def send(**fields) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(public_url(quick_code), form_data(**fields))
        (sent,) = mail.outbox
        return sent.body

    return send


def test_the_owners_notification_list_and_email_show_the_phone(client, alice, send_and_mail):
    body = send_and_mail(phone="+49 30 1234567")

    assert "Phone: +49 30 1234567" in body
    assert Notification.objects.get(owner=alice).contact.phone == "+49 30 1234567"
    client.force_login(alice)
    page = html(client.get("/notifications/"))
    link = find_one(page, "a", href="tel:+49301234567")
    assert link.clean_text == "+49 30 1234567"


def test_without_a_phone_the_email_has_no_phone_line(send_and_mail):
    assert "Phone" not in send_and_mail()
