"""/interactions/types/: your own interaction types, and adding one."""

import pytest
from django.urls import reverse

from interactions.models import InteractionType
from tests.devhub.conftest import find_all
from tests.interactions.conftest import (
    HX,
    builtin_type,
    html,
    is_fragment,
    login_url_for,
    make_interaction,
)

pytestmark = pytest.mark.django_db

TYPES_URL = reverse("interactions:types")


def row_names(page: str) -> list[str]:
    return [i.get("value") for i in find_all(page, "input") if i.get("name").endswith("-name")]


def test_first_visit_shows_the_fifteen_builtin_types_once(alice_client, alice):
    first = alice_client.get(TYPES_URL)
    second = alice_client.get(TYPES_URL)

    assert first.status_code == 200
    assert len(row_names(html(first))) == 15
    assert row_names(html(second)) == row_names(html(first))
    assert row_names(html(first))[:3] == ["Technical discussion", "Code review", "Pair programming"]
    assert InteractionType.objects.filter(owner=alice).count() == 15


def test_each_row_edits_its_own_type_by_code(alice_client, alice):
    page = html(alice_client.get(TYPES_URL))

    call = builtin_type(alice, "call")
    url = reverse("interactions:type_edit", args=[call.code])
    form = [f for f in find_all(page, "form") if f.get("action") == url]
    assert len(form) == 1
    assert form[0].get("hx-post") == url
    assert f'id="type-{call.code}"' in page


def test_rows_show_usage_and_retired_types(alice_client, ada):
    make_interaction(ada, type="call")
    make_interaction(ada, type="call")
    email = builtin_type(ada.owner, "email")
    email.is_retired = True
    email.save()

    page = html(alice_client.get(TYPES_URL))

    assert "2 interactions" in page
    assert page.count('<span class="badge badge-ghost">Retired</span>') == 1


def test_only_my_types_are_listed(alice_client, charlie):
    charlies = InteractionType.objects.create(owner=charlie, name="Charlie's secret type")

    page = html(alice_client.get(TYPES_URL))

    assert "secret type" not in page
    assert str(charlies.code) not in page


def test_adding_a_type_offers_it_in_the_quick_log(alice_client, alice, ada):
    response = alice_client.post(TYPES_URL, {"name": "  Stand   up  "})

    assert response.status_code == 302
    assert response.url == TYPES_URL
    standup = InteractionType.objects.get(owner=alice, name="Stand up")
    assert not standup.builtin_key
    page = html(alice_client.get(reverse("contacts:detail", args=[ada.code])))
    assert f'<option value="{standup.code}">Stand up</option>' in page
    assert "Added the type “Stand up”." in page


def test_adding_a_first_type_still_gives_the_builtins(alice_client, alice):
    alice_client.post(TYPES_URL, {"name": "Standup"})

    assert InteractionType.objects.filter(owner=alice).count() == 16
    assert builtin_type(alice, "call").name == "Call"


def test_a_name_already_taken_in_another_case_is_refused(alice_client, alice):
    response = alice_client.post(TYPES_URL, {"name": "CODE REVIEW"})

    assert response.status_code == 200
    assert "You already have a type with that name." in html(response)
    assert InteractionType.objects.filter(owner=alice).count() == 15


def test_another_users_type_name_is_free_for_me(alice_client, alice, charlie):
    InteractionType.objects.create(owner=charlie, name="Standup")

    assert alice_client.post(TYPES_URL, {"name": "standup"}).status_code == 302
    assert InteractionType.objects.filter(owner=alice, name="standup").exists()


def test_an_empty_name_is_refused(alice_client, alice):
    response = alice_client.post(TYPES_URL, {"name": "   "})

    assert response.status_code == 200
    assert "This field is required." in html(response)
    assert InteractionType.objects.filter(owner=alice).count() == 15


def test_htmx_add_sends_the_browser_to_the_list(alice_client, alice):
    response = alice_client.post(TYPES_URL, {"name": "Standup"}, **HX)

    assert response.headers["HX-Redirect"] == TYPES_URL
    assert is_fragment(response)
    assert InteractionType.objects.filter(owner=alice, name="Standup").exists()


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.post(TYPES_URL, {"name": "Sneaky"})

    assert response.status_code == 302
    assert response.url == login_url_for(TYPES_URL)
    assert not InteractionType.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_types_answer_only_get_and_post(alice_client, method):
    assert getattr(alice_client, method)(TYPES_URL).status_code == 405
