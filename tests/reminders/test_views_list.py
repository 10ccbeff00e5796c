"""/reminders/: open reminders grouped overdue / today / next 7 days / later."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reminders.models import StatusRefreshRun
from tests.conftest import make_contact, make_user
from tests.reminders.helpers import (
    HX,
    NOW,
    TODAY,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_reminder,
    set_preferences,
)

pytestmark = pytest.mark.django_db

URL = reverse("reminders:list")
GROUPS = ("overdue", "today", "week", "later")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def grouped(response) -> dict[str, list[str]]:
    """Reminder titles under each heading, in page order."""
    page = html(response)
    return {
        key: [
            find_one(item.descendants(), "p", class_="font-semibold").clean_text
            for item in find_all(
                find_one(page, "section", aria_labelledby=f"group-{key}").descendants(), "li"
            )
        ]
        for key in GROUPS
    }


def test_reminders_grouped_by_due_date(alice_client, alice):
    make_reminder(alice, title="Later", due_on=day(8))
    make_reminder(alice, title="Next week", due_on=day(7))
    make_reminder(alice, title="Tomorrow", due_on=day(1))
    make_reminder(alice, title="Today", due_on=TODAY)
    make_reminder(alice, title="Yesterday", due_on=day(-1))
    make_reminder(alice, title="Last month", due_on=day(-30))

    response = alice_client.get(URL)

    assert response.status_code == 200
    assert grouped(response) == {
        "overdue": ["Last month", "Yesterday"],
        "today": ["Today"],
        "week": ["Tomorrow", "Next week"],
        "later": ["Later"],
    }
    headings = [
        h.clean_text for h in find_all(html(response), "h2") if h.get("id").startswith("group-")
    ]
    assert headings == ["Overdue 2", "Today 1", "Next 7 days 2", "Later 1"]


def test_a_snooze_moves_a_reminder_to_its_new_date(alice_client, alice):
    make_reminder(alice, title="Snoozed overdue", due_on=day(-3), snoozed_until=day(20))
    make_reminder(alice, title="Snoozed to tomorrow", due_on=day(-1), snoozed_until=day(1))
    make_reminder(alice, title="Snooze already over", due_on=day(-2), snoozed_until=day(-1))
    make_reminder(alice, title="Snoozed before its due date", due_on=day(3), snoozed_until=day(1))

    groups = grouped(alice_client.get(URL))

    assert groups == {
        "overdue": ["Snooze already over"],
        "today": [],
        "week": ["Snoozed to tomorrow", "Snoozed before its due date"],
        "later": ["Snoozed overdue"],
    }
    assert "snoozed until 30 Mar 2026" in html(alice_client.get(URL))


def test_only_open_reminders_and_only_my_own(alice_client, alice, charlie):
    make_reminder(alice, title="Open one")
    make_reminder(alice, title="Done one", completed_at=timezone.now())
    make_reminder(alice, title="Dismissed one", dismissed_at=timezone.now())
    make_reminder(charlie, title="Charlie's secret")

    text = html(alice_client.get(URL))

    assert "Open one" in text
    assert "Done one" not in text
    assert "Dismissed one" not in text
    assert "Charlie&#x27;s secret" not in text


def test_outsider_sees_none_of_alices_reminders(charlie_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    make_reminder(alice, title="Alice's private plan", contact=ada)

    text = html(charlie_client.get(URL))

    assert "private plan" not in text
    assert "Ada Lovelace" not in text
    assert grouped(charlie_client.get(URL)) == {key: [] for key in GROUPS}


def test_empty_states(alice_client):
    text = html(alice_client.get(URL))

    assert "Nothing overdue." in text
    assert "Nothing due today." in text
    assert "Nothing in the next 7 days." in text
    assert "Nothing later." in text


def test_today_is_the_users_today(client):
    # 11:30 UTC on 9 March is 00:30 on 10 March in Auckland.
    kiwi = set_preferences(make_user("kiwi"), time_zone="Pacific/Auckland")
    make_reminder(kiwi, title="Due on the 10th", due_on=dt.date(2026, 3, 10))
    make_reminder(kiwi, title="Due on the 9th", due_on=dt.date(2026, 3, 9))
    client.force_login(kiwi)

    with time_machine.travel(dt.datetime(2026, 3, 9, 11, 30, tzinfo=dt.UTC), tick=False):
        groups = grouped(client.get(URL))

    assert groups["today"] == ["Due on the 10th"]
    assert groups["overdue"] == ["Due on the 9th"]


def test_rows_link_to_the_contact_and_offer_every_action(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    reminder = make_reminder(alice, title="Send slides", contact=ada, due_on=day(-1))

    page = html(alice_client.get(URL))

    row = find_one(page, "li", id=f"reminder-{reminder.code}")
    links = {a.get("href") for a in find_all(row.descendants(), "a")}
    assert reverse("contacts:detail", args=[ada.code]) in links
    assert f"{URL}?more={reminder.code}#reminder-{reminder.code}" in links
    assert find_one(row.descendants(), "a", id=f"more-{reminder.code}")
    buttons = find_all(row.descendants(), "button")
    assert {b.get("formaction") for b in buttons} == {
        reverse(f"reminders:{name}", args=[reminder.code])
        for name in ("complete", "snooze", "dismiss")
    }
    assert all(b.has("hx-post") and b.get("hx-post") == "" for b in buttons)  # to formaction
    assert all(b.get("form") == "reminder-actions" for b in buttons)
    assert "Overdue" in row.clean_text


def test_one_form_serves_every_row(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    for number in range(5):
        make_reminder(alice, title=f"Reminder {number}", contact=ada, due_on=day(number - 2))

    page = html(alice_client.get(URL))

    shared = find_one(page, "form", id="reminder-actions")
    assert shared.get("method") == "post"
    fields = {i.get("name"): i.get("value") for i in find_all(shared.descendants(), "input")}
    assert fields["next"] == URL
    assert "csrfmiddlewaretoken" in fields
    # The header's search, log out and the shared form: no form, token or type menu per row.
    assert len(find_all(page, "form")) == 3
    assert page.count("csrfmiddlewaretoken") == 2
    assert find_all(page, "select", name="log-type") == []


def test_the_new_reminder_form_is_drawn_when_scrolled_to(alice_client, alice):
    page = html(alice_client.get(URL))

    section = find_one(page, "section", id="new-reminder")
    [loader] = [e for e in section.descendants() if e.has("hx-get")]
    assert loader.get("hx-get") == reverse("reminders:create")
    assert loader.get("hx-trigger") == "revealed"
    link = find_one(loader.descendants(), "a")
    assert link.get("href") == reverse("reminders:create")
    assert find_all(page, "select", name="contact") == []


def test_the_new_reminder_form_arrives_as_a_fragment(alice_client, alice):
    make_contact(alice, name="Ada Lovelace")

    response = alice_client.get(reverse("reminders:create"), **HX)

    assert is_fragment(response)
    form = find_one(html(response), "form", id="reminder-form")
    assert form.get("hx-post") == reverse("reminders:create")
    assert "Ada Lovelace" in html(response)


def more_forms(page) -> set[str]:
    return {f.get("action") for f in find_all(page, "form") if f.get("id") != "reminder-actions"}


def test_more_opens_snooze_to_a_date_and_log_and_complete_without_javascript(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    reminder = make_reminder(alice, title="Send slides", contact=ada, due_on=day(-1))
    other = make_reminder(alice, title="Call Grace", contact=ada, due_on=day(-1))

    page = html(alice_client.get(URL, {"more": str(reminder.code)}))

    row = find_one(page, "li", id=f"reminder-{reminder.code}")
    assert more_forms(row.descendants()) == {
        reverse("reminders:snooze", args=[reminder.code]),
        reverse("reminders:log", args=[reminder.code]),
    }
    assert find_one(row.descendants(), "input", type="date").get("name") == "until"
    assert find_one(page, "label", for_=f"until-{reminder.code}").clean_text == "Snooze until"
    assert find_one(page, "label", for_=f"log-type-{reminder.code}").clean_text == "Type"
    other_row = find_one(page, "li", id=f"reminder-{other.code}")
    assert more_forms(other_row.descendants()) == set()


def test_more_with_htmx_returns_that_row_opened(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    reminder = make_reminder(alice, title="Send slides", contact=ada, due_on=day(-1))

    response = alice_client.get(URL, {"more": str(reminder.code)}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response).strip()
    assert page.startswith(f'<li id="reminder-{reminder.code}"')
    assert more_forms(page) == {
        reverse("reminders:snooze", args=[reminder.code]),
        reverse("reminders:log", args=[reminder.code]),
    }
    assert "HX-Request" in response["Vary"]
    # It answers the "More" link, whose id the opened part's summary takes over for the focus.
    assert find_one(page, "summary").get("id") == f"more-{reminder.code}"


def test_more_without_a_contact_offers_only_the_snooze_date(alice_client, alice):
    reminder = make_reminder(alice, title="Renew the ticket", due_on=day(1))

    page = html(alice_client.get(URL, {"more": str(reminder.code)}, **HX))

    assert more_forms(page) == {reverse("reminders:snooze", args=[reminder.code])}


def test_more_for_someone_elses_reminder_is_404(alice_client, charlie):
    theirs = make_reminder(charlie, title="Charlie's plan", due_on=day(1))

    response = alice_client.get(URL, {"more": str(theirs.code)}, **HX)

    assert response.status_code == 404


def test_a_malformed_more_is_ignored(alice_client, alice):
    make_reminder(alice, title="Send slides", due_on=day(1))

    response = alice_client.get(URL, {"more": "not-a-code"}, **HX)

    assert response.status_code == 200
    assert "Send slides" in html(response)


def test_shows_when_statuses_were_last_refreshed(alice_client):
    assert "Statuses have never been refreshed by the nightly job." in html(alice_client.get(URL))

    StatusRefreshRun.objects.create(
        started_at=NOW - dt.timedelta(hours=3),
        finished_at=NOW - dt.timedelta(hours=3),
        as_of=TODAY,
        contacts_changed=4,
    )

    assert "Statuses last refreshed 3\xa0hours ago (4 changes)." in html(alice_client.get(URL))


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == login_url_for(URL)


def test_post_is_not_allowed(alice_client):
    assert alice_client.post(URL).status_code == 405
