"""The installable app in Chromium: installable, its service worker in control, offline capture
of a contact and an interaction sent once when the connection returns, refusals brought back,
and signing out emptying what the worker kept."""

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from contacts.models import Contact
from interactions.models import Interaction
from pwa import views
from tests.conftest import make_contact, make_user
from tests.e2e.conftest import CHROMIUM_FLAGS, chromium_path
from tests.e2e.test_contacts_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A function, not an expression: polling an expression needs eval, which the CSP forbids.
CONTROLLED = "() => navigator.serviceWorker.controller !== null"


def worker_in_control(page: Page) -> None:
    """Waits until the service worker is active and controls the page (after a reload if it
    installed during this page's load)."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate(CONTROLLED):
        page.reload()
    page.wait_for_function(CONTROLLED)


def entries(page: Page) -> list[dict]:
    return page.evaluate("DevhubQueue.all()")


def open_capture_offline(page: Page) -> None:
    """Signed in and online once (the worker installs), then the connection goes."""
    log_in(page, "ada")
    worker_in_control(page)
    page.wait_for_function(  # the device knows who is signed in, for when it is offline
        """() => {
            DevhubQueue.account().then(who => { window.signedIn = who; });
            return Boolean(window.signedIn);
        }"""
    )
    page.context.set_offline(True)
    page.goto("/contacts/new/")  # without a connection: the capture page, from the worker's cache
    expect(page.get_by_role("heading", name="Capture", level=1)).to_be_visible()


@pytest.fixture
def profile_page(browser: Browser, live_server, tmp_path) -> Page:
    """A page in a browser profile on disk: Chromium never offers to install from an incognito
    context, which is what the `page` fixture's fresh contexts are."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile",
        executable_path=chromium_path(),
        args=CHROMIUM_FLAGS,
        base_url=live_server.url,
    )
    context.set_default_timeout(10_000)
    yield context.pages[0] if context.pages else context.new_page()
    context.close()


def test_installable_with_manifest_icons_and_an_active_worker(profile_page: Page) -> None:
    page = profile_page
    make_user("ada")
    log_in(page, "ada")
    worker_in_control(page)
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert not manifest["errors"], manifest["errors"]
    parsed = json.loads(manifest["data"])
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in parsed["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in parsed["icons"]:
        assert page.request.get(icon["src"]).headers["content-type"] == "image/png"
    assert parsed["display"] == "standalone" and parsed["scope"] == "/"
    state = page.evaluate("navigator.serviceWorker.ready.then(r => [r.scope, r.active.state])")
    assert state == [page.url.split("/contacts/")[0] + "/", "activated"]


def test_a_new_version_takes_over_and_deletes_the_old_caches(page: Page, monkeypatch) -> None:
    make_user("ada")
    log_in(page, "ada")
    worker_in_control(page)
    old = page.evaluate("caches.keys()")
    assert len(old) == 1 and old[0].startswith("devhub-")
    # A deploy that changes what the worker keeps: a new worker, with a new version.
    monkeypatch.setattr(views, "PRECACHED_STATIC", [*views.PRECACHED_STATIC, "icons/icon-512.png"])
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function(
        """old => {
            caches.keys().then(keys => { window.cacheNames = keys; });
            return window.cacheNames && window.cacheNames.length === 1
                && window.cacheNames[0] !== old;
        }""",
        arg=old[0],
    )
    kept = page.evaluate(
        "caches.open(window.cacheNames[0]).then(c => c.keys()).then(r => r.map(x => x.url))"
    )
    assert any(url.endswith("/static/icons/icon-512.png") for url in kept)
    page.context.set_offline(True)
    page.goto("/contacts/")
    expect(page.get_by_role("heading", name="No connection")).to_be_visible()


def test_offline_capture_is_queued_then_sent_once(page: Page) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Grace Hopper")
    open_capture_offline(page)
    form = page.get_by_role("form", name="New contact")
    expect(form.get_by_label("Name")).to_be_focused()
    form.get_by_label("Name").fill("Linus Torvalds")
    form.get_by_label("Company").fill("Linux Foundation")
    form.get_by_role("button", name="Add contact").click()
    log = page.get_by_role("form", name="Log an interaction")
    log.get_by_label("Contact's name").fill("grace hopper")
    log.get_by_label("Type").select_option(label="Coffee chat")
    log.get_by_label("Note").fill("Talked about compilers")
    log.get_by_role("button", name="Log it").click()

    waiting = page.locator('[data-queue="waiting"] li')
    expect(waiting).to_have_count(2)
    expect(waiting.first).to_contain_text("New contact: Linus Torvalds (Linux Foundation)")
    expect(waiting.nth(1)).to_contain_text("Coffee chat with grace hopper: Talked about compilers")
    assert not Contact.objects.filter(name="Linus Torvalds").exists()
    assert not Interaction.objects.exists()

    page.context.set_offline(False)
    sent = page.locator('[data-queue="sent"] li')
    expect(sent).to_have_count(2)
    expect(waiting).to_have_count(0)
    expect(sent.get_by_role("link", name="Added Linus Torvalds.")).to_be_visible()
    expect(sent.get_by_role("link", name="Logged a Coffee chat with Grace Hopper.")).to_be_visible()
    assert Contact.objects.filter(owner=ada, name="Linus Torvalds").count() == 1
    interaction = Interaction.objects.get(owner=ada)
    assert interaction.contact.name == "Grace Hopper"
    assert interaction.notes == "Talked about compilers"

    # The same entries again, as after an answer lost on the way: still one row each.
    page.evaluate(
        "DevhubQueue.all().then(all => Promise.all(all.map(e => DevhubQueue.put("
        "Object.assign(e, {state: 'waiting'})))))"
    )
    page.get_by_role("button", name="Send now").click()
    expect(sent.get_by_role("link", name="Already added Linus Torvalds.")).to_be_visible()
    expect(sent).to_have_count(2)
    assert Contact.objects.filter(owner=ada, name="Linus Torvalds").count() == 1
    assert Interaction.objects.filter(owner=ada).count() == 1


def test_the_capture_page_fits_a_phone_and_works_from_the_keyboard(page: Page) -> None:
    make_user("ada")
    log_in(page, "ada")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/capture/#log-interaction")
    name = page.get_by_role("form", name="Log an interaction").get_by_label("Contact's name")
    expect(name).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.keyboard.press("Tab")
    expect(page.get_by_label("Type")).to_be_focused()
    # Submitting without the required name says so next to it, and nothing is queued.
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#capture-contact-name-error")).to_have_text("This field is required.")
    expect(name).to_have_attribute("aria-invalid", "true")
    assert entries(page) == []


def test_a_refused_entry_comes_back_with_its_error_to_correct(page: Page) -> None:
    ada = make_user("ada")
    make_contact(ada, name="Grace Hopper")
    open_capture_offline(page)
    log = page.get_by_role("form", name="Log an interaction")
    log.get_by_label("Contact's name").fill("Grace Hoper")
    log.get_by_label("Note").fill("Typo in the name")
    log.get_by_role("button", name="Log it").click()
    expect(page.locator('[data-queue="waiting"] li')).to_have_count(1)

    page.context.set_offline(False)
    refused = page.locator('[data-queue="refused"] li')
    expect(refused).to_contain_text("You have no contact named “Grace Hoper”")
    assert not Interaction.objects.exists()

    refused.get_by_role("button", name="Correct").click()
    expect(log.get_by_label("Note")).to_have_value("Typo in the name")
    expect(log.get_by_text("You have no contact named")).to_be_visible()
    log.get_by_label("Contact's name").fill("Grace Hopper")
    log.get_by_role("button", name="Log it").click()
    expect(page.locator('[data-queue="sent"] li')).to_have_count(1)
    expect(refused).to_have_count(0)
    assert Interaction.objects.get(owner=ada).notes == "Typo in the name"


# Headless Chromium has no push service: a subscription that records being ended stands in.
FAKE_PUSH_SUBSCRIPTION = """
PushManager.prototype.getSubscription = () => Promise.resolve({
    unsubscribe: () => { localStorage.setItem("push-ended", "yes"); return Promise.resolve(true); },
});
"""


def test_signing_out_empties_the_caches_and_forgets_what_was_sent(page: Page) -> None:
    page.context.add_init_script(FAKE_PUSH_SUBSCRIPTION)
    make_user("ada")
    log_in(page, "ada")
    worker_in_control(page)
    page.goto("/capture/")
    form = page.get_by_role("form", name="New contact")
    form.get_by_label("Name").fill("Margaret Hamilton")
    form.get_by_role("button", name="Add contact").click()
    expect(page.locator('[data-queue="sent"] li')).to_have_count(1)
    # Something a signed-in page could have left in the worker's cache.
    page.evaluate(
        "caches.keys().then(names => caches.open(names[0]))"
        ".then(cache => cache.put('/private-probe', new Response('alice')))"
    )

    page.goto("/contacts/")
    page.locator("summary", has_text="ada").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Log in", exact=True)).to_be_visible()
    # Polled: the worker empties its caches after the signed-out page has loaded, then keeps
    # the shared pages again.
    page.wait_for_function(
        """() => {
            caches.keys()
                .then(names => Promise.all(names.map(n => caches.open(n).then(cache =>
                    Promise.all([cache.match('/private-probe'), cache.match('/offline/')])))))
                .then(hits => {
                    window.probeFound = hits.some(([probe]) => probe);
                    window.offlineKept = hits.some(([, offline]) => offline);
                });
            return window.probeFound === false && window.offlineKept === true;
        }"""
    )
    assert page.evaluate("DevhubQueue.all()") == []
    assert page.evaluate("DevhubQueue.account()") == ""
    # This browser stops receiving the signed-out account's push reminders.
    page.wait_for_function("() => localStorage.getItem('push-ended') === 'yes'")

    page.goto("/capture/")  # nobody signed in: nothing to capture for, nothing listed
    expect(page.get_by_text("Sign in on this device while online first")).to_be_visible()
    expect(page.get_by_role("button", name="Add contact")).to_be_disabled()
    expect(page.get_by_text("Margaret Hamilton")).to_have_count(0)
    page.context.set_offline(True)
    page.goto("/offline/")  # the shells are kept again, for whoever comes next
    expect(page.get_by_role("heading", name="No connection")).to_be_visible()
