"""Adding, editing and viewing one webhook: its secret and its deliveries."""

import pytest

from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.webhooks.conftest import make_hook
from webhooks import services
from webhooks.models import Delivery, Event, Hook

pytestmark = pytest.mark.django_db

NEW = "/accounts/webhooks/new/"


def detail(hook: Hook) -> str:
    return f"/accounts/webhooks/{hook.code}/"


def test_adding_a_hook(alice_client, alice, receiver):
    response = alice_client.post(
        NEW, {"url": f" {receiver.url} ", "events": ["interaction.logged", "contact.created"]}
    )

    hook = Hook.objects.get()
    assert response.status_code == 302 and response.url == detail(hook)
    assert hook.owner == alice
    assert hook.url == receiver.url
    assert hook.events == ["contact.created", "interaction.logged"]  # in the choices' order
    assert hook.signing_secret.startswith("whsec_")
    assert hook.is_active


def test_the_form_has_labelled_inputs(alice_client):
    page = html(alice_client.get(NEW))

    assert 'for="id_url">URL</label>' in page
    assert 'for="id_events_4"><input type="checkbox"' in page
    assert "Quick Connect sign-up" in page
    assert "Test event" not in page  # ping is sent on request, never subscribed to


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:8000/hook", "a private, loopback or reserved address"),
        ("http://169.254.169.254/latest/", "a private, loopback or reserved address"),
        ("ftp://example.com/", "Only http:// and https:// addresses"),
        ("x" * 1001, "at most 1000 characters"),
    ],
)
def test_a_refused_address_is_explained_next_to_the_field(alice_client, url, message):
    response = alice_client.post(NEW, {"url": url, "events": ["contact.created"]})

    assert response.status_code == 422
    assert message in html(response)
    assert not Hook.objects.exists()


def test_at_least_one_event(alice_client, receiver):
    response = alice_client.post(NEW, {"url": receiver.url})

    assert "Choose at least one event." in html(response)
    assert not Hook.objects.exists()


def test_an_invalid_htmx_form_comes_back_as_the_form_alone(alice_client):
    response = alice_client.post(NEW, {"url": "ftp://x.example/"}, **HX)

    assert response.status_code == 422
    assert is_fragment(response)
    assert 'id="hook-form"' in html(response)


def test_editing_a_hook(alice_client, alice, receiver):
    hook = make_hook(alice, receiver.url, events=[Event.CONTACT_CREATED])
    secret = hook.secret

    response = alice_client.post(
        f"{detail(hook)}edit/", {"url": receiver.url + "2", "events": ["reminder.due"]}, **HX
    )

    assert response.status_code == 200 and response["HX-Redirect"] == detail(hook)
    hook.refresh_from_db()
    assert (hook.url, hook.events, hook.secret) == (receiver.url + "2", ["reminder.due"], secret)


def test_the_hooks_page_shows_its_secret_and_deliveries(alice_client, alice):
    hook = make_hook(alice)
    ping = services.send_test(hook)
    Delivery.objects.filter(pk=ping.pk).update(
        status="failed", attempts=7, response_code=502, error="The receiver answered 502."
    )
    services.send_test(hook)

    page = html(alice_client.get(detail(hook)))

    assert '<label for="hook-secret"' in page
    assert hook.signing_secret in page
    assert "Test event" in page
    assert "Failed" in page and "502" in page and "The receiver answered 502." in page
    assert "Pending" in page
    assert page.count("Redeliver<") == 1  # the failed one; the pending one is still trying


def test_deliveries_are_paginated_and_htmx_gets_the_list_alone(alice_client, alice):
    hook = make_hook(alice)
    for _ in range(25):
        services.send_test(hook)

    first = html(alice_client.get(detail(hook)))
    response = alice_client.get(detail(hook) + "?page=2", **HX)

    assert "Page 1 of 2" in first
    assert is_fragment(response)
    assert html(response).count("<tr>") == 1 + 5  # the header row and the last 5


def test_a_hook_without_deliveries_says_so(alice_client, alice):
    assert "Nothing sent yet." in html(alice_client.get(detail(make_hook(alice))))


def test_a_disabled_hook_says_why_and_offers_to_enable_it(alice_client, alice):
    hook = make_hook(alice)
    services.disable(hook, "5 deliveries in a row failed after 7 attempts each.")

    page = html(alice_client.get(detail(hook)))

    assert "Disabled since" in page
    assert "5 deliveries in a row failed after 7 attempts each." in page
    assert f'action="/accounts/webhooks/{hook.code}/enable/"' in page


def test_another_users_hook_is_404(alice_client, charlie, receiver):
    hook = make_hook(charlie, receiver.url)

    assert alice_client.get(detail(hook)).status_code == 404
    assert alice_client.get(f"{detail(hook)}edit/").status_code == 404
    response = alice_client.post(f"{detail(hook)}edit/", {"url": receiver.url, "events": ["ping"]})
    assert response.status_code == 404


def test_anonymous_is_sent_to_log_in(client, alice):
    hook = make_hook(alice)

    for url in (NEW, detail(hook), f"{detail(hook)}edit/"):
        assert client.get(url).url == login_url_for(url)


def test_methods_that_are_not_allowed(alice_client, alice):
    hook = make_hook(alice)

    assert alice_client.post(detail(hook)).status_code == 405
    assert alice_client.put(NEW).status_code == 405
    assert alice_client.delete(f"{detail(hook)}edit/").status_code == 405
