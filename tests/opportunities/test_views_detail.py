"""The detail page: the opportunity, its people, stage history, discussions, pay and CV shares."""

from datetime import date

import pytest
import time_machine

from opportunities import services
from opportunities.models import Compensation
from tests.conftest import make_contact
from tests.devhub.conftest import find_all, find_one
from tests.opportunities.conftest import (
    HX,
    add_person,
    at,
    html,
    login_url_for,
    make_opportunity,
    url,
)

pytestmark = pytest.mark.django_db


def section_text(page: str, section_id: str) -> str:
    return find_one(page, "section", id=section_id).clean_text


def options(page: str, name: str) -> list[str]:
    select = find_one(page, "select", name=name)
    return [o.clean_text for o in select.descendants() if o.tag == "option" and o.get("value")]


def test_detail_shows_the_opportunity(alice_client, alice):
    with time_machine.travel(at(2026, 3, 10), tick=False):
        opportunity = make_opportunity(
            alice,
            status="interview",
            location="Berlin",
            workplace="hybrid",
            salary_range="80-95k",
            currency="EUR",
            job_url="https://jobs.example.com/42",
            next_action="Send references",
            next_action_on=date(2026, 3, 9),
            notes="Team of six.",
        )
        page = html(alice_client.get(url("detail", opportunity.code)))

    assert find_one(page, "h1", id="opp-title").clean_text == "Backend developer"
    assert "Acme · Berlin · Hybrid" in page
    assert "80-95k EUR" in page
    assert find_one(page, "span", class_="badge badge-primary").clean_text == "Interview"
    assert find_one(page, "a", href="https://jobs.example.com/42").clean_text == "Job posting"
    header = find_one(page, "section", **{"aria-labelledby": "opp-title"}).clean_text
    assert "Next: Send references on 9 Mar 2026 Overdue" in header
    assert "Team of six." in page


def test_detail_shows_the_stage_timeline_with_durations(alice_client, alice):
    with time_machine.travel(at(2026, 3, 1), tick=False):
        opportunity = make_opportunity(alice)
    with time_machine.travel(at(2026, 3, 4), tick=False):
        services.move(opportunity, "applied")

    with time_machine.travel(at(2026, 3, 5), tick=False):
        page = html(alice_client.get(url("detail", opportunity.code)))

    steps = [li.clean_text for li in find_all(page, "ol")[-1].descendants() if li.tag == "li"]
    assert steps == [
        "Interested — from 1 Mar 2026 for 3 days",
        "Applied — from 4 Mar 2026 (now, 1 day so far)",
    ]


def test_detail_lists_people_with_their_roles(alice_client, opp, ada):
    add_person(opp, ada, role="hiring_manager")
    add_person(opp, ada, role="interviewer")

    people = section_text(html(alice_client.get(url("detail", opp.code))), "people")

    assert "Ada Lovelace Hiring manager" in people
    assert "Ada Lovelace Interviewer" in people


def test_detail_lists_compensation_entries_newest_first_with_the_offer_flag(alice_client, opp):
    Compensation.objects.create(opportunity=opp, discussed_on=date(2026, 2, 1), amount="70k")
    Compensation.objects.create(
        opportunity=opp, discussed_on=date(2026, 3, 1), amount="85k", is_offer=True, who="Rita"
    )

    page = html(alice_client.get(url("detail", opp.code)))

    section = find_one(page, "section", id="compensation")
    entries = [li.clean_text for li in section.descendants() if li.tag == "li"]
    assert entries == ["1 Mar 2026: 85k Offer with Rita", "1 Feb 2026: 70k"]


def test_people_menu_offers_only_the_users_active_contacts(alice_client, opp, ada, alice, charlie):
    make_contact(alice, name="Old Friend", is_archived=True)
    make_contact(charlie, name="Charlie's Friend")

    page = html(alice_client.get(url("detail", opp.code)))

    assert options(page, "contact") == ["Ada Lovelace"]


def test_discussion_and_cv_menus_offer_only_people_on_the_opportunity(alice_client, opp, alice):
    rita = make_contact(alice, name="Rita Recruiter")
    make_contact(alice, name="Not Involved")
    add_person(opp, rita, role="recruiter")
    add_person(opp, rita, role="referrer")

    page = html(alice_client.get(url("detail", opp.code)))

    assert options(page, "talk-contact") == ["Rita Recruiter"]
    cv = find_one(page, "select", id="cv-contact")
    assert [(o.get("value"), o.clean_text) for o in cv.descendants() if o.tag == "option"] == [
        (str(rita.code), "Rita Recruiter")
    ]


def test_without_people_there_is_nobody_to_share_the_cv_with(alice_client, opp):
    page = html(alice_client.get(url("detail", opp.code)))

    assert "Nobody linked yet" in section_text(page, "people")
    assert "Not shared with anyone here yet." in section_text(page, "cv")
    assert not find_all(page, "form", action=url("share_cv", opp.code))


def test_the_move_form_returns_to_the_detail_page(alice_client, opp):
    page = html(alice_client.get(url("detail", opp.code)))

    form = find_one(page, "form", action=url("move", opp.code))
    assert find_one(form.descendants(), "input", name="back").get("value") == "detail"
    select = find_one(form.descendants(), "select", name="status")
    assert [o.get("value") for o in select.descendants() if o.has("selected")] == ["interested"]


def test_htmx_request_still_gets_the_page(alice_client, opp):
    response = alice_client.get(url("detail", opp.code), **HX)

    assert response.status_code == 200
    assert "Stage history" in html(response)


def test_outsider_gets_404(charlie_client, opp):
    assert charlie_client.get(url("detail", opp.code)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, opp):
    response = client.get(url("detail", opp.code))

    assert response.status_code == 302
    assert response.url == login_url_for(url("detail", opp.code))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_detail_answers_only_get(alice_client, opp, method):
    assert getattr(alice_client, method)(url("detail", opp.code)).status_code == 405
