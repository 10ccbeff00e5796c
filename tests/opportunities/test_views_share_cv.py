"""Recording that the CV / portfolio went to someone on the opportunity (a shared resource)."""

from datetime import date

import pytest

from resources.models import SharedResource
from tests.conftest import make_contact
from tests.devhub.conftest import find_one
from tests.opportunities.conftest import add_person, html, login_url_for, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(opp, alice):
    contact = make_contact(alice, name="Rita Recruiter")
    add_person(opp, contact, role="recruiter")
    return contact


def test_sharing_records_a_portfolio_resource_for_the_contact(
    alice_client, opp, rita, frozen_clock
):
    response = alice_client.post(url("share_cv", opp.code), {"contact": str(rita.code)})

    assert response.status_code == 302
    assert response.url == url("detail", opp.code) + "#cv"
    resource = SharedResource.objects.get()
    assert resource.contact == rita
    assert resource.kind == SharedResource.Kind.PORTFOLIO
    assert resource.direction == SharedResource.Direction.I_SHARED
    assert resource.shared_on == date(2026, 3, 10)
    assert resource.title == "CV / portfolio for Backend developer at Acme"
    assert list(opp.shared_resources.all()) == [resource]
    assert list(rita.resources.all()) == [resource]


def test_the_share_is_listed_on_the_detail_page(alice_client, opp, rita, frozen_clock):
    response = alice_client.post(
        url("share_cv", opp.code), {"contact": str(rita.code)}, follow=True
    )

    page = html(response)
    assert "Noted: CV shared with Rita Recruiter today." in page
    cv = find_one(page, "section", id="cv")
    assert "10 Mar 2026 with Rita Recruiter" in cv.clean_text
    link = find_one(cv.descendants(), "a", class_="link")
    assert link.get("href") == f"/contacts/{rita.code}/#resources"


def test_someone_not_on_the_opportunity_cannot_be_chosen(alice_client, opp, rita, alice):
    outsider = make_contact(alice, name="Not Involved")

    response = alice_client.post(
        url("share_cv", opp.code), {"contact": str(outsider.code)}, follow=True
    )

    assert response.status_code == 200
    assert "Choose someone on this opportunity." in html(response)
    assert not SharedResource.objects.exists()


def test_another_users_contact_cannot_be_chosen(alice_client, opp, rita, charlies_contact):
    alice_client.post(url("share_cv", opp.code), {"contact": str(charlies_contact.code)})

    assert not SharedResource.objects.exists()


@pytest.mark.parametrize("value", ["", "not-a-code"])
def test_a_missing_or_malformed_contact_is_refused_not_a_server_error(
    alice_client, opp, rita, value
):
    response = alice_client.post(url("share_cv", opp.code), {"contact": value}, follow=True)

    assert response.status_code == 200
    assert "Choose someone on this opportunity." in html(response)
    assert not SharedResource.objects.exists()


def test_outsider_gets_404_and_nothing_is_recorded(charlie_client, opp, rita):
    response = charlie_client.post(url("share_cv", opp.code), {"contact": str(rita.code)})

    assert response.status_code == 404
    assert not SharedResource.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, opp, rita):
    response = client.post(url("share_cv", opp.code), {"contact": str(rita.code)})

    assert response.status_code == 302
    assert response.url == login_url_for(url("share_cv", opp.code))
    assert not SharedResource.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_share_cv_answers_only_post(alice_client, opp, method):
    assert getattr(alice_client, method)(url("share_cv", opp.code)).status_code == 405
