"""A study group's sessions and who came."""

import pytest

from collaborations.models import Person, Session
from tests.collaborations.conftest import HX, html, is_fragment, make_collaboration, url
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(alice, ada):
    group = make_collaboration(alice, title="SICP reading group", kind="study_group")
    Person.objects.create(collaboration=group, contact=ada, role="organiser")
    grace = make_contact(alice, name="Grace Hopper")
    Person.objects.create(collaboration=group, contact=grace, role="member")
    return group


def test_a_session_with_who_came_and_the_attendance(alice_client, group, ada):
    data = {"held_on": "2026-03-03", "topic": "Chapter 1", "attendees": [str(ada.code)]}

    response = alice_client.post(url("session_create", group.code), data)

    assert response.url == url("detail", group.code) + "#sessions"
    session = Session.objects.get()
    assert list(session.attendees.all()) == [ada]
    page = html(alice_client.get(url("detail", group.code)))
    assert "Chapter 1" in page and "1 came: Ada Lovelace" in page
    assert "Ada Lovelace: 1 of 1" in page and "Grace Hopper: 0 of 1" in page


def test_who_came_is_listed_by_name_and_escaped(alice_client, alice, group, ada):
    zed = make_contact(alice, name="zed <b>& co</b>")
    session = Session.objects.create(collaboration=group, held_on="2026-03-03", topic="Ch. 2")
    session.attendees.set([zed, ada])
    Session.objects.create(collaboration=group, held_on="2026-03-10", topic="Ch. 3")
    page = html(alice_client.get(url("detail", group.code)))
    assert "2 came: Ada Lovelace, zed &lt;b&gt;&amp; co&lt;/b&gt;" in page
    assert "Ch. 3</span> — nobody noted" in page


def test_only_study_groups_have_sessions(alice_client, talk):
    assert 'id="sessions"' not in html(alice_client.get(url("detail", talk.code)))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on": "2026-03-03", "topic": ""}, "This field is required."),
        ({"held_on": "someday", "topic": "Ch 2"}, "Enter a valid date."),
        ({"held_on": "2026-03-03", "topic": "t" * 201}, "at most 200 characters"),
        ({"held_on": "2026-03-03", "topic": "Ch 2", "attendees": ["nope"]}, "is not a valid value"),
    ],
)
def test_bad_sessions_are_explained(alice_client, group, data, message):
    response = alice_client.post(url("session_create", group.code), data)

    assert response.status_code == 200
    assert message in html(response)
    assert not Session.objects.exists()


def test_only_the_groups_people_can_attend(alice_client, alice, group):
    outsider = make_contact(alice, name="Not in the group")
    data = {"held_on": "2026-03-03", "topic": "Ch 2", "attendees": [str(outsider.code)]}

    response = alice_client.post(url("session_create", group.code), data)

    assert "Select a valid choice" in html(response)
    assert not Session.objects.exists()


def test_edit_and_delete_a_session(alice_client, group, ada):
    session = Session.objects.create(collaboration=group, topic="Chapter 1")

    alice_client.post(
        url("session_edit", session.code),
        {"held_on": "2026-03-10", "topic": "Chapter 2", "attendees": [str(ada.code)]},
    )
    session.refresh_from_db()
    assert (session.topic, str(session.held_on)) == ("Chapter 2", "2026-03-10")
    assert "Delete the session Chapter 2" in html(
        alice_client.get(url("session_delete", session.code))
    )
    alice_client.post(url("session_delete", session.code))
    assert not Session.objects.exists()


def test_invalid_htmx_session_rerenders_the_form(alice_client, group):
    response = alice_client.post(url("session_create", group.code), {"topic": ""}, **HX)

    assert is_fragment(response)
    assert "This field is required." in html(response)
