"""An interaction's open-source project travels in the JSON export and comes back on restore."""

import pytest

from exports import dump
from exports.restore import restore
from interactions.models import Interaction, InteractionType
from tests.collaborations.conftest import make_collaboration
from tests.conftest import make_contact, make_user
from tests.interactions.conftest import make_interaction

pytestmark = pytest.mark.django_db


def test_the_link_to_a_project_round_trips(alice):
    project = make_collaboration(alice, title="Rust in production", kind="open_source")
    ada = make_contact(alice, name="Ada Lovelace")
    make_interaction(ada, type="code_review", subject="PR #42", collaboration=project)
    make_interaction(ada, subject="Unlinked")
    original = dump.dump(alice)
    rows = {r["subject"]: r for r in original["data"]["interactions.Interaction"]}
    assert rows["PR #42"]["collaboration"] == str(project.code)
    assert rows["Unlinked"]["collaboration"] is None

    alice.delete()
    bob = make_user("bob")
    InteractionType.objects.for_owner(bob)
    restore(bob, original)

    review = Interaction.objects.get(owner=bob, subject="PR #42")
    assert (review.collaboration.title, review.collaboration.owner) == ("Rust in production", bob)
    assert Interaction.objects.get(owner=bob, subject="Unlinked").collaboration is None
    assert dump.dump(bob)["data"] == original["data"]
