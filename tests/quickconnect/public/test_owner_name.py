"""Who the public pages say is asking: the owner's display name, else a name or the username."""

import pytest

from tests.quickconnect.public.conftest import form_data, html, make_code, public_url, thanks_url


@pytest.fixture
def ada(django_user_model):
    return django_user_model.objects.create_user("ada_dev", password="x", display_name="")


def test_the_display_name_is_who_is_asking(client, ada):
    ada.display_name = "Ada Lovelace"
    ada.save(update_fields=["display_name"])
    code = make_code(ada, event_name="PyCon 2026")

    page = html(client.get(public_url(code)))

    assert "<title>Connect with Ada Lovelace" in page
    assert "Connect with Ada Lovelace</h1>" in page
    assert "stored in Ada Lovelace's personal DevHub CRM" in page
    assert "ada_dev" not in page
    client.post(public_url(code), form_data())
    assert "Ada Lovelace now has your details" in html(client.get(thanks_url(code)))


def test_an_account_without_a_display_name_shows_its_username(client, ada):
    code = make_code(ada, event_name="PyCon 2026")

    assert "Connect with ada_dev</h1>" in html(client.get(public_url(code)))


def test_the_display_name_wins_over_a_first_and_last_name(client, ada):
    ada.first_name, ada.last_name, ada.display_name = "Augusta", "King", "Ada Lovelace"
    ada.save()
    code = make_code(ada, event_name="PyCon 2026")

    assert "Connect with Ada Lovelace</h1>" in html(client.get(public_url(code)))
