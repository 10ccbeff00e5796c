"""The admin pages for opportunities (with people, pay and history inline) and recruiter notes."""

import pytest
from django.urls import reverse

from opportunities.models import Compensation, RecruiterNotes
from tests.conftest import make_contact
from tests.opportunities.conftest import add_person, html, make_opportunity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["opportunity", "recruiternotes"])
def test_changelist_and_add_pages_open(admin_client, alice, model):
    opportunity = make_opportunity(alice, company="Visible Corp")
    rita = make_contact(alice, name="Rita Recruiter")
    add_person(opportunity, rita)
    RecruiterNotes.objects.create(contact=rita, specialties="Rust hiring")

    changelist = admin_client.get(reverse(f"admin:opportunities_{model}_changelist"))

    assert changelist.status_code == 200
    assert admin_client.get(reverse(f"admin:opportunities_{model}_add")).status_code == 200
    expected = "Visible Corp" if model == "opportunity" else "Rust hiring"
    assert expected in html(changelist)


def test_opportunity_changelist_shows_the_owner_and_searches_companies(admin_client, alice):
    make_opportunity(alice, company="Acme")
    make_opportunity(alice, company="Initech")

    page = html(
        admin_client.get(reverse("admin:opportunities_opportunity_changelist"), {"q": "init"})
    )

    assert "Initech" in page
    assert "Acme" not in page
    assert "alice" in page


def test_opportunity_change_page_shows_people_pay_and_history_inline(admin_client, alice, ada):
    opportunity = make_opportunity(alice, status="applied")
    add_person(opportunity, ada, role="hiring_manager")
    Compensation.objects.create(opportunity=opportunity, amount="85k offer")

    response = admin_client.get(
        reverse("admin:opportunities_opportunity_change", args=[opportunity.pk])
    )

    assert response.status_code == 200
    page = html(response)
    assert 'id="participants-group"' in page
    assert 'id="compensation-group"' in page
    assert 'id="stage_changes-group"' in page
    assert "85k offer" in page
    assert str(opportunity.code) in page


def test_recruiter_notes_change_page_opens(admin_client, alice):
    notes = RecruiterNotes.objects.create(
        contact=make_contact(alice, name="Rita"), dealings="Kept her word."
    )

    response = admin_client.get(
        reverse("admin:opportunities_recruiternotes_change", args=[notes.pk])
    )

    assert response.status_code == 200
    assert "Kept her word." in html(response)


def test_the_admin_is_closed_to_ordinary_users(alice_client, alice):
    opportunity = make_opportunity(alice)

    response = alice_client.get(
        reverse("admin:opportunities_opportunity_change", args=[opportunity.pk])
    )

    assert response.status_code == 302
    assert "/login/" in response.url
