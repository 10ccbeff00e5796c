import pytest
from django.urls import reverse
from django.utils import timezone

from quickconnect.models import QuickConnectCode, Submission
from tests.quickconnect.owner.conftest import (
    html,
    make_code,
    make_event,
    make_notification,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(alice, charlie):
    """Alice met Grace through a PyCon code; Charlie has his own, unrelated rows."""
    pycon = make_event(alice, name="PyCon Berlin", location="Berlin")
    submit(make_code(alice, event=pycon), "Grace Hopper")
    make_event(charlie, name="Charlie Summit", location="Lisbon")
    submit(make_code(charlie, event_name="Charlie Summit"), "Linus Torvalds")
    make_notification(alice, title="Alice's own note")


@pytest.mark.parametrize(
    ("model", "query", "found", "not_found"),
    [
        ("quickconnect_quickconnectcode", "pycon", "PyCon Berlin", "Charlie Summit"),
        ("quickconnect_quickconnectcode", "charlie", "Charlie Summit", "PyCon Berlin"),
        ("quickconnect_submission", "grace", "Grace Hopper", "Linus Torvalds"),
        ("quickconnect_submission", "charlie", "Linus Torvalds", "Grace Hopper"),
        ("quickconnect_notification", "linus", "Linus Torvalds added", "Grace Hopper added"),
        ("quickconnect_notification", "own note", "Alice&#x27;s own note", "Linus Torvalds"),
        ("contacts_event", "berlin", "PyCon Berlin", "Charlie Summit"),
        ("contacts_event", "charlie", "Charlie Summit", "PyCon Berlin"),
    ],
)
def test_changelist_search(admin_client, data, model, query, found, not_found):
    response = admin_client.get(reverse(f"admin:{model}_changelist"), {"q": query})

    assert response.status_code == 200
    assert found in html(response)
    assert not_found not in html(response)


@pytest.mark.parametrize(
    "model",
    [
        "quickconnect_quickconnectcode",
        "quickconnect_submission",
        "quickconnect_notification",
        "contacts_event",
    ],
)
def test_changelist_and_add_pages_open(admin_client, data, model):
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 200


def test_code_change_page_shows_the_token_read_only(admin_client, alice):
    code = make_code(alice, event_name="RustConf")

    response = admin_client.get(
        reverse("admin:quickconnect_quickconnectcode_change", args=[code.pk])
    )

    assert response.status_code == 200
    page = html(response)
    assert code.token in page
    assert 'name="token"' not in page and 'name="uses"' not in page


@pytest.mark.parametrize("filter_value", ["0", "1"])
def test_revoked_filter(admin_client, alice, filter_value):
    make_code(alice, event_name="Still works")
    make_code(alice, event_name="Was revoked", revoked_at=timezone.now())

    page = html(
        admin_client.get(
            reverse("admin:quickconnect_quickconnectcode_changelist"),
            {"revoked_at__isempty": filter_value},
        )
    )

    shown, hidden = (
        ("Was revoked", "Still works") if filter_value == "0" else ("Still works", "Was revoked")
    )
    assert shown in page
    assert hidden not in page


def test_submission_change_page_opens(admin_client, data):
    submission = Submission.objects.get(contact__name="Grace Hopper")

    response = admin_client.get(
        reverse("admin:quickconnect_submission_change", args=[submission.pk])
    )

    assert response.status_code == 200


def test_regular_users_cannot_open_the_admin(alice_client):
    response = alice_client.get(reverse("admin:quickconnect_quickconnectcode_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_code_added_in_the_admin_for_a_typed_name_gets_that_event(admin_client, alice):
    pycon = make_event(alice, name="PyCon Berlin")
    response = admin_client.post(
        reverse("admin:quickconnect_quickconnectcode_add"),
        {
            "owner": alice.pk,
            "event": "",
            "event_name": "pycon berlin",
            "location": "",
            "session": "",
            "note": "",
            "expires_at_0": "2030-01-01",
            "expires_at_1": "12:00:00",
            "max_uses": "",
        },
    )

    assert response.status_code == 302, html(response)
    code = QuickConnectCode.objects.get()
    assert (code.event, code.event_name, code.title) == (pycon, "", "PyCon Berlin")
