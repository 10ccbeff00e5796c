"""An open-source project's page lists the code reviews and pairing sessions logged about it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaborations import services
from tests.collaborations.conftest import html, make_collaboration, url
from tests.interactions.conftest import at, make_interaction

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(alice):
    return make_collaboration(alice, title="Rust in production", kind="open_source")


def review(contact, project, day: int, **fields):
    fields.setdefault("type", "code_review")
    return make_interaction(contact, collaboration=project, occurred_at=at(2026, 1, day), **fields)


def test_the_page_lists_linked_interactions_newest_first(alice_client, ada, project):
    review(ada, project, 5, subject="PR #41")
    newest = review(ada, project, 9, subject="PR #42", type="pair_programming")

    page = html(alice_client.get(url("detail", project.code)))

    assert "Code reviews and pairing" in page
    assert page.index("PR #42") < page.index("PR #41")
    assert "Pair programming" in page and "Ada Lovelace" in page
    assert reverse("interactions:detail", args=[newest.code]) in page
    assert reverse("contacts:detail", args=[ada.code]) in page


def test_only_its_own_interactions_are_listed(alice_client, alice, ada, project):
    other = make_collaboration(alice, title="Another crate", kind="open_source")
    review(ada, other, 5, subject="Elsewhere")
    make_interaction(ada, subject="Unlinked chat", occurred_at=at(2026, 1, 6))

    page = html(alice_client.get(url("detail", project.code)))

    assert "Elsewhere" not in page and "Unlinked chat" not in page
    assert "None yet" in page


def test_a_long_list_shows_the_latest_with_the_count(ada, project, monkeypatch):
    monkeypatch.setattr(services, "LINKED_SHOWN", 3)
    for day in range(1, 6):
        review(ada, project, day, subject=f"PR #{day}")

    linked = services.linked_interactions(project)
    assert [i.subject for i in linked["linked"]] == ["PR #5", "PR #4", "PR #3"]
    assert linked["linked_count"] == 5


def test_the_count_is_shown_when_more_than_the_page_holds(ada, project, alice_client, monkeypatch):
    monkeypatch.setattr(services, "LINKED_SHOWN", 2)
    for day in range(1, 4):
        review(ada, project, day, subject=f"PR #{day}")

    page = html(alice_client.get(url("detail", project.code)))

    assert "The latest 2 of 3." in page and "PR #1" not in page


def test_the_page_reads_them_in_a_constant_number_of_queries(
    alice_client, alice, ada, project, django_assert_max_num_queries
):
    review(ada, project, 1)
    with CaptureQueriesContext(connection) as one:
        alice_client.get(url("detail", project.code))
    for day in range(2, 8):
        review(ada, project, day)
    with django_assert_max_num_queries(len(one)):
        alice_client.get(url("detail", project.code))


def test_other_kinds_have_no_such_section(alice_client, talk):
    assert "Code reviews and pairing" not in html(alice_client.get(url("detail", talk.code)))
