"""The list view: filters, sorting, warnings for filters it cannot read, and pages."""

from datetime import date

import pytest
import time_machine

from tests.devhub.conftest import find_all, find_one
from tests.opportunities.conftest import (
    HX,
    at,
    html,
    is_fragment,
    login_url_for,
    make_opportunity,
    url,
)

pytestmark = pytest.mark.django_db


def companies(response) -> list[str]:
    """The company under each role link, in table order."""
    rows = find_all(html(response), "tr")[1:]
    return [find_one(row.descendants(), "div", class_="text-sm").clean_text for row in rows]


@pytest.fixture
def pipeline(alice) -> None:
    """Four opportunities, updated one day apart (Globex the most recently)."""
    rows = [
        ("Acme", "applied", "low", date(2026, 3, 20)),
        ("Initech", "offer", "high", None),
        ("Umbrella", "interview", "medium", date(2026, 3, 5)),
        ("Globex", "interested", "high", date(2026, 3, 9)),
    ]
    for day, (company, status, priority, next_on) in enumerate(rows, start=1):
        with time_machine.travel(at(2026, 3, day), tick=False):
            make_opportunity(
                alice, company=company, status=status, priority=priority, next_action_on=next_on
            )


def test_list_shows_the_users_opportunities_most_recently_updated_first(
    alice_client, pipeline, charlie
):
    make_opportunity(charlie, company="Charlie Corp")

    response = alice_client.get(url("list"))

    assert response.status_code == 200
    assert companies(response) == ["Globex", "Umbrella", "Initech", "Acme"]
    assert "Charlie Corp" not in html(response)


def test_rows_link_to_the_detail_page_and_show_stage_and_priority(alice_client, alice):
    opportunity = make_opportunity(alice, status="final_round", priority="high")

    page = html(alice_client.get(url("list")))

    link = find_one(page, "a", href=url("detail", opportunity.code))
    assert link.clean_text == "Backend developer"
    cells = [td.clean_text for td in find_all(page, "td")]
    assert cells[1:3] == ["Final round", "High"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "offer"}, ["Initech"]),
        ({"priority": "high"}, ["Globex", "Initech"]),
        ({"company": "BREL"}, ["Umbrella"]),
        ({"company": "o"}, ["Globex"]),
        ({"priority": "high", "status": "interested"}, ["Globex"]),
    ],
)
def test_filters(alice_client, pipeline, query, expected):
    assert companies(alice_client.get(url("list"), query)) == expected


def test_overdue_filter_keeps_next_actions_before_today(alice_client, pipeline):
    with time_machine.travel(at(2026, 3, 9, hour=12), tick=False):
        response = alice_client.get(url("list"), {"overdue": "on"})

    assert companies(response) == ["Umbrella"]
    assert "Overdue" in html(response)


def test_no_match_says_so(alice_client, pipeline):
    response = alice_client.get(url("list"), {"company": "Nowhere"})

    assert "No opportunities match." in html(response)
    assert not find_all(html(response), "table")


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-updated", ["Globex", "Umbrella", "Initech", "Acme"]),
        ("company", ["Acme", "Globex", "Initech", "Umbrella"]),
        ("priority", ["Globex", "Initech", "Umbrella", "Acme"]),
        ("next_action", ["Umbrella", "Globex", "Acme", "Initech"]),
        ("status", ["Globex", "Acme", "Umbrella", "Initech"]),
    ],
)
def test_sorting(alice_client, pipeline, sort, expected):
    assert companies(alice_client.get(url("list"), {"sort": sort})) == expected


def test_stage_sort_follows_the_pipeline_with_closed_stages_last(alice_client, alice):
    for status in ["withdrawn", "final_round", "accepted", "phone_screen", "rejected", "applied"]:
        make_opportunity(alice, company=status, status=status)

    assert companies(alice_client.get(url("list"), {"sort": "status"})) == [
        "applied",
        "phone_screen",
        "final_round",
        "accepted",
        "rejected",
        "withdrawn",
    ]


@pytest.mark.parametrize("query", [{"status": "hired"}, {"priority": "urgent"}, {"sort": "salary"}])
def test_invalid_filter_values_warn_and_are_ignored(alice_client, pipeline, query):
    response = alice_client.get(url("list"), query)

    assert response.status_code == 200
    assert companies(response) == ["Globex", "Umbrella", "Initech", "Acme"]
    warning = find_one(html(response), "div", id="filter-warning")
    assert "were not understood and were ignored" in warning.clean_text
    assert next(iter(query)) in warning.clean_text


def test_a_valid_filter_still_applies_next_to_an_invalid_one(alice_client, pipeline):
    response = alice_client.get(url("list"), {"priority": "high", "status": "hired"})

    assert companies(response) == ["Globex", "Initech"]
    assert find_one(html(response), "div", id="filter-warning")


@pytest.mark.parametrize("page", ["many", "0", "99"])
def test_an_unreadable_page_number_shows_a_page_not_an_error(alice_client, pipeline, page):
    response = alice_client.get(url("list"), {"page": page})

    assert response.status_code == 200
    assert len(companies(response)) == 4


def test_pages_of_25_keep_the_filters(alice_client, alice):
    for index in range(30):
        make_opportunity(alice, company=f"Company {index:02}", priority="high")
    make_opportunity(alice, company="Low one", priority="low")

    first = alice_client.get(url("list"), {"priority": "high", "sort": "company"})
    second = alice_client.get(url("list"), {"priority": "high", "sort": "company", "page": "2"})

    assert companies(first) == [f"Company {i:02}" for i in range(25)]
    assert companies(second) == [f"Company {i:02}" for i in range(25, 30)]
    assert "Page 1 of 2" in html(first)
    next_link = find_one(html(first), "a", rel="next")
    assert next_link.get("href") == "?priority=high&sort=company&page=2"


def test_empty_list_invites_to_add_one(alice_client):
    page = html(alice_client.get(url("list")))

    assert "No opportunities yet." in page
    assert find_one(page, "a", class_="link", href=url("create"))


def test_htmx_request_returns_the_results_fragment_only(alice_client, pipeline):
    response = alice_client.get(url("list"), {"status": "offer"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert companies(response) == ["Initech"]
    assert 'aria-label="Filter opportunities"' not in html(response)


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(url("list"))

    assert response.status_code == 302
    assert response.url == login_url_for(url("list"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_list_answers_only_get(alice_client, method):
    assert getattr(alice_client, method)(url("list")).status_code == 405
