import ipaddress
import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.conftest import PASSWORD
from tests.devhub.conftest import find_all, find_one, label_text, parse

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
HOME_IP = "203.0.113.7"
OTHER_IP = "198.51.100.20"


def log_in(client, username: str = "alice", password: str = PASSWORD, ip: str = HOME_IP, **data):
    """A real POST to the login form, so django-axes sees the request (client.login would not)."""
    return client.post(
        LOGIN_URL, {"username": username, "password": password, **data}, REMOTE_ADDR=ip
    )


def fail_until_locked(client, username: str = "alice", ip: str = HOME_IP) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, username, "wrong-password", ip)


def test_login_page_shows_a_labelled_form(client):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    page = parse(response.content)
    form = find_one(page, "form", action=LOGIN_URL)
    assert form.get("method") == "post"
    assert label_text(page, "id_username").startswith("Username")
    assert label_text(page, "id_password").startswith("Password")
    assert find_one(page, "input", name="password").get("type") == "password"
    assert find_all(page, "a", href=reverse("accounts:signup"))


def test_correct_credentials_log_in_and_go_home(client, alice):
    response = log_in(client)

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session[SESSION_KEY] == str(alice.pk)
    assert client.get(reverse("contacts:list")).status_code == 200


def test_login_returns_to_the_page_that_asked_for_it(client, alice):
    tags_url = reverse("contacts:tags")
    page = client.get(f"{LOGIN_URL}?next={tags_url}")
    assert find_one(page.content, "input", name="next").get("value") == tags_url

    response = log_in(client, next=tags_url)

    assert response.status_code == 302
    assert response.url == tags_url


def test_login_ignores_a_next_pointing_off_site(client, alice):
    response = log_in(client, next="https://evil.example.com/")

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_wrong_password_shows_a_clear_error_and_stays_logged_out(client, alice):
    response = log_in(client, password="wrong-password")

    assert response.status_code == 200
    page = parse(response.content)
    alert = find_one(page, role="alert")
    assert "Please enter a correct username and password." in alert.clean_text
    assert find_one(page, "input", name="username").get("value") == "alice"
    assert SESSION_KEY not in client.session


def test_a_logged_in_user_is_sent_home_from_the_login_page(alice_client):
    response = alice_client.get(LOGIN_URL)

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_repeated_failures_lock_out_even_the_right_password(client, alice):
    fail_until_locked(client)

    response = log_in(client)

    assert response.status_code == 429
    page = parse(response.content)
    assert find_one(page, "h1").clean_text == "Too many failed log-ins"
    minutes = settings.AXES_COOLOFF_TIME // timedelta(minutes=1)
    assert f"paused for {minutes} minutes" in find_one(page, role="alert").clean_text
    assert SESSION_KEY not in client.session


def test_failures_below_the_limit_do_not_lock_out(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, password="wrong-password")

    response = log_in(client)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_a_lockout_for_one_network_does_not_block_another(client, alice):
    fail_until_locked(client, ip=HOME_IP)

    response = log_in(client, ip=OTHER_IP)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_a_lockout_for_one_username_does_not_block_another(client, alice, charlie):
    fail_until_locked(client, username="alice")

    response = log_in(client, username="charlie")

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(charlie.pk)


def test_the_lockout_holds_until_the_cooloff_time_is_over(client, alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_until_locked(client)

    almost = start + settings.AXES_COOLOFF_TIME - timedelta(seconds=5)
    with time_machine.travel(almost, tick=False):
        response = log_in(client)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_lockout_lifts_after_the_cooloff_time(client, alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_until_locked(client)
        assert log_in(client).status_code == 429

    after = start + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    with time_machine.travel(after, tick=False):
        response = log_in(client)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_a_successful_login_resets_the_failure_count(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, password="wrong-password")
    assert log_in(client).status_code == 302
    client.post(reverse("accounts:logout"))

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, password="wrong-password")
    response = log_in(client)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_login_rejects_other_methods(client, method):
    assert getattr(client, method)(LOGIN_URL).status_code == 405


# Behind a reverse proxy (TRUSTED_PROXIES) the lock-out is per visitor, not per proxy.
PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]


def log_in_via(client, visitor: str, password: str = PASSWORD, peer: str = PROXY):
    return client.post(
        LOGIN_URL,
        {"username": "alice", "password": password},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=visitor,
    )


def test_behind_a_trusted_proxy_the_lockout_holds_the_visitor_not_the_proxy(
    client, alice, behind_proxy
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in_via(client, HOME_IP, password="wrong-password")
    assert log_in_via(client, HOME_IP).status_code == 429

    response = log_in_via(client, OTHER_IP)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_a_forwarded_address_from_an_untrusted_peer_does_not_escape_the_lockout(
    client, alice, behind_proxy
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in_via(client, f"192.0.2.{n}", password="wrong-password", peer=HOME_IP)

    response = log_in_via(client, "192.0.2.99", peer=HOME_IP)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session


# The per-username limit: 20 guesses from 5 addresses no longer all reach the password check.
GUESSERS = [f"192.0.2.{n}" for n in range(1, 6)]


@pytest.fixture
def counted_checks(monkeypatch):
    """How many times a password was actually checked."""
    checks = []
    original = User.check_password

    def check_password(self, raw_password):
        checks.append(self.username)
        return original(self, raw_password)

    monkeypatch.setattr(User, "check_password", check_password)
    return checks


@pytest.fixture
def frozen_clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def guess_from_many_addresses(client, guesses: int) -> list[int]:
    """Wrong passwords for alice, spread over five addresses (each stays under axes' limit
    of 5 per address for 20 guesses)."""
    return [
        log_in(client, password=f"guess-{n}", ip=GUESSERS[n % len(GUESSERS)]).status_code
        for n in range(guesses)
    ]


def test_a_distributed_guesser_is_paused_after_the_per_username_limit(
    client, alice, frozen_clock, counted_checks
):
    limit = settings.LOGIN_USERNAME_FAILURE_LIMIT

    statuses = guess_from_many_addresses(client, 20)

    assert statuses == [200] * limit + [429] * (20 - limit)
    assert len(counted_checks) == limit


def test_the_paused_page_says_why_and_checks_no_password(
    client, alice, frozen_clock, counted_checks
):
    guess_from_many_addresses(client, settings.LOGIN_USERNAME_FAILURE_LIMIT)
    checked = len(counted_checks)

    response = log_in(client, ip="198.51.100.99")  # even the right password, from a new place

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    page = parse(response.content)
    assert find_one(page, "h1").clean_text == "Too many failed log-ins"
    alert = find_one(page, role="alert").clean_text
    assert "paused for a minute" in alert
    assert "Your password was not checked." in alert
    assert find_all(page, "a", href=reverse("accounts:password_reset"))
    assert len(counted_checks) == checked
    assert SESSION_KEY not in client.session


def test_the_owner_logs_in_as_usual_from_where_they_logged_in_before(client, alice, frozen_clock):
    assert log_in(client, ip=HOME_IP).status_code == 302
    client.post(reverse("accounts:logout"))
    guess_from_many_addresses(client, 20)

    response = log_in(client, ip=HOME_IP)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_the_wait_grows_with_each_further_failure(client, alice, frozen_clock):
    guess_from_many_addresses(client, settings.LOGIN_USERNAME_FAILURE_LIMIT)
    frozen_clock.shift(timedelta(minutes=1, seconds=1))
    assert log_in(client, password="again", ip="198.51.100.1").status_code == 200

    response = log_in(client, ip="198.51.100.2")

    assert response.status_code == 429
    assert response["Retry-After"] == "120"
    frozen_clock.shift(timedelta(minutes=2, seconds=1))
    assert log_in(client, ip="198.51.100.2").status_code == 302


def test_the_owner_is_e_mailed_once_not_per_attempt(client, alice, frozen_clock):
    guess_from_many_addresses(client, 20)
    frozen_clock.shift(timedelta(minutes=5))
    guess_from_many_addresses(client, 3)

    warnings = [m for m in mail.outbox if "failed log-ins" in m.subject]
    assert len(warnings) == 1
    assert warnings[0].to == ["alice@example.com"]


def test_the_password_reset_lets_the_owner_in_from_a_new_place(client, alice, frozen_clock):
    guess_from_many_addresses(client, 20)
    phone = "198.51.100.77"
    assert log_in(client, ip=phone).status_code == 429

    client.post(
        reverse("accounts:password_reset"), {"email": "alice@example.com"}, REMOTE_ADDR=phone
    )
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[-1].body)[1]
    form_page = client.get(link, follow=True, REMOTE_ADDR=phone)
    new = "a-brand-new-passphrase-42"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
        REMOTE_ADDR=phone,
    )

    response = log_in(client, password=new, ip=phone)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_the_admin_log_in_is_paused_too(client, alice, frozen_clock):
    alice.is_staff = True
    alice.save(update_fields=["is_staff"])
    guess_from_many_addresses(client, 20)

    response = client.post(
        reverse("admin:login"),
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.50",
    )

    assert response.status_code == 429
    assert "Your password was not checked." in response.content.decode()
