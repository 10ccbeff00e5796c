"""GET /: the dashboard, or a guided welcome for a new user."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact
from interactions.models import Interaction
from quickconnect import services as quick_connect
from quickconnect.models import QuickConnectCode, Submission
from reminders.models import Reminder
from tests.conftest import bulk_contacts, make_contact, make_tag
from tests.dashboard.conftest import (
    NOW,
    TODAY,
    at,
    attention_names,
    builtin_type,
    days_ago,
    find_all,
    find_one,
    html,
    login_url_for,
    make_interaction,
    make_reminder,
    make_submission,
    recent_refresh,
    section,
    section_text,
)
from tests.devhub.conftest import label_text

pytestmark = pytest.mark.django_db

HOME = "/"
WIDGETS = ["stats", "attention", "reminders", "birthdays", "recent", "vips", "health", "stack"]
BANNER = "Relationship statuses are not being refreshed."


@pytest.fixture
def ada(alice) -> Contact:
    return make_contact(alice, name="Ada Lovelace", last_contacted=days_ago(5))


# --- A new user ------------------------------------------------------------------------------


def test_a_new_user_sees_the_guided_welcome(alice_client):
    response = alice_client.get(HOME)

    assert response.status_code == 200
    page = html(response)
    steps = find_one(page, "ol", **{"aria-label": "Getting started"}).descendants()
    links = {a.clean_text: a.get("href") for a in find_all(steps, "a")}
    assert links == {
        "Add a contact": reverse("contacts:create"),
        "Import contacts": reverse("imports:upload"),
        "Create a code": reverse("quickconnect:create"),
    }
    assert "on its way" not in page
    assert 'id="widget-' not in page


def test_the_welcome_points_at_what_exists_beyond_the_first_steps(alice_client, alice):
    alice.display_name = "Alice Liddell"
    alice.save(update_fields=["display_name"])

    page = html(alice_client.get(HOME))

    assert find_one(page, "h1", id="welcome-heading").clean_text == (
        "Welcome to DevHub CRM, Alice Liddell"
    )
    hrefs = {a.get("href") for a in find_all(page, "a", class_="link")}
    assert {
        reverse("projects:board"),
        reverse("opportunities:board"),
        reverse("reminders:preferences"),
    } <= hrefs
    assert "press <kbd>/</kbd>" in page
    for url in hrefs:
        assert alice_client.get(url).status_code == 200, url


def test_the_welcome_gives_way_to_the_dashboard_after_the_first_contact(alice_client, ada):
    page = html(alice_client.get(HOME))

    assert "Getting started" not in page
    assert section(page, "attention")


# --- Every widget, server-rendered in the first response --------------------------------------


def test_the_dashboard_shows_every_widget_with_real_data(alice_client, alice, ada):
    grace = make_contact(
        alice,
        name="Grace Hopper",
        is_vip=True,
        last_contacted=days_ago(30),
        birthday=dt.date(1906, 3, 20),
        tags=["COBOL"],
    )
    make_interaction(ada, occurred_at=at(2026, 3, 9, 10), notes="Talked about engines")
    make_reminder(alice, title="Send Grace the slides", due_on=TODAY, contact=grace)
    make_reminder(alice, title="Book the venue", due_on=TODAY + dt.timedelta(days=3))
    make_submission(make_contact(alice, name="Hedy Lamarr"), event_name="PyCon US")

    response = alice_client.get(HOME)

    assert response.status_code == 200
    page = html(response)
    for name in WIDGETS:
        assert section(page, name)
    text = {name: section_text(page, name) for name in WIDGETS}
    assert "Contacts 3" in text["stats"]
    assert "VIPs 1" in text["stats"]
    assert "Need attention 1" in text["stats"]
    assert "Interactions this month 1" in text["stats"]
    assert "Due today 1" in text["stats"]
    assert "Grace Hopper" in text["attention"]
    assert "16 days overdue" in text["attention"]
    assert "Send Grace the slides" in text["reminders"]
    assert "Book the venue" in text["reminders"]
    assert "Grace Hopper — Fri 20 Mar (in 10 days)" in text["birthdays"]
    assert "Talked about engines" in text["recent"]
    assert "Hedy Lamarr via PyCon US" in text["recent"]
    assert "Grace Hopper" in text["vips"]
    # The chart counts the stored statuses, which agree with "needs attention": Grace is due.
    assert "Regular contact: 2; Check-in due: 1" in text["health"]
    assert "COBOL · 1" in text["stack"]


def test_the_page_speaks_the_users_time_zone(alice_client, alice, ada):
    alice.time_zone = "Pacific/Auckland"  # noon UTC on 10 March is 01:00 on 11 March there
    alice.save(update_fields=["time_zone"])
    # Sunday 23:30 UTC is Monday 12:30 in Auckland: this week, not last week.
    make_interaction(ada, occurred_at=at(2026, 3, 8, 23, 30))

    page = html(alice_client.get(HOME))

    assert find_one(page, "h1").clean_text == "Today, Wednesday 11 March"
    weeks = find_one(page, "desc", id="weeks-chart-desc").clean_text
    assert weeks.endswith("week of 2 Mar: 0; week of 9 Mar: 1")


def test_notifications_are_offered_but_not_asked_for(alice_client, ada):
    page = html(alice_client.get(HOME))

    toggles = [b for b in find_all(page, "button") if b.has("data-notify-toggle")]
    assert len(toggles) == 1
    toggle = toggles[0]
    assert toggle.get("aria-pressed") == "false"
    assert "Browser notifications: off" in toggle.clean_text
    assert find_all(page, "script", src="/static/js/notifications.js")


# --- Drawn afresh on every request ----------------------------------------------------------


def contacts_stat(page: str) -> str:
    return section_text(page, "stats").split(" VIPs")[0]


def test_a_contact_added_outside_any_request_shows_on_the_next_one(alice_client, alice, ada):
    before = html(alice_client.get(HOME))

    make_contact(alice, name="Grace Hopper", last_contacted=days_ago(400))  # e.g. from the shell

    after = html(alice_client.get(HOME))
    assert (contacts_stat(before), contacts_stat(after)) == ("Contacts 1", "Contacts 2")
    assert "Grace Hopper" in attention_names(after)


def test_a_bare_queryset_update_shows_on_the_next_request(alice_client, alice):
    ken = make_contact(alice, name="Ken Thompson", last_contacted=days_ago(400))
    assert attention_names(html(alice_client.get(HOME))) == ["Ken Thompson"]

    Contact.objects.filter(pk=ken.pk).update(name="Ken T.")

    assert attention_names(html(alice_client.get(HOME))) == ["Ken T."]


def test_a_quick_connect_sign_up_shows_on_the_owners_next_request(alice_client, alice, ada):
    alice_client.get(HOME)
    code = QuickConnectCode.objects.create(owner=alice, event_name="PyCon US")
    data = {"name": "Grace Hopper", "email": "grace@example.com", "github_username": "",
            "linkedin_url": ""}  # fmt: skip

    quick_connect.submit(code, uuid.uuid4(), data)

    page = html(alice_client.get(HOME))
    assert contacts_stat(page) == "Contacts 2"
    assert "Grace Hopper via PyCon US" in section_text(page, "recent")


def test_a_new_day_shows_on_the_next_request(alice_client, ada):
    alice_client.get(HOME)

    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        page = html(alice_client.get(HOME))

    assert find_one(page, "h1").clean_text == "Today, Wednesday 11 March"


def test_a_flash_message_is_shown_once(alice_client, ada):
    # A refused snooze without HTMX goes back to the dashboard with an error message.
    alice_client.post(reverse("dashboard:snooze", args=[ada.code]), {"until": "soon"})

    with_message = html(alice_client.get(HOME))
    without = html(alice_client.get(HOME))

    note = find_one(with_message, "div", class_="alert alert-error")
    assert note is not None and note.clean_text
    assert note.clean_text not in without


# --- The nightly job: a calm set-up card, then the stale-cron warning ------------------------


def joined_hours_ago(user, hours: float) -> None:
    type(user).objects.filter(pk=user.pk).update(date_joined=NOW - dt.timedelta(hours=hours))


def setup_card(page: str):
    found = find_all(page, "section", **{"aria-labelledby": "nightly-setup-heading"})
    return found[0] if found else None


@pytest.mark.parametrize("with_contacts", [False, True], ids=["welcome", "dashboard"])
def test_a_new_install_shows_the_calm_set_up_card_not_the_warning(
    alice_client, alice, with_contacts
):
    if with_contacts:
        make_contact(alice, name="Ada Lovelace")
    joined_hours_ago(alice, 25)

    page = html(alice_client.get(HOME))

    assert BANNER not in page
    assert not find_all(page, role="alert")
    card = setup_card(page)
    assert "Set up the nightly job" in card.clean_text
    assert "manage.py refresh_statuses --verbosity 0" in card.clean_text
    assert "manage.py send_reminders --verbosity 0" in card.clean_text


def test_the_set_up_card_goes_once_the_nightly_job_has_run(alice_client, ada):
    recent_refresh(hours_ago=3)

    page = html(alice_client.get(HOME))

    assert setup_card(page) is None
    assert BANNER not in page
    assert setup_card(html(alice_client.get(reverse("reminders:preferences")))) is None


def test_warns_when_refresh_statuses_never_ran_a_day_after_the_first_account(
    alice_client, alice, ada
):
    joined_hours_ago(alice, 27)

    page = html(alice_client.get(HOME))

    banner = find_one(page, role="alert")
    assert BANNER in banner.clean_text
    assert "has not run in the 1 day, 3 hours since the first account was created" in (
        banner.clean_text
    )
    assert "manage.py refresh_statuses" in banner.clean_text
    assert setup_card(page) is None  # the warning says it all once


def test_warns_when_refresh_statuses_last_ran_over_26_hours_ago(alice_client, ada):
    recent_refresh(hours_ago=27)

    banner = find_one(html(alice_client.get(HOME)), role="alert")

    assert BANNER in banner.clean_text
    assert "last ran 1 day, 3 hours ago" in banner.clean_text


@pytest.mark.parametrize("hours_ago", [1, 25.5])
def test_no_warning_after_a_recent_run(alice_client, alice, ada, hours_ago):
    joined_hours_ago(alice, 24 * 30)
    recent_refresh(hours_ago=hours_ago)

    page = html(alice_client.get(HOME))

    assert BANNER not in page
    assert "crontab" not in page


def test_the_nightly_check_costs_the_page_one_query(alice_client, ada):
    recent_refresh(hours_ago=1)
    with CaptureQueriesContext(connection) as queries:
        alice_client.get(HOME)

    reads = [q["sql"] for q in queries if "reminders_statusrefreshrun" in q["sql"]]
    assert len(reads) == 1


# --- Access ----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url == login_url_for(HOME)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_get_is_allowed(alice_client, ada, method):
    assert getattr(alice_client, method)(HOME).status_code == 405


def test_only_the_owners_data_appears(client, alice, charlie, ada):
    secret = make_contact(
        charlie,
        name="Charlie Secret",
        is_vip=True,
        last_contacted=days_ago(400),
        birthday=dt.date(1990, 3, 12),
        tags=["CharlieTech"],
    )
    make_interaction(secret, occurred_at=at(2026, 3, 9), notes="Charlie's private chat")
    make_reminder(charlie, title="Charlie's private reminder", due_on=TODAY, contact=secret)
    make_submission(make_contact(charlie, name="Charlie Guest"), event_name="Charlie Conf")
    client.force_login(alice)

    page = html(client.get(HOME))

    for private in ["Charlie", "CharlieTech", "private"]:
        assert private not in page
    stats = section_text(page, "stats")
    assert "Contacts 1" in stats
    assert "VIPs 0" in stats
    assert "Due today 0" in stats


def test_stored_markup_is_shown_as_text(alice_client, alice):
    evil = "<script>alert('owned')</script>"
    contact = make_contact(
        alice,
        name=evil,
        is_vip=True,
        last_contacted=days_ago(400),
        birthday=dt.date(1990, 3, 12),
        tags=[evil],
    )
    make_interaction(make_contact(alice, name="Ada"), occurred_at=at(2026, 3, 9), notes=evil)
    make_reminder(alice, title=evil, due_on=TODAY, contact=contact)
    make_reminder(alice, title=evil, due_on=TODAY + dt.timedelta(days=2))
    make_submission(contact, event_name=evil)

    page = html(alice_client.get(HOME))

    assert "<script>alert" not in page
    assert not find_all(page, "script", src=None)
    # Escaped, the markup is the visible text of each widget (a live tag would not be).
    for name in ["attention", "reminders", "birthdays", "recent", "vips", "stack"]:
        assert evil in section(page, name).text, name


# --- One form per list ----------------------------------------------------------------------


def buttons_of(row) -> dict[str, tuple[str, str]]:
    """Each button of a row by its accessible name (its aria-label, which starts with its text):
    (formaction, name=value). None has an hx-post of its own: htmx posts the row's form to the
    formaction of the button pressed."""
    buttons = find_all(row.descendants(), "button")
    assert not any(b.has("hx-post") for b in buttons)
    assert all(b.get("aria-label").startswith(b.clean_text) for b in buttons)
    return {
        b.get("aria-label"): (b.get("formaction"), f"{b.get('name')}={b.get('value')}")
        for b in buttons
    }


def posts_with_htmx(form) -> bool:
    """The form is sent by htmx, to its submitting button's formaction (an empty hx-post)."""
    return form.has("hx-post") and not form.get("hx-post")


def test_needs_attention_is_one_form_with_one_type_menu(alice_client, alice):
    for n in range(10):
        make_contact(alice, name=f"Person {n}", last_contacted=days_ago(400 - n))

    page = html(alice_client.get(HOME))

    widget = section(page, "attention").descendants()
    form = find_one(widget, "form")
    fields = form.descendants()
    assert len(find_all(page, "select")) == 1
    assert len(find_all(fields, "input", name="csrfmiddlewaretoken")) == 1
    assert label_text(fields, find_one(fields, "select", name="dash-type").get("id")) == "Type"
    assert label_text(fields, find_one(fields, "input", name="dash-notes").get("id")) == "Note"
    # The form's default button (the one Enter presses) is disabled: a note typed and
    # entered is not logged with whoever happens to be listed first.
    default = find_all(fields, "button")[0]
    assert default.has("disabled") and not default.clean_text
    assert len(find_all(fields, "li")) == 10


def test_each_row_posts_the_shared_form_to_its_contacts_address(alice_client, alice):
    ken = make_contact(alice, name="Ken Thompson", last_contacted=days_ago(400))

    page = html(alice_client.get(HOME))

    row = find_one(section(page, "attention").descendants(), "li")
    log = reverse("dashboard:log", args=[ken.code])
    snooze = reverse("dashboard:snooze", args=[ken.code])
    assert buttons_of(row) == {
        "Log with Ken Thompson": (log, "="),
        "Snooze 1 week: Ken Thompson": (snooze, "days=7"),
        "1 month: snooze Ken Thompson": (snooze, "days=30"),
    }
    assert posts_with_htmx(find_one(section(page, "attention").descendants(), "form"))


def test_the_shared_forms_fields_snooze_the_contact_whose_button_was_pressed(alice_client, alice):
    make_contact(alice, name="Ken Thompson", last_contacted=days_ago(400))
    rob = make_contact(alice, name="Rob Pike", last_contacted=days_ago(300))
    form = {"dash-type": str(builtin_type(alice).code), "dash-notes": "", "days": "7"}

    response = alice_client.post(reverse("dashboard:snooze", args=[rob.code]), form)

    assert response.status_code == 302
    assert attention_names(html(alice_client.get(HOME))) == ["Ken Thompson"]
    assert not Interaction.objects.exists()


def test_due_reminders_are_one_form_that_comes_back_here(alice_client, alice, ada):
    for n in range(10):
        make_reminder(alice, title=f"Due {n}", due_on=days_ago(n))

    page = html(alice_client.get(HOME))

    widget = section(page, "reminders").descendants()
    form = find_one(widget, "form")
    fields = form.descendants()
    assert len(find_all(fields, "input", name="csrfmiddlewaretoken")) == 1
    assert find_one(fields, "input", name="next").get("value") == HOME
    assert len(find_all(fields, "li")) == 10


def test_each_reminder_row_posts_to_its_reminders_address(alice_client, alice, ada):
    reminder = make_reminder(alice, title="Return the book", due_on=days_ago(2))

    page = html(alice_client.get(HOME))

    row = find_one(section(page, "reminders").descendants(), "li", id=f"reminder-{reminder.code}")
    url = {name: reverse(f"reminders:{name}", args=[reminder.code]) for name in
           ("complete", "snooze", "dismiss")}  # fmt: skip
    assert buttons_of(row) == {
        "Done: Return the book": (url["complete"], "="),
        "+1 week: snooze Return the book": (url["snooze"], "days=7"),
        "+1 month: snooze Return the book": (url["snooze"], "days=30"),
        "Dismiss: Return the book": (url["dismiss"], "="),
    }
    assert posts_with_htmx(find_one(section(page, "reminders").descendants(), "form"))
    more = find_one(row.descendants(), "a", class_="btn btn-xs btn-ghost")
    assert more.get("href") == f"{reverse('reminders:list')}#reminder-{reminder.code}"


def test_a_reminder_done_without_javascript_comes_back_to_the_dashboard(alice_client, alice, ada):
    reminder = make_reminder(alice, title="Return the book", due_on=days_ago(2))
    page = html(alice_client.get(HOME))
    form = find_one(section(page, "reminders").descendants(), "form")
    fields = {i.get("name"): i.get("value") for i in find_all(form.descendants(), "input")}

    response = alice_client.post(
        reverse("reminders:complete", args=[reminder.code]), fields, follow=True
    )

    assert response.redirect_chain == [(HOME, 302)]
    assert "Done: Return the book." in html(response)
    assert "Nothing due." in section_text(html(response), "reminders")


# --- Query count -----------------------------------------------------------------------------


def populate(owner, first: int, count: int) -> None:
    """`count` contacts with tags, an interaction, a reminder and a birthday each; every fifth
    a VIP, every tenth from Quick Connect. Bulk inserts keep 500 contacts quick to set up."""
    call = builtin_type(owner)
    python, rust = make_tag(owner, "Python"), make_tag(owner, "Rust")
    code, _ = QuickConnectCode.objects.get_or_create(owner=owner, event_name="PyCon US")
    statuses = [value for value, _ in Contact.Status.choices]
    contacts = bulk_contacts(
        owner,
        (
            Contact(
                owner=owner,
                name=f"Person {n:03}",
                is_vip=n % 5 == 0,
                status=statuses[n % len(statuses)],
                last_contacted=days_ago(n * 37 % 400),
                birthday=(TODAY + dt.timedelta(days=n % 40)).replace(year=1990),
            )
            for n in range(first, first + count)
        ),
    )
    Tagging = Contact.tags.through
    Tagging.objects.bulk_create(
        [Tagging(contact=c, tag=python) for c in contacts]
        + [Tagging(contact=c, tag=rust) for c in contacts[::2]]
    )
    Interaction.objects.bulk_create(
        Interaction(
            owner=owner,
            contact=c,
            type=call,
            occurred_at=NOW - dt.timedelta(days=n % 84, hours=1),
            notes=f"Chat {n}",
        )
        for n, c in enumerate(contacts, start=first)
    )
    Reminder.objects.bulk_create(
        Reminder(
            owner=owner,
            contact=c,
            title=f"Follow up {n}",
            due_on=TODAY + dt.timedelta(days=n % 15 - 7),
        )
        for n, c in enumerate(contacts, start=first)
    )
    Submission.objects.bulk_create(
        Submission(quick_code=code, contact=c, form_id=uuid.uuid4()) for c in contacts[::10]
    )


def test_the_query_count_does_not_grow_with_the_data(
    alice_client, alice, django_assert_num_queries
):
    populate(alice, 0, 10)
    with CaptureQueriesContext(connection) as at_ten:
        small = alice_client.get(HOME)
    assert small.status_code == 200
    assert "Contacts 10" in section_text(html(small), "stats")

    populate(alice, 10, 490)
    with django_assert_num_queries(len(at_ten)):
        large = alice_client.get(HOME)

    assert large.status_code == 200
    page = html(large)
    assert "Contacts 500" in section_text(page, "stats")
    assert "VIPs 100" in section_text(page, "stats")
    assert len(attention_names(page)) == 10
    assert "Python · 500" in section_text(page, "stack")
    assert "Rust · 250" in section_text(page, "stack")
