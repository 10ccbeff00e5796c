"""The folded keys are written by every save path: create, save(update_fields=...), bulk_create."""

import pytest
from django.core.management import call_command

from contacts.models import Contact, Tag
from devhub.lib.fields import refill_folded, stale_keys
from interactions.models import Interaction, InteractionType, ensure_builtin_types
from resources.models import SharedResource
from tests.conftest import bulk_contacts, make_contact
from tests.interactions.conftest import builtin_type, make_interaction

pytestmark = pytest.mark.django_db


def stored(model, pk, field: str) -> str:
    return model.objects.values_list(field, flat=True).get(pk=pk)


def test_create_fills_the_keys(alice):
    contact = make_contact(alice, name="Ada")
    interaction = make_interaction(contact, subject="Élodie Martin", notes="STRASSE AG\nÄrzte")

    assert interaction.search_text == "élodie martin\nstrasse ag\närzte"
    assert stored(Interaction, interaction.pk, "search_text") == interaction.search_text


def test_bulk_create_fills_the_keys_of_every_model(alice):
    tags = Tag.objects.bulk_create([Tag(owner=alice, name="Ärzte"), Tag(owner=alice, name="ΔΈΛΤΑ")])
    contacts = bulk_contacts(
        alice,
        [Contact(owner=alice, name="ÉLODIE", email="E@X.ORG"), Contact(owner=alice, name="Ada")],
    )
    ensure_builtin_types(alice)  # bulk_create, ignore_conflicts
    kind = InteractionType.objects.bulk_create([InteractionType(owner=alice, name="Straße")])[0]
    interactions = Interaction.objects.bulk_create(
        [Interaction(owner=alice, contact=contacts[0], type=kind, subject="CAFÉ", notes="Über")]
    )
    resources = SharedResource.objects.bulk_create(
        [SharedResource(contact=contacts[0], title="Größe", url="https://example.com/X")]
    )

    assert [stored(Tag, t.pk, "name_key") for t in tags] == ["ärzte", "δέλτα"]
    assert stored(InteractionType, kind.pk, "name_key") == "strasse"
    assert builtin_type(alice, "code_review").name_key == "code review"
    assert stored(Interaction, interactions[0].pk, "search_text") == "café\nüber"
    assert stored(SharedResource, resources[0].pk, "search_text") == (
        "grösse\nhttps://example.com/x"
    )


def test_save_with_update_fields_naming_a_source_saves_the_key_too(alice):
    tag = Tag.objects.create(owner=alice, name="ärzte")
    interaction = make_interaction(make_contact(alice, name="Ada"), subject="Ada")
    kind = InteractionType.objects.create(owner=alice, name="ring")

    tag.name = "STRASSE"
    tag.save(update_fields=["name"])
    interaction.notes = "Élodie"
    interaction.save(update_fields=["notes", "updated_at"])
    kind.name = "ΚΛΉΣΗ"
    kind.save(update_fields=("name",))

    assert stored(Tag, tag.pk, "name_key") == "strasse"
    assert stored(Interaction, interaction.pk, "search_text") == "ada\nélodie"
    assert stored(InteractionType, kind.pk, "name_key") == "κλήση"


def test_save_with_update_fields_not_naming_a_source_leaves_the_key(alice):
    tag = Tag.objects.create(owner=alice, name="Ärzte")
    tag.name = "unsaved"
    tag.kind = Tag.Kind.EVENT
    tag.save(update_fields=["kind"])

    assert Tag.objects.values_list("name", "name_key", "kind").get(pk=tag.pk) == (
        "Ärzte",
        "ärzte",
        "event",
    )


def test_saving_an_instance_loaded_with_only_some_fields_saves_the_key(alice):
    make_interaction(make_contact(alice, name="Ada"), subject="Ada", notes="Élodie")
    Tag.objects.create(owner=alice, name="ärzte")

    interaction = Interaction.objects.only("id", "subject").get()
    interaction.subject = "ÉLODIE"
    interaction.save()
    tag = Tag.objects.defer("name_key").get()
    tag.name = "STRASSE"
    tag.save()

    assert Interaction.objects.values_list("subject", "search_text").get() == (
        "ÉLODIE",
        "élodie\nélodie",
    )
    assert Tag.objects.values_list("name", "name_key").get() == ("STRASSE", "strasse")


def test_refill_repairs_stale_keys_in_batches(alice):
    for name in ("Élodie", "Ada", "Grace", "Ärzte", "Zoë"):
        Tag.objects.create(owner=alice, name=name)
    for name in ("Élodie", "Zoë"):
        Tag.objects.filter(name=name).update(name_key=f"stale {name}")
    assert len(stale_keys(Tag)) == 2

    assert refill_folded(Tag, batch_size=2) == 2
    assert stale_keys(Tag) == []
    assert Tag.objects.get(name="Zoë").name_key == "zoë"


def test_the_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
