"""GET /projects/analytics/: paid per month with a chart and its table, pipeline, win rate,
payment days and top clients; an empty state for someone without projects."""

import pytest

from tests.devhub.conftest import find_all, find_one
from tests.projects.analytics_data import build_projects
from tests.projects.conftest import HX, html, login_url_for, make_project, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(alice_client, alice, frozen_clock) -> str:
    build_projects(alice)
    response = alice_client.get(url("analytics"))
    assert response.status_code == 200
    return html(response)


def rows(table) -> list[list[str]]:
    return [[cell.clean_text for cell in tr.children] for tr in find_all(table.descendants(), "tr")]


def test_each_currency_gets_a_chart_with_a_text_alternative(page):
    charts = find_all(page, "svg", role="img")

    assert len(charts) == 2
    title, desc = (find_one(page, id=i) for i in charts[0].get("aria-labelledby").split())
    assert title.clean_text == "EUR: 7,000.00 in 12 months"
    assert desc.clean_text.endswith("Jan 2026: 4,000.00; Feb 2026: 0.00; Mar 2026: 3,000.00")
    assert find_one(page, id="paid-USD-title").clean_text == "USD: 7,000.00 in 12 months"


def test_the_monthly_table_lists_every_month_and_currency(page):
    table = rows(find_one(page, "table", id="paid-table"))

    assert table[0] == ["Month", "EUR", "USD"]
    assert len(table) == 13
    assert table[1] == ["Apr 2025", "0.00", "2,000.00"]
    assert table[-2:] == [["Feb 2026", "0.00", "5,000.00"], ["Mar 2026", "3,000.00", "0.00"]]


def test_pipeline_win_rate_and_payment_days(page):
    assert rows(find_one(page, "table", id="pipeline-table")) == [
        ["Stage", "Value"],
        ["Lead", "5,000.00 EUR"],
        ["Proposal sent", "1,200.00 EUR"],
        ["Negotiating", "—"],
        ["Active", "10,000.00 EUR4,000.00 USD"],
        ["On hold", "—"],
    ]
    terms = [d.clean_text for d in find_all(page, "dt")]
    values = [d.clean_text for d in find_all(page, "dd")]
    assert dict(zip(terms, values, strict=True)) == {
        "Win rate": "80% of decided projects (active or completed, against lost)",
        "Average days from invoice to payment": "9.5",
    }


def test_top_clients_per_currency(page):
    usd = find_one(page, "ol", **{"aria-label": "Top clients paying in USD"})

    assert [li.clean_text for li in usd.children] == [
        "Umbrella — 4,000.00 USD",
        "acme — 3,500.00 USD",
    ]


def test_a_user_without_projects_gets_the_empty_state(alice_client, charlie, frozen_clock):
    build_projects(charlie)

    page = html(alice_client.get(url("analytics")))

    assert "No projects yet." in page
    assert not find_all(page, "svg", role="img") and not find_all(page, "table")


def test_projects_without_payments_say_so(alice_client, alice, frozen_clock):
    make_project(alice, stage="lead")

    page = html(alice_client.get(url("analytics")))

    assert "Nothing paid in the last 12 months." in page
    assert "No client has paid yet." in page
    assert "no project won or lost yet" in page


def test_htmx_request_still_gets_the_page(alice_client, alice, frozen_clock):
    make_project(alice)

    response = alice_client.get(url("analytics"), **HX)

    assert response.status_code == 200
    assert find_one(html(response), "h1").clean_text == "Freelance analytics"


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(url("analytics"))

    assert response.status_code == 302
    assert response.url == login_url_for(url("analytics"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_analytics_answers_only_get(alice_client, method):
    assert getattr(alice_client, method)(url("analytics")).status_code == 405
