"""The analytics page: funnel numbers, response rate and medians, with an accessible chart."""

import pytest

from tests.devhub.conftest import find_all, find_one
from tests.opportunities.conftest import (
    HX,
    build_funnel_data,
    html,
    login_url_for,
    make_opportunity,
    url,
)

pytestmark = pytest.mark.django_db


def numbers(page: str) -> dict[str, str]:
    terms = [dt.clean_text for dt in find_all(page, "dt")]
    values = [dd.clean_text for dd in find_all(page, "dd")]
    return dict(zip(terms, values, strict=True))


def test_shows_the_funnel_counts_and_response_numbers(alice_client, alice):
    build_funnel_data(alice)

    page = html(alice_client.get(url("analytics")))

    legend = find_one(page, "ul", class_="text-sm grid grid-cols-4 text-center")
    items = [li for li in legend.descendants() if li.tag == "li"]
    values = [find_one(li.children, "strong").clean_text for li in items]
    labels = [li.clean_text.removesuffix(v) for li, v in zip(items, values, strict=True)]
    assert list(zip(labels, values, strict=True)) == [
        ("Applied", "5"),
        ("Interview", "3"),
        ("Offer", "2"),
        ("Accepted", "1"),
    ]
    assert numbers(page) == {
        "Response rate": "80% of applications got an answer",
        "Median days to first response": "5.0",
        "Median days to an offer": "25.0",
    }


def test_the_chart_is_an_image_with_a_text_alternative(alice_client, alice):
    build_funnel_data(alice)

    page = html(alice_client.get(url("analytics")))

    svg = find_one(page, "svg", role="img")
    labelled_by = svg.get("aria-labelledby").split()
    assert [find_one(page, id=i).clean_text for i in labelled_by] == [
        "Funnel",
        "Applied: 5; Interview: 3; Offer: 2; Accepted: 1",
    ]
    assert find_one(svg.descendants(), "desc").clean_text == (
        "Applied: 5; Interview: 3; Offer: 2; Accepted: 1"
    )
    bars = [rect for rect in svg.descendants() if rect.tag == "rect"]
    assert [float(bar.get("height")) for bar in bars] == [120.0, 72.0, 48.0, 24.0]


def test_without_applications_it_says_so(alice_client, alice):
    make_opportunity(alice, status="interested")

    page = html(alice_client.get(url("analytics")))

    assert numbers(page) == {
        "Response rate": "no applications yet",
        "Median days to first response": "—",
        "Median days to an offer": "—",
    }
    assert find_one(page, "desc").clean_text == "Applied: 0; Interview: 0; Offer: 0; Accepted: 0"


def test_only_the_users_own_pipeline_counts(alice_client, charlie):
    build_funnel_data(charlie)

    page = html(alice_client.get(url("analytics")))

    assert find_one(page, "desc").clean_text == "Applied: 0; Interview: 0; Offer: 0; Accepted: 0"


def test_htmx_request_still_gets_the_page(alice_client):
    response = alice_client.get(url("analytics"), **HX)

    assert response.status_code == 200
    assert find_one(html(response), "svg", role="img")


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(url("analytics"))

    assert response.status_code == 302
    assert response.url == login_url_for(url("analytics"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_analytics_answers_only_get(alice_client, method):
    assert getattr(alice_client, method)(url("analytics")).status_code == 405
