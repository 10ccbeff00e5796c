"""Deleting an opportunity, always after a confirmation page."""

from datetime import date

import pytest

from contacts.models import Contact
from interactions.models import Interaction
from opportunities.models import Compensation, Opportunity, Participant, StageChange
from tests.devhub.conftest import find_one
from tests.opportunities.conftest import (
    HX,
    add_person,
    html,
    is_fragment,
    job_reminders,
    login_url_for,
    make_opportunity,
    url,
)

pytestmark = pytest.mark.django_db


def test_get_asks_for_confirmation_first(alice_client, opp):
    response = alice_client.get(url("delete", opp.code))

    assert response.status_code == 200
    page = html(response)
    assert find_one(page, "h1", id="confirm-title").clean_text == (
        "Delete Backend developer at Acme?"
    )
    assert "Its stage history, people links and compensation notes go with it" in page
    section = find_one(page, "section", id="confirm-delete")
    form = find_one(section.descendants(), "form")
    assert form.get("method") == "post"
    assert form.get("action") == url("delete", opp.code)
    assert find_one(section.descendants(), "a").get("href") == url("detail", opp.code)
    assert Opportunity.objects.filter(pk=opp.pk).exists()


def test_htmx_get_returns_the_confirmation_only(alice_client, opp):
    response = alice_client.get(url("delete", opp.code), **HX)

    assert is_fragment(response)
    assert "Delete Backend developer at Acme?" in html(response)
    assert Opportunity.objects.filter(pk=opp.pk).exists()


def test_post_deletes_it_with_its_history_people_and_pay_but_keeps_contacts(alice_client, opp, ada):
    add_person(opp, ada)
    Compensation.objects.create(opportunity=opp, amount="80k")

    response = alice_client.post(url("delete", opp.code))

    assert response.status_code == 302
    assert response.url == url("board")
    assert not Opportunity.objects.exists()
    assert not StageChange.objects.exists()
    assert not Participant.objects.exists()
    assert not Compensation.objects.exists()
    assert Contact.objects.filter(pk=ada.pk).exists()
    assert "Deleted Backend developer at Acme." in html(alice_client.get(response.url))


def test_logged_discussions_stay_with_the_contact(alice_client, opp, ada):
    add_person(opp, ada)
    alice_client.post(
        url("log_discussion", opp.code), {"talk-contact": str(ada.code), "talk-notes": "Chat"}
    )

    alice_client.post(url("delete", opp.code))

    assert Interaction.objects.get().contact == ada


def test_its_open_reminders_go_away_with_it(alice_client, alice):
    opportunity = make_opportunity(alice, status="applied", next_action_on=date(2026, 3, 12))
    other = make_opportunity(alice, company="Initech", status="applied")

    alice_client.post(url("delete", opportunity.code))

    assert [r.title for r in job_reminders(alice, open_only=True)] == [
        f"Follow up on your application: {other}"
    ]


def test_htmx_post_redirects_the_browser_to_the_board(alice_client, opp):
    response = alice_client.post(url("delete", opp.code), **HX)

    assert response.headers["HX-Redirect"] == url("board")
    assert not Opportunity.objects.exists()


def test_outsider_gets_404_and_nothing_is_deleted(charlie_client, opp):
    assert charlie_client.get(url("delete", opp.code)).status_code == 404
    assert charlie_client.post(url("delete", opp.code)).status_code == 404
    assert Opportunity.objects.filter(pk=opp.pk).exists()


def test_anonymous_visitor_is_sent_to_login(client, opp):
    response = client.post(url("delete", opp.code))

    assert response.status_code == 302
    assert response.url == login_url_for(url("delete", opp.code))
    assert Opportunity.objects.filter(pk=opp.pk).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_delete_answers_only_get_and_post(alice_client, opp, method):
    assert getattr(alice_client, method)(url("delete", opp.code)).status_code == 405
    assert Opportunity.objects.filter(pk=opp.pk).exists()
