import pytest
from django.urls import reverse

from opportunities.models import Status as OpportunityStatus
from tests.conftest import make_tag
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.devhub.conftest import find_all, find_one
from tests.opportunities.conftest import make_opportunity
from tests.projects.conftest import make_project
from tests.search.conftest import person

pytestmark = pytest.mark.django_db
URL = reverse("network:match")


def test_a_typed_need_lists_the_people_covering_it(alice_client, alice):
    ada = person(alice, "Ada", tags=["Django", "Postgres"])
    person(alice, "Bob", tags=["Go"])

    page = html(alice_client.get(URL, {"need": "Django + Postgres performance"}))

    assert "Looking for: Django, Postgres, performance." in page
    row = find_one(page, "li", id=f"person-{ada.code}")
    assert row and "covers Django, Postgres" in page and "Bob" not in page
    assert find_all(page, "form", action=URL, method="get")  # works without JavaScript


def test_a_project_is_matched_by_its_technologies(alice_client, alice):
    person(alice, "Ada", tags=["Elixir"])
    person(alice, "Bob", tags=["Go"])
    shop = make_project(alice, title="Shop rewrite")
    shop.technologies.set([make_tag(alice, "Elixir")])

    page = html(alice_client.get(URL, {"project": str(shop.code)}))

    assert "Looking for: Elixir." in page and "Ada" in page and "Bob" not in page
    detail = html(alice_client.get(reverse("projects:detail", args=[shop.code])))
    assert find_one(detail, "a", id="find-people").get("href") == f"{URL}?project={shop.code}"


def test_an_opportunity_is_matched_by_its_role_and_notes(alice_client, alice):
    person(alice, "Ada", tags=["Kotlin"])
    job = make_opportunity(alice, role_title="Android developer", notes="Kotlin, coroutines")

    page = html(alice_client.get(URL, {"opportunity": str(job.code)}))

    assert "Kotlin" in page and "Ada" in page
    detail = html(alice_client.get(reverse("opportunities:detail", args=[job.code])))
    link = find_one(detail, "a", id="find-people")
    assert link.get("href") == f"{URL}?opportunity={job.code}"
    job.status = OpportunityStatus.REJECTED
    job.save(update_fields=["status"])
    closed = html(alice_client.get(reverse("opportunities:detail", args=[job.code])))
    assert not find_all(closed, "a", id="find-people")


def test_nothing_asked_yet(alice_client):
    assert find_one(alice_client.get(URL).content, id="match-empty")


def test_another_users_project_or_opportunity_is_not_found(alice_client, charlie):
    theirs = make_project(charlie, title="Secret")
    their_job = make_opportunity(charlie)

    assert alice_client.get(URL, {"project": str(theirs.code)}).status_code == 404
    assert alice_client.get(URL, {"opportunity": str(their_job.code)}).status_code == 404
    assert alice_client.get(URL, {"project": "not-a-code"}).status_code == 404


def test_outsiders_never_see_the_owners_people(charlie_client, alice):
    person(alice, "Ada", tags=["Django"])

    page = html(charlie_client.get(URL, {"need": "django"}))

    assert "Ada" not in page and find_one(page, id="match-none")


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302 and response["Location"] == login_url_for(URL)


def test_post_is_not_allowed(alice_client):
    assert alice_client.post(URL).status_code == 405


def test_htmx_gets_the_results_only(alice_client, alice):
    person(alice, "Ada", tags=["Django"])

    response = alice_client.get(URL, {"need": "django"}, **HX)

    assert is_fragment(response) and "Ada" in html(response)


def test_a_closed_project_is_not_matched(alice_client, alice):
    from projects.models import Stage

    done = make_project(alice, title="Done", stage=Stage.COMPLETED)

    assert alice_client.get(URL, {"project": str(done.code)}).status_code == 404
    assert alice_client.get(URL, {"project": ""}).status_code == 200
