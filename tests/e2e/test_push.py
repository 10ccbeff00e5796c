"""Push reminders in the browser: the service worker shows a pushed reminder, and its click
opens the reminder's contact; the settings section asks for permission only on the click.

Headless Chromium has no push service, so `pushManager.subscribe` cannot be exercised here (the
subscribe endpoint and the encryption are tested server-side in tests/push/). The push itself
is delivered with the DevTools protocol's `ServiceWorker.deliverPushMessage`, which fires a real
`push` event in the registered worker, as a push service's message would.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from push import services, vapid
from push.models import PushSubscription
from push.services import reminder_message
from push.vapid import new_key_pair
from reminders.models import Reminder
from tests.conftest import make_contact, make_user
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTIFICATIONS = """async (tag) => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications({tag})).map(
        (n) => ({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url}));
}"""

# A click on the notification, from inside the service worker. Browsers give no way to click a
# system notification from a test, so the worker's own `notificationclick` listener is run with
# a NotificationEvent carrying the notification it showed (found by getNotifications). Two things
# only a real click grants are stood in for: `waitUntil` (refused on script-made events) keeps
# the listener's promise to await, and `clients.openWindow` / `WindowClient.focus` (allowed only
# during a real click) record what they were asked to open or focus. The test then opens that
# address in the page, as the browser would.
CLICK = """async (tag) => {
    const [notification] = await self.registration.getNotifications({tag});
    const opened = [], focused = [];
    const openWindow = self.clients.openWindow, focus = WindowClient.prototype.focus;
    self.clients.openWindow = async (url) => { opened.push(url); return null; };
    WindowClient.prototype.focus = async function () { focused.push(this.url); return this; };
    try {
        const event = new NotificationEvent("notificationclick", {notification});
        let work = Promise.resolve();
        Object.defineProperty(event, "waitUntil", {value: (promise) => { work = promise; }});
        self.dispatchEvent(event);
        await work;
    } finally {
        self.clients.openWindow = openWindow;
        WindowClient.prototype.focus = focus;
    }
    const left = (await self.registration.getNotifications({tag})).length;
    return {opened, focused, left};
}"""


ACTIVATED = """async () => {
    await navigator.serviceWorker.register('/sw.js', {scope: '/'});
    const worker = (await navigator.serviceWorker.ready).active;
    if (worker.state !== 'activated') {
        await new Promise((done) => worker.addEventListener('statechange', () => {
            if (worker.state === 'activated') done();
        }));
    }
}"""


def push_to_worker(page: Page, origin: str, payload: str, tag: str) -> None:
    """Register /sw.js (as push.js does), wait until it is activated, and deliver `payload` to it
    as a push message until the notification tagged `tag` shows (a busy machine can drop a push
    delivered while the worker starts; a real push service retries the same way)."""
    page.evaluate(ACTIVATED)
    cdp = page.context.new_cdp_session(page)
    registrations: list[dict] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(
            r
            for r in event["registrations"]
            if not r["isDeleted"] and r["scopeURL"] == origin + "/"
        ),
    )
    cdp.send("ServiceWorker.enable")
    for _ in range(100):
        if registrations:
            break
        page.wait_for_timeout(50)
    assert registrations, "the service worker did not register"
    for _ in range(3):
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": origin,
                "registrationId": registrations[0]["registrationId"],
                "data": payload,
            },
        )
        if shown(page, tag):
            return


def shown(page: Page, tag: str) -> list[dict]:
    for _ in range(100):
        if notifications := page.evaluate(NOTIFICATIONS, tag):
            return notifications
        page.wait_for_timeout(50)
    return []


def test_a_pushed_reminder_is_shown_and_its_click_opens_the_contact(page: Page, live_server):
    ada = make_user("ada")
    grace = make_contact(ada, name="Grace Hopper")
    today = timezone.localdate()
    reminder = Reminder.objects.create(
        owner=ada, contact=grace, title="Send Grace the COBOL notes", due_on=today
    )
    message = reminder_message(reminder, today)
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    log_in(page, "ada")

    push_to_worker(page, live_server.url, message.payload(), message.tag)

    assert shown(page, message.tag) == [
        {
            "title": "Send Grace the COBOL notes",
            "body": "Due today · Grace Hopper",
            "tag": f"reminder-{reminder.code}",
            "url": f"/contacts/{grace.code}/",
        }
    ]
    (worker,) = page.context.service_workers
    click = worker.evaluate(CLICK, message.tag)
    assert click == {
        "opened": [f"{live_server.url}/contacts/{grace.code}/"],
        "focused": [],
        "left": 0,
    }
    page.goto(click["opened"][0])
    expect(page.get_by_role("heading", name="Grace Hopper", exact=True)).to_be_visible()
    # The reminder is there to act on.
    expect(page.get_by_role("button", name="Done : Send Grace the COBOL notes")).to_be_visible()


def test_a_click_focuses_a_tab_already_on_that_page(page: Page, live_server):
    ada = make_user("ada")
    due = Reminder.objects.create(
        owner=ada, title="Renew the ticket", due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    message = reminder_message(due, timezone.localdate())
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    log_in(page, "ada")
    page.goto(message.url)  # the reminder, opened in the list

    push_to_worker(page, live_server.url, message.payload(), message.tag)
    assert [n["body"] for n in shown(page, message.tag)] == [f"Overdue since {due.due_on:%-d %B}"]

    (worker,) = page.context.service_workers
    click = worker.evaluate(CLICK, message.tag)
    assert click["opened"] == []
    assert click["focused"] == [f"{live_server.url}{message.url.split('#')[0]}#reminder-{due.code}"]
    expect(page.locator(f"#reminder-{due.code}")).to_contain_text("Renew the ticket")


def test_a_payload_cannot_send_the_click_to_another_site(page: Page, live_server):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    make_user("ada")
    log_in(page, "ada")

    push_to_worker(
        page, live_server.url, '{"title": "Hi", "url": "https://evil.example/", "tag": "x"}', "x"
    )
    assert shown(page, "x")

    (worker,) = page.context.service_workers
    assert worker.evaluate(CLICK, "x")["opened"] == [f"{live_server.url}/reminders/"]


def test_permission_is_asked_only_on_the_click_and_a_refusal_is_explained(page: Page, live_server):
    make_user("ada")
    log_in(page, "ada")
    page.evaluate("window.__asked = 0")
    page.goto("/reminders/settings/")
    page.evaluate(
        "() => { const ask = Notification.requestPermission.bind(Notification);"
        " window.__asked = 0;"
        " Notification.requestPermission = () => { window.__asked += 1; return ask(); }; }"
    )
    section = page.get_by_role("region", name="Push reminders")
    button = section.get_by_role("button", name="Turn on push reminders for this device")
    expect(button).to_be_visible()
    assert page.evaluate("window.__asked") == 0

    button.click()

    # Headless Chromium answers the permission prompt with a refusal.
    expect(section.get_by_role("status").first).to_have_text(
        re.compile(r"(Notifications are blocked for this site|Push reminders stay off)")
    )
    assert page.evaluate("window.__asked") == 1


def test_a_device_is_removed_from_the_settings_after_confirming(page: Page, live_server):
    ada = make_user("ada")
    services.subscribe(
        ada,
        endpoint="https://fcm.googleapis.com/fcm/send/old-phone",
        p256dh=new_key_pair()[1],
        auth="AAAAAAAAAAAAAAAAAAAAAA",
        user_agent="Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36",
    )
    log_in(page, "ada")
    page.goto("/reminders/settings/")
    devices = page.get_by_role("list", name="Devices with push reminders")
    expect(devices).to_contain_text("Chrome on Android")
    dialogs: list[str] = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))

    devices.get_by_role("link", name=re.compile(r"^Remove Chrome on Android")).click()

    expect(page.get_by_text("No device gets push reminders yet.")).to_be_visible()
    assert dialogs == ["Remove Chrome on Android? It gets no more push reminders."]
    assert not PushSubscription.objects.exists()


# The browser side of subscribing, with only the push service stood in for: headless Chromium
# has none, so PushManager.subscribe answers with a subscription the way a browser's looks.
FAKE_PUSH_MANAGER = """
PushManager.prototype.getSubscription = async function () { return null; };
PushManager.prototype.subscribe = async function (options) {
    const key = btoa(String.fromCharCode(...new Uint8Array(options.applicationServerKey)))
        .replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
    window.__subscribed = {userVisibleOnly: options.userVisibleOnly, key};
    return {options, toJSON: () => ({endpoint: "https://fcm.googleapis.com/fcm/send/e2e",
        keys: {p256dh: "%s", auth: "AAAAAAAAAAAAAAAAAAAAAA"}})};
};
"""


def test_turning_push_on_posts_the_subscription_and_lists_the_device(page: Page, live_server):
    ada = make_user("ada")
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(FAKE_PUSH_MANAGER % new_key_pair()[1])
    log_in(page, "ada")
    page.goto("/reminders/settings/")
    section = page.get_by_role("region", name="Push reminders")

    section.get_by_role("button", name="Turn on push reminders for this device").click()

    expect(page.locator("#push-state")).to_have_text("Push reminders are on for this browser.")
    devices = section.get_by_role("list", name="Devices with push reminders")
    expect(devices).to_contain_text("Chrome on Linux")
    assert page.evaluate("window.__subscribed") == {
        "userVisibleOnly": True,
        "key": vapid.key_pair()[1],
    }
    device = PushSubscription.objects.get()
    assert (device.owner, device.endpoint) == (ada, "https://fcm.googleapis.com/fcm/send/e2e")
