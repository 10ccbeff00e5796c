import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.quickconnect.owner.conftest import (
    NOW,
    find_all,
    find_one,
    html,
    login_url_for,
    make_code,
    make_event,
    submit,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("quickconnect:list")


def count_span(page: str, code) -> object:
    return find_one(page, "span", id=f"count-{code.code}")


def test_empty_state_invites_me_to_create_a_code(alice_client):
    response = alice_client.get(LIST_URL)

    assert response.status_code == 200
    page = html(response)
    assert "No codes yet" in page
    assert find_all(page, "a", href=reverse("quickconnect:create"))


def test_lists_my_codes_with_their_submission_counts(alice_client, alice):
    busy = make_code(alice, event_name="RustConf", session="Lightning talks", max_uses=5)
    quiet = make_code(alice, event=make_event(alice, name="PyCon Berlin"))
    submit(busy, "Grace Hopper")
    submit(busy, "Ada Lovelace")

    page = html(alice_client.get(LIST_URL))

    assert "No codes yet" not in page
    assert "RustConf" in page and "Lightning talks" in page and "PyCon Berlin" in page
    assert count_span(page, busy).clean_text == "2 submissions"
    assert "2 submissions</span> of 5" in page
    assert count_span(page, quiet).clean_text == "0 submissions"
    assert find_all(page, "a", href=reverse("quickconnect:show", args=[busy.code]))


def test_one_submission_is_singular(alice_client, alice):
    code = make_code(alice)
    submit(code)

    assert count_span(html(alice_client.get(LIST_URL)), code).clean_text == "1 submission"


def test_active_code_count_polls_every_ten_seconds(alice_client, alice):
    code = make_code(alice)

    span = count_span(html(alice_client.get(LIST_URL)), code)

    assert span.get("hx-get") == reverse("quickconnect:count", args=[code.code])
    assert span.get("hx-trigger") == "every 10s"
    assert span.get("hx-swap") == "outerHTML"


@pytest.mark.parametrize("state", ["expired", "revoked", "used up"])
def test_codes_that_stopped_working_do_not_poll_and_say_why(alice_client, alice, state):
    fields = {
        "expired": {"expires_at": timezone.now() - dt.timedelta(minutes=1)},
        "revoked": {"revoked_at": timezone.now()},
        "used up": {"max_uses": 1},
    }[state]
    code = make_code(alice, **fields)
    if state == "used up":
        submit(code)

    page = html(alice_client.get(LIST_URL))

    assert not count_span(page, code).has("hx-get")
    assert not count_span(page, code).has("hx-trigger")
    assert state.capitalize() in page
    assert "Active" not in page


def test_active_code_shows_until_when_it_works(alice_client, alice, frozen):
    make_code(alice, expires_at=NOW + dt.timedelta(hours=5))

    page = html(alice_client.get(LIST_URL))

    assert "Active" in page
    assert "until 14 May, 14:30" in page


def test_revoked_code_offers_no_revoke_or_extend(alice_client, alice):
    active = make_code(alice, event_name="Active one")
    revoked = make_code(alice, event_name="Gone one", revoked_at=timezone.now())

    page = html(alice_client.get(LIST_URL))

    assert find_all(page, "form", action=reverse("quickconnect:revoke", args=[active.code]))
    assert find_all(page, "form", action=reverse("quickconnect:extend", args=[active.code]))
    assert not find_all(page, "form", action=reverse("quickconnect:revoke", args=[revoked.code]))
    assert not find_all(page, "form", action=reverse("quickconnect:extend", args=[revoked.code]))


def test_only_my_codes_are_listed(alice_client, alice, charlie):
    make_code(alice, event_name="Alice's Meetup")
    make_code(charlie, event_name="Charlie's Secret Summit")

    page = html(alice_client.get(LIST_URL))

    assert "Alice&#x27;s Meetup" in page
    assert "Secret Summit" not in page


def test_outsider_sees_an_empty_list(charlie_client, alice):
    make_code(alice, event_name="Alice's Meetup")

    page = html(charlie_client.get(LIST_URL))

    assert "No codes yet" in page
    assert "Meetup" not in page


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response.url == login_url_for(LIST_URL)


def test_post_is_not_allowed(alice_client, alice):
    assert alice_client.post(LIST_URL).status_code == 405


def test_nav_marks_quick_connect_as_the_current_page(alice_client):
    # The same link appears in the wide-screen bar and in the narrow-screen menu.
    page = html(alice_client.get(LIST_URL))
    nav = find_one(page, "nav", aria_label="Main")
    nav_links = find_all(nav.descendants(), "a", href=LIST_URL)

    assert len(nav_links) == 2
    assert all(link.get("aria-current") == "page" for link in nav_links)


def test_newest_code_first_although_the_counts_are_grouped(alice_client, alice):
    """Meta.ordering does not apply to GROUP BY queries; the list restates it."""
    codes = [make_code(alice, event_name=name) for name in ("First", "Second", "Third")]
    for days, code in enumerate(codes):
        type(code).objects.filter(pk=code.pk).update(created_at=NOW - dt.timedelta(days=10 - days))

    shown = alice_client.get(LIST_URL).context["codes"]

    assert [c.event_name for c in shown] == ["Third", "Second", "First"]
