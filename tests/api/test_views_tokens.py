import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from api import services
from api.models import ApiToken, token_hash
from tests.api.conftest import api_client, make_token
from tests.contacts.conftest import HX

pytestmark = pytest.mark.django_db

TOKENS = reverse("api:tokens")


def revoke_url(token: ApiToken) -> str:
    return reverse("api:revoke", args=[token.code])


def test_settings_links_to_the_tokens_page(alice_client):
    page = alice_client.get(reverse("reminders:preferences")).content.decode()

    assert f'href="{TOKENS}"' in page


def test_a_new_token_is_shown_once_and_stored_hashed(alice_client, alice):
    created = alice_client.post(
        TOKENS, {"name": " laptop   alias ", "scope": "write", "expires": "30"}
    )

    assert created.status_code == 302 and created.url == TOKENS
    response = alice_client.get(TOKENS)
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(owner=alice)
    secret = response.context["secret"]
    assert secret.startswith("dh_") and len(secret) > 40
    assert secret in response.content.decode()
    assert token.name == "laptop alias"
    assert token.scope == "write"
    assert token.key_hash == token_hash(secret) and secret not in token.key_hash
    assert token.hint == secret[:9]
    assert dt.timedelta(days=29) < token.expires_at - timezone.now() <= dt.timedelta(days=30)
    # Shown once: the list afterwards has its hint, never the secret.
    again = alice_client.get(TOKENS).content.decode()
    assert secret not in again and token.hint in again
    assert api_client(secret).get("/api/v1/me").status_code == 200


def test_a_token_that_never_expires(alice_client, alice):
    alice_client.post(TOKENS, {"name": "cron", "scope": "read", "expires": ""})

    assert ApiToken.objects.get(owner=alice).expires_at is None


def test_invalid_form_says_why_and_creates_nothing(alice_client, alice):
    response = alice_client.post(TOKENS, {"name": "", "scope": "admin"})

    assert response.status_code == 422
    page = response.content.decode()
    assert "This field is required." in page
    assert "Select a valid choice." in page
    assert not ApiToken.objects.exists()


def test_htmx_refused_form_answers_the_form_fragment(alice_client):
    response = alice_client.post(TOKENS, {"name": "", "scope": "read", "expires": ""}, **HX)

    page = response.content.decode()
    assert 'id="token-form"' in page and "<html" not in page
    assert "This field is required." in page


def test_htmx_created_token_reloads_the_page_to_show_it(alice_client):
    response = alice_client.post(TOKENS, {"name": "phone", "scope": "read", "expires": ""}, **HX)

    assert response["HX-Redirect"] == TOKENS
    assert alice_client.get(TOKENS).context["secret"].startswith("dh_")


def test_list_shows_last_use_scope_and_state(alice_client, alice):
    used, _ = make_token(alice, name="used")
    services.touch(used, timezone.make_aware(dt.datetime(2026, 3, 4, 10, 30)))
    revoked, _ = make_token(alice, name="gone")
    services.revoke(revoked)
    make_token(alice, name="fresh", scope="read")

    page = alice_client.get(TOKENS).content.decode()

    assert "last used 4 Mar 2026, 10:30" in page
    assert "never used" in page
    assert "Revoked" in page and "Read only" in page and "Read and write" in page
    assert revoke_url(used) in page and revoke_url(revoked) not in page


def test_tokens_of_others_are_not_listed(alice_client, charlie):
    make_token(charlie, name="charlies secret script")

    assert "charlies secret script" not in alice_client.get(TOKENS).content.decode()


def test_revoke_asks_first_then_stops_the_token(alice_client, alice):
    token, secret = make_token(alice)

    confirm = alice_client.get(revoke_url(token))
    assert confirm.status_code == 200
    assert "Revoke the token “script”?" in confirm.content.decode()
    assert api_client(secret).get("/api/v1/me").status_code == 200

    response = alice_client.post(revoke_url(token))

    assert response.status_code == 302 and response.url == TOKENS
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_client(secret).get("/api/v1/me").status_code == 401
    again = alice_client.post(revoke_url(token), follow=True)
    assert "already revoked" in again.content.decode()


def test_outsider_cannot_revoke(charlie_client, alice):
    token, _ = make_token(alice)

    assert charlie_client.get(revoke_url(token)).status_code == 404
    assert charlie_client.post(revoke_url(token)).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_anonymous_is_sent_to_log_in(client, alice):
    token, _ = make_token(alice)

    for url in (TOKENS, revoke_url(token)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_wrong_method_is_405(alice_client, alice):
    token, _ = make_token(alice)

    assert alice_client.put(TOKENS).status_code == 405
    assert alice_client.delete(revoke_url(token)).status_code == 405


def test_expired_tokens_are_marked(alice_client, alice):
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        make_token(alice, expires_at=timezone.now() + dt.timedelta(days=1))
    with time_machine.travel(dt.datetime(2026, 2, 1, tzinfo=dt.UTC)):
        page = alice_client.get(TOKENS).content.decode()

    assert "Expired" in page and "expired 2 Jan 2026" in page
