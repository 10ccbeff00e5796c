"""Freelance settings: invoice details, payment terms, milestone notice."""

import pytest

from projects.models import FreelanceSettings
from tests.projects.conftest import HX, html, is_fragment, url

pytestmark = pytest.mark.django_db


def test_saving_the_settings(alice_client, alice):
    data = {
        "invoice_details": "Alice\nBerlin",
        "payment_terms_days": "10",
        "milestone_notice_days": "2",
    }

    response = alice_client.post(url("settings"), data)

    assert response.url == url("board")
    settings = FreelanceSettings.of(alice)
    assert (settings.payment_terms_days, settings.milestone_notice_days) == (10, 2)


def test_out_of_range_days_are_refused(alice_client, alice):
    data = {"payment_terms_days": "400", "milestone_notice_days": "2"}

    response = alice_client.post(url("settings"), data)

    assert "Ensure this value is less than or equal to 365." in html(response)
    assert not FreelanceSettings.objects.exists()


def test_htmx_gets_the_form_fragment(alice_client):
    response = alice_client.get(url("settings"), **HX)

    assert is_fragment(response)
    assert "Payment terms" in html(response)
