"""Every collaborations page: login required, another user's rows are 404, wrong methods 405."""

import datetime as dt

import pytest

from collaborations.models import Person, PlannedSession, Session
from tests.collaborations.conftest import login_url_for, make_feedback, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(talk, idea):
    return {
        "collaboration": talk.code,
        "idea": idea.code,
        "person": Person.objects.get(collaboration=talk).code,
        "feedback": make_feedback(talk).code,
        "session": Session.objects.create(collaboration=talk, topic="Ch 1").code,
        "planned": PlannedSession.objects.create(
            collaboration=talk, on=dt.date(2030, 1, 1), at=dt.time(18)
        ).code,
    }


OWNED = [
    ("detail", "collaboration", "get"),
    ("edit", "collaboration", "get"),
    ("edit", "collaboration", "post"),
    ("delete", "collaboration", "get"),
    ("delete", "collaboration", "post"),
    ("move", "collaboration", "post"),
    ("add_person", "collaboration", "post"),
    ("remove_person", "person", "post"),
    ("add_feedback", "collaboration", "get"),
    ("add_feedback", "collaboration", "post"),
    ("delete_feedback", "feedback", "get"),
    ("delete_feedback", "feedback", "post"),
    ("session_create", "collaboration", "get"),
    ("session_create", "collaboration", "post"),
    ("session_edit", "session", "get"),
    ("session_edit", "session", "post"),
    ("session_delete", "session", "get"),
    ("session_delete", "session", "post"),
    ("planned_add", "collaboration", "post"),
    ("planned_remove", "planned", "post"),
    ("idea_edit", "idea", "get"),
    ("idea_edit", "idea", "post"),
    ("idea_delete", "idea", "get"),
    ("idea_delete", "idea", "post"),
    ("idea_start", "idea", "post"),
]


@pytest.mark.parametrize(("name", "row", "method"), OWNED)
def test_another_users_rows_are_not_found(charlie_client, rows, name, row, method):
    response = getattr(charlie_client, method)(url(name, rows[row]), {"stage": "planning"})

    assert response.status_code == 404


def test_nothing_of_alices_changed_for_charlie(charlie_client, rows, talk):
    for name, row, method in OWNED:
        getattr(charlie_client, method)(url(name, rows[row]), {"stage": "published"})

    talk.refresh_from_db()
    assert talk.stage == "idea"
    assert talk.people.count() == 1
    assert talk.feedback.count() == 1
    assert talk.sessions.count() == 1
    assert talk.planned_sessions.count() == 1


@pytest.mark.parametrize("name", ["board", "list", "create", "ideas", "idea_create", "feedback"])
def test_pages_need_a_login(client, name):
    response = client.get(url(name))

    assert response.status_code == 302
    assert response.url == login_url_for(url(name))


@pytest.mark.parametrize(("name", "row"), [("detail", "collaboration"), ("idea_edit", "idea")])
def test_row_pages_need_a_login(client, rows, name, row):
    assert client.get(url(name, rows[row])).url == login_url_for(url(name, rows[row]))


@pytest.mark.parametrize(
    ("name", "row", "method"),
    [
        ("move", "collaboration", "get"),
        ("add_person", "collaboration", "get"),
        ("remove_person", "person", "get"),
        ("idea_start", "idea", "get"),
        ("planned_add", "collaboration", "get"),
        ("planned_remove", "planned", "get"),
        ("detail", "collaboration", "post"),
    ],
)
def test_wrong_methods_are_refused(alice_client, rows, name, row, method):
    assert getattr(alice_client, method)(url(name, rows[row])).status_code == 405


@pytest.mark.parametrize("name", ["board", "list", "ideas", "feedback"])
def test_list_pages_refuse_posts(alice_client, name):
    assert alice_client.post(url(name)).status_code == 405
