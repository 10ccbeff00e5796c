"""Logging a job discussion from an opportunity: an interaction linked to both."""

from datetime import date

import pytest
from django.urls import reverse

from interactions.models import Interaction
from tests.conftest import make_contact
from tests.devhub.conftest import find_one
from tests.opportunities.conftest import add_person, html, login_url_for, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(opp, alice):
    contact = make_contact(alice, name="Rita Recruiter")
    add_person(opp, contact, role="recruiter")
    return contact


def talk(client, opportunity, contact, notes="Salary band is 80-95k", **kwargs):
    data = {"talk-contact": str(contact.code), "talk-notes": notes}
    return client.post(url("log_discussion", opportunity.code), data, **kwargs)


def test_logging_creates_a_job_discussion_linked_to_contact_and_opportunity(
    alice_client, opp, rita, alice, frozen_clock
):
    response = talk(alice_client, opp, rita)

    assert response.status_code == 302
    assert response.url == url("detail", opp.code) + "#discussions"
    interaction = Interaction.objects.get()
    assert interaction.contact == rita
    assert interaction.type.builtin_key == "job_discussion"
    assert interaction.type.owner == alice
    assert interaction.subject == "Backend developer at Acme"
    assert interaction.notes == "Salary band is 80-95k"
    assert list(opp.interactions.all()) == [interaction]
    assert list(interaction.opportunities.all()) == [opp]


def test_logging_updates_the_contacts_last_contacted(alice_client, opp, rita, frozen_clock):
    talk(alice_client, opp, rita)

    rita.refresh_from_db()
    assert rita.last_contacted == date(2026, 3, 10)


def test_the_discussion_is_listed_on_the_detail_page(alice_client, opp, rita, frozen_clock):
    response = talk(alice_client, opp, rita, follow=True)

    page = html(response)
    assert "Logged a job discussion with Rita Recruiter." in page
    section = find_one(page, "section", id="discussions")
    assert "10 Mar 2026 with Rita Recruiter — Salary band is 80-95k" in section.clean_text


def test_the_discussion_shows_on_the_contacts_timeline(alice_client, opp, rita):
    talk(alice_client, opp, rita, notes="Talked about the team")

    page = html(alice_client.get(reverse("contacts:detail", args=[rita.code])))

    assert "Job discussion" in page
    assert "Talked about the team" in page


def test_someone_not_on_the_opportunity_cannot_be_chosen(alice_client, opp, rita, alice):
    outsider = make_contact(alice, name="Not Involved")

    response = talk(alice_client, opp, outsider, follow=True)

    assert "Choose who you talked to (add people first)." in html(response)
    assert not Interaction.objects.exists()
    outsider.refresh_from_db()
    assert outsider.last_contacted is None


def test_another_users_contact_cannot_be_chosen(alice_client, opp, rita, charlies_contact):
    talk(alice_client, opp, charlies_contact)

    assert not Interaction.objects.exists()


def test_outsider_gets_404_and_nothing_is_logged(charlie_client, opp, rita):
    response = talk(charlie_client, opp, rita)

    assert response.status_code == 404
    assert not Interaction.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, opp, rita):
    response = talk(client, opp, rita)

    assert response.status_code == 302
    assert response.url == login_url_for(url("log_discussion", opp.code))
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_logging_answers_only_post(alice_client, opp, method):
    assert getattr(alice_client, method)(url("log_discussion", opp.code)).status_code == 405
