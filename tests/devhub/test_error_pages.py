"""Requests Django refuses before any view (too large, too many fields) get a page that says why."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_an_oversized_form_gets_the_400_page_explaining_the_limit(alice_client):
    response = alice_client.post("/contacts/new/", {"notes": "x" * 3_000_000})
    assert response.status_code == 400
    page = response.content.decode()
    assert "too large or malformed" in page and "Nothing was saved" in page
