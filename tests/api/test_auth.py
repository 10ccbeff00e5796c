"""Who may call the API: tokens (no CSRF), the logged-in session (CSRF on writes), and the
401 / 403 / 429 problem documents for everyone else."""

import datetime as dt

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone

from api import services
from api.models import ApiToken
from tests.api.conftest import api_client, assert_problem, make_token, send
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"
CONTACTS = "/api/v1/contacts"


def test_a_token_acts_for_its_owner(alice):
    _, secret = make_token(alice)

    response = api_client(secret).get(ME)

    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    assert response.json()["token_scope"] == "write"


def test_token_writes_need_no_csrf_token(alice):
    _, secret = make_token(alice)
    client = api_client(secret)  # enforce_csrf_checks=True, and no CSRF cookie at all

    response = send(client, "POST", CONTACTS, {"name": "Ada"})

    assert response.status_code == 201


@pytest.mark.parametrize(
    "header",
    ["Bearer dh_not-a-real-token", "Bearer ", "Bearer nonsense", "Basic YWxpY2U6cHc=", ""],
)
def test_unknown_or_missing_credentials_are_401(alice, header):
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()

    response = client.get(ME)

    problem = assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "token" in problem["detail"]


def test_a_revoked_token_is_401(alice):
    token, secret = make_token(alice)
    services.revoke(token)

    problem = assert_problem(api_client(secret).get(ME), 401)

    assert problem["detail"] == "The token has been revoked."


def test_an_expired_token_is_401(alice):
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        _, secret = make_token(alice, expires_at=timezone.now() + dt.timedelta(days=30))
        assert api_client(secret).get(ME).status_code == 200
    with time_machine.travel(dt.datetime(2026, 1, 31, tzinfo=dt.UTC)):
        problem = assert_problem(api_client(secret).get(ME), 401)

    assert problem["detail"] == "The token has expired."


def test_a_deactivated_accounts_token_is_401(alice):
    _, secret = make_token(alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])

    assert_problem(api_client(secret).get(ME), 401)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", CONTACTS, {"name": "Ada"}),
        ("PATCH", "/api/v1/contacts/{code}", {"name": "Eve"}),
        ("DELETE", "/api/v1/contacts/{code}", None),
        ("POST", "/api/v1/contacts/{code}/archive", None),
        ("POST", "/api/v1/contacts/{code}/interactions", {"type": "call"}),
        ("POST", "/api/v1/reminders", {"title": "Ping"}),
    ],
)
def test_a_read_token_cannot_write(alice, method, path, body):
    contact = make_contact(alice, name="Ada")
    _, secret = make_token(alice, ApiToken.Scope.READ)
    client = api_client(secret)

    response = send(client, method, path.format(code=contact.code), body)

    problem = assert_problem(response, 403)
    assert "read-only" in problem["detail"]
    contact.refresh_from_db()
    assert contact.name == "Ada" and not contact.is_archived
    assert not contact.interactions.exists()
    assert client.get(f"/api/v1/contacts/{contact.code}").status_code == 200


def test_last_used_is_written_at_most_once_a_minute(alice):
    token, secret = make_token(alice)
    client = api_client(secret)
    start = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)

    with time_machine.travel(start, tick=False):
        client.get(ME)
    token.refresh_from_db()
    assert token.last_used_at == start

    with time_machine.travel(start + dt.timedelta(seconds=59), tick=False):
        client.get(ME)
    token.refresh_from_db()
    assert token.last_used_at == start

    later = start + dt.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        client.get(ME)
    token.refresh_from_db()
    assert token.last_used_at == later


def test_touch_skips_the_update_within_the_minute(alice, django_assert_num_queries):
    token, _ = make_token(alice)
    now = timezone.now()
    services.touch(token, now)

    with django_assert_num_queries(0):
        services.touch(token, now + dt.timedelta(seconds=30))
    with django_assert_num_queries(1):
        services.touch(token, now + dt.timedelta(seconds=61))


# The logged-in browser


def test_a_session_can_read_without_csrf(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.get(ME)

    assert response.status_code == 200
    assert response.json()["token_scope"] is None


def test_a_session_write_needs_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    refused = send(client, "POST", CONTACTS, {"name": "Ada"})

    problem = assert_problem(refused, 403)
    assert "CSRF" in problem["detail"]
    client.get("/accounts/tokens/")  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = send(client, "POST", CONTACTS, {"name": "Ada"}, HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 201


def test_a_bad_token_is_not_rescued_by_the_session(alice):
    client = Client(HTTP_AUTHORIZATION="Bearer dh_wrong")
    client.force_login(alice)

    assert_problem(client.get(ME), 401)


# Rate limit


@override_settings(API_RATE_PER_TOKEN="3/m")
def test_each_token_has_its_own_rate_limit(alice):
    _, first = make_token(alice)
    _, second = make_token(alice)
    client = api_client(first)
    start = dt.datetime(2026, 5, 1, 9, 0, 15, tzinfo=dt.UTC)

    with time_machine.travel(start, tick=False):
        for _ in range(3):
            assert client.get(ME).status_code == 200
        response = client.get(ME)
        assert api_client(second).get(ME).status_code == 200

    problem = assert_problem(response, 429)
    wait = int(response["Retry-After"])
    assert f"try again in {wait} seconds" in problem["detail"]
    # Retry-After is exact: every second before it is still refused, and then it is not.
    for second in range(wait):
        with time_machine.travel(start + dt.timedelta(seconds=second), tick=False):
            assert client.get(ME).status_code == 429
    with time_machine.travel(start + dt.timedelta(seconds=wait), tick=False):
        assert client.get(ME).status_code == 200
