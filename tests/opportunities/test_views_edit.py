"""Editing an opportunity: a changed stage goes through the same history and reminders as a move."""

from datetime import date, timedelta

import pytest

from opportunities.models import Opportunity
from tests.devhub.conftest import find_one
from tests.opportunities.conftest import (
    HX,
    TODAY,
    html,
    is_fragment,
    job_reminders,
    login_url_for,
    make_opportunity,
    opportunity_form_data,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(frozen_clock):
    yield


def edit(client, opportunity: Opportunity, **changes):
    data = opportunity_form_data(
        company=opportunity.company,
        role_title=opportunity.role_title,
        status=opportunity.status,
        priority=opportunity.priority,
        applied_on=opportunity.applied_on.isoformat() if opportunity.applied_on else "",
        next_action=opportunity.next_action,
        next_action_on=opportunity.next_action_on.isoformat() if opportunity.next_action_on else "",
    )
    data.update(changes)
    return client.post(url("edit", opportunity.code), data)


def stages(opportunity: Opportunity) -> list[tuple[str, str]]:
    return list(opportunity.stage_changes.values_list("from_status", "to_status"))


def test_the_form_opens_filled_in(alice_client, alice):
    opportunity = make_opportunity(alice, company="Initech", currency="USD", status="offer")

    page = html(alice_client.get(url("edit", opportunity.code)))

    assert find_one(page, "h1").clean_text == "Edit Backend developer at Initech"
    assert find_one(page, "input", name="company").get("value") == "Initech"
    assert find_one(page, "input", name="currency").get("value") == "USD"
    status = find_one(page, "select", name="status")
    assert [o.get("value") for o in status.descendants() if o.has("selected")] == ["offer"]
    assert find_one(page, "form", id="opportunity-form").get("action") == url(
        "edit", opportunity.code
    )


def test_saving_changes_and_returns_to_the_detail_page(alice_client, opp):
    response = edit(alice_client, opp, company="Initech", currency="gbp", priority="low")

    assert response.status_code == 302
    assert response.url == url("detail", opp.code)
    opp.refresh_from_db()
    assert (opp.company, opp.currency, opp.priority) == ("Initech", "GBP", "low")
    assert "Saved Backend developer at Initech." in html(alice_client.get(response.url))


def test_an_unchanged_stage_adds_no_history(alice_client, opp):
    edit(alice_client, opp, notes="Just a note")

    assert stages(opp) == [("", "interested")]


def test_changing_the_stage_records_it_and_schedules_the_follow_up(alice_client, alice, opp):
    edit(alice_client, opp, status="applied")

    assert stages(opp) == [("", "interested"), ("interested", "applied")]
    opp.refresh_from_db()
    assert opp.status == "applied"
    assert opp.applied_on == TODAY
    [follow_up] = job_reminders(alice, open_only=True)
    assert follow_up.due_on == TODAY + timedelta(days=7)


def test_leaving_applied_in_the_form_dismisses_the_follow_up(alice_client, alice):
    opportunity = make_opportunity(alice, status="applied", applied_on=date(2026, 3, 5))

    edit(alice_client, opportunity, status="interview")

    assert stages(opportunity)[-1] == ("applied", "interview")
    assert [r.title for r in job_reminders(alice, open_only=True)] == [
        "Send a thank-you note after the interview: Backend developer at Acme"
    ]


def test_correcting_the_application_date_moves_the_follow_up(alice_client, alice, opp):
    edit(alice_client, opp, status="applied")
    opp.refresh_from_db()

    edit(alice_client, opp, applied_on="2026-03-02")

    [follow_up] = job_reminders(alice)
    assert follow_up.is_open
    assert follow_up.due_on == date(2026, 3, 9)


def test_the_next_action_date_moves_its_one_reminder(alice_client, alice, opp):
    edit(alice_client, opp, next_action="Call Rita", next_action_on="2026-03-12")
    opp.refresh_from_db()

    edit(alice_client, opp, next_action_on="2026-03-19")

    [reminder] = job_reminders(alice)
    assert reminder.is_open
    assert reminder.due_on == date(2026, 3, 19)
    assert reminder.title == "Call Rita: Backend developer at Acme"


def test_clearing_the_next_action_date_dismisses_its_reminder(alice_client, alice):
    opportunity = make_opportunity(alice, next_action="Call Rita", next_action_on=date(2026, 3, 12))

    edit(alice_client, opportunity, next_action_on="")

    [reminder] = job_reminders(alice)
    assert not reminder.is_open


def test_closing_in_the_form_dismisses_the_next_action_reminder(alice_client, alice):
    opportunity = make_opportunity(alice, next_action="Call Rita", next_action_on=date(2026, 3, 12))

    edit(alice_client, opportunity, status="withdrawn")

    assert job_reminders(alice, open_only=True) == []
    assert stages(opportunity)[-1] == ("interested", "withdrawn")


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"company": ""}, "This field is required."),
        ({"role_title": ""}, "This field is required."),
        ({"job_url": "javascript:alert(1)"}, "Enter a"),
        ({"currency": "EURO"}, "at most 3 characters"),
        ({"currency": "U5D"}, "Use a three-letter currency code"),
        ({"status": "hired"}, "Select a valid choice."),
    ],
)
def test_invalid_changes_are_not_saved(alice_client, opp, changes, error):
    response = edit(alice_client, opp, **changes)

    assert response.status_code == 200
    assert error in html(response)
    opp.refresh_from_db()
    assert (opp.company, opp.status, opp.job_url, opp.currency) == ("Acme", "interested", "", "")
    assert stages(opp) == [("", "interested")]


def test_htmx_get_returns_the_form_only(alice_client, opp):
    response = alice_client.get(url("edit", opp.code), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert html(response).lstrip().startswith('<form id="opportunity-form"')


def test_htmx_invalid_post_returns_the_form_with_errors(alice_client, opp):
    data = opportunity_form_data(company="")

    response = alice_client.post(url("edit", opp.code), data, **HX)

    assert is_fragment(response)
    assert "This field is required." in html(response)


def test_htmx_valid_post_redirects_the_browser_to_the_detail_page(alice_client, opp):
    response = alice_client.post(url("edit", opp.code), opportunity_form_data(), **HX)

    assert response.headers["HX-Redirect"] == url("detail", opp.code)


def test_outsider_gets_404_and_nothing_changes(charlie_client, opp):
    assert charlie_client.get(url("edit", opp.code)).status_code == 404
    response = edit(charlie_client, opp, company="Hacked", status="offer")

    assert response.status_code == 404
    opp.refresh_from_db()
    assert (opp.company, opp.status) == ("Acme", "interested")
    assert stages(opp) == [("", "interested")]


def test_anonymous_visitor_is_sent_to_login(client, opp):
    response = edit(client, opp, company="Anon")

    assert response.status_code == 302
    assert response.url == login_url_for(url("edit", opp.code))
    opp.refresh_from_db()
    assert opp.company == "Acme"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_edit_answers_only_get_and_post(alice_client, opp, method):
    assert getattr(alice_client, method)(url("edit", opp.code)).status_code == 405
