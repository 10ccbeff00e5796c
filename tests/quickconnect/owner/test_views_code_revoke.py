import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from quickconnect.models import QuickConnectCode
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


def revoke_url(code) -> str:
    return reverse("quickconnect:revoke", args=[code.code])


def test_revoking_stops_the_public_link(alice_client, alice, frozen):
    code = make_code(alice, event_name="RustConf")
    assert Client().get(public_path(code)).status_code == 200

    response = alice_client.post(revoke_url(code))

    assert response.status_code == 302
    assert response.url == LIST_URL
    code.refresh_from_db()
    assert code.revoked_at == NOW
    gone = Client().get(public_path(code))
    assert gone.status_code == 410


def test_the_list_confirms_and_shows_the_code_as_revoked(alice_client, alice):
    code = make_code(alice, event_name="RustConf")

    page = html(alice_client.post(revoke_url(code), follow=True))

    assert "Revoked the code for RustConf; its link stops working." in page
    assert "Revoked</span>" in page
    assert revoke_url(code) not in page


def test_revoking_twice_keeps_the_first_time(alice_client, alice):
    code = make_code(alice)
    with time_machine.travel(NOW, tick=False):
        alice_client.post(revoke_url(code))

    with time_machine.travel(NOW + dt.timedelta(hours=3), tick=False):
        response = alice_client.post(revoke_url(code))

    assert response.status_code == 302
    code.refresh_from_db()
    assert code.revoked_at == NOW
    assert Client().get(public_path(code)).status_code == 410


def test_htmx_revoke_redirects_the_browser_to_the_list(alice_client, alice):
    code = make_code(alice)

    response = alice_client.post(revoke_url(code), **HX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == LIST_URL
    assert QuickConnectCode.objects.get().revoked_at is not None


def test_outsider_gets_404_and_the_code_keeps_working(charlie_client, alice):
    code = make_code(alice)

    response = charlie_client.post(revoke_url(code))

    assert response.status_code == 404
    code.refresh_from_db()
    assert code.revoked_at is None
    assert Client().get(public_path(code)).status_code == 200


def test_anonymous_is_sent_to_log_in_and_nothing_changes(client, alice):
    code = make_code(alice)

    response = client.post(revoke_url(code))

    assert response.status_code == 302
    assert response.url == login_url_for(revoke_url(code))
    code.refresh_from_db()
    assert code.revoked_at is None


def test_get_is_not_allowed_and_changes_nothing(alice_client, alice):
    code = make_code(alice)

    assert alice_client.get(revoke_url(code)).status_code == 405
    code.refresh_from_db()
    assert code.revoked_at is None
