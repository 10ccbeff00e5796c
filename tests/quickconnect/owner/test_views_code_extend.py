import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.quickconnect.owner.conftest import (
    HX,
    NOW,
    html,
    login_url_for,
    make_code,
    public_path,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("quickconnect:list")
DAY = dt.timedelta(hours=24)


def extend_url(code) -> str:
    return reverse("quickconnect:extend", args=[code.code])


def test_a_running_code_gets_24_more_hours_from_its_expiry(alice_client, alice, frozen):
    code = make_code(alice, expires_at=NOW + dt.timedelta(hours=5))

    response = alice_client.post(extend_url(code))

    assert response.status_code == 302
    assert response.url == LIST_URL
    code.refresh_from_db()
    assert code.expires_at == NOW + dt.timedelta(hours=29)


def test_an_expired_code_gets_24_hours_from_now_and_works_again(
    alice_client, client, alice, frozen
):
    code = make_code(alice, expires_at=NOW - dt.timedelta(days=3))
    assert Client().get(public_path(code)).status_code == 410

    alice_client.post(extend_url(code))

    code.refresh_from_db()
    assert code.expires_at == NOW + DAY
    assert Client().get(public_path(code)).status_code == 200


def test_extending_twice_adds_up(alice_client, alice, frozen):
    code = make_code(alice, expires_at=NOW + DAY)

    alice_client.post(extend_url(code))
    alice_client.post(extend_url(code))

    code.refresh_from_db()
    assert code.expires_at == NOW + 3 * DAY


def test_the_list_says_until_when(alice_client, alice, frozen):
    code = make_code(alice, expires_at=NOW + dt.timedelta(hours=1))

    page = html(alice_client.post(extend_url(code), follow=True))

    assert "The code now works until 15 May 2026, 10:30." in page


def test_a_revoked_code_cannot_be_extended(alice_client, alice, frozen):
    revoked_at = NOW - dt.timedelta(minutes=5)
    code = make_code(alice, expires_at=NOW + dt.timedelta(hours=1), revoked_at=revoked_at)

    response = alice_client.post(extend_url(code), follow=True)

    assert "A revoked code cannot be extended; create a new one." in html(response)
    code.refresh_from_db()
    assert code.expires_at == NOW + dt.timedelta(hours=1)
    assert code.revoked_at == revoked_at
    assert Client().get(public_path(code)).status_code == 410


def test_htmx_extend_redirects_the_browser_to_the_list(alice_client, alice, frozen):
    code = make_code(alice, expires_at=NOW)

    response = alice_client.post(extend_url(code), **HX)

    assert response["HX-Redirect"] == LIST_URL
    code.refresh_from_db()
    assert code.expires_at == NOW + DAY


def test_outsider_gets_404_and_nothing_changes(charlie_client, alice):
    expires_at = timezone.now() + dt.timedelta(hours=1)
    code = make_code(alice, expires_at=expires_at)

    assert charlie_client.post(extend_url(code)).status_code == 404
    code.refresh_from_db()
    assert code.expires_at == expires_at


def test_anonymous_is_sent_to_log_in_and_nothing_changes(client, alice):
    expires_at = timezone.now() + dt.timedelta(hours=1)
    code = make_code(alice, expires_at=expires_at)

    response = client.post(extend_url(code))

    assert response.status_code == 302
    assert response.url == login_url_for(extend_url(code))
    code.refresh_from_db()
    assert code.expires_at == expires_at


def test_get_is_not_allowed_and_changes_nothing(alice_client, alice):
    expires_at = timezone.now() + dt.timedelta(hours=1)
    code = make_code(alice, expires_at=expires_at)

    assert alice_client.get(extend_url(code)).status_code == 405
    code.refresh_from_db()
    assert code.expires_at == expires_at
