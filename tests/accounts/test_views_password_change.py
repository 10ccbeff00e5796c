import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.forms import PasswordChangeForm
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.devhub.conftest import find_one, label_text, parse

pytestmark = pytest.mark.django_db

CHANGE_URL = reverse("accounts:password_change")
NEW_PASSWORD = "amber-walrus-sings-77"
MISMATCH = str(PasswordChangeForm.error_messages["password_mismatch"])


def change_data(**overrides: str) -> dict[str, str]:
    return {
        "old_password": PASSWORD,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
        **overrides,
    }


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(CHANGE_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={CHANGE_URL}"


def test_password_change_page_shows_a_labelled_form(alice_client):
    response = alice_client.get(CHANGE_URL)

    assert response.status_code == 200
    page = parse(response.content)
    assert find_one(page, "form", action=CHANGE_URL).get("method") == "post"
    assert label_text(page, "id_old_password").startswith("Old password")
    assert label_text(page, "id_new_password1").startswith("New password")
    assert label_text(page, "id_new_password2").startswith("New password confirmation")


def test_changing_the_password_keeps_the_user_logged_in(alice_client, alice):
    response = alice_client.post(CHANGE_URL, change_data())

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert not alice.check_password(PASSWORD)

    done = alice_client.get(response.url)
    assert done.status_code == 200
    assert find_one(done.content, "h1").clean_text == "Password changed"


def test_the_new_password_works_for_the_next_log_in(alice_client, alice, client):
    alice_client.post(CHANGE_URL, change_data())
    alice_client.post(reverse("accounts:logout"))

    old = alice_client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert old.status_code == 200
    assert SESSION_KEY not in alice_client.session

    new = alice_client.post(
        reverse("accounts:login"), {"username": "alice", "password": NEW_PASSWORD}
    )
    assert new.status_code == 302
    assert alice_client.session[SESSION_KEY] == str(alice.pk)


def test_a_wrong_old_password_is_refused_next_to_the_field(alice_client, alice):
    response = alice_client.post(CHANGE_URL, change_data(old_password="not-my-password"))

    assert response.status_code == 200
    error = find_one(response.content, id="id_old_password_error")
    assert "Your old password was entered incorrectly." in error.clean_text
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_mismatched_new_passwords_are_refused(alice_client, alice):
    response = alice_client.post(CHANGE_URL, change_data(new_password2="amber-walrus-sings-78"))

    assert response.status_code == 200
    error = find_one(response.content, id="id_new_password2_error")
    assert error.clean_text == MISMATCH
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_done_page_needs_a_login(client):
    done_url = reverse("accounts:password_change_done")

    response = client.get(done_url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={done_url}"


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_password_change_rejects_other_methods(alice_client, method):
    assert getattr(alice_client, method)(CHANGE_URL).status_code == 405
