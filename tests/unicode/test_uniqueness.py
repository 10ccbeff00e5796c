"""Tag and interaction-type names are unique per owner ignoring case in every script: in the
forms (a clear message) and in the database (a constraint on the folded key)."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from contacts.forms import ContactForm, TagForm, parse_tag_names, tags_for_names
from contacts.models import Tag
from interactions.forms import InteractionTypeForm
from interactions.models import InteractionType
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import contact_form_data
from vip.sections import vip_cards

pytestmark = pytest.mark.django_db

CLASHES = [("Ärzte", "ärzte"), ("Δέλτα", "ΔΈΛΤΑ"), ("Straße", "STRASSE"), ("İzmir", "izmir")]


@pytest.mark.parametrize(("first", "second"), CLASHES)
def test_the_database_refuses_a_tag_differing_only_by_case(alice, charlie, first, second):
    Tag.objects.create(owner=alice, name=first)
    Tag.objects.create(owner=charlie, name=second)  # someone else's is fine

    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(owner=alice, name=second)


@pytest.mark.parametrize(("first", "second"), CLASHES)
def test_the_database_refuses_a_type_differing_only_by_case(alice, charlie, first, second):
    InteractionType.objects.create(owner=alice, name=first)
    InteractionType.objects.create(owner=charlie, name=second)

    with pytest.raises(IntegrityError), transaction.atomic():
        InteractionType.objects.create(owner=alice, name=second)


def test_renaming_a_tag_into_a_clash_breaks_the_constraint_too(alice):
    Tag.objects.create(owner=alice, name="Ärzte")
    other = Tag.objects.create(owner=alice, name="Pflege")
    other.name = "ÄRZTE"

    with pytest.raises(IntegrityError), transaction.atomic():
        other.save(update_fields=["name"])


@pytest.mark.parametrize(("first", "second"), CLASHES)
def test_the_tag_form_explains_a_clash_in_another_case(alice, first, second):
    make_tag(alice, first)

    form = TagForm(data={"name": second, "kind": "technology", "colour": "info"}, owner=alice)

    assert not form.is_valid()
    assert form.errors["name"] == [
        f"You already have a tag called “{first}”. Merge the two instead."
    ]


def test_renaming_a_tag_in_place_to_a_clash_answers_with_the_message(alice_client, alice):
    make_tag(alice, "Ärzte")
    other = make_tag(alice, "Pflege")
    prefix = str(other.code)

    response = alice_client.post(
        reverse("contacts:tag_edit", args=[other.code]),
        {f"{prefix}-name": "ÄRZTE", f"{prefix}-kind": "technology", f"{prefix}-colour": "info"},
    )

    assert response.status_code == 200
    assert "You already have a tag called “Ärzte”. Merge the two instead." in (
        response.content.decode()
    )
    other.refresh_from_db()
    assert other.name == "Pflege"


def test_changing_only_the_case_of_a_tag_is_allowed(alice):
    tag = make_tag(alice, "ärzte")

    form = TagForm(
        data={"name": "Ärzte", "kind": "technology", "colour": "info"}, instance=tag, owner=alice
    )

    assert form.is_valid(), form.errors
    form.save()
    tag.refresh_from_db()
    assert (tag.name, tag.name_key) == ("Ärzte", "ärzte")


def test_typed_tag_names_differing_by_case_become_one_tag(alice):
    assert parse_tag_names("Ärzte, ärzte, STRASSE, Straße") == ["Ärzte", "STRASSE"]

    form = ContactForm(data=contact_form_data(tag_names="Ärzte, ärzte, ΔΈΛΤΑ"), owner=alice)
    assert form.is_valid(), form.errors
    contact = form.save()

    assert sorted(t.name for t in contact.tags.all()) == ["Ärzte", "ΔΈΛΤΑ"]


def test_typing_an_existing_tag_in_another_case_reuses_it(alice):
    existing = make_tag(alice, "Ärzte")

    assert tags_for_names(alice, ["ÄRZTE", "straße"]) == [existing, Tag.objects.get(name="straße")]
    assert tags_for_names(alice, ["STRASSE"]) == [Tag.objects.get(name="straße")]
    assert Tag.objects.filter(owner=alice).count() == 2


def test_bulk_remove_finds_the_tag_in_any_case(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace", tags=["Ärzte"])

    response = alice_client.post(
        reverse("contacts:bulk"), {"ids": [str(ada.code)], "action": "remove_tag", "tag": "ÄRZTE"}
    )

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Removed the tag “Ärzte” from 1 contact."
    ]
    assert not ada.tags.exists()


def test_the_vip_cards_filter_by_tag_in_any_case(alice):
    make_contact(alice, name="Élodie", is_vip=True, tags=["Ärzte"])
    make_contact(alice, name="Grace", is_vip=True, tags=["Pflege"])

    cards = vip_cards(alice, ["ÄRZTE"])

    assert [card["contact"].name for card in cards] == ["Élodie"]


@pytest.mark.parametrize(("first", "second"), CLASHES)
def test_the_type_form_explains_a_clash_in_another_case(alice, first, second):
    InteractionType.objects.for_owner(alice)
    InteractionType.objects.create(owner=alice, name=first)

    form = InteractionTypeForm(data={"name": second}, owner=alice)

    assert not form.is_valid()
    assert form.errors["name"] == ["You already have a type with that name."]


def test_adding_a_clashing_type_on_the_page_answers_with_the_message(alice_client, alice):
    InteractionType.objects.for_owner(alice)
    InteractionType.objects.create(owner=alice, name="Ärztegespräch")

    response = alice_client.post(reverse("interactions:types"), {"name": "ÄRZTEGESPRÄCH"})

    assert response.status_code == 200
    assert "You already have a type with that name." in response.content.decode()
    assert InteractionType.objects.filter(owner=alice, name_key="ärztegespräch").count() == 1


def test_model_validation_checks_the_key_when_the_name_is_validated(alice):
    make_tag(alice, "Ärzte")
    clash = Tag(owner=alice, name="ÄRZTE")

    with pytest.raises(ValidationError) as caught:
        clash.full_clean()  # name_key is not editable, yet its constraint is checked
    assert caught.value.messages == ["The owner already has a tag of that name (in any case)."]
    Tag(owner=alice, name="Pflege").full_clean()


def test_the_admin_refuses_a_clashing_tag_with_a_message(admin_client, alice):
    make_tag(alice, "Ärzte")

    response = admin_client.post(
        reverse("admin:contacts_tag_add"),
        {"owner": alice.pk, "name": "ärzte", "kind": "technology", "colour": "neutral"},
    )

    assert response.status_code == 200
    assert "The owner already has a tag of that name (in any case)." in response.content.decode()
    assert Tag.objects.filter(owner=alice).count() == 1


def test_the_admin_refuses_a_clashing_type_with_a_message(admin_client, alice):
    InteractionType.objects.create(owner=alice, name="Straße")

    response = admin_client.post(
        reverse("admin:interactions_interactiontype_add"),
        {"owner": alice.pk, "name": "STRASSE", "position": 100},
    )

    assert response.status_code == 200
    assert "The owner already has a type of that name (in any case)." in response.content.decode()
