"""Adding and removing the people on an opportunity (recruiter, referrer, hiring manager...)."""

import pytest

from contacts.models import Contact
from opportunities.models import Participant
from tests.conftest import make_contact
from tests.opportunities.conftest import add_person, html, login_url_for, make_opportunity, url

pytestmark = pytest.mark.django_db


def add(client, opportunity, contact, role="recruiter", **kwargs):
    data = {"contact": str(contact.code), "role": role}
    return client.post(url("add_participant", opportunity.code), data, **kwargs)


def people(opportunity) -> list[tuple[str, str]]:
    return sorted(opportunity.participants.values_list("contact__name", "role"))


def test_adding_a_person_with_a_role(alice_client, opp, ada):
    response = add(alice_client, opp, ada, "hiring_manager")

    assert response.status_code == 302
    assert response.url == url("detail", opp.code) + "#people"
    assert people(opp) == [("Ada Lovelace", "hiring_manager")]
    page = html(alice_client.get(response.url))
    assert "Added Ada Lovelace (Hiring manager)." in page


def test_the_same_person_can_have_a_second_role(alice_client, opp, ada):
    add(alice_client, opp, ada, "referrer")
    add(alice_client, opp, ada, "interviewer")

    assert people(opp) == [("Ada Lovelace", "interviewer"), ("Ada Lovelace", "referrer")]


def test_the_same_role_twice_is_refused(alice_client, opp, ada):
    add(alice_client, opp, ada, "recruiter")

    response = add(alice_client, opp, ada, "recruiter", follow=True)

    assert "That person already has this role here." in html(response)
    assert people(opp) == [("Ada Lovelace", "recruiter")]


def test_the_same_role_on_another_opportunity_is_fine(alice_client, opp, ada, alice):
    other = make_opportunity(alice, company="Initech")
    add(alice_client, other, ada, "recruiter")

    add(alice_client, opp, ada, "recruiter")

    assert people(opp) == [("Ada Lovelace", "recruiter")]


def test_another_users_contact_is_not_a_valid_choice(alice_client, opp, charlies_contact):
    response = add(alice_client, opp, charlies_contact, follow=True)

    page = html(response)
    assert "Could not add that person" in page
    assert "Select a valid choice" in page
    assert not Participant.objects.exists()


def test_an_archived_contact_is_not_a_valid_choice(alice_client, opp, alice):
    archived = make_contact(alice, name="Gone Away", is_archived=True)

    add(alice_client, opp, archived)

    assert not Participant.objects.exists()


@pytest.mark.parametrize("role", ["boss", ""])
def test_an_unknown_role_is_refused(alice_client, opp, ada, role):
    response = add(alice_client, opp, ada, role, follow=True)

    assert "Could not add that person" in html(response)
    assert not Participant.objects.exists()


def test_outsider_cannot_add_to_someone_elses_opportunity(charlie_client, opp, charlies_contact):
    response = add(charlie_client, opp, charlies_contact)

    assert response.status_code == 404
    assert not Participant.objects.exists()


def test_anonymous_visitor_is_sent_to_login_when_adding(client, opp, ada):
    response = add(client, opp, ada)

    assert response.status_code == 302
    assert response.url == login_url_for(url("add_participant", opp.code))
    assert not Participant.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_adding_answers_only_post(alice_client, opp, method):
    assert getattr(alice_client, method)(url("add_participant", opp.code)).status_code == 405


def remove_url(participant: Participant) -> str:
    return url("remove_participant", participant.opportunity.code, participant.code)


def test_removing_a_person(alice_client, opp, ada):
    participant = add_person(opp, ada, role="referrer")

    response = alice_client.post(remove_url(participant))

    assert response.status_code == 302
    assert response.url == url("detail", opp.code) + "#people"
    assert not Participant.objects.exists()
    assert Contact.objects.filter(pk=ada.pk).exists()  # the contact stays
    assert "Removed Ada Lovelace from this opportunity." in html(alice_client.get(response.url))


def test_a_participant_of_another_opportunity_is_404_here(alice_client, opp, ada, alice):
    other = make_opportunity(alice, company="Initech")
    elsewhere = add_person(other, ada)

    response = alice_client.post(url("remove_participant", opp.code, elsewhere.code))

    assert response.status_code == 404
    assert Participant.objects.filter(pk=elsewhere.pk).exists()


def test_outsider_cannot_remove_a_person(charlie_client, opp, ada):
    participant = add_person(opp, ada)

    assert charlie_client.post(remove_url(participant)).status_code == 404
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_anonymous_visitor_is_sent_to_login_when_removing(client, opp, ada):
    participant = add_person(opp, ada)

    response = client.post(remove_url(participant))

    assert response.status_code == 302
    assert response.url == login_url_for(remove_url(participant))
    assert Participant.objects.filter(pk=participant.pk).exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_removing_answers_only_post(alice_client, opp, ada, method):
    participant = add_person(opp, ada)

    assert getattr(alice_client, method)(remove_url(participant)).status_code == 405
    assert Participant.objects.filter(pk=participant.pk).exists()
