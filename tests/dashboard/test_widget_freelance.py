"""The dashboard's "Freelance" card: milestones due soon, overdue payments and unbilled time,
shown only to someone with projects."""

import datetime as dt
from decimal import Decimal

import pytest

from dashboard import widgets
from tests.conftest import make_contact
from tests.dashboard.conftest import (
    HX,
    TODAY,
    find_all,
    html,
    is_fragment,
    login_url_for,
    section,
    section_text,
    widget_url,
)
from tests.projects.conftest import make_milestone, make_payment, make_project, make_time

pytestmark = pytest.mark.django_db

HOME = "/"


def in_days(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


@pytest.fixture
def shop(alice):
    """An active project with a milestone due in 3 days, a late one, an overdue payment and
    10.5 unbilled hours, plus what the card leaves out."""
    make_contact(alice, name="Ada Lovelace")  # the dashboard is for people with contacts
    shop = make_project(alice, title="Shop", stage="active", pricing="hourly", rate=80)
    make_milestone(shop, title="Checkout", due_on=in_days(3))
    make_milestone(shop, title="Design", due_on=in_days(-2), status="in_progress")
    make_milestone(shop, title="Launch", due_on=in_days(20))  # later than 14 days
    make_milestone(shop, title="Login", due_on=in_days(2), status="delivered")
    closed = make_project(alice, title="Old site", stage="completed")
    make_milestone(closed, title="Handover", due_on=in_days(5))
    make_payment(
        shop,
        amount=Decimal("1500"),
        invoice_number="2026-007",
        invoiced_on=dt.date(2026, 2, 1),
        due_on=dt.date(2026, 2, 15),
    )
    make_payment(shop, invoiced_on=in_days(-5), due_on=in_days(25))  # invoiced, not late
    make_time(shop, "3")
    make_time(shop, "1.5")
    make_time(shop, "2", billable=False)  # not billable
    make_time(make_project(alice, title="Other", pricing="hourly"), "6")
    return shop


def test_the_card_lists_what_needs_doing(alice_client, shop):
    page = html(alice_client.get(HOME))

    card = section(page, "freelance")
    soon = find_all(card.descendants(), "ul", **{"aria-label": "Milestones due soon"})[0]
    assert [li.clean_text for li in soon.children] == [
        "Sun 8 Mar Late — Design · Shop",
        "Fri 13 Mar — Checkout · Shop",
    ]
    late = find_all(card.descendants(), "ul", **{"aria-label": "Overdue payments"})[0]
    assert [li.clean_text for li in late.children] == [
        "1,500.00 EUR, invoice 2026-007 · Shop · due 15 Feb"
    ]
    assert "Unbilled time: 10.5 h" in section_text(page, "freelance")
    assert find_all(card.descendants(), "a", href="/projects/analytics/")


def test_nothing_due_says_so(alice_client, alice):
    make_contact(alice, name="Ada Lovelace")
    make_project(alice)

    text = section_text(html(alice_client.get(HOME)), "freelance")

    assert "No milestone due." in text
    assert "Nobody owes you a late payment." in text
    assert "Unbilled time: 0 h" in text


def test_someone_without_projects_gets_no_card(alice_client, alice, charlie):
    make_contact(alice, name="Ada Lovelace")
    make_project(charlie, title="Charlie's secret")

    page = html(alice_client.get(HOME))

    assert not find_all(page, "section", id="widget-freelance")
    assert "Charlie's secret" not in page


def test_without_projects_the_card_costs_one_exists_query(alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert widgets.freelance(alice, TODAY) == {"freelance": None}


def test_the_card_runs_the_same_queries_however_many_rows(alice, shop, django_assert_num_queries):
    with django_assert_num_queries(4):
        widgets.freelance(alice, TODAY)
    for n in range(10):
        make_milestone(shop, title=f"Step {n}", due_on=in_days(n % 10))
        make_payment(shop, invoiced_on=in_days(-40), due_on=in_days(-10 - n))
        make_time(shop, "1")

    with django_assert_num_queries(4):
        card = widgets.freelance(alice, TODAY)["freelance"]

    assert len(card["milestones"]) == len(card["overdue"]) == 8
    assert card["more"] and card["unbilled_hours"] == "20.5"


def test_htmx_gets_just_the_card(alice_client, shop):
    response = alice_client.get(widget_url("freelance"), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert [s.get("id") for s in find_all(html(response), "section")] == ["widget-freelance"]


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(widget_url("freelance"), **HX)

    assert response.status_code == 302
    assert response.url == login_url_for(widget_url("freelance"))


def test_only_get_is_allowed(alice_client, shop):
    assert alice_client.post(widget_url("freelance"), **HX).status_code == 405
