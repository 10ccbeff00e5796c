"""contacts.services.contact_ranges / contacts_in_range: a whole account's contacts in ranges of
keys, for applying the status rules a range per transaction (the settings page, a restore)."""

import pytest

from contacts import services
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


def in_range(owner, lo, hi) -> list[str]:
    return list(
        services.contacts_in_range(owner, lo, hi).order_by("pk").values_list("name", flat=True)
    )


def test_ranges_hold_a_chunk_each_of_the_owner_s_contacts_and_cover_every_key(
    alice, charlie, ranges_of_two
):
    made = []
    for n in range(5):
        made.append(make_contact(alice, name=f"A{n}"))
        make_contact(charlie, name=f"C{n}")

    ranges = services.contact_ranges(alice)

    assert ranges == [(None, made[2].pk, 2), (made[2].pk, made[4].pk, 2), (made[4].pk, None, 1)]
    assert [in_range(alice, lo, hi) for lo, hi, _ in ranges] == [["A0", "A1"], ["A2", "A3"], ["A4"]]
    later = make_contact(alice, name="Later")  # added after the ranges were read
    assert later.pk > made[4].pk and in_range(alice, *ranges[-1][:2]) == ["A4", "Later"]


def test_an_exact_multiple_has_no_empty_range(alice, ranges_of_two):
    make_contact(alice, name="A0")
    make_contact(alice, name="A1")

    assert services.contact_ranges(alice) == [(None, None, 2)]


def test_an_empty_account_is_one_open_range(alice):
    assert services.contact_ranges(alice) == [(None, None, 0)]
