"""A `client_id` makes creating a contact or an interaction safe to repeat, per owner."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from contacts import services as contact_services
from contacts.models import Contact
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


def test_add_contact_returns_the_contact_already_sent(alice):
    client_id = uuid.uuid4()
    first = contact_services.add_contact(Contact(owner=alice, name="Ada", client_id=client_id))
    second = contact_services.add_contact(Contact(owner=alice, name="Ada", client_id=client_id))
    assert second.pk == first.pk
    assert Contact.objects.count() == 1


def test_without_a_client_id_every_contact_is_new(alice):
    contact_services.add_contact(Contact(owner=alice, name="Ada"))
    contact_services.add_contact(Contact(owner=alice, name="Ada"))
    assert Contact.objects.count() == 2


def test_the_same_client_id_is_anothers_own_entry(alice, charlie):
    client_id = uuid.uuid4()
    mine = contact_services.add_contact(Contact(owner=alice, name="Ada", client_id=client_id))
    theirs = contact_services.add_contact(Contact(owner=charlie, name="Bob", client_id=client_id))
    assert theirs.pk != mine.pk and theirs.owner == charlie and theirs.name == "Bob"


def test_log_interaction_returns_the_interaction_already_sent(alice, charlie):
    grace = make_contact(alice, name="Grace")
    call = InteractionType.objects.for_owner(alice).get(builtin_key="call")
    client_id = uuid.uuid4()

    def log(contact, kind):
        return interaction_services.log_interaction(
            Interaction(contact=contact, type=kind, client_id=client_id)
        )

    first = log(grace, call)
    assert log(grace, call).pk == first.pk
    assert Interaction.objects.filter(owner=alice).count() == 1
    bob = make_contact(charlie, name="Bob")
    other = log(bob, InteractionType.objects.for_owner(charlie).get(builtin_key="call"))
    assert other.pk != first.pk and other.owner == charlie


def test_the_database_holds_one_row_per_owner_and_client_id(alice):
    client_id = uuid.uuid4()
    make_contact(alice, name="Ada", client_id=client_id)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_contact(alice, name="Ada again", client_id=client_id)
    grace = make_contact(alice, name="Grace")
    call = InteractionType.objects.for_owner(alice).get(builtin_key="call")
    interaction_services.save_interaction(
        Interaction(contact=grace, type=call, client_id=client_id)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        interaction_services.save_interaction(
            Interaction(contact=grace, type=call, client_id=client_id)
        )
