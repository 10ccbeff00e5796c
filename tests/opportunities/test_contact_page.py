"""The contact page lists the opportunities the contact is part of, and recruiter notes."""

import pytest

from opportunities.models import RecruiterNotes
from tests.conftest import make_contact
from tests.contacts.conftest import contact_page
from tests.devhub.conftest import find_all, find_one
from tests.opportunities.conftest import add_person, make_opportunity, url

pytestmark = pytest.mark.django_db


def section(page: str):
    return find_one(page, "section", id="opportunities")


def test_lists_each_opportunity_with_the_contacts_role_and_its_stage(alice_client, alice, ada):
    acme = make_opportunity(alice, status="interview")
    initech = make_opportunity(alice, company="Initech", role_title="CTO", status="offer")
    add_person(acme, ada, role="hiring_manager")
    add_person(initech, ada, role="referrer")

    card = section(contact_page(alice_client, ada))

    items = sorted(li.clean_text for li in card.descendants() if li.tag == "li")
    assert items == [
        "Backend developer at Acme — hiring manager, interview",
        "CTO at Initech — referrer, offer",
    ]
    links = {a.get("href") for a in card.descendants() if a.tag == "a"}
    assert links == {url("detail", acme.code), url("detail", initech.code)}


def test_a_contact_without_opportunities_has_no_section(alice_client, ada, opp, alice):
    add_person(opp, make_contact(alice, name="Someone Else"))

    page = contact_page(alice_client, ada)

    assert not find_all(page, "section", id="opportunities")
    assert "Recruiter notes" not in page


def test_a_recruiter_by_relationship_gets_recruiter_notes(alice_client, alice):
    rita = make_contact(alice, name="Rita", relationship="recruiter")
    RecruiterNotes.objects.create(contact=rita, specialties="Rust", dealings="Honest about pay.")

    card = section(contact_page(alice_client, rita))

    assert "Recruiter notes" in card.clean_text
    assert "Specialties: Rust" in card.clean_text
    assert "Honest about pay." in card.clean_text
    link = find_one(card.descendants(), "a", href=url("recruiter_notes", rita.code))
    assert link.clean_text == "Edit recruiter notes"


def test_a_recruiter_by_role_is_invited_to_add_notes(alice_client, opp, ada):
    add_person(opp, ada, role="recruiter")

    card = section(contact_page(alice_client, ada))

    assert "Backend developer at Acme — recruiter, interested" in card.clean_text
    link = find_one(card.descendants(), "a", href=url("recruiter_notes", ada.code))
    assert link.clean_text == "Add recruiter notes"


def test_other_roles_get_no_recruiter_notes(alice_client, opp, ada):
    add_person(opp, ada, role="interviewer")

    card = section(contact_page(alice_client, ada))

    assert "Recruiter notes" not in card.clean_text
    assert not find_all(card.descendants(), "a", href=url("recruiter_notes", ada.code))
