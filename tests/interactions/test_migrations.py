"""Interactions logged before they carried an owner get their contact's owner on migrating."""

import pytest

from interactions.models import Interaction
from tests.conftest import make_contact, make_user
from tests.migrating import latest, migrate, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("interactions", "0006_interaction_owner")


@pytest.fixture
def old_apps():
    """Interactions before the owner was filled in; every other app at its latest."""
    with migrated_to([node for node in latest() if node[0] != BEFORE[0]] + [BEFORE]) as apps:
        yield apps


def test_the_migration_gives_every_interaction_its_contacts_owner(old_apps):
    InteractionType = old_apps.get_model("interactions", "InteractionType")
    OldInteraction = old_apps.get_model("interactions", "Interaction")
    alice, bob = make_user("alice"), make_user("bob")
    for user in (alice, bob):
        contact = make_contact(user, name=f"Friend of {user.username}")  # contacts: the latest
        call = InteractionType.objects.create(owner_id=user.pk, name="Call")
        for _ in range(3):
            OldInteraction.objects.create(contact_id=contact.pk, type=call)
    assert OldInteraction.objects.filter(owner__isnull=True).count() == 6

    migrate(latest())

    assert Interaction.objects.filter(owner=alice, contact__owner=alice).count() == 3
    assert Interaction.objects.filter(owner=bob, contact__owner=bob).count() == 3
