"""Renaming or retiring one of your types, in place (HTMX) or on a page of its own."""

import pytest
from django.urls import reverse

from interactions.models import InteractionType
from tests.devhub.conftest import find_all, find_one
from tests.interactions.conftest import (
    HX,
    builtin_type,
    detail_url,
    html,
    is_fragment,
    login_url_for,
    make_interaction,
)

pytestmark = pytest.mark.django_db


def type_url(interaction_type: InteractionType) -> str:
    return reverse("interactions:type_edit", args=[interaction_type.code])


def type_data(interaction_type: InteractionType, name: str, retired: bool = False) -> dict:
    data = {f"{interaction_type.code}-name": name}
    if retired:
        data[f"{interaction_type.code}-is_retired"] = "on"
    return data


@pytest.fixture
def coffee(alice) -> InteractionType:
    return builtin_type(alice, "coffee_chat")


def test_page_shows_the_type_form(alice_client, coffee):
    response = alice_client.get(type_url(coffee))

    assert response.status_code == 200
    page = html(response)
    assert "Edit interaction type" in page
    assert find_one(page, "input", name=f"{coffee.code}-name").get("value") == "Coffee chat"


def test_renaming_shows_the_new_name_on_old_interactions(alice_client, coffee, ada):
    make_interaction(ada, type=coffee, subject="Espresso")

    response = alice_client.post(type_url(coffee), type_data(coffee, "Tea break"))

    assert response.status_code == 302
    assert response.url == reverse("interactions:types")
    coffee.refresh_from_db()
    assert coffee.name == "Tea break"
    assert coffee.builtin_key == "coffee_chat"
    assert "Saved the type “Tea break”." in html(alice_client.get(response.url))
    assert (
        "Tea break"
        in find_one(html(alice_client.get(detail_url(ada))), "section", id="timeline").text
    )


def test_renaming_mine_leaves_another_users_type_alone(alice_client, coffee, charlie):
    theirs = builtin_type(charlie, "coffee_chat")

    alice_client.post(type_url(coffee), type_data(coffee, "Tea break", retired=True))

    theirs.refresh_from_db()
    assert theirs.name == "Coffee chat"
    assert not theirs.is_retired


def test_retired_type_leaves_the_menus_but_stays_on_old_interactions(alice_client, coffee, ada):
    old = make_interaction(ada, type=coffee, subject="Espresso")

    alice_client.post(type_url(coffee), type_data(coffee, "Coffee chat", retired=True))

    coffee.refresh_from_db()
    assert coffee.is_retired
    contact_page = html(alice_client.get(detail_url(ada)))
    quick_log = find_one(contact_page, "form", id="quick-log")
    assert str(coffee.code) not in [o.get("value") for o in quick_log.descendants()]
    assert "Coffee chat" in find_one(contact_page, "li", id=f"interaction-{old.code}").text
    new_form = html(alice_client.get(reverse("interactions:create", args=[ada.code])))
    assert str(coffee.code) not in new_form
    edit_form = html(alice_client.get(reverse("interactions:edit", args=[old.code])))
    options = [o for o in find_all(edit_form, "option") if o.get("value") == str(coffee.code)]
    assert len(options) == 1
    assert options[0].has("selected")


def test_a_retired_type_can_come_back(alice_client, coffee, ada):
    coffee.is_retired = True
    coffee.save()

    alice_client.post(type_url(coffee), type_data(coffee, "Coffee chat", retired=False))

    coffee.refresh_from_db()
    assert not coffee.is_retired


def test_a_name_taken_by_another_of_my_types_is_refused(alice_client, coffee):
    response = alice_client.post(type_url(coffee), type_data(coffee, "e-MAIL"))

    assert response.status_code == 200
    assert "You already have a type with that name." in html(response)
    coffee.refresh_from_db()
    assert coffee.name == "Coffee chat"


def test_htmx_save_returns_the_row_marked_saved(alice_client, coffee):
    response = alice_client.post(type_url(coffee), type_data(coffee, "Tea break"), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    row = find_one(html(response), "li", id=f"type-{coffee.code}")
    assert "Saved" in row.text
    assert find_one(row.descendants(), "input", name=f"{coffee.code}-name").get("value") == (
        "Tea break"
    )
    coffee.refresh_from_db()
    assert coffee.name == "Tea break"


def test_htmx_invalid_save_returns_the_row_with_the_error(alice_client, coffee):
    response = alice_client.post(type_url(coffee), type_data(coffee, "Call"), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    row = find_one(html(response), "li", id=f"type-{coffee.code}")
    assert "You already have a type with that name." in row.text
    assert "Saved" not in row.text
    coffee.refresh_from_db()
    assert coffee.name == "Coffee chat"


def test_htmx_get_returns_the_row_only(alice_client, coffee):
    response = alice_client.get(type_url(coffee), **HX)

    assert is_fragment(response)
    find_one(html(response), "li", id=f"type-{coffee.code}")


def test_outsider_gets_404_and_nothing_changes(charlie_client, coffee):
    assert charlie_client.get(type_url(coffee)).status_code == 404
    response = charlie_client.post(
        type_url(coffee), type_data(coffee, "Hacked", retired=True), **HX
    )

    assert response.status_code == 404
    coffee.refresh_from_db()
    assert coffee.name == "Coffee chat"
    assert not coffee.is_retired


def test_anonymous_visitor_is_sent_to_login(client, coffee):
    response = client.post(type_url(coffee), type_data(coffee, "Hacked"))

    assert response.status_code == 302
    assert response.url == login_url_for(type_url(coffee))
    coffee.refresh_from_db()
    assert coffee.name == "Coffee chat"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_type_edit_answers_only_get_and_post(alice_client, coffee, method):
    assert getattr(alice_client, method)(type_url(coffee)).status_code == 405
    assert InteractionType.objects.filter(pk=coffee.pk).exists()
