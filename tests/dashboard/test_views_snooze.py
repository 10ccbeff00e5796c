"""POST /dashboard/contact/<code>/snooze/: keep a contact out of "needs attention" for a while."""

import datetime as dt

import pytest
from django.urls import reverse

from contacts.models import Contact
from reminders.models import Reminder
from tests.conftest import make_contact
from tests.dashboard.conftest import (
    HX,
    TODAY,
    attention_names,
    days_ago,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_reminder,
    section_text,
    widget_url,
)

pytestmark = pytest.mark.django_db


def snooze_url(contact: Contact) -> str:
    return reverse("dashboard:snooze", args=[contact.code])


def snoozed_until(contact: Contact) -> dt.date | None:
    return Contact.objects.values_list("snoozed_until", flat=True).get(pk=contact.pk)


@pytest.fixture
def ken(alice) -> Contact:
    return make_contact(alice, name="Ken Thompson", last_contacted=days_ago(400))


@pytest.fixture
def rob(alice) -> Contact:
    return make_contact(alice, name="Rob Pike", last_contacted=days_ago(200))


@pytest.mark.parametrize(
    ("days", "until", "shown"),
    [("7", dt.date(2026, 3, 17), "17 Mar 2026"), ("30", dt.date(2026, 4, 9), "9 Apr 2026")],
    ids=["1-week", "1-month"],
)
def test_htmx_snooze_hides_the_contact_until_then(alice_client, ken, rob, days, until, shown):
    response = alice_client.post(snooze_url(ken), {"days": days}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert snoozed_until(ken) == until
    page = html(response)
    assert find_one(page, role="status").clean_text == f"Snoozed Ken Thompson until {shown}."
    assert attention_names(page) == ["Rob Pike"]
    assert "crm-changed" in response["HX-Trigger"]


def test_the_snoozed_contact_stays_out_of_the_stats_and_their_check_in_waits(
    alice_client, alice, ken, rob
):
    check_in = make_reminder(alice, title="Check in with Ken", kind="check_in", contact=ken)

    alice_client.post(snooze_url(ken), {"days": "7"}, **HX)

    stats = section_text(html(alice_client.get(widget_url("stats"), **HX)), "stats")
    assert "Need attention 1" in stats
    assert "Due today 0" in stats
    check_in.refresh_from_db()
    assert check_in.snoozed_until == dt.date(2026, 3, 17)
    reminders = section_text(html(alice_client.get(widget_url("reminders"), **HX)), "reminders")
    assert "Overdue and today Nothing due." in reminders
    assert "Tue 17 Mar — Check in with Ken" in reminders


def test_the_contact_comes_back_when_the_snooze_ends(alice_client, alice, ken):
    alice_client.post(snooze_url(ken), {"days": "7"}, **HX)

    assert "Ken Thompson" not in attention_names(html(alice_client.get("/")))
    Contact.objects.filter(pk=ken.pk).update(snoozed_until=days_ago(1))
    assert attention_names(html(alice_client.get("/"))) == ["Ken Thompson"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose 1 week, 1 month or a date."),
        ({"days": ""}, "Choose 1 week, 1 month or a date."),
        ({"days": "3"}, "Choose 1 week, 1 month or a date."),
        ({"until": TODAY.isoformat()}, "Choose a day after today."),
    ],
    ids=["nothing", "empty", "odd-days", "today"],
)
def test_no_valid_snooze_choice_is_explained_and_changes_nothing(alice_client, ken, data, message):
    response = alice_client.post(snooze_url(ken), data, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    assert find_one(page, role="status").clean_text == message
    assert "HX-Trigger" not in response
    assert attention_names(page) == ["Ken Thompson"]
    assert snoozed_until(ken) is None


def test_without_htmx_it_redirects_home_with_a_message(alice_client, ken):
    response = alice_client.post(snooze_url(ken), {"days": "7"}, follow=True)

    assert response.redirect_chain == [("/", 302)]
    page = html(response)
    assert "Snoozed Ken Thompson until 17 Mar 2026." in page
    assert attention_names(page) == []
    assert snoozed_until(ken) == dt.date(2026, 3, 17)


def test_without_htmx_no_choice_redirects_home_with_an_error(alice_client, ken):
    response = alice_client.post(snooze_url(ken), {}, follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "Choose 1 week, 1 month or a date." in html(response)
    assert "alert-error" in html(response)
    assert snoozed_until(ken) is None


def test_another_users_contact_is_404_and_nothing_changes(client, alice, charlie):
    secret = make_contact(charlie, name="Charlie's friend", last_contacted=days_ago(400))
    check_in = make_reminder(charlie, title="Check in", kind="check_in", contact=secret)
    client.force_login(alice)

    for headers in (HX, {}):
        assert client.post(snooze_url(secret), {"days": "7"}, **headers).status_code == 404
    assert snoozed_until(secret) is None
    assert Reminder.objects.get(pk=check_in.pk).snoozed_until is None


def test_anonymous_is_sent_to_log_in(client, ken):
    response = client.post(snooze_url(ken), {"days": "7"})

    assert response.status_code == 302
    assert response.url == login_url_for(snooze_url(ken))
    assert snoozed_until(ken) is None


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_only_post_is_allowed(alice_client, ken, method):
    assert getattr(alice_client, method)(snooze_url(ken)).status_code == 405
    assert snoozed_until(ken) is None
