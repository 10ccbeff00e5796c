import pytest
from django.urls import reverse

from accounts import login_limit
from accounts.models import FailedLogins, KnownAddress, User
from contacts.models import Contact
from tests.conftest import PASSWORD, make_contact

pytestmark = pytest.mark.django_db
URL = reverse("accounts:delete")


def test_delete_needs_the_password_and_removes_everything(alice_client, alice, charlie):
    make_contact(alice, name="Ada")
    make_contact(charlie, name="Charlie's friend")

    wrong = alice_client.post(URL, {"password": "not-it"})
    assert "nothing was deleted" in wrong.content.decode()
    assert User.objects.filter(username="alice").exists()

    response = alice_client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert not User.objects.filter(username="alice").exists()
    assert list(Contact.objects.values_list("name", flat=True)) == ["Charlie's friend"]
    assert alice_client.get(reverse("contacts:list")).status_code == 302  # logged out


def test_delete_page_asks_for_the_password(alice_client):
    page = alice_client.get(URL).content.decode()

    assert 'type="password"' in page and "for good" in page


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_wrong_method_is_refused(alice_client):
    assert alice_client.put(URL).status_code == 405


def test_deleting_the_account_forgets_its_log_in_records(alice_client, alice, charlie):
    login_limit.remember_address(alice, "203.0.113.7")
    login_limit.remember_address(charlie, "203.0.113.7")
    login_limit.record_failure("alice", "192.0.2.1")

    alice_client.post(URL, {"password": PASSWORD})

    assert list(KnownAddress.objects.values_list("username", flat=True)) == ["charlie"]
    assert not FailedLogins.objects.exists()
