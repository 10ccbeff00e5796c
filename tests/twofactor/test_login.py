import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY

from security.models import Event
from tests.twofactor.helpers import app_code, log_in, turn_on_app, verify
from twofactor import flow

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def app(alice, clock):
    return turn_on_app(alice)


def test_without_two_factor_the_password_logs_in(client, alice, clock):
    response = log_in(client)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_the_password_alone_does_not_log_in(client, app):
    response = log_in(client, next_url="/contacts/?q=ada")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/verify/?next=%2Fcontacts%2F%3Fq%3Dada"
    assert SESSION_KEY not in client.session
    assert client.get("/contacts/").status_code == 302  # still logged out


def test_the_app_code_logs_in_and_keeps_next(client, alice, app):
    device, _ = app
    log_in(client, next_url="/contacts/?q=ada")

    page = client.get("/accounts/2fa/verify/")
    response = verify(client, app_code(device))

    assert page.status_code == 200
    assert b"Code from your app, or a recovery code" in page.content
    assert response.status_code == 302
    assert response["Location"] == "/contacts/?q=ada"
    assert client.session[SESSION_KEY] == str(alice.pk)
    login = Event.objects.filter(user=alice, kind=Event.Kind.LOGIN).latest("id")
    assert login.details["method"] == "totp"


def test_a_wrong_code_is_refused_and_counted_by_axes(client, alice, app):
    log_in(client)

    response = verify(client, "000000")

    assert response.status_code == 400
    assert b"That code is not right" in response.content
    assert SESSION_KEY not in client.session
    assert AccessAttempt.objects.filter(username="alice").exists()


def test_too_many_wrong_codes_go_back_to_the_password(client, app, clock):
    log_in(client)
    for _ in range(flow.MAX_WRONG_CODES - 1):
        verify(client, "000000")
        clock.shift(dt.timedelta(seconds=30))

    response = verify(client, "000000")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert flow.PENDING not in client.session
    assert client.get("/accounts/2fa/verify/")["Location"] == "/accounts/login/"


def test_wrong_codes_lock_out_like_wrong_passwords(client, app, clock):
    for _ in range(2):
        log_in(client)
        for _ in range(flow.MAX_WRONG_CODES):
            response = verify(client, "000000")
            clock.shift(dt.timedelta(seconds=30))

    assert response.status_code == 429  # django-axes' lock-out page
    assert b"are paused" in response.content


def test_the_second_step_expires_after_five_minutes(client, app, clock):
    device, _ = app
    log_in(client)
    clock.shift(dt.timedelta(minutes=5, seconds=1))

    response = verify(client, app_code(device))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert SESSION_KEY not in client.session


def test_the_verify_page_without_a_password_step_sends_to_log_in(client, db):
    response = client.get("/accounts/2fa/verify/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"


def test_a_recovery_code_works_once(client, alice, app):
    _, codes = app
    log_in(client)

    first = verify(client, codes[3].upper())
    client.post("/accounts/logout/")
    log_in(client)
    second = verify(client, codes[3])

    assert first.status_code == 302
    assert first["Location"] == "/"
    assert second.status_code == 400
    assert b"used before" in second.content
    assert SESSION_KEY not in client.session
    used = Event.objects.get(user=alice, kind=Event.Kind.RECOVERY_CODE_USED)
    assert used.details == {"codes_left": 9}


def test_a_wrong_password_never_reaches_the_second_step(client, app):
    response = log_in(client, password="wrong")

    assert response.status_code == 200
    assert flow.PENDING not in client.session
