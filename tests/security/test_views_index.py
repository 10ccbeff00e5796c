"""The Security page: the account's own log, its new-device setting and its push devices."""

import pytest
from django.urls import reverse

from push import services as push_services
from push.models import PushSubscription
from security.models import Event
from security.services import record
from tests.devhub.conftest import find_all, find_one, parse

pytestmark = pytest.mark.django_db

INDEX = reverse("security:index")
NOTIFY = reverse("security:notify")


def test_the_log_shows_only_the_users_own_events_newest_first(alice_client, alice, charlie):
    record(alice, Event.Kind.EXPORT, format="json")
    record(charlie, Event.Kind.ACCOUNT_DELETED)
    record(None, Event.Kind.LOGIN_FAILED, username="mallory")

    page = parse(alice_client.get(INDEX).content)

    rows = [row for row in find_all(page, "tr") if find_all(row.descendants(), "td")]
    firsts = [find_all(row.descendants(), "td")[0].clean_text for row in rows]
    assert firsts == ["Data exported (json)", "Logged in"]  # the fixture's log-in came first


def test_the_log_is_paginated_by_25(alice_client, alice):
    for _ in range(30):
        record(alice, Event.Kind.LOGIN)

    first = parse(alice_client.get(INDEX).content)
    second = parse(alice_client.get(INDEX, {"page": 2}).content)

    assert len(find_all(first, "td")) == 25 * 4
    assert len(find_all(second, "td")) == 6 * 4
    assert find_all(first, "a", rel="next")


def test_htmx_gets_only_the_log(alice_client):
    response = alice_client.get(INDEX, {"page": "2"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html


def test_the_menu_links_to_the_page(alice_client):
    page = parse(alice_client.get(reverse("home")).content)

    assert find_all(page, "a", href=INDEX)


def test_the_new_device_setting_is_a_labelled_checkbox_that_saves(alice_client, alice):
    page = parse(alice_client.get(INDEX).content)
    box = find_one(page, "input", name="notify_new_device")
    assert box.get("type") == "checkbox" and box.has("checked")
    assert find_all(page, "label", for_=box.get("id"))

    response = alice_client.post(NOTIFY, {})

    assert response.status_code == 302 and response.url == INDEX
    alice.refresh_from_db()
    assert alice.notify_new_device is False
    alice_client.post(NOTIFY, {"notify_new_device": "on"})
    alice.refresh_from_db()
    assert alice.notify_new_device is True


def push_device(owner, name: str) -> PushSubscription:
    return push_services.subscribe(
        owner,
        endpoint=f"https://push.example.com/{name}",
        p256dh="BPublicKey",
        auth="AuthSecret",
        user_agent="Mozilla/5.0 (Android 14) Firefox/120.0",
    )


def test_push_devices_are_listed_and_removed_after_asking(alice_client, alice):
    device = push_device(alice, "phone")
    url = reverse("push:remove", args=[device.code]) + f"?next={INDEX}"
    assert find_all(parse(alice_client.get(INDEX).content), "a", href=url)

    confirm = parse(alice_client.get(url).content)
    assert find_all(confirm, "form", action=url)  # the answer keeps where to go back to
    assert find_all(confirm, "a", href=INDEX)  # and so does Cancel
    response = alice_client.post(url)

    assert response.status_code == 302 and response.url == INDEX
    assert not PushSubscription.objects.filter(pk=device.pk).exists()


def test_another_users_push_device_is_404_and_stays(alice_client, charlie):
    device = push_device(charlie, "theirs")
    url = reverse("push:remove", args=[device.code]) + f"?next={INDEX}"

    assert alice_client.get(url).status_code == 404
    assert alice_client.post(url).status_code == 404
    assert PushSubscription.objects.filter(pk=device.pk).exists()
