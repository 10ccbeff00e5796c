"""Creating, editing, deleting a collaboration; its page and its people."""

import pytest

from collaborations.models import Collaboration, Person
from tests.collaborations.conftest import HX, html, is_fragment, url
from tests.conftest import make_contact, make_tag

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "title": "Testing Django with pytest",
        "kind": "talk",
        "stage": "planning",
        "target_on": "2026-06-01",
        "published_on": "",
        "url": "https://djangocon.eu/",
        "links": "https://example.com/slides",
        "notes": "Keep it under 30 minutes.",
    }
    return {**data, **overrides}


def test_create_saves_it_with_its_first_stage_and_tags(alice_client, alice):
    python = make_tag(alice, "Python", kind="technology")

    response = alice_client.post(url("create"), form_data(tags=[python.pk]))

    made = Collaboration.objects.get(owner=alice)
    assert response.url == url("detail", made.code)
    assert (made.kind, made.stage, str(made.target_on)) == ("talk", "planning", "2026-06-01")
    assert list(made.tags.all()) == [python]
    assert list(made.stage_changes.values_list("to_stage", flat=True)) == ["planning"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("title", "x" * 201, "at most 200 characters"),
        ("kind", "poem", "Select a valid choice."),
        ("stage", "done", "Select a valid choice."),
        ("target_on", "31/02/2026", "Enter a valid date."),
        ("url", "javascript:alert(1)", "Enter a valid URL."),
        ("links", "not a link", "Line 1 (not a link) is not a web address"),
        ("own_role", "maintainer", "Your role is for open-source projects"),
        ("own_role", "boss", "Select a valid choice."),
    ],
)
def test_bad_input_is_explained_next_to_the_field(alice_client, alice, field, value, message):
    response = alice_client.post(url("create"), form_data(**{field: value}))

    assert response.status_code == 200
    assert message in html(response)
    assert not Collaboration.objects.exists()


def test_an_open_source_project_keeps_your_role_and_shows_its_repository(alice_client, alice):
    data = form_data(kind="open_source", own_role="maintainer", url="https://github.com/ex/kit")
    alice_client.post(url("create"), data)

    made = Collaboration.objects.get(owner=alice)
    assert made.own_role == "maintainer"
    page = html(alice_client.get(url("detail", made.code)))
    assert "Your role:" in page and "Repository: https://github.com/ex/kit" in page


def test_another_users_tag_cannot_be_picked(alice_client, charlie):
    theirs = make_tag(charlie, "Rust", kind="technology")

    response = alice_client.post(url("create"), form_data(tags=[theirs.pk]))

    assert "Select a valid choice." in html(response)
    assert not Collaboration.objects.exists()


def test_invalid_htmx_create_rerenders_the_form_fragment(alice_client):
    response = alice_client.post(url("create"), form_data(title=""), **HX)

    assert is_fragment(response)
    assert 'id="collab-form"' in html(response)


def test_edit_changing_the_stage_keeps_the_history(alice_client, talk):
    response = alice_client.post(
        url("edit", talk.code), form_data(title="Renamed", stage="published")
    )

    assert response.url == url("detail", talk.code)
    talk.refresh_from_db()
    assert (talk.title, talk.stage) == ("Renamed", "published")
    assert list(talk.stage_changes.values_list("from_stage", "to_stage")) == [
        ("", "idea"),
        ("idea", "published"),
    ]


def test_the_page_shows_people_history_and_links(alice_client, talk):
    page = html(alice_client.get(url("detail", talk.code)))

    assert "Async Django in practice" in page
    assert "Ada Lovelace" in page and "Speaker" in page
    assert "Stage history" in page
    assert "Once it is out" in page  # not published yet


def test_delete_asks_first_then_deletes(alice_client, talk):
    confirm = alice_client.get(url("delete", talk.code))
    assert "Delete Async Django in practice?" in html(confirm)
    assert Collaboration.objects.filter(pk=talk.pk).exists()

    response = alice_client.post(url("delete", talk.code))

    assert response.url == url("board")
    assert not Collaboration.objects.filter(pk=talk.pk).exists()


def test_add_and_remove_a_person(alice_client, alice, talk):
    grace = make_contact(alice, name="Grace Hopper")

    response = alice_client.post(
        url("add_person", talk.code), {"contact": str(grace.code), "role": "co_author"}
    )

    assert response.url == url("detail", talk.code) + "#people"
    person = Person.objects.get(contact=grace)
    assert person.role == "co_author"
    alice_client.post(url("remove_person", person.code))
    assert not Person.objects.filter(contact=grace).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"contact": "nope", "role": "guest"}, "Select a valid choice"),
        ({"contact": "", "role": "guest"}, "This field is required"),
        ({"role": "boss"}, "Select a valid choice"),
    ],
)
def test_a_refused_person_says_why(alice_client, talk, data, message):
    response = alice_client.post(url("add_person", talk.code), data, follow=True)

    assert "Could not add that person" in html(response)
    assert message in html(response)
    assert talk.people.count() == 1


def test_the_same_role_twice_is_refused(alice_client, talk, ada):
    data = {"contact": str(ada.code), "role": "speaker"}
    response = alice_client.post(url("add_person", talk.code), data, follow=True)

    assert "already has this role here" in html(response)
    assert talk.people.count() == 1


def test_another_users_contact_cannot_join(alice_client, talk, charlie):
    stranger = make_contact(charlie, name="Stranger")

    alice_client.post(
        url("add_person", talk.code), {"contact": str(stranger.code), "role": "guest"}
    )

    assert not talk.people.filter(contact=stranger).exists()
