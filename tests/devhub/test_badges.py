"""The status badge every page draws: colour plus text, escaped, with its HTMX options."""

import pytest

from contacts.models import Contact
from devhub.templatetags.badges import status_badge
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


def test_the_badge_writes_out_the_status_next_to_its_colour(alice):
    ada = make_contact(alice, status=Contact.Status.RECONNECT)

    assert status_badge(ada, size="badge-sm") == (
        '<span class="badge badge-sm whitespace-nowrap badge-error">Reconnect</span>'
    )


def test_the_badge_can_be_swapped_out_of_band_by_id(alice):
    ada = make_contact(alice, status=Contact.Status.PASSIVE)

    assert status_badge(ada, badge_id="contact-status", oob=True) == (
        '<span id="contact-status" hx-swap-oob="true" class="badge  whitespace-nowrap '
        'badge-neutral">Passive</span>'
    )
