"""The last_contacted invariant: it is always the local date of the latest interaction."""

import time
from datetime import date

import pytest
from django.db import OperationalError
from django.utils import timezone

from contacts.models import Contact
from interactions import services
from interactions.models import Interaction
from tests.concurrency import run_in_threads
from tests.conftest import make_contact, make_tag, make_user
from tests.interactions.conftest import at, builtin_type, make_interaction

pytestmark = pytest.mark.django_db


def last_contacted(contact: Contact) -> date | None:
    contact.refresh_from_db()
    return contact.last_contacted


def test_logging_the_first_interaction_sets_last_contacted(ada):
    assert ada.last_contacted is None

    make_interaction(ada, occurred_at=at(2026, 3, 10))

    assert last_contacted(ada) == date(2026, 3, 10)


def test_an_older_interaction_does_not_move_last_contacted_back(ada):
    make_interaction(ada, occurred_at=at(2026, 3, 10))
    make_interaction(ada, occurred_at=at(2026, 1, 2))

    assert last_contacted(ada) == date(2026, 3, 10)


def test_a_newer_interaction_moves_last_contacted_forward(ada):
    make_interaction(ada, occurred_at=at(2026, 1, 2))
    make_interaction(ada, occurred_at=at(2026, 3, 10))

    assert last_contacted(ada) == date(2026, 3, 10)


def test_editing_the_date_later_moves_last_contacted(ada):
    make_interaction(ada, occurred_at=at(2026, 1, 2))
    edited = make_interaction(ada, occurred_at=at(2026, 2, 1))

    edited.occurred_at = at(2026, 4, 20)
    services.save_interaction(edited)

    assert last_contacted(ada) == date(2026, 4, 20)


def test_editing_the_latest_date_earlier_falls_back_to_the_next_latest(ada):
    make_interaction(ada, occurred_at=at(2026, 2, 1))
    edited = make_interaction(ada, occurred_at=at(2026, 3, 10))

    edited.occurred_at = at(2025, 12, 24)
    services.save_interaction(edited)

    assert last_contacted(ada) == date(2026, 2, 1)


def test_editing_the_only_interaction_earlier_moves_last_contacted_back(ada):
    only = make_interaction(ada, occurred_at=at(2026, 3, 10))

    only.occurred_at = at(2026, 1, 15)
    services.save_interaction(only)

    assert last_contacted(ada) == date(2026, 1, 15)


def test_deleting_the_latest_recomputes_from_what_remains(ada):
    make_interaction(ada, occurred_at=at(2026, 1, 2))
    make_interaction(ada, occurred_at=at(2026, 2, 1))
    latest = make_interaction(ada, occurred_at=at(2026, 3, 10))

    contact = services.delete_interaction(latest)

    assert contact.last_contacted == date(2026, 2, 1)
    assert last_contacted(ada) == date(2026, 2, 1)


def test_deleting_a_middle_one_keeps_the_latest(ada):
    make_interaction(ada, occurred_at=at(2026, 1, 2))
    middle = make_interaction(ada, occurred_at=at(2026, 2, 1))
    make_interaction(ada, occurred_at=at(2026, 3, 10))

    services.delete_interaction(middle)

    assert last_contacted(ada) == date(2026, 3, 10)
    assert ada.interactions.count() == 2


def test_deleting_the_last_remaining_interaction_empties_last_contacted(ada):
    only = make_interaction(ada, occurred_at=at(2026, 3, 10))

    services.delete_interaction(only)

    assert last_contacted(ada) is None


def test_other_contacts_are_left_alone(alice, ada):
    grace = make_contact(alice, name="Grace Hopper")
    make_interaction(grace, occurred_at=at(2026, 1, 2))
    latest = make_interaction(ada, occurred_at=at(2026, 3, 10))

    services.delete_interaction(latest)

    assert last_contacted(grace) == date(2026, 1, 2)
    assert last_contacted(ada) is None


def test_the_date_is_the_owners_local_date_not_the_utc_date(ada):
    ada.owner.time_zone = "Pacific/Auckland"
    ada.owner.save(update_fields=["time_zone"])
    # 11:30 UTC on 9 March is already 00:30 on 10 March in Auckland (UTC+13 in summer), whatever
    # time zone the request or command that logs it runs in.
    with timezone.override("America/Los_Angeles"):
        make_interaction(ada, occurred_at=at(2026, 3, 9, 11, 30))

    assert last_contacted(ada) == date(2026, 3, 10)


def test_the_owners_time_zone_decides_the_date_not_the_sites(settings, ada):
    settings.TIME_ZONE = "Pacific/Auckland"
    ada.owner.time_zone = "America/Los_Angeles"
    ada.owner.save(update_fields=["time_zone"])
    # 03:00 UTC on 10 March is still the evening of 9 March in Los Angeles.
    make_interaction(ada, occurred_at=at(2026, 3, 10, 3, 0))

    assert last_contacted(ada) == date(2026, 3, 9)


def test_save_returns_the_contact_up_to_date(ada):
    interaction = Interaction(contact=ada, type=builtin_type(ada.owner), occurred_at=at(2026, 5, 1))

    contact = services.save_interaction(interaction)

    assert contact.pk == ada.pk
    assert contact.last_contacted == date(2026, 5, 1)


def test_topics_are_saved_with_the_interaction(alice, ada):
    rust = make_tag(alice, "Rust")

    interaction = make_interaction(ada, occurred_at=at(2026, 5, 1), topics=[rust, "async"])

    assert sorted(interaction.topics.values_list("name", flat=True)) == ["Rust", "async"]


def save_waiting_for_the_lock(contact_id: int, type_id: int, occurred_at) -> None:
    """Log one interaction from its own connection, waiting while another thread writes.

    The in-memory test database (SQLite shared cache) reports a held lock at once instead of
    waiting on busy_timeout as the file database does, so wait here the way busy_timeout would.
    Each attempt is a whole rolled-back transaction, so retrying cannot double-save.
    """
    for _ in range(500):
        try:
            services.save_interaction(
                Interaction(contact_id=contact_id, type_id=type_id, occurred_at=occurred_at)
            )
            return
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.01)
    raise AssertionError("never got the write lock")


@pytest.mark.django_db(transaction=True)
def test_concurrent_logs_end_with_the_latest_date():
    owner = make_user("alice")
    contact = make_contact(owner, name="Ada Lovelace")
    call = builtin_type(owner)
    dates = [at(2026, 3, day) for day in (10, 12, 11, 9, 14, 13)]
    run_in_threads(
        lambda occurred_at: save_waiting_for_the_lock(contact.pk, call.pk, occurred_at), dates
    )

    assert Interaction.objects.filter(contact=contact).count() == len(dates)
    assert last_contacted(contact) == date(2026, 3, 14)


def test_moving_an_interaction_to_another_contact_corrects_both(alice, ada):
    grace = make_contact(alice, name="Grace Hopper")
    make_interaction(ada, occurred_at=at(2026, 1, 2))
    moved = make_interaction(ada, occurred_at=at(2026, 3, 10))

    moved.contact = grace
    services.save_interaction(moved)

    assert last_contacted(grace) == date(2026, 3, 10)
    assert last_contacted(ada) == date(2026, 1, 2)


def test_mentorship_summary_only_for_mentors_and_mentees(alice):
    peer = make_contact(alice, relationship=Contact.Relationship.FRIEND)
    mentee = make_contact(alice, relationship=Contact.Relationship.MENTEE)
    make_interaction(peer, type="mentoring_session")

    assert services.mentorship_summary(peer) is None
    summary = services.mentorship_summary(mentee)
    assert summary is not None
    assert summary.count == 0
    assert summary.first is None
    assert summary.topics == []
