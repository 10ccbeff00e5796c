import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.forms import UserCreationForm
from django.urls import reverse

from accounts.models import User
from devhub import settings as production_settings
from tests.devhub.conftest import find_one, label_text, parse

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("accounts:signup")
NEW_PASSWORD = "violet-otter-climbs-9"
MISMATCH = str(UserCreationForm.error_messages["password_mismatch"])


def signup_data(**overrides: str) -> dict[str, str]:
    return {
        "username": "bob",
        "email": "bob@example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


def test_signup_page_shows_a_labelled_form(client):
    response = client.get(SIGNUP_URL)

    assert response.status_code == 200
    page = parse(response.content)
    form = find_one(page, "form", action=SIGNUP_URL)
    assert form.get("method") == "post"
    fields = {e.get("name") for e in form.descendants() if e.tag == "input"}
    assert {"csrfmiddlewaretoken", "username", "email", "password1", "password2"} <= fields
    assert label_text(page, "id_username").startswith("Username")
    assert label_text(page, "id_email").startswith("Email")
    assert label_text(page, "id_password1").startswith("Password")
    assert label_text(page, "id_password2").startswith("Password confirmation")
    assert find_one(page, "h1").clean_text == "Create your account"


def test_signup_creates_the_user_logs_them_in_and_goes_home(client):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response.url == reverse("home")
    user = User.objects.get(username="bob")
    assert user.email == "bob@example.com"
    assert user.check_password(NEW_PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)

    contacts = client.get(reverse("home"), follow=True)
    assert contacts.wsgi_request.user == user
    assert "Welcome to DevHub CRM, bob!" in contacts.content.decode()


def test_signup_stores_an_argon2_hash_with_the_production_hashers(client, settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS

    client.post(SIGNUP_URL, signup_data())

    assert User.objects.get(username="bob").password.startswith("argon2$")


def test_signup_refuses_a_taken_username_and_keeps_what_was_typed(client, alice):
    response = client.post(SIGNUP_URL, signup_data(username="alice"))

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "A user with that username already exists."
    ]
    page = parse(response.content)
    assert find_one(page, id="id_username_error").clean_text == (
        "A user with that username already exists."
    )
    assert find_one(page, "input", name="username").get("value") == "alice"
    assert User.objects.filter(username="alice").count() == 1
    assert SESSION_KEY not in client.session


def test_signup_refuses_mismatched_passwords(client):
    response = client.post(SIGNUP_URL, signup_data(password2="something-else-42"))

    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == [MISMATCH]
    page = parse(response.content)
    error = find_one(page, id="id_password2_error")
    assert error.clean_text == MISMATCH
    assert find_one(page, "input", name="username").get("value") == "bob"
    assert not User.objects.filter(username="bob").exists()


def test_signup_refuses_a_too_common_password(client):
    response = client.post(SIGNUP_URL, signup_data(password1="password1", password2="password1"))

    assert response.status_code == 200
    assert "This password is too common." in response.context["form"].errors["password2"]
    page = parse(response.content)
    assert "This password is too common." in find_one(page, id="id_password2_error").clean_text
    assert find_one(page, "input", name="username").get("value") == "bob"
    assert not User.objects.filter(username="bob").exists()


def test_signup_never_echoes_the_typed_passwords(client):
    response = client.post(SIGNUP_URL, signup_data(password2="something-else-42"))

    assert NEW_PASSWORD not in response.content.decode()


def test_a_logged_in_user_is_sent_home_from_signup(alice_client):
    response = alice_client.get(SIGNUP_URL)
    assert response.status_code == 302
    assert response.url == reverse("home")

    response = alice_client.post(SIGNUP_URL, signup_data())
    assert response.status_code == 302
    assert not User.objects.filter(username="bob").exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_signup_rejects_other_methods(client, method):
    assert getattr(client, method)(SIGNUP_URL).status_code == 405
