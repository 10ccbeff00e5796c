"""What the owner does to a webhook: delete, new secret, test event, enable, redeliver."""

import pytest
from django.contrib.messages import get_messages

from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.webhooks.conftest import make_hook
from webhooks import services
from webhooks.models import Delivery, Event, Hook

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def url(hook: Hook, action: str = "") -> str:
    return f"/accounts/webhooks/{hook.code}/{action}"


def test_deleting_asks_first_then_deletes_with_the_log(alice_client, alice):
    hook = make_hook(alice)
    services.send_test(hook)

    page = html(alice_client.get(url(hook, "delete/")))
    response = alice_client.post(url(hook, "delete/"))

    assert "Delete this webhook?" in page
    assert f'href="{url(hook)}"' in page  # cancel goes back
    assert response.url == "/accounts/webhooks/"
    assert not Hook.objects.exists() and not Delivery.objects.exists()


def test_the_confirmation_is_a_fragment_for_htmx(alice_client, alice):
    response = alice_client.get(url(make_hook(alice), "delete/"), **HX)

    assert is_fragment(response)
    assert "Delete this webhook?" in html(response)


def test_a_new_secret_after_asking(alice_client, alice):
    hook = make_hook(alice)
    old = hook.secret

    assert "Make a new secret?" in html(alice_client.get(url(hook, "rotate-secret/")))
    response = alice_client.post(url(hook, "rotate-secret/"))

    assert response.url == url(hook)
    hook.refresh_from_db()
    assert hook.secret != old
    assert hook.signing_secret in html(alice_client.get(url(hook)))


def test_a_test_event_is_queued_for_this_hook_only(alice_client, alice):
    hook = make_hook(alice, events=[Event.REMINDER_DUE])
    make_hook(alice, "https://other.example.com/")

    response = alice_client.post(url(hook, "test/"))

    assert response.url == url(hook)
    assert messages_of(response) == ["Test event queued; it is sent within a minute."]
    (delivery,) = Delivery.objects.all()
    assert (delivery.hook, delivery.event) == (hook, Event.PING)
    assert delivery.payload["hook"]["code"] == str(hook.code)


def test_enabling_a_disabled_hook(alice_client, alice):
    hook = make_hook(alice)
    services.disable(hook, "Kept failing.")

    response = alice_client.post(url(hook, "enable/"), **HX)

    assert response["HX-Redirect"] == url(hook)
    hook.refresh_from_db()
    assert hook.is_active and hook.disabled_at is None and hook.failure_streak == 0


def test_redelivering_queues_the_same_event_again(alice_client, alice):
    hook = make_hook(alice)
    sent = services.send_test(hook)
    Delivery.objects.filter(pk=sent.pk).update(status="failed", attempts=7, next_attempt_at=None)

    response = alice_client.post(f"/accounts/webhooks/deliveries/{sent.code}/redeliver/")

    assert response.url == url(hook)
    again = Delivery.objects.exclude(pk=sent.pk).get()
    assert (again.event_id, again.payload, again.status) == (sent.event_id, sent.payload, "pending")
    assert again.attempts == 0 and again.next_attempt_at is not None


@pytest.mark.parametrize("action", ["delete/", "rotate-secret/", "test/", "enable/"])
def test_another_users_hook_is_404_and_unchanged(alice_client, charlie, action):
    hook = make_hook(charlie)
    services.disable(hook, "Kept failing.")

    assert alice_client.post(url(hook, action)).status_code == 404
    assert Hook.objects.get() == hook
    assert Hook.objects.values_list("secret", "is_active").get() == (hook.secret, False)
    assert not Delivery.objects.exists()


def test_another_users_delivery_is_404(alice_client, charlie):
    sent = services.send_test(make_hook(charlie))

    response = alice_client.post(f"/accounts/webhooks/deliveries/{sent.code}/redeliver/")

    assert response.status_code == 404
    assert Delivery.objects.count() == 1


@pytest.mark.parametrize("action", ["test/", "enable/"])
def test_post_only_actions_refuse_get(alice_client, alice, action):
    assert alice_client.get(url(make_hook(alice), action)).status_code == 405


def test_redeliver_refuses_get(alice_client, alice):
    sent = services.send_test(make_hook(alice))

    assert (
        alice_client.get(f"/accounts/webhooks/deliveries/{sent.code}/redeliver/").status_code == 405
    )


def test_anonymous_is_sent_to_log_in(client, alice):
    hook = make_hook(alice)

    for path in (url(hook, "delete/"), url(hook, "rotate-secret/")):
        assert client.get(path).url == login_url_for(path)
    assert client.post(url(hook, "test/")).url == login_url_for(url(hook, "test/"))
