"""Creating an opportunity: validation, the first stage-history entry and reminders."""

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
    opportunity_form_data,
    url,
)

pytestmark = pytest.mark.django_db


def test_the_form_page_opens(alice_client):
    page = html(alice_client.get(url("create")))

    assert find_one(page, "h1").clean_text == "New opportunity"
    form = find_one(page, "form", id="opportunity-form")
    assert form.get("action") == url("create")
    assert find_one(page, "input", name="company")
    assert find_one(page, "select", name="status")


def test_creating_saves_it_for_the_user_and_goes_to_its_page(alice_client, alice):
    data = opportunity_form_data(
        company="Initech",
        role_title="Staff engineer",
        job_url="https://initech.example/jobs/1",
        workplace="remote",
        source="referral",
        priority="high",
        notes="Referred by Ada.",
    )

    response = alice_client.post(url("create"), data)

    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response.url == url("detail", opportunity.code)
    assert opportunity.owner == alice
    assert (opportunity.company, opportunity.role_title, opportunity.priority) == (
        "Initech",
        "Staff engineer",
        "high",
    )
    assert "Added Staff engineer at Initech." in html(alice_client.get(response.url))


def test_creating_records_the_first_stage_and_its_reminders(alice_client, alice, frozen_clock):
    data = opportunity_form_data(
        status="applied",
        applied_on="2026-03-05",
        next_action="Ask Rita for news",
        next_action_on="2026-03-16",
    )

    alice_client.post(url("create"), data)

    opportunity = Opportunity.objects.get()
    assert list(opportunity.stage_changes.values_list("from_status", "to_status")) == [
        ("", "applied")
    ]
    assert [(r.title, r.due_on) for r in job_reminders(alice)] == [
        ("Follow up on your application: Backend developer at Acme", date(2026, 3, 12)),
        ("Ask Rita for news: Backend developer at Acme", date(2026, 3, 16)),
    ]


def test_creating_at_an_interview_stage_reminds_to_say_thank_you(alice_client, alice, frozen_clock):
    alice_client.post(url("create"), opportunity_form_data(status="phone_screen"))

    [thanks] = job_reminders(alice)
    assert thanks.due_on == TODAY + timedelta(days=1)
    assert thanks.title.startswith("Send a thank-you note after the phone screen")


@pytest.mark.parametrize("field", ["company", "role_title"])
def test_company_and_role_are_required(alice_client, field):
    response = alice_client.post(url("create"), opportunity_form_data(**{field: "  "}))

    assert response.status_code == 200
    assert "This field is required." in html(response)
    assert "Please correct the fields marked below" in html(response)
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "ftp://files.example.com/job.pdf", "not a url"]
)
def test_the_job_link_must_be_a_web_address(alice_client, bad):
    response = alice_client.post(url("create"), opportunity_form_data(job_url=bad))

    assert response.status_code == 200
    assert not Opportunity.objects.exists()
    assert "Enter a" in html(response)


@pytest.mark.parametrize("good", ["http://jobs.example.com/1", "https://jobs.example.com/1"])
def test_http_and_https_job_links_are_kept(alice_client, good):
    alice_client.post(url("create"), opportunity_form_data(job_url=good))

    assert Opportunity.objects.get().job_url == good


def test_the_currency_is_upper_cased(alice_client):
    alice_client.post(url("create"), opportunity_form_data(currency=" eur "))

    assert Opportunity.objects.get().currency == "EUR"


@pytest.mark.parametrize("bad", ["EU", "E1R", "€€€"])
def test_the_currency_must_be_three_letters(alice_client, bad):
    response = alice_client.post(url("create"), opportunity_form_data(currency=bad))

    assert "Use a three-letter currency code such as EUR or USD." in html(response)
    assert not Opportunity.objects.exists()


def test_an_invalid_post_keeps_what_was_typed(alice_client):
    data = opportunity_form_data(company="", role_title="Kept role", notes="Kept notes")

    page = html(alice_client.post(url("create"), data))

    assert find_one(page, "input", name="role_title").get("value") == "Kept role"
    assert "Kept notes" in find_one(page, "textarea", name="notes").text


def test_htmx_get_returns_the_form_only(alice_client):
    response = alice_client.get(url("create"), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert html(response).lstrip().startswith('<form id="opportunity-form"')


def test_htmx_invalid_post_returns_the_form_with_errors(alice_client):
    response = alice_client.post(url("create"), opportunity_form_data(company=""), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert "This field is required." in html(response)
    assert not Opportunity.objects.exists()


def test_htmx_valid_post_redirects_the_browser_to_the_new_page(alice_client):
    response = alice_client.post(url("create"), opportunity_form_data(), **HX)

    opportunity = Opportunity.objects.get()
    assert response.headers["HX-Redirect"] == url("detail", opportunity.code)


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.post(url("create"), opportunity_form_data())

    assert response.status_code == 302
    assert response.url == login_url_for(url("create"))
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_create_answers_only_get_and_post(alice_client, method):
    assert getattr(alice_client, method)(url("create")).status_code == 405
