import pytest
from django.urls import reverse
from django.utils import timezone

from reminders.models import Reminder
from tests.quickconnect.owner.conftest import (
    NOW,
    find_all,
    find_one,
    html,
    login_url_for,
    make_code,
    make_contact,
    make_event,
    submit,
)

pytestmark = pytest.mark.django_db


def event_url(event) -> str:
    return reverse("quickconnect:event", args=[event.code])


def section(page: str, heading_id: str) -> str:
    """The text of the card labelled by this heading."""
    return next(
        s.clean_text for s in find_all(page, "section") if s.get("aria-labelledby") == heading_id
    )


@pytest.fixture
def pycon(alice):
    return make_event(alice, name="PyCon Berlin", location="Berlin", notes="Booth 12")


def test_shows_the_event_and_ways_to_meet_people_there(alice_client, pycon):
    response = alice_client.get(event_url(pycon))

    assert response.status_code == 200
    page = html(response)
    assert find_one(page, "h1").clean_text == "PyCon Berlin"
    assert "Booth 12" in page
    assert find_all(page, "a", href=reverse("quickconnect:conference_add", args=[pycon.code]))
    assert find_all(page, "a", href=f"{reverse('quickconnect:create')}?event={pycon.code}")
    assert "Nobody yet." in section(page, "people-heading")
    assert "None pending." in section(page, "follow-heading")
    assert "None." in section(page, "codes-heading")


def test_people_met_there(alice_client, alice, pycon):
    grace = make_contact(alice, name="Grace Hopper")
    grace.events.add(pycon)
    make_contact(alice, name="Linus Elsewhere").events.add(make_event(alice, name="FOSDEM"))

    page = html(alice_client.get(event_url(pycon)))

    people = section(page, "people-heading")
    assert people.startswith("People met there (1)")
    assert "Grace Hopper" in people
    assert "Linus Elsewhere" not in page
    assert find_all(page, "a", href=reverse("contacts:detail", args=[grace.code]))


def test_codes_used_there_with_their_submission_counts(alice_client, alice, pycon):
    keynote = make_code(alice, event=pycon, session="Keynote")
    make_code(alice, event=pycon, session="Hallway")
    make_code(alice, event_name="Other conference")
    submit(keynote, "Grace Hopper")
    submit(keynote, "Ada Lovelace")

    page = html(alice_client.get(event_url(pycon)))

    codes = section(page, "codes-heading")
    assert "PyCon Berlin · Keynote — 2 submissions" in codes
    assert "PyCon Berlin · Hallway — 0 submissions" in codes
    assert "Other conference" not in codes
    assert find_all(page, "a", href=reverse("quickconnect:show", args=[keynote.code]))
    # People who added themselves through a code for the event count as met there.
    assert section(page, "people-heading").startswith("People met there (2)")


def test_pending_follow_ups_for_people_met_there(alice_client, alice, pycon):
    grace = make_contact(alice, name="Grace Hopper")
    grace.events.add(pycon)
    today = timezone.localdate()
    Reminder.objects.create(owner=alice, contact=grace, title="Send Grace the slides", due_on=today)
    Reminder.objects.create(
        owner=alice, contact=grace, title="Already done", due_on=today, completed_at=timezone.now()
    )
    Reminder.objects.create(
        owner=alice, contact=grace, title="Dismissed one", due_on=today, dismissed_at=timezone.now()
    )
    other = make_contact(alice, name="Someone Else")
    Reminder.objects.create(owner=alice, contact=other, title="Unrelated reminder", due_on=today)

    follow_ups = section(html(alice_client.get(event_url(pycon))), "follow-heading")

    assert follow_ups.startswith("Pending follow-ups (1)")
    assert "Send Grace the slides" in follow_ups
    assert "Already done" not in follow_ups
    assert "Dismissed one" not in follow_ups
    assert "Unrelated reminder" not in follow_ups


def test_a_quick_connect_submission_brings_its_follow_up(alice_client, alice, pycon, frozen):
    submit(make_code(alice, event=pycon), "Grace Hopper")

    follow_ups = section(html(alice_client.get(event_url(pycon))), "follow-heading")

    assert follow_ups.startswith("Pending follow-ups (1)")
    assert "Follow up with Grace Hopper (PyCon Berlin) — 16 May" in follow_ups


def test_only_the_owners_people_codes_and_follow_ups(alice_client, alice, charlie, pycon):
    # An outsider's contact tied to Alice's event (possible through the admin) stays hidden.
    stranger = make_contact(charlie, name="Charlie's Friend")
    stranger.events.add(pycon)
    Reminder.objects.create(
        owner=charlie, contact=stranger, title="Charlie's reminder", due_on=NOW.date()
    )
    make_code(charlie, event=pycon, session="Charlie's session")

    page = html(alice_client.get(event_url(pycon)))

    assert "Friend" not in page
    assert "Charlie&#x27;s reminder" not in page
    assert "Charlie&#x27;s session" not in page
    assert section(page, "people-heading").startswith("People met there (0)")


def test_outsider_gets_404(charlie_client, pycon):
    response = charlie_client.get(event_url(pycon))

    assert response.status_code == 404
    assert "PyCon Berlin" not in html(response)


def test_anonymous_is_sent_to_log_in(client, pycon):
    response = client.get(event_url(pycon))

    assert response.status_code == 302
    assert response.url == login_url_for(event_url(pycon))


def test_post_is_not_allowed(alice_client, pycon):
    assert alice_client.post(event_url(pycon)).status_code == 405
