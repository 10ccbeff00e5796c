import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGOUT_URL = reverse("accounts:logout")


def test_logout_ends_the_session_and_shows_the_login_page(alice_client):
    response = alice_client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert SESSION_KEY not in alice_client.session

    contacts = alice_client.get(reverse("contacts:list"))
    assert contacts.status_code == 302
    assert contacts.url.startswith(reverse("accounts:login"))


def test_logout_by_get_is_refused_and_keeps_the_session(alice_client, alice):
    response = alice_client.get(LOGOUT_URL)

    assert response.status_code == 405
    assert alice_client.session[SESSION_KEY] == str(alice.pk)
    assert alice_client.get(reverse("contacts:list")).status_code == 200


def test_logout_needs_the_csrf_token(alice, client):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.force_login(alice)

    response = csrf_client.post(LOGOUT_URL)

    assert response.status_code == 403
    assert csrf_client.session[SESSION_KEY] == str(alice.pk)
