"""What the public form refuses, and how it says so: clear field errors, never a 500."""

import pytest
from django.test import Client

from contacts.models import Contact
from tests.quickconnect.public.conftest import (
    field_errors,
    form_data,
    html,
    input_value,
    nothing_saved,
    public_url,
    thanks_url,
)


def test_a_name_is_required(client, alice, quick_code):
    response = client.post(public_url(quick_code), form_data(name="   "))

    assert response.status_code == 200
    assert field_errors(response, "name") == ["This field is required."]
    assert "Please check the fields marked below; what you typed is kept." in html(response)
    assert input_value(response, "email") == "grace@example.com"
    assert nothing_saved(alice, quick_code)


def test_the_name_loses_bidirectional_controls(client, alice, quick_code):
    spoofed = "\u202eGrace\u202c \u2066Hopper\u2069\u200e\u061c"

    response = client.post(public_url(quick_code), form_data(name=spoofed))

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).get().name == "Grace Hopper"


def test_a_name_of_only_bidirectional_controls_is_no_name(client, alice, quick_code):
    response = client.post(public_url(quick_code), form_data(name="\u202e \u2066\u200f"))

    assert response.status_code == 200
    assert field_errors(response, "name") == ["This field is required."]
    assert nothing_saved(alice, quick_code)


def test_consent_is_required_and_says_why(client, alice, quick_code):
    response = client.post(public_url(quick_code), form_data(consent=None))

    assert response.status_code == 200
    message = "Please agree to the privacy notice to send your details."
    assert field_errors(response, "consent") == [message]
    assert message in html(response)
    assert nothing_saved(alice, quick_code)


def test_a_bad_email_is_refused(client, alice, quick_code):
    response = client.post(public_url(quick_code), form_data(email="grace@"))

    assert field_errors(response, "email") == ["Enter a valid email address."]
    assert nothing_saved(alice, quick_code)


@pytest.mark.parametrize(
    "typed",
    [
        "octocat",
        "@octocat",
        " @octocat ",
        "https://github.com/octocat",
        "https://www.github.com/octocat/",
        "github.com/octocat",
    ],
)
def test_github_usernames_are_normalised(client, alice, quick_code, typed):
    response = client.post(public_url(quick_code), form_data(github_username=typed))

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).get().github_username == "octocat"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-octocat", "GitHub usernames have 1-39 letters"),
        ("octo--cat", "GitHub usernames have 1-39 letters"),
        ("octo cat", "GitHub usernames have 1-39 letters"),
        ("a" * 40, "GitHub usernames have 1-39 letters"),
        ("https://gitlab.com/octocat", "Enter a github.com username"),
    ],
)
def test_invalid_github_usernames_are_refused(client, alice, quick_code, typed, message):
    response = client.post(public_url(quick_code), form_data(github_username=typed))

    assert response.status_code == 200
    assert field_errors(response, "github_username")[0].startswith(message)
    assert nothing_saved(alice, quick_code)


@pytest.mark.parametrize(
    "typed", ["https://example.com/in/grace", "https://linkedin.com.evil.example/in/grace"]
)
def test_linkedin_must_be_a_linkedin_address(client, alice, quick_code, typed):
    response = client.post(public_url(quick_code), form_data(linkedin_url=typed))

    assert response.status_code == 200
    assert field_errors(response, "linkedin_url") == [
        "Enter a LinkedIn address, such as https://www.linkedin.com/in/name/."
    ]
    assert nothing_saved(alice, quick_code)


def test_a_linkedin_address_without_https_is_completed(client, alice, quick_code):
    client.post(public_url(quick_code), form_data(linkedin_url="www.linkedin.com/in/grace/"))

    assert Contact.objects.for_owner(alice).get().linkedin_url == (
        "https://www.linkedin.com/in/grace/"
    )


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("name", 200),
        ("email", 254),
        ("github_username", 100),
        ("linkedin_url", 300),
        ("about", 1000),
        ("note", 1000),
    ],
)
def test_every_field_has_a_max_length(client, alice, quick_code, field, limit):
    response = client.post(public_url(quick_code), form_data(**{field: "x" * 10_000}))

    assert response.status_code == 200
    assert f"Ensure this value has at most {limit} characters (it has 10000)." in (
        field_errors(response, field)
    )
    assert nothing_saved(alice, quick_code)


@pytest.mark.parametrize("field", ["company", "location", "website_url"])
def test_overlong_hidden_fields_are_refused_without_an_error_page(client, alice, quick_code, field):
    response = client.post(public_url(quick_code), form_data(**{field: "x" * 10_000}))

    assert response.status_code == 200
    assert field_errors(response, field)
    assert "Please check the fields marked below" in html(response)
    assert nothing_saved(alice, quick_code)


def test_a_linkedin_address_too_long_once_completed_is_refused(client, alice, quick_code):
    typed = "linkedin.com/in/" + "g" * 280  # 296 characters; 304 with https://

    response = client.post(public_url(quick_code), form_data(linkedin_url=typed))

    assert response.status_code == 200
    assert field_errors(response, "linkedin_url")
    assert nothing_saved(alice, quick_code)


def test_a_website_too_long_once_completed_is_dropped(client, alice, quick_code):
    client.post(public_url(quick_code), form_data(website_url="grace.example/" + "p" * 280))

    contact = Contact.objects.for_owner(alice).get()
    assert len(contact.website_url) <= 300


def test_a_10000_character_note_is_a_field_error_and_keeps_the_form(client, alice, quick_code):
    response = client.post(public_url(quick_code), form_data(note="n" * 10_000))

    assert response.status_code == 200
    assert "Ensure this value has at most 1000 characters (it has 10000)." in html(response)
    assert input_value(response, "name") == "Grace Hopper"


def test_a_filled_honeypot_looks_like_success_but_saves_nothing(client, alice, quick_code):
    response = client.post(public_url(quick_code), form_data(website="https://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == thanks_url(quick_code)
    assert nothing_saved(alice, quick_code)


def test_the_honeypot_is_hidden_from_people(client, quick_code):
    page = html(client.get(public_url(quick_code)))

    assert '<div class="honeypot" aria-hidden="true">' in page
    assert 'tabindex="-1"' in page


def test_csrf_is_enforced(alice, quick_code):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(public_url(quick_code), form_data())

    assert response.status_code == 403
    assert nothing_saved(alice, quick_code)


def test_the_form_with_its_csrf_token_goes_through(alice, quick_code):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(public_url(quick_code))
    token = input_value(page, "csrfmiddlewaretoken")

    response = browser.post(public_url(quick_code), form_data(csrfmiddlewaretoken=token))

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).count() == 1
