import datetime as dt

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.forms import UserCreationForm
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from devhub import settings as production_settings
from tests.devhub.conftest import find_all, find_one, label_text, parse

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("accounts:signup")
NEW_PASSWORD = "violet-otter-climbs-9"
MISMATCH = str(UserCreationForm.error_messages["password_mismatch"])


def signup_data(**overrides: str) -> dict[str, str]:
    return {
        "username": "bob",
        "display_name": "Bob Ross",
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
    assert {
        "csrfmiddlewaretoken",
        "username",
        "display_name",
        "email",
        "password1",
        "password2",
    } <= fields
    assert label_text(page, "id_username").startswith("Username")
    assert label_text(page, "id_display_name").startswith("Your name")
    name = find_one(page, "input", name="display_name")
    assert (name.get("autocomplete"), name.get("maxlength")) == ("name", "100")
    assert name.has("required")
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
    assert user.display_name == "Bob Ross"
    assert user.check_password(NEW_PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)

    contacts = client.get(reverse("home"), follow=True)
    assert contacts.wsgi_request.user == user
    assert "Welcome to DevHub CRM, Bob Ross!" in contacts.content.decode()


@pytest.mark.parametrize("blank", ["", "   ", "\u202e\u200f"])
def test_signup_asks_for_the_name_people_will_see(client, blank):
    response = client.post(SIGNUP_URL, signup_data(display_name=blank))

    assert response.status_code == 200
    message = "Enter the name people you meet should see."
    assert response.context["form"].errors["display_name"] == [message]
    assert find_one(response.content, id="id_display_name_error").clean_text == message
    assert find_one(response.content, "input", name="username").get("value") == "bob"
    assert not User.objects.filter(username="bob").exists()


def test_the_name_is_tidied(client):
    client.post(SIGNUP_URL, signup_data(display_name="  Bob   Ross "))

    assert User.objects.get(username="bob").display_name == "Bob Ross"


def test_the_name_has_a_length_limit(client):
    response = client.post(SIGNUP_URL, signup_data(display_name="x" * 101))

    assert response.context["form"].errors["display_name"] == [
        "Ensure this value has at most 100 characters (it has 101)."
    ]
    assert not User.objects.filter(username="bob").exists()


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


# Accounts created per client address (SIGNUP_RATE_PER_IP, 5 an hour by default).


@pytest.fixture
def frozen_clock():
    """A frozen clock, so an hour's window cannot end half-way through a test."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def sign_up_many(client, count: int, ip: str = "203.0.113.7", first: int = 0) -> list[int]:
    statuses = []
    for n in range(first, first + count):
        client.logout()
        response = client.post(SIGNUP_URL, signup_data(username=f"user{n}"), REMOTE_ADDR=ip)
        statuses.append(response.status_code)
    return statuses


def test_the_sixth_account_an_hour_from_one_address_is_refused(client, frozen_clock):
    assert sign_up_many(client, 5) == [302] * 5

    client.logout()
    response = client.post(SIGNUP_URL, signup_data(username="sixth"), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 429
    page = parse(response.content)
    assert find_one(page, "h1").clean_text == "Too many attempts"
    assert find_one(page, role="alert").clean_text.startswith(
        "Too many accounts were created from here in a short time, so this one was not."
    )
    assert "Please wait" in find_one(page, role="alert").clean_text
    assert 0 < int(response["Retry-After"]) <= 3600
    assert not User.objects.filter(username="sixth").exists()
    assert SESSION_KEY not in client.session


def test_mistyped_sign_ups_do_not_count(client, frozen_clock):
    for _ in range(10):
        response = client.post(SIGNUP_URL, signup_data(password2="nope"), REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200

    assert sign_up_many(client, 5) == [302] * 5


def test_the_sign_up_limit_is_per_address(client, frozen_clock):
    sign_up_many(client, 6)

    assert sign_up_many(client, 1, ip="198.51.100.20", first=10) == [302]


def test_the_sign_up_limit_lifts_after_the_hour(client, frozen_clock):
    sign_up_many(client, 6)

    frozen_clock.shift(dt.timedelta(hours=1, seconds=1))

    assert sign_up_many(client, 1, first=10) == [302]


# SIGNUP=closed: no new accounts, except the very first of an install.


@pytest.fixture
def closed(settings):
    settings.SIGNUP = "closed"


def test_closed_sign_up_says_so_instead_of_showing_the_form(client, alice, closed):
    response = client.get(SIGNUP_URL)

    assert response.status_code == 403
    page = parse(response.content)
    assert find_one(page, "h1").clean_text == "Sign-up is closed"
    assert "does not take new accounts" in find_one(page, role="alert").clean_text
    assert not find_all(page, "form", action=SIGNUP_URL)
    assert find_all(page, "a", href=reverse("accounts:login"))


def test_closed_sign_up_refuses_a_post(client, alice, closed):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 403
    assert not User.objects.filter(username="bob").exists()
    assert SESSION_KEY not in client.session


def test_the_first_account_of_an_install_can_be_created_when_closed(client, closed):
    assert client.get(SIGNUP_URL).status_code == 200

    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert User.objects.get().username == "bob"
    client.logout()
    assert client.get(SIGNUP_URL).status_code == 403


@pytest.mark.parametrize("page", [reverse("accounts:login"), reverse("accounts:password_reset")])
def test_closed_sign_up_is_not_linked(client, alice, closed, page):
    assert not find_all(client.get(page).content, "a", href=SIGNUP_URL)


@pytest.mark.parametrize("page", [reverse("accounts:login"), reverse("accounts:password_reset")])
def test_open_sign_up_is_linked(client, alice, page):
    assert find_all(client.get(page).content, "a", href=SIGNUP_URL)
