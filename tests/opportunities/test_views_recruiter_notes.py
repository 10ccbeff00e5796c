"""Recruiter notes: a recruiter contact's specialties and past dealings."""

import pytest
from django.urls import reverse

from opportunities.models import RecruiterNotes
from tests.conftest import make_contact
from tests.devhub.conftest import find_one
from tests.opportunities.conftest import html, login_url_for, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(alice):
    return make_contact(alice, name="Rita Recruiter", relationship="recruiter")


def notes_data(**overrides) -> dict:
    return {"specialties": "Rust, fintech", "dealings": "Placed me at Acme in 2023.", **overrides}


def test_the_form_opens_empty_for_a_new_recruiter(alice_client, rita):
    page = html(alice_client.get(url("recruiter_notes", rita.code)))

    assert find_one(page, "h1").clean_text == "Recruiter notes on Rita Recruiter"
    assert find_one(page, "input", name="specialties").get("value") == ""
    assert find_one(page, "textarea", name="dealings")


def test_saving_creates_the_notes_and_returns_to_the_contact(alice_client, rita):
    response = alice_client.post(url("recruiter_notes", rita.code), notes_data())

    assert response.status_code == 302
    assert response.url == reverse("contacts:detail", args=[rita.code])
    notes = RecruiterNotes.objects.get(contact=rita)
    assert (notes.specialties, notes.dealings) == ("Rust, fintech", "Placed me at Acme in 2023.")
    page = html(alice_client.get(response.url))
    assert "Saved recruiter notes for Rita Recruiter." in page
    assert "Specialties: Rust, fintech" in page
    assert "Placed me at Acme in 2023." in page


def test_editing_updates_the_same_notes(alice_client, rita):
    RecruiterNotes.objects.create(contact=rita, specialties="Go", dealings="Slow to reply.")

    page = html(alice_client.get(url("recruiter_notes", rita.code)))
    assert find_one(page, "input", name="specialties").get("value") == "Go"
    alice_client.post(url("recruiter_notes", rita.code), notes_data(specialties="Go, Kotlin"))

    notes = RecruiterNotes.objects.get()
    assert notes.specialties == "Go, Kotlin"


def test_too_long_specialties_are_refused(alice_client, rita):
    response = alice_client.post(
        url("recruiter_notes", rita.code), notes_data(specialties="x" * 301)
    )

    assert response.status_code == 200
    assert "at most 300 characters" in html(response)
    assert not RecruiterNotes.objects.exists()


def test_outsider_gets_404_and_nothing_changes(charlie_client, rita):
    RecruiterNotes.objects.create(contact=rita, specialties="Go")

    assert charlie_client.get(url("recruiter_notes", rita.code)).status_code == 404
    response = charlie_client.post(url("recruiter_notes", rita.code), notes_data())

    assert response.status_code == 404
    assert RecruiterNotes.objects.get().specialties == "Go"


def test_anonymous_visitor_is_sent_to_login(client, rita):
    response = client.post(url("recruiter_notes", rita.code), notes_data())

    assert response.status_code == 302
    assert response.url == login_url_for(url("recruiter_notes", rita.code))
    assert not RecruiterNotes.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_recruiter_notes_answer_only_get_and_post(alice_client, rita, method):
    assert getattr(alice_client, method)(url("recruiter_notes", rita.code)).status_code == 405
