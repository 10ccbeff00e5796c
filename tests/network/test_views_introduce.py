import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from reminders.models import Reminder
from tests.contacts.conftest import HX, contact_page, html, is_fragment, login_url_for
from tests.devhub.conftest import find_all
from tests.network.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(alice):
    return person(alice, "Ada", ["Rust"]), person(alice, "Bob", ["Rust"])


def url(a, b) -> str:
    return reverse("network:introduce", args=[a.code, b.code])


def card_url(contact) -> str:
    return reverse("network:introductions", args=[contact.code])


@time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC))
def test_one_click_adds_a_reminder_due_in_three_days_once(alice_client, alice, pair):
    ada, bob = pair

    response = alice_client.post(url(ada, bob))
    again = alice_client.post(url(bob, ada), follow=True)  # the same pair, either way round

    assert response.status_code == 302
    assert response["Location"] == card_url(ada)
    reminder = Reminder.objects.get(owner=alice)
    assert (reminder.title, reminder.contact, reminder.kind) == (
        "Introduce Ada to Bob",
        ada,
        "custom",
    )
    assert reminder.due_on == dt.date(2026, 3, 5)
    assert "You already have a reminder to introduce them" in html(again)


def test_a_new_reminder_once_the_old_one_is_done(alice_client, alice, pair):
    ada, bob = pair
    alice_client.post(url(ada, bob))
    Reminder.objects.update(completed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))

    alice_client.post(url(ada, bob))

    assert Reminder.objects.filter(owner=alice).count() == 2


def test_the_contact_page_loads_the_card_when_it_scrolls_into_view(alice_client, pair):
    ada, _ = pair

    page = contact_page(alice_client, ada)

    [card] = find_all(page, "section", id="introductions")
    assert card.attrs["hx-get"] == card_url(ada) and card.attrs["hx-trigger"] == "revealed"
    assert find_all(card.descendants(), "a", href=card_url(ada))  # the way without JavaScript
    assert "Both know" not in page  # worked out only when asked for


def test_the_card_suggests_and_then_shows_the_reminder(alice_client, pair):
    ada, bob = pair

    card = alice_client.get(card_url(ada), **HX)
    assert is_fragment(card)
    assert find_all(html(card), "form", action=url(ada, bob))
    assert "Both know: Rust" in html(card)

    alice_client.post(url(ada, bob))
    page = html(alice_client.get(card_url(ada)))
    assert "People Ada should meet" in page
    assert not find_all(page, "form", action=url(ada, bob))
    assert "You have a reminder to introduce them." in page


def test_the_card_page_without_suggestions_says_how_to_get_some(alice_client, alice):
    loner = person(alice, "Lone", ["Cobol"])
    assert "Nobody yet" in html(alice_client.get(card_url(loner)))


def test_the_card_is_404_for_an_outsider(charlie_client, pair):
    assert charlie_client.get(card_url(pair[0])).status_code == 404


def test_the_card_sends_anonymous_visitors_to_log_in(client, pair):
    response = client.get(card_url(pair[0]))
    assert response.status_code == 302
    assert response["Location"] == login_url_for(card_url(pair[0]))


def test_the_card_cannot_be_posted_to(alice_client, pair):
    assert alice_client.post(card_url(pair[0])).status_code == 405


def test_htmx_gets_the_section_with_a_status_message(alice_client, pair):
    ada, bob = pair

    response = alice_client.post(url(ada, bob), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert "Reminder added: Introduce Ada to Bob" in html(response)
    assert 'id="introductions"' in html(response)
    assert "You have a reminder to introduce them." in html(response)


def test_an_outsider_gets_404_for_either_contact(alice_client, charlie, pair):
    ada, _ = pair
    mallory = person(charlie, "Mallory", ["Rust"])

    assert alice_client.post(url(ada, mallory)).status_code == 404
    assert alice_client.post(url(mallory, ada)).status_code == 404
    assert not Reminder.objects.exists()


def test_a_contact_is_not_introduced_to_themselves(alice_client, pair):
    ada, _ = pair

    assert alice_client.post(url(ada, ada)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, pair):
    path = url(*pair)

    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == login_url_for(path)


def test_get_is_not_allowed(alice_client, pair):
    assert alice_client.get(url(*pair)).status_code == 405
    assert not Reminder.objects.exists()
