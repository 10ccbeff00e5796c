"""Each security-relevant happening writes its event to the log."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from security.models import Event
from tests.accounts.test_views_login import fail_until_locked
from tests.conftest import PASSWORD, make_contact
from tests.security.conftest import HOME_IP, log_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "amber-walrus-sings-77"


def kinds(user=None) -> list[str]:
    events = Event.objects.all() if user is None else Event.objects.filter(user=user)
    return list(events.order_by("at", "id").values_list("kind", flat=True))


def test_a_log_in_is_logged_with_address_and_device(client, alice):
    log_in(client)

    event = Event.objects.get(kind=Event.Kind.LOGIN)
    assert (event.user, event.ip, event.details["device"]) == (alice, HOME_IP, "Firefox on Ubuntu")


def test_a_failed_log_in_keeps_the_name_tried_and_never_the_password(client, alice):
    log_in(client, password="hunter2-secret")

    event = Event.objects.get(kind=Event.Kind.LOGIN_FAILED)
    assert (event.user, event.username, event.ip) == (alice, "alice", HOME_IP)
    stored = str(list(Event.objects.values_list("details", "user_agent", "username")))
    assert "hunter2" not in stored


def test_a_failed_log_in_for_a_name_without_an_account_is_kept_without_one(client):
    log_in(client, username="mallory", password="guess")

    event = Event.objects.get()
    assert (event.kind, event.user, event.username) == (Event.Kind.LOGIN_FAILED, None, "mallory")


def test_a_lock_out_is_logged(client, alice):
    fail_until_locked(client)

    event = Event.objects.get(kind=Event.Kind.LOCKED_OUT)
    assert (event.user, event.username, event.ip) == (alice, "alice", HOME_IP)


def test_a_log_out_is_logged(client, alice):
    log_in(client)

    client.post(reverse("accounts:logout"))

    assert kinds(alice) == [Event.Kind.LOGIN, Event.Kind.LOGOUT]


def test_a_password_change_is_logged(alice_client, alice):
    alice_client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert Event.Kind.PASSWORD_CHANGED in kinds(alice)


def test_a_refused_password_change_is_not(alice_client, alice):
    alice_client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert Event.Kind.PASSWORD_CHANGED not in kinds(alice)


def test_a_password_reset_is_logged(client, alice):
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    token = default_token_generator.make_token(alice)
    link = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]))

    client.post(link.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert kinds(alice) == [Event.Kind.PASSWORD_RESET]


@pytest.mark.parametrize(
    ("url", "fmt"),
    [("exports:json", "json"), ("exports:csv", "csv"), ("exports:vcard", "vcf")],
)
def test_an_export_is_logged_with_its_format(alice_client, alice, url, fmt):
    make_contact(alice)

    response = alice_client.get(reverse(url))
    b"".join(response.streaming_content)

    event = Event.objects.get(kind=Event.Kind.EXPORT)
    assert (event.user, event.details) == (alice, {"format": fmt})


def test_an_account_deletion_is_logged_and_outlives_the_account(alice_client, alice):
    alice_client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert not User.objects.filter(username="alice").exists()
    event = Event.objects.get(kind=Event.Kind.ACCOUNT_DELETED)
    assert (event.user, event.username) == (None, "alice")


def test_an_admin_action_is_logged_for_the_staff_member(alice, charlie):
    alice.is_staff = True
    alice.save()

    LogEntry.objects.log_actions(alice.pk, [charlie], CHANGE, "Changed e-mail.", single_object=True)

    event = Event.objects.get(kind=Event.Kind.ADMIN_ACTION)
    assert event.user == alice
    assert event.details == {
        "action": "changed",
        "model": ContentType.objects.get_for_model(User).name,
        "object": "charlie",
    }


@pytest.fixture
def staff_client(client, alice):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    client.force_login(alice)
    return client


def test_a_bulk_delete_in_the_admin_is_logged_once_it_is_done(staff_client, alice):
    contacts = [make_contact(alice, name=f"Old {n}") for n in range(3)]
    url = reverse("admin:contacts_contact_changelist")
    chosen = {"action": "delete_selected", "_selected_action": [c.pk for c in contacts[:2]]}

    staff_client.post(url, chosen)  # the confirmation page: nothing deleted, nothing logged
    assert not Event.objects.filter(kind=Event.Kind.ADMIN_ACTION).exists()
    staff_client.post(url, {**chosen, "post": "yes"})

    event = Event.objects.get(kind=Event.Kind.ADMIN_ACTION)
    assert event.user == alice
    assert event.details == {"action": "delete_selected", "model": "contacts", "objects": 2}


def test_an_admin_action_on_every_matching_row_is_logged_as_all(staff_client, alice):
    make_contact(alice, name="Grace")
    staff_client.post(
        reverse("admin:contacts_contact_changelist"),
        {"action": "mark_vip", "_selected_action": ["1"], "select_across": "1"},
    )

    event = Event.objects.get(kind=Event.Kind.ADMIN_ACTION)
    assert event.details == {"action": "mark_vip", "model": "contacts", "objects": "all"}
    assert alice.contacts.get().is_vip
