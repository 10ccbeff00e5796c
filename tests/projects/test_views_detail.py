"""A project's page: details, money, people, communication history and linked interactions."""

from datetime import date
from decimal import Decimal

import pytest

from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from projects.models import Member
from tests.conftest import make_contact
from tests.devhub.conftest import find_one
from tests.projects.conftest import (
    HX,
    add_member,
    html,
    is_fragment,
    make_payment,
    make_project,
    url,
)

pytestmark = pytest.mark.django_db


def log(contact, subject: str) -> Interaction:
    call = InteractionType.objects.for_owner(contact.owner).get(builtin_key="call")
    interaction = Interaction(contact=contact, type=call, subject=subject)
    interaction_services.save_interaction(interaction)
    return interaction


def test_the_money_per_currency_with_two_decimals(alice_client, alice, frozen_clock):
    project = make_project(alice, pricing="fixed", rate=Decimal("5000"))
    make_payment(project, amount=Decimal("1500.5"), invoiced_on=date(2026, 3, 1))

    page = html(alice_client.get(url("detail", project.code)))

    assert "5000.00 EUR" in page
    assert "1500.50 EUR" in page


def test_people_can_be_added_once_per_role_and_removed(alice_client, alice, project):
    ada = make_contact(alice, name="Ada Lovelace")
    add = url("add_member", project.code)

    response = alice_client.post(add, {"contact": ada.code, "role": "stakeholder"})
    again = alice_client.post(add, {"contact": ada.code, "role": "stakeholder"}, follow=True)

    assert response.url == url("detail", project.code) + "#people"
    assert "That person already has this role here." in html(again)
    member = Member.objects.get()
    alice_client.post(url("remove_member", member.code))
    assert not Member.objects.exists()


def test_another_users_contact_cannot_join(alice_client, charlie, project):
    mallory = make_contact(charlie, name="Mallory")

    response = alice_client.post(
        url("add_member", project.code), {"contact": mallory.code, "role": "client"}, follow=True
    )

    assert "Could not add that person" in html(response)
    assert not Member.objects.exists()


def test_history_shows_the_peoples_interactions_newest_first_in_pages(alice_client, project):
    ada = add_member(project).contact
    for index in range(12):
        log(ada, f"Talk {index:02}")
    log(make_contact(project.owner, name="Stranger"), "Not about this")

    page = html(alice_client.get(url("detail", project.code)))
    first = find_one(page, "div", id="history").clean_text
    older = alice_client.get(url("detail", project.code), {"history": 2}, **HX)

    assert "Talk 11" in first and "Talk 02" in first and "Talk 01" not in first
    assert "Not about this" not in first
    assert is_fragment(older)
    assert html(older).lstrip().startswith('<div id="history">')
    assert "Talk 01" in html(older) and "Talk 00" in html(older)


def test_an_interaction_of_the_people_can_be_linked_and_unlinked(alice_client, project):
    talk = log(add_member(project).contact, "Kick-off")
    stranger = log(make_contact(project.owner, name="Stranger"), "Other")

    alice_client.post(url("link_interaction", project.code), {"interaction": talk.code})
    refused = alice_client.post(
        url("link_interaction", project.code), {"interaction": stranger.code}, follow=True
    )

    assert list(project.interactions.all()) == [talk]
    assert "Could not link it" in html(refused)
    alice_client.post(url("unlink_interaction", project.code), {"interaction": talk.code})
    assert not project.interactions.exists()
