"""The list: filters by kind, stage, tag and person; pagination; empty states."""

import pytest

from collaborations.models import Person
from tests.collaborations.conftest import HX, html, is_fragment, make_collaboration, url
from tests.conftest import make_contact, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def several(alice, talk, ada):
    python = make_tag(alice, "Python", kind="technology")
    post = make_collaboration(alice, title="Blog: ORM tricks", kind="article", stage="published")
    post.tags.add(python)
    book = make_collaboration(alice, title="The Book", kind="book", stage="planning")
    Person.objects.create(collaboration=book, contact=make_contact(alice, name="Grace"))
    return {"python": python, "ada": ada}


def titles(response) -> set[str]:
    page = html(response)
    return {t for t in ("Async Django in practice", "Blog: ORM tricks", "The Book") if t in page}


def test_all_are_listed_without_filters(alice_client, several):
    assert titles(alice_client.get(url("list"))) == {
        "Async Django in practice",
        "Blog: ORM tricks",
        "The Book",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "talk"}, {"Async Django in practice"}),
        ({"stage": "planning"}, {"The Book"}),
        ({"kind": "book", "stage": "idea"}, set()),
    ],
)
def test_filters(alice_client, several, query, expected):
    assert titles(alice_client.get(url("list"), query)) == expected


def test_tag_and_person_filters(alice_client, several):
    tag = alice_client.get(url("list"), {"tag": str(several["python"].code)})
    person = alice_client.get(url("list"), {"person": str(several["ada"].code)})

    assert titles(tag) == {"Blog: ORM tricks"}
    assert titles(person) == {"Async Django in practice"}


@pytest.mark.parametrize("query", [{"kind": "poem"}, {"tag": "nope"}, {"person": "1"}])
def test_a_bad_filter_is_reported_and_ignored(alice_client, several, query):
    response = alice_client.get(url("list"), query)

    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_another_users_person_is_not_a_filter(alice_client, several, charlie):
    stranger = make_contact(charlie, name="Stranger")

    response = alice_client.get(url("list"), {"person": str(stranger.code)})

    assert len(titles(response)) == 3


def test_empty_states(alice_client, several):
    assert "No collaborations match." in html(alice_client.get(url("list"), {"kind": "podcast"}))


def test_empty_list_offers_to_add_one(alice_client):
    assert "No collaborations yet." in html(alice_client.get(url("list")))


def test_pages_of_25(alice_client, alice):
    for number in range(27):
        make_collaboration(alice, title=f"Piece {number:02}")

    first = html(alice_client.get(url("list")))
    second = html(alice_client.get(url("list"), {"page": 2}))

    assert "Page 1 of 2" in first
    assert first.count("Piece ") == 25
    assert second.count("Piece ") == 2


def test_htmx_returns_the_rows_only(alice_client, several):
    response = alice_client.get(url("list"), {"kind": "talk"}, **HX)

    assert is_fragment(response)
    assert titles(response) == {"Async Django in practice"}
