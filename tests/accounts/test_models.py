import pytest
from django.db.models import RestrictedError

from accounts.models import User
from contacts.models import Contact
from interactions import services
from interactions.models import Interaction, InteractionType
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


def test_deleting_a_user_deletes_their_data_and_nobody_elses(alice, charlie):
    """A user's interactions point at that user's own types; deleting the user must not trip
    over that (types are RESTRICTed, not PROTECTed)."""
    for owner in (alice, charlie):
        contact = make_contact(owner, name=f"{owner.username}'s friend")
        call = InteractionType.objects.for_owner(owner).get(builtin_key="call")
        services.save_interaction(Interaction(contact=contact, type=call))

    alice.delete()

    assert not User.objects.filter(username="alice").exists()
    assert list(Contact.objects.values_list("name", flat=True)) == ["charlie's friend"]
    assert Interaction.objects.count() == 1


def test_a_type_still_in_use_cannot_be_deleted_on_its_own(alice):
    contact = make_contact(alice)
    call = InteractionType.objects.for_owner(alice).get(builtin_key="call")
    services.save_interaction(Interaction(contact=contact, type=call))

    with pytest.raises(RestrictedError):
        call.delete()
