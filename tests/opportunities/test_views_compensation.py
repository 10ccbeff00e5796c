"""Dated compensation discussions and offers, to look back on later."""

from datetime import date

import pytest

from opportunities.models import Compensation
from tests.devhub.conftest import find_one
from tests.opportunities.conftest import html, login_url_for, url

pytestmark = pytest.mark.django_db


def entry(**overrides) -> dict:
    data = {"amount": "85k EUR", "discussed_on": "2026-03-01", "who": "Rita", "notes": ""}
    data.update(overrides)
    return data


def test_saving_an_offer(alice_client, opp):
    response = alice_client.post(
        url("add_compensation", opp.code), entry(is_offer="on", notes="Plus bonus")
    )

    assert response.status_code == 302
    assert response.url == url("detail", opp.code) + "#compensation"
    saved = opp.compensation.get()
    assert (saved.amount, saved.discussed_on, saved.who, saved.is_offer, saved.notes) == (
        "85k EUR",
        date(2026, 3, 1),
        "Rita",
        True,
        "Plus bonus",
    )
    page = html(alice_client.get(response.url))
    assert "Saved the compensation note." in page
    section = find_one(page, "section", id="compensation")
    assert "1 Mar 2026: 85k EUR Offer with Rita — Plus bonus" in section.clean_text


def test_a_discussion_is_not_flagged_as_an_offer(alice_client, opp):
    alice_client.post(url("add_compensation", opp.code), entry(amount="asked for 90k"))

    page = html(alice_client.get(url("detail", opp.code)))

    assert opp.compensation.get().is_offer is False
    section = find_one(page, "section", id="compensation")
    assert "asked for 90k" in section.clean_text
    assert "Offer with" not in section.clean_text


def test_the_date_defaults_to_today_in_the_form(alice_client, opp, frozen_clock):
    page = html(alice_client.get(url("detail", opp.code)))

    assert find_one(page, "input", name="discussed_on").get("value") == "2026-03-10"


@pytest.mark.parametrize(
    "bad", [{"amount": ""}, {"discussed_on": "next week"}, {"discussed_on": ""}]
)
def test_invalid_entries_are_refused_with_a_message(alice_client, opp, bad):
    response = alice_client.post(url("add_compensation", opp.code), entry(**bad), follow=True)

    assert "Could not save:" in html(response)
    assert not Compensation.objects.exists()


def test_outsider_gets_404_and_nothing_is_saved(charlie_client, opp):
    response = charlie_client.post(url("add_compensation", opp.code), entry())

    assert response.status_code == 404
    assert not Compensation.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, opp):
    response = client.post(url("add_compensation", opp.code), entry())

    assert response.status_code == 302
    assert response.url == login_url_for(url("add_compensation", opp.code))
    assert not Compensation.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_compensation_answers_only_post(alice_client, opp, method):
    assert getattr(alice_client, method)(url("add_compensation", opp.code)).status_code == 405
