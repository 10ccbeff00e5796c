# ruff: noqa: RUF001 (look-alike letters from other scripts are what these tests are about)
"""The data migrations fill the keys of existing rows, and names that the old LOWER()
constraint let through but that clash once folded get a numbered suffix instead of failing."""

import pytest

from tests.conftest import make_user
from tests.migrating import latest, migrate, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("contacts", "0004_connected_on"), ("interactions", "0002_type_restrict"),
          ("resources", "0002_alter_sharedresource_kind")]  # fmt: skip


@pytest.fixture
def old_apps():
    """The three apps as they were before the folded keys; put back to the latest afterwards."""
    with migrated_to(BEFORE) as apps:
        yield apps


def test_the_migrations_fill_keys_and_rename_clashing_names(old_apps):
    Tag = old_apps.get_model("contacts", "Tag")
    Contact = old_apps.get_model("contacts", "Contact")
    InteractionType = old_apps.get_model("interactions", "InteractionType")
    Interaction = old_apps.get_model("interactions", "Interaction")
    SharedResource = old_apps.get_model("resources", "SharedResource")
    # The accounts app stays at its latest migration: its current model makes the users.
    alice, bob = make_user("alice").pk, make_user("bob").pk
    # Differ by more than LOWER() sees on any engine or locale (ß -> ss, full-width letters).
    for owner, name in [(alice, "Straße"), (alice, "STRASSE"), (alice, "Ｐｙｔｈｏｎ"),
                        (alice, "python"), (alice, "STRASSE (2)"), (bob, "strasse")]:  # fmt: skip
        Tag.objects.create(owner_id=owner, name=name)
    long_name = "ß" * 25
    Tag.objects.create(owner_id=alice, name=long_name)
    Tag.objects.create(owner_id=alice, name="SS" * 25)
    ada = Contact.objects.create(
        owner_id=alice, name="Élodie Martin", company="Größe", notes="Ärzte"
    )
    call = InteractionType.objects.create(owner_id=alice, name="Straße")
    InteractionType.objects.create(owner_id=alice, name="STRASSE")
    Interaction.objects.create(contact=ada, type=call, subject="CAFÉ", notes="Über")
    SharedResource.objects.create(contact=ada, title="ÄRZTE", url="https://example.com/Ü")

    new_apps = migrate(latest())

    Tag = new_apps.get_model("contacts", "Tag")
    tags = dict(Tag.objects.filter(owner__username="alice").values_list("name", "name_key"))
    assert tags == {
        "Straße": "strasse",
        "STRASSE (3)": "strasse (3)",  # " (2)" is taken by an existing tag
        "STRASSE (2)": "strasse (2)",
        "Ｐｙｔｈｏｎ": "python",
        "python (2)": "python (2)",
        long_name: "ss" * 25,
        "SS" * 23 + " (2)": "ss" * 23 + " (2)",  # cut to fit the 50 characters
    }
    assert Tag.objects.get(owner__username="bob").name_key == "strasse"
    types = new_apps.get_model("interactions", "InteractionType").objects.order_by("pk")
    assert list(types.values_list("name", "name_key")) == [
        ("Straße", "strasse"),
        ("STRASSE (2)", "strasse (2)"),
    ]
    assert new_apps.get_model("interactions", "Interaction").objects.get().search_text == (
        "café\nüber"
    )
    assert new_apps.get_model("resources", "SharedResource").objects.get().search_text == (
        "ärzte\nhttps://example.com/ü"
    )
