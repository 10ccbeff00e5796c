"""GET /dashboard/widget/<name>/: one widget, for its HTMX self-refresh."""

import datetime as dt

import pytest

from contacts.models import Contact
from tests.conftest import make_contact
from tests.dashboard.conftest import (
    HX,
    TODAY,
    at,
    days_ago,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_interaction,
    make_reminder,
    make_submission,
    section,
    section_text,
    widget_url,
)

pytestmark = pytest.mark.django_db

WIDGETS = ["stats", "attention", "reminders", "birthdays", "recent", "vips", "health", "stack"]
# Widgets whose data an action on the page (log, snooze, complete a reminder) can change.
REFRESHING = ["stats", "attention", "reminders", "recent", "vips", "health"]
HISTORY_RESTORE = {**HX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


@pytest.fixture
def grace(alice) -> Contact:
    """A VIP who needs attention, has a birthday soon, a reminder, a chat and a tag."""
    grace = make_contact(
        alice,
        name="Grace Hopper",
        is_vip=True,
        last_contacted=days_ago(30),
        birthday=dt.date(1906, 3, 20),
        tags=["COBOL"],
    )
    make_reminder(alice, title="Send Grace the slides", due_on=TODAY, contact=grace)
    make_submission(make_contact(alice, name="Hedy Lamarr"), event_name="PyCon US")
    return grace


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("stats", "Need attention 1"),
        ("attention", "Grace Hopper"),
        ("reminders", "Send Grace the slides"),
        ("birthdays", "Grace Hopper — Fri 20 Mar (in 10 days)"),
        ("recent", "Hedy Lamarr via PyCon US"),
        ("vips", "Grace Hopper"),
        ("health", "Regular contact: 1; Check-in due: 1"),
        ("stack", "COBOL · 1"),
    ],
)
def test_htmx_gets_just_that_widget(alice_client, grace, name, shown):
    response = alice_client.get(widget_url(name), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    assert [s.get("id") for s in find_all(page, "section")] == [f"widget-{name}"]
    assert shown in section_text(page, name)


def test_recent_widget_shows_the_latest_interaction(alice_client, grace):
    make_interaction(grace, occurred_at=at(2026, 3, 9, 15), notes="Talked about compilers")

    text = section_text(html(alice_client.get(widget_url("recent"), **HX)), "recent")

    assert "9 Mar · Call with Grace Hopper — Talked about compilers" in text


@pytest.mark.parametrize("name", REFRESHING)
def test_widgets_refresh_themselves_when_the_page_says_data_changed(alice_client, grace, name):
    for response in (alice_client.get("/"), alice_client.get(widget_url(name), **HX)):
        widget = section(html(response), name)
        assert widget.get("hx-get") == widget_url(name)
        assert widget.get("hx-trigger") == "crm-changed from:body"
        assert widget.get("hx-swap") == "outerHTML"


@pytest.mark.parametrize("name", WIDGETS)
def test_without_htmx_the_link_goes_to_the_widget_on_the_dashboard(alice_client, grace, name):
    response = alice_client.get(widget_url(name))

    assert response.status_code == 302
    assert response.url == f"/#widget-{name}"


def test_a_history_restore_gets_the_dashboard_not_a_fragment(alice_client, grace):
    response = alice_client.get(widget_url("stats"), **HISTORY_RESTORE)

    assert response.status_code == 302
    assert response.url == "/#widget-stats"


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "plain"])
def test_an_unknown_widget_is_404(alice_client, grace, headers):
    assert alice_client.get(widget_url("secrets"), **headers).status_code == 404


def test_only_the_owners_data_appears(client, alice, charlie, grace):
    secret = make_contact(
        charlie, name="Charlie Secret", is_vip=True, last_contacted=days_ago(400), tags=["Elixir"]
    )
    make_interaction(secret, occurred_at=at(2026, 3, 9), notes="private chat")
    make_reminder(charlie, title="Charlie's reminder", due_on=TODAY, contact=secret)
    client.force_login(alice)

    for name in WIDGETS:
        page = html(client.get(widget_url(name), **HX))
        assert "Charlie" not in page, name
        assert "Elixir" not in page, name


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "plain"])
def test_anonymous_is_sent_to_log_in(client, headers):
    response = client.get(widget_url("stats"), **headers)

    assert response.status_code == 302
    assert response.url == login_url_for(widget_url("stats"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_get_is_allowed(alice_client, grace, method):
    assert getattr(alice_client, method)(widget_url("stats"), **HX).status_code == 405


def test_a_reminder_is_completed_in_place_and_the_widgets_catch_up(alice_client, alice, grace):
    overdue = make_reminder(alice, title="Return the book", due_on=days_ago(2))
    page = html(alice_client.get("/"))
    row = find_one(section(page, "reminders").descendants(), "li", id=f"reminder-{overdue.code}")
    assert "Overdue" in row.clean_text
    done = [b for b in find_all(row.descendants(), "button") if "Done" in b.clean_text]
    assert len(done) == 1
    assert done[0].get("formaction") and not done[0].has("hx-post")  # htmx sends the form there

    response = alice_client.post(done[0].get("formaction"), {"next": "/"}, **HX)

    assert "crm-changed" in response["HX-Trigger"]
    reminders = section_text(html(alice_client.get(widget_url("reminders"), **HX)), "reminders")
    assert "Return the book" not in reminders
    assert "Send Grace the slides" in reminders
    stats = section_text(html(alice_client.get(widget_url("stats"), **HX)), "stats")
    assert "Overdue 0" in stats
    assert "Due today 1" in stats
