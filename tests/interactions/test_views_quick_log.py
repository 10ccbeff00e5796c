"""The one-line quick log: HTMX on the contact page, a plain form and redirect without JS."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from contacts.models import Contact
from interactions.models import Interaction, InteractionType
from tests.devhub.conftest import find_all, find_one
from tests.interactions.conftest import (
    HX,
    at,
    builtin_type,
    detail_url,
    html,
    is_fragment,
    login_url_for,
    make_interaction,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 14, 30, tzinfo=UTC)


def quick_url(contact: Contact) -> str:
    return reverse("interactions:quick_log", args=[contact.code])


def quick_data(interaction_type: InteractionType, notes: str = "Talked about Rust") -> dict:
    return {"quick-type": str(interaction_type.code), "quick-notes": notes}


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_htmx_log_returns_the_timeline_with_the_new_entry(alice_client, ada):
    make_interaction(ada, occurred_at=at(2026, 1, 5), notes="New year chat")

    response = alice_client.post(quick_url(ada), quick_data(builtin_type(ada.owner)), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    interaction = ada.interactions.get(notes="Talked about Rust")
    assert interaction.occurred_at == NOW
    page = html(response)
    section = find_one(page, "section", id="timeline")
    assert f'id="interaction-{interaction.code}"' in page
    assert page.index("Talked about Rust") < page.index("New year chat")  # newest first
    assert "March 2026" in section.text


def test_htmx_log_updates_last_contacted_out_of_band(alice_client, ada):
    response = alice_client.post(quick_url(ada), quick_data(builtin_type(ada.owner)), **HX)

    header = find_one(html(response), id="last-contacted")
    assert header.get("hx-swap-oob") == "true"
    assert header.clean_text == "10 Mar 2026"
    ada.refresh_from_db()
    assert ada.last_contacted == date(2026, 3, 10)


def test_last_contacted_is_the_date_in_the_users_time_zone(auckland, alice_client, ada):
    # 14:30 UTC on 10 March is 03:30 on 11 March in Auckland.
    response = alice_client.post(quick_url(ada), quick_data(builtin_type(ada.owner)), **HX)

    assert find_one(html(response), id="last-contacted").clean_text == "11 Mar 2026"
    ada.refresh_from_db()
    assert ada.last_contacted == date(2026, 3, 11)


def test_htmx_log_sends_a_fresh_quick_log_form(alice_client, ada):
    response = alice_client.post(quick_url(ada), quick_data(builtin_type(ada.owner)), **HX)

    form = find_one(html(response), "form", id="quick-log")
    assert form.get("hx-swap-oob") == "true"
    assert form.get("hx-post") == quick_url(ada)
    note = find_one(html(response), "input", name="quick-notes")
    assert note.get("value") == ""


@pytest.mark.parametrize("whose", ["charlie", "nobody"])
def test_htmx_log_with_an_unknown_type_shows_the_error_in_the_form(
    alice_client, ada, charlie, whose
):
    code = (
        str(builtin_type(charlie).code)
        if whose == "charlie"
        else "00000000-0000-0000-0000-000000000000"
    )

    response = alice_client.post(quick_url(ada), {"quick-type": code, "quick-notes": "x"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert response.headers["HX-Retarget"] == "#quick-log"
    assert response.headers["HX-Reswap"] == "outerHTML"
    form = find_one(html(response), "form", id="quick-log")
    assert form.get("hx-post") == quick_url(ada)
    assert "Select a valid choice" in html(response)
    assert 'id="timeline"' not in html(response)
    assert not Interaction.objects.exists()
    ada.refresh_from_db()
    assert ada.last_contacted is None


def test_a_retired_type_cannot_be_quick_logged(alice_client, ada):
    email = builtin_type(ada.owner, "email")
    email.is_retired = True
    email.save()

    response = alice_client.post(quick_url(ada), quick_data(email), **HX)

    assert "Select a valid choice" in html(response)
    assert not Interaction.objects.exists()


def test_plain_post_redirects_to_the_timeline_with_a_message(alice_client, ada):
    response = alice_client.post(quick_url(ada), quick_data(builtin_type(ada.owner, "call")))

    assert response.status_code == 302
    assert response.url == detail_url(ada) + "#timeline"
    assert ada.interactions.get().notes == "Talked about Rust"
    page = html(alice_client.get(response.url))
    assert "Logged a Call with Ada Lovelace." in page
    assert "Talked about Rust" in page


def test_plain_post_goes_back_to_a_local_next_page(alice_client, ada):
    data = {**quick_data(builtin_type(ada.owner)), "next": "/contacts/?q=ada"}

    response = alice_client.post(quick_url(ada), data)

    assert response.status_code == 302
    assert response.url == "/contacts/?q=ada"
    assert ada.interactions.count() == 1


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/path"])
def test_plain_post_ignores_an_external_next_page(alice_client, ada, evil):
    data = {**quick_data(builtin_type(ada.owner)), "next": evil}

    response = alice_client.post(quick_url(ada), data)

    assert response.url == detail_url(ada) + "#timeline"


def test_plain_invalid_post_shows_the_page_again(alice_client, ada):
    response = alice_client.post(quick_url(ada), {"quick-type": "", "quick-notes": "Kept"})

    assert response.status_code == 200
    assert "<html" in html(response)
    assert "This field is required." in html(response)
    assert 'value="Kept"' in html(response)
    assert not Interaction.objects.exists()


def test_get_shows_a_plain_form_page(alice_client, ada):
    response = alice_client.get(quick_url(ada) + "?next=/contacts/")

    assert response.status_code == 200
    page = html(response)
    assert "<html" in page
    assert "Log an interaction with Ada Lovelace" in page
    form = find_one(page, "form", id="quick-log")
    assert not form.has("hx-post")
    assert form.get("action") == quick_url(ada)
    assert find_one(page, "input", name="next").get("value") == "/contacts/"
    options = [o.get("value") for o in find_all(page, "option")]
    assert str(builtin_type(ada.owner, "call").code) in options


def test_get_leaves_out_an_external_next(alice_client, ada):
    page = html(alice_client.get(quick_url(ada) + "?next=https://evil.example/"))

    assert not find_all(page, "input", name="next")


def test_htmx_get_returns_the_form_only(alice_client, ada):
    response = alice_client.get(quick_url(ada), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    find_one(html(response), "form", id="quick-log")


def test_outsider_gets_404_and_nothing_is_logged(charlie_client, ada, charlie):
    response = charlie_client.post(quick_url(ada), quick_data(builtin_type(charlie)), **HX)

    assert response.status_code == 404
    assert charlie_client.get(quick_url(ada)).status_code == 404
    assert not Interaction.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, ada):
    response = client.post(quick_url(ada), {"quick-notes": "x"})

    assert response.status_code == 302
    assert response.url == login_url_for(quick_url(ada))
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_quick_log_answers_only_get_and_post(alice_client, ada, method):
    assert getattr(alice_client, method)(quick_url(ada)).status_code == 405
