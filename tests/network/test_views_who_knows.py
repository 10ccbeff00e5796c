import pytest
from django.urls import reverse

from network import expertise
from projects.models import Stage
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.devhub.conftest import find_all, find_one
from tests.projects.conftest import make_project
from tests.search.conftest import person

pytestmark = pytest.mark.django_db


def url(technology: str) -> str:
    return reverse("network:who_knows", args=[technology])


def test_lists_who_knows_a_tag_with_the_evidence(alice_client, alice):
    ada = person(alice, "Ada", tags=["Rust"])
    person(alice, "Bob", tags=["Go"])

    page = html(alice_client.get(url("rust")))

    assert "Who knows Rust?" in page
    assert find_one(page, "li", id=f"person-{ada.code}")
    assert "tagged Rust" in page and "Bob" not in page


def test_free_text_says_no_tag_has_that_name(alice_client, alice):
    person(alice, "Ada", notes="kubernetes at work")

    page = html(alice_client.get(url("Kubernetes")))

    assert "no tag has this name" in page and "Ada" in page


def test_each_person_has_the_quick_actions(alice_client, alice):
    ada = person(alice, "Ada", tags=["Rust"])
    shop = make_project(alice, title="Shop rewrite")
    make_project(alice, title="Old thing", stage=Stage.COMPLETED)
    here = url("Rust")

    page = html(alice_client.get(here))

    log = reverse("interactions:quick_log", args=[ada.code])
    assert find_all(page, "a", href=f"{log}?next=/network/tech/Rust/")
    remind = f"{reverse('reminders:create')}?contact={ada.code}&next=/network/tech/Rust/"
    assert find_all(page, "a", href=remind)
    # Adding to a project happens on their page, where the open projects are offered once.
    assert find_all(
        page, "a", href=f"{reverse('contacts:detail', args=[ada.code])}#freelance-projects"
    )
    assert str(shop.code) not in page


def test_reminder_form_comes_pre_filled_with_the_contact(alice_client, alice):
    ada = person(alice, "Ada", tags=["Rust"])

    page = html(alice_client.get(reverse("reminders:create"), {"contact": str(ada.code)}))

    assert f'value="{ada.code}" selected' in page


def test_empty_state(alice_client):
    assert find_one(alice_client.get(url("Cobol")).content, id="who-knows-empty")


def test_pages_of_25(alice_client, alice, monkeypatch):
    monkeypatch.setattr(expertise, "PER_PAGE", 2)
    for name in ("Ann", "Ben", "Cat"):
        person(alice, name, tags=["Rust"])

    first = html(alice_client.get(url("Rust")))
    second = html(alice_client.get(url("Rust"), {"page": 2}))

    assert "Page 1 of 2" in first and "Cat" in second and "Ann" not in second


def test_outsiders_see_none_of_the_owners_people(charlie_client, alice):
    person(alice, "Ada", tags=["Rust"])

    page = html(charlie_client.get(url("Rust")))

    assert "Ada" not in page and find_one(page, id="who-knows-empty")


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(url("Rust"))

    assert response.status_code == 302 and response["Location"] == login_url_for(url("Rust"))


def test_post_is_not_allowed(alice_client):
    assert alice_client.post(url("Rust")).status_code == 405
    assert alice_client.post(reverse("network:who_knows_search")).status_code == 405


def test_htmx_gets_the_results_only(alice_client, alice):
    person(alice, "Ada", tags=["Rust"])

    response = alice_client.get(url("Rust"), **HX)

    assert is_fragment(response)
    assert find_one(response.content, id="results")


def test_queries_do_not_grow_with_the_people_found(alice_client, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(url("Rust")).status_code == 200
            assert (
                alice_client.get(reverse("network:match"), {"need": "rust go"}).status_code == 200
            )
        return len(queries)

    make_project(alice, title="Shop rewrite")
    person(alice, "Ann", tags=["Rust", "Go"])
    few = count()
    for name in ("Ben", "Cat", "Dan", "Eve"):
        person(alice, name, tags=["Rust", "Go"])
    assert count() == few
