"""The dashboard is kept per user and browser until their data changes (devhub/lib/pagecache.py).

Each test reads the page twice or more with the same browser (client), so the second read would
be served from the cache; what a change must do is make the next read show it.
"""

import datetime as dt
import uuid

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User, bump_data_version
from contacts.models import Contact
from quickconnect import services as quick_connect
from quickconnect.models import QuickConnectCode
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact, make_user
from tests.dashboard.conftest import NOW, builtin_type, days_ago, find_one, section, section_text

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def contacts_stat(page: str) -> str:
    stats = section(page, "stats").descendants()
    return find_one(stats, "a", href=reverse("contacts:list")).clean_text


def read(client: Client) -> tuple[str, int]:
    """The dashboard's HTML and the number of SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def browser_of(user: User, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    client.get(HOME)  # the first page gives the browser its CSRF cookie
    return client


@pytest.fixture
def ada(alice) -> Contact:
    return make_contact(alice, name="Ada Lovelace", last_contacted=days_ago(400))


def test_a_second_read_is_served_without_building_the_page(alice, ada):
    browser = browser_of(alice)
    first, built = read(browser)
    again, cached = read(browser)
    assert again == first
    # Building runs every widget's queries; a cached read only loads the session and the user.
    assert cached <= 2 < built


def test_a_change_through_the_site_shows_at_once(alice, ada):
    browser = browser_of(alice)
    read(browser)
    response = browser.post(
        reverse("dashboard:log", args=[ada.code]),
        {"dash-type": str(builtin_type(alice).code), "dash-notes": ""},
    )
    assert response.status_code == 302
    page, _ = read(browser)
    assert "Ada Lovelace" not in section_text(page, "attention")


def test_forms_on_a_cached_page_pass_the_csrf_check(alice, ada):
    browser = browser_of(alice, enforce_csrf_checks=True)
    read(browser)
    page, _ = read(browser)  # from the cache
    form = find_one(page, "form", action=reverse("dashboard:log", args=[ada.code]))
    token = find_one(form.descendants(), "input", name="csrfmiddlewaretoken").attrs["value"]
    response = browser.post(
        form.attrs["action"],
        {
            "csrfmiddlewaretoken": token,
            "dash-type": str(builtin_type(alice).code),
        },
    )
    assert response.status_code == 302


def test_another_browser_of_the_same_user_gets_its_own_page(alice, ada):
    laptop, phone = browser_of(alice), browser_of(alice)
    laptop_page, _ = read(laptop)
    phone_page, _ = read(phone)
    assert laptop_page != phone_page  # different CSRF tokens, so never shared


def test_a_quick_connect_submission_refreshes_the_owners_dashboard(alice, ada):
    browser = browser_of(alice)
    before, _ = read(browser)
    code = QuickConnectCode.objects.create(owner=alice, event_name="PyCon US")
    quick_connect.submit(
        code,
        uuid.uuid4(),
        {"name": "Grace Hopper", "email": "grace@example.com", "github_username": "",
         "linkedin_url": ""},
    )  # fmt: skip
    after, _ = read(browser)
    assert contacts_stat(before) == "Contacts1"
    assert contacts_stat(after) == "Contacts2"


def test_the_nightly_refresh_refreshes_every_dashboard(alice, ada):
    browser = browser_of(alice)
    read(browser)
    version = User.objects.get(pk=alice.pk).data_version
    refresh_statuses()
    assert User.objects.get(pk=alice.pk).data_version == version + 1
    _, queries = read(browser)
    assert queries > 2


def test_an_admin_fix_refreshes_the_owners_dashboard(alice, ada):
    make_contact(alice, name="Grace Hopper")
    browser = browser_of(alice)
    before, _ = read(browser)
    root = make_user("root")
    User.objects.filter(pk=root.pk).update(is_staff=True, is_superuser=True)
    staff = Client()
    staff.force_login(User.objects.get(pk=root.pk))
    response = staff.post(reverse("admin:contacts_contact_delete", args=[ada.pk]), {"post": "yes"})
    assert response.status_code == 302
    after, _ = read(browser)
    assert (contacts_stat(before), contacts_stat(after)) == ("Contacts2", "Contacts1")


def test_an_unbumped_change_is_not_shown_until_the_version_moves(alice, ada):
    """The contract: writes outside requests must call bump_data_version."""
    browser = browser_of(alice)
    read(browser)
    Contact.objects.filter(pk=ada.pk).update(name="Ada King")
    stale, _ = read(browser)
    assert "Ada Lovelace" in section_text(stale, "attention")
    bump_data_version(alice)
    fresh, _ = read(browser)
    assert "Ada King" in section_text(fresh, "attention")


def test_a_new_day_rebuilds_the_page(alice, ada):
    browser = browser_of(alice)
    read(browser)
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        page, queries = read(browser)
    assert queries > 2
    assert "Wednesday 11 March" in page


def test_a_page_with_a_message_is_drawn_afresh_and_not_kept(alice, ada):
    browser = browser_of(alice)
    read(browser)
    # A refused snooze without HTMX redirects home with an error message, shown once.
    browser.post(reverse("dashboard:snooze", args=[ada.code]), {"until": "soon"})
    with_message, _ = read(browser)
    without, _ = read(browser)
    note = find_one(with_message, "div", role="alert")
    assert note is not None and note.clean_text
    assert note.clean_text not in without


def test_each_user_sees_only_their_own_dashboard(alice, ada, charlie):
    make_contact(charlie, name="Charles Babbage", last_contacted=days_ago(400))
    alices, charlies = browser_of(alice), browser_of(charlie)
    read(alices)
    page, _ = read(charlies)
    assert "Ada Lovelace" not in page
    assert "Charles Babbage" in section_text(page, "attention")


def test_a_refused_form_writes_nothing_and_keeps_the_page(alice, ada):
    browser = browser_of(alice)
    read(browser)
    version = User.objects.get(pk=alice.pk).data_version
    refused = browser.post(reverse("dashboard:log", args=[ada.code]), {"dash-type": "nonsense"})
    assert refused.status_code == 302  # back to the dashboard with an error message
    assert User.objects.get(pk=alice.pk).data_version == version
