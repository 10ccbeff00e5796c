"""/reminders/settings/: time zone, default follow-up frequencies, digest, calendar address."""

import pytest
import time_machine
from django.urls import reverse

from accounts.models import User
from contacts.models import Contact
from jobs.models import Job
from reminders import rhythm
from reminders.models import Reminder, StatusRefreshRun
from tests.conftest import make_contact
from tests.reminders.helpers import (
    HX,
    NOW,
    days_ago,
    find_all,
    find_one,
    html,
    login_url_for,
    status_of,
)

pytestmark = pytest.mark.django_db

URL = reverse("reminders:preferences")
TOKEN_URL = reverse("reminders:calendar_token")
Status = Contact.Status


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def settings_data(**overrides) -> dict:
    data = {
        "time_zone": "Europe/Berlin",
        "vip_follow_up_days": "14",
        "high_follow_up_days": "30",
        "medium_follow_up_days": "90",
        "low_follow_up_days": "180",
        "digest_enabled": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def preferences(user: User) -> tuple:
    u = User.objects.get(pk=user.pk)
    return (
        u.time_zone,
        u.vip_follow_up_days,
        u.high_follow_up_days,
        u.medium_follow_up_days,
        u.low_follow_up_days,
        u.digest_enabled,
    )


def feed_url(user: User) -> str:
    token = User.objects.get(pk=user.pk).calendar_token
    return reverse("reminders:calendar", args=[token])


def test_shows_the_current_settings_and_the_feed_address(alice_client, alice):
    page = html(alice_client.get(URL))

    zone = find_one(page, "select", name="time_zone")
    selected = [o.get("value") for o in find_all(zone.descendants(), "option") if o.has("selected")]
    assert selected == [alice.time_zone]
    assert find_one(page, "input", name="medium_follow_up_days").get("value") == "90"
    assert (
        find_one(page, "input", id="feed-url").get("value") == f"http://testserver{feed_url(alice)}"
    )


def test_saves_the_settings(alice_client, alice):
    response = alice_client.post(
        URL, settings_data(vip_follow_up_days="7", low_follow_up_days="365"), follow=True
    )

    assert preferences(alice) == ("Europe/Berlin", 7, 30, 90, 365, True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Saved your settings." in html(response)


def test_new_defaults_recompute_statuses_at_once_without_recording_a_cron_run(
    alice_client, alice, charlie
):
    mine = make_contact(alice, name="Mine", last_contacted=days_ago(20))  # medium: 90 days
    theirs = make_contact(charlie, name="Charlie's", last_contacted=days_ago(20))

    alice_client.post(URL, settings_data(medium_follow_up_days="10"))

    assert status_of(mine) == Status.CHECK_IN_DUE
    assert Reminder.objects.filter(contact=mine, kind=Reminder.Kind.CHECK_IN).count() == 1
    assert status_of(theirs) == Status.REGULAR_CONTACT
    assert not StatusRefreshRun.objects.exists()
    # Saving settings is not a nightly run: the set-up card still asks for the cron lines.
    assert "Set up the nightly job" in html(alice_client.get(URL))


def test_a_new_time_zone_changes_today_at_once(alice_client, alice):
    # 12:00 UTC on 10 March is 01:00 on 11 March in Auckland: 90 days after 11 December.
    contact = make_contact(alice, last_contacted=days_ago(89))

    alice_client.post(URL, settings_data(time_zone="Pacific/Auckland"))

    assert status_of(contact) == Status.CHECK_IN_DUE


@pytest.fixture
def big_account(alice, charlie, ranges_of_two, monkeypatch) -> list[Contact]:
    """Five of alice's contacts in ranges of two, a range per request: three parts of work."""
    monkeypatch.setattr("jobs.services.step_seconds", lambda: 0)
    make_contact(charlie, name="Charlie's", last_contacted=days_ago(20))
    return [make_contact(alice, name=f"P {n}", last_contacted=days_ago(20)) for n in range(5)]


def the_job(user: User) -> Job:
    return Job.objects.get(owner=user, kind=rhythm.KIND)


def test_a_big_account_gets_there_through_the_progress_page(alice_client, alice, big_account):
    response = alice_client.post(URL, settings_data(medium_follow_up_days="10"))

    job = the_job(alice)
    progress = reverse("jobs:detail", args=[job.code])
    assert response.status_code == 302 and response.url == progress
    assert preferences(alice)[3] == 10  # saved at once; the contacts follow part by part
    assert "2 of 5" in html(alice_client.get(progress))
    step = reverse("jobs:step", args=[job.code])
    assert alice_client.post(step).url == progress
    done = alice_client.post(step, follow=True)

    assert done.redirect_chain == [(URL, 302)]
    assert "Saved your settings." in html(done)
    assert {status_of(c) for c in big_account} == {Status.CHECK_IN_DUE}
    assert Reminder.objects.filter(contact__in=big_account, kind="check_in").count() == 5
    assert Contact.objects.get(owner__username="charlie").status == Status.REGULAR_CONTACT


def test_a_big_account_with_htmx_is_sent_to_the_progress_page(alice_client, alice, big_account):
    response = alice_client.post(URL, settings_data(medium_follow_up_days="10"), **HX)

    assert response["HX-Redirect"] == reverse("jobs:detail", args=[the_job(alice).code])


def test_a_small_account_with_htmx_is_done_and_sent_back_to_the_settings(alice_client, alice):
    contact = make_contact(alice, last_contacted=days_ago(20))

    response = alice_client.post(URL, settings_data(medium_follow_up_days="10"), **HX)

    assert response["HX-Redirect"] == URL
    assert the_job(alice).status == Job.Status.DONE
    assert status_of(contact) == Status.CHECK_IN_DUE


def test_an_outsider_can_neither_see_nor_drive_the_job(client, alice, charlie, big_account):
    client.force_login(alice)
    client.post(URL, settings_data(medium_follow_up_days="10"))
    job = the_job(alice)
    client.force_login(charlie)

    assert client.get(reverse("jobs:detail", args=[job.code])).status_code == 404
    assert client.post(reverse("jobs:step", args=[job.code])).status_code == 404
    assert job.title not in html(client.get(reverse("jobs:list")))
    job.refresh_from_db()
    assert (job.done, job.status) == (2, Job.Status.RUNNING)


def test_settings_the_rules_do_not_read_are_saved_without_a_job(alice_client, alice):
    alice_client.post(URL, settings_data())  # the time zone changes: a job
    response = alice_client.post(URL, settings_data(digest_enabled=None), follow=True)

    assert preferences(alice)[5] is False
    assert response.redirect_chain == [(URL, 302)]
    assert "Saved your settings." in html(response)
    assert Job.objects.filter(owner=alice).count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"time_zone": "Mars/Olympus_Mons"}, "Select a valid choice."),
        ({"time_zone": ""}, "This field is required."),
        ({"vip_follow_up_days": "0"}, "greater than or equal to 1"),
        ({"high_follow_up_days": "3651"}, "less than or equal to 3650"),
        ({"medium_follow_up_days": ""}, "This field is required."),
        ({"low_follow_up_days": "-5"}, "Ensure this value is greater than or equal to"),
        ({"low_follow_up_days": "yearly"}, "Enter a whole number."),
    ],
)
def test_bad_values_are_explained_and_nothing_is_saved(alice_client, alice, overrides, message):
    before = preferences(alice)
    contact = make_contact(alice, last_contacted=days_ago(20))

    response = alice_client.post(URL, settings_data(**overrides))

    assert response.status_code == 200
    assert message in html(response)
    assert "Please correct the fields marked below." in html(response)
    assert preferences(alice) == before
    assert status_of(contact) == Status.REGULAR_CONTACT
    assert not Job.objects.exists()


def test_limits_of_the_defaults_are_accepted(alice_client, alice):
    alice_client.post(
        URL,
        settings_data(
            vip_follow_up_days="1",
            high_follow_up_days="3650",
            medium_follow_up_days="1",
            low_follow_up_days="3650",
            digest_enabled=None,
        ),
    )

    assert preferences(alice) == ("Europe/Berlin", 1, 3650, 1, 3650, False)


def test_settings_are_per_user(charlie_client, alice, charlie):
    before = preferences(alice)

    charlie_client.post(URL, settings_data(time_zone="Asia/Tokyo", vip_follow_up_days="3"))

    assert preferences(alice) == before
    assert preferences(charlie)[:2] == ("Asia/Tokyo", 3)


def test_regenerating_the_calendar_address_retires_the_old_one(alice_client, client, alice):
    old = feed_url(alice)
    assert alice_client.get(old).status_code == 200

    response = alice_client.post(TOKEN_URL, follow=True)

    new = feed_url(alice)
    assert new != old
    assert "New calendar address created; the old one no longer works." in html(response)
    assert (
        find_one(html(response), "input", id="feed-url").get("value") == f"http://testserver{new}"
    )
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_regenerating_only_changes_my_own_address(charlie_client, alice):
    old = feed_url(alice)

    charlie_client.post(TOKEN_URL)

    assert feed_url(alice) == old


def test_htmx_gets_the_whole_page(alice_client):
    # No fragment for this page: a plain form post.
    response = alice_client.get(URL, **HX)

    assert response.status_code == 200
    assert find_one(html(response), "form", action=URL)


@pytest.mark.parametrize("url", [URL, TOKEN_URL])
def test_anonymous_is_sent_to_log_in(client, alice, url):
    before = (preferences(alice), feed_url(alice))

    response = client.post(url, settings_data())

    assert response.status_code == 302
    assert response.url == login_url_for(url)
    assert (preferences(alice), feed_url(alice)) == before


def test_wrong_methods_are_not_allowed(alice_client, alice):
    old = feed_url(alice)

    assert alice_client.put(URL).status_code == 405
    assert alice_client.get(TOKEN_URL).status_code == 405
    assert feed_url(alice) == old


# --- The display name ----------------------------------------------------------------------------


def test_the_display_name_is_edited_here(alice_client, alice):
    page = html(alice_client.get(URL))
    field = find_one(page, "input", name="display_name")
    assert not field.has("value")
    assert not field.has("required")
    assert "Left empty, your username is shown." in page

    alice_client.post(URL, settings_data(display_name="  Alice   Liddell "))

    assert User.objects.get(pk=alice.pk).display_name == "Alice Liddell"
    page = html(alice_client.get(URL))
    assert find_one(page, "input", name="display_name").get("value") == "Alice Liddell"


def test_an_empty_display_name_falls_back_to_the_username(alice_client, alice):
    alice.display_name = "Alice Liddell"
    alice.save(update_fields=["display_name"])

    alice_client.post(URL, settings_data(display_name=""))

    alice.refresh_from_db()
    assert (alice.display_name, alice.public_name) == ("", "alice")


def test_a_display_name_too_long_is_refused_and_nothing_is_saved(alice_client, alice):
    response = alice_client.post(
        URL, settings_data(display_name="x" * 101, medium_follow_up_days="10")
    )

    assert response.status_code == 200
    assert find_one(html(response), id="id_display_name_error").clean_text == (
        "Ensure this value has at most 100 characters (it has 101)."
    )
    assert User.objects.get(pk=alice.pk).medium_follow_up_days == 90
