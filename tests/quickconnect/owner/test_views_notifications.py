import pytest
from django.urls import reverse
from django.utils import timezone

from quickconnect.models import Notification
from tests.quickconnect.owner.conftest import (
    HX,
    NOW,
    find_all,
    find_one,
    html,
    login_url_for,
    make_code,
    make_contact,
    make_notification,
    submit,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("quickconnect:notifications")
READ_ALL_URL = reverse("quickconnect:notifications_read_all")


def read_url(notification) -> str:
    return reverse("quickconnect:notification_read", args=[notification.code])


def bell(page: str):
    return find_one(page, "a", href=LIST_URL)


def unread_count(owner) -> int:
    return Notification.objects.for_owner(owner).unread().count()


def test_empty_state(alice_client):
    page = html(alice_client.get(LIST_URL))

    assert "Nothing yet." in page
    assert READ_ALL_URL not in page


def test_a_submission_appears_in_the_list_and_links_to_the_contact(alice_client, alice):
    outcome = submit(make_code(alice, event_name="RustConf"), "Grace Hopper")

    response = alice_client.get(LIST_URL)

    assert response.status_code == 200
    page = html(response)
    assert "Grace Hopper added themselves via Quick Connect" in page
    assert "Met at RustConf" in page
    notification = Notification.objects.get()
    assert notification.url == reverse("contacts:detail", args=[outcome.contact.code])
    form = find_one(page, "form", action=read_url(notification))
    assert [b.clean_text for b in find_all(form.descendants(), "button")] == [
        "Open Grace Hopper added themselves via Quick Connect",
        "Mark read Grace Hopper added themselves via Quick Connect",
    ]


def test_newest_first_with_unread_marked_new(alice_client, alice):
    make_notification(alice, title="Older and read", read_at=timezone.now())
    make_notification(alice, title="Newer and unread")

    page = html(alice_client.get(LIST_URL))

    assert page.index("Newer and unread") < page.index("Older and read")
    assert page.count(">New</span>") == 1
    assert find_one(page, "form", action=READ_ALL_URL)


def test_bell_shows_the_unread_count_on_every_page(alice_client, alice):
    make_notification(alice, title="One")
    make_notification(alice, title="Two")
    make_notification(alice, title="Old", read_at=timezone.now())

    for url in (reverse("contacts:list"), reverse("quickconnect:list"), LIST_URL):
        link = bell(html(alice_client.get(url)))
        assert link.get("aria-label") == "Notifications, 2 unread"
        badges = [e for e in link.descendants() if "badge" in e.classes]
        assert [b.clean_text for b in badges] == ["2"]


def test_bell_without_unread_has_no_badge(alice_client, alice):
    make_notification(alice, read_at=timezone.now())

    link = bell(html(alice_client.get(reverse("contacts:list"))))

    assert link.get("aria-label") == "Notifications"
    assert not [e for e in link.descendants() if "badge" in e.classes]


def test_bell_counts_only_my_notifications(alice_client, alice, charlie):
    make_notification(charlie, title="Charlie's news")

    link = bell(html(alice_client.get(reverse("contacts:list"))))

    assert link.get("aria-label") == "Notifications"


def test_only_my_notifications_are_listed(alice_client, alice, charlie):
    make_notification(alice, title="For Alice")
    make_notification(charlie, title="For Charlie only")

    page = html(alice_client.get(LIST_URL))

    assert "For Alice" in page
    assert "For Charlie only" not in page


def test_mark_one_read(alice_client, alice, frozen):
    first = make_notification(alice, title="First")
    second = make_notification(alice, title="Second")

    response = alice_client.post(read_url(first))

    assert response.status_code == 302
    assert response.url == LIST_URL
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at == NOW
    assert second.read_at is None
    assert bell(html(alice_client.get(LIST_URL))).get("aria-label") == "Notifications, 1 unread"


def test_marking_read_again_keeps_the_first_time(alice_client, alice, frozen):
    earlier = NOW.replace(hour=1)
    notification = make_notification(alice, read_at=earlier)

    alice_client.post(read_url(notification))

    notification.refresh_from_db()
    assert notification.read_at == earlier


def test_open_marks_read_and_goes_to_the_contact(alice_client, alice):
    contact = make_contact(alice, name="Grace Hopper")
    contact_url = reverse("contacts:detail", args=[contact.code])
    notification = make_notification(alice, contact=contact)

    response = alice_client.post(read_url(notification), {"open": "1"})

    assert response.status_code == 302
    assert response.url == contact_url
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "Grace Hopper" in html(alice_client.get(response.url))


def test_open_without_a_link_returns_to_the_list(alice_client, alice):
    notification = make_notification(alice)

    response = alice_client.post(read_url(notification), {"open": "1"})

    assert response.url == LIST_URL


def test_mark_all_read_leaves_other_peoples_alone(alice_client, alice, charlie, frozen):
    make_notification(alice, title="One")
    make_notification(alice, title="Two")
    charlies = make_notification(charlie, title="Charlie's")

    response = alice_client.post(READ_ALL_URL)

    assert response.status_code == 302
    assert response.url == LIST_URL
    assert unread_count(alice) == 0
    assert set(Notification.objects.filter(owner=alice).values_list("read_at", flat=True)) == {NOW}
    charlies.refresh_from_db()
    assert charlies.read_at is None
    page = html(alice_client.get(LIST_URL))
    assert ">New</span>" not in page
    assert READ_ALL_URL not in page


def test_htmx_mark_read_redirects_the_browser(alice_client, alice):
    notification = make_notification(alice)

    read = alice_client.post(read_url(notification), **HX)
    read_all = alice_client.post(READ_ALL_URL, **HX)

    assert read["HX-Redirect"] == read_all["HX-Redirect"] == LIST_URL
    assert unread_count(alice) == 0


def test_outsider_cannot_mark_or_open_my_notification(charlie_client, alice):
    notification = make_notification(alice, contact=make_contact(alice))

    assert charlie_client.post(read_url(notification)).status_code == 404
    assert charlie_client.post(read_url(notification), {"open": "1"}).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_outsiders_mark_all_does_not_touch_mine(charlie_client, alice):
    make_notification(alice)

    charlie_client.post(READ_ALL_URL)

    assert unread_count(alice) == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_log_in(client, alice, method):
    notification = make_notification(alice)
    url = LIST_URL if method == "get" else read_url(notification)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url == login_url_for(url)
    assert unread_count(alice) == 1


def test_anonymous_mark_all_changes_nothing(client, alice):
    make_notification(alice)

    response = client.post(READ_ALL_URL)

    assert response.url == login_url_for(READ_ALL_URL)
    assert unread_count(alice) == 1


def test_wrong_methods_are_not_allowed(alice_client, alice):
    notification = make_notification(alice)

    assert alice_client.post(LIST_URL).status_code == 405
    assert alice_client.get(read_url(notification)).status_code == 405
    assert alice_client.get(READ_ALL_URL).status_code == 405
    assert unread_count(alice) == 1
