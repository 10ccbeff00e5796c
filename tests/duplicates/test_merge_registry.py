"""Each app says what happens to its rows when contacts merge (contacts.merging); the merge runs
every registered handler inside its one transaction."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from collaborations import services as collaborations_services
from contacts import merging
from contacts.models import Contact
from duplicates import merge
from duplicates.merge import merge_contacts
from imports import merge as imports_merge
from interactions import merge as interactions_merge
from opportunities import merge as opportunities_merge
from projects import merge as projects_merge
from quickconnect import merge as quickconnect_merge
from reminders import merge as reminders_merge
from resources import merge as resources_merge
from search import index as search_index
from suggestions import services as suggestions_services
from tests.duplicates.conftest import attach_one_of_everything, make_contact, related_rows
from vip import merge as vip_merge

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(monkeypatch):
    """contacts.merging.register, for this test only."""
    monkeypatch.setattr(merging, "HANDLERS", list(merging.HANDLERS))
    return merging.register


def test_every_app_registers_its_handler_from_its_app_config():
    handlers = [r.handler for r in merging.HANDLERS]

    assert handlers == [
        interactions_merge.merge_contacts,
        resources_merge.merge_contacts,
        reminders_merge.merge_contacts,
        vip_merge.merge_contacts,
        quickconnect_merge.merge_contacts,
        opportunities_merge.merge_contacts,
        projects_merge.merge_contacts,
        collaborations_services.merge_contacts,
        search_index.drop_merged,
        suggestions_services.drop_merged,
        imports_merge.merge_contacts,
        merge.merge_dismissed_pairs,
    ]


def test_a_registered_handler_runs_inside_the_merge_with_the_locked_contacts(alice, register):
    ada, copy, third = (make_contact(alice, name=n) for n in ("Ada", "Ada L", "A. Lovelace"))
    attach_one_of_everything(copy, "b")
    calls = []

    def handler(owner, primary, others):
        calls.append(
            {
                "in_transaction": connection.in_atomic_block,
                "owner": owner,
                "primary": primary.pk,
                "others": [c.pk for c in others],
                "others_still_there": Contact.objects.filter(pk__in=[c.pk for c in others]).count(),
                "interactions_moved": primary.interactions.count(),
            }
        )

    register(handler, relations=[])

    merge_contacts(alice, ada, [copy, third], {})

    assert calls == [
        {
            "in_transaction": True,
            "owner": alice,
            "primary": ada.pk,
            "others": [copy.pk, third.pk],
            "others_still_there": 2,  # deleted only after every handler ran
            "interactions_moved": 1,  # the handlers registered before it have run
        }
    ]


def test_a_failing_handler_undoes_the_whole_merge(alice, register):
    ada = make_contact(alice, name="Ada", email="ada@example.com", tags=["Python"])
    copy = make_contact(alice, name="Ada L", email="ada@example.com", tags=["Go"])
    attach_one_of_everything(ada, "a")
    attach_one_of_everything(copy, "b")
    before = [related_rows(c) for c in (ada, copy)]

    def broken(owner, primary, others):
        raise RuntimeError("disk full")

    # The last handler: every app's rows have moved when it fails.
    register(broken, relations=[])
    with pytest.raises(RuntimeError):
        merge_contacts(alice, ada, [copy], {"name": "Changed"})

    assert Contact.objects.for_owner(alice).count() == 2
    assert [related_rows(c) for c in (ada, copy)] == before
    ada.refresh_from_db()
    assert ada.name == "Ada"


def test_the_counts_on_the_confirmation_page_come_from_the_registrations(alice, register):
    ada, copy = make_contact(alice, name="Ada"), make_contact(alice, name="Ada L")
    attach_one_of_everything(copy, "b")

    register(lambda *args: None, relations=[], counts={})
    moves = merge.count_moves(ada, [copy])

    assert [label for label, _ in moves.counts] == [
        "interactions",
        "shared resources",
        "reminders",
        "VIP projects",
        "VIP sections",
        "Quick Connect submissions",
        "opportunity roles",
        "recruiter notes",
        "project roles",
        "collaboration roles",
        "new tags",
        "new event links",
    ]


def test_registering_a_handler_twice_runs_it_once(register):
    register(interactions_merge.merge_contacts, relations=["interactions.Interaction.contact"])

    handlers = [r.handler for r in merging.HANDLERS]
    assert handlers.count(interactions_merge.merge_contacts) == 1


def test_two_handlers_cannot_claim_the_same_relation(register):
    with pytest.raises(ImproperlyConfigured, match=r"interactions\.Interaction\.contact"):
        register(lambda *args: None, relations=["interactions.Interaction.contact"])


def test_a_count_needs_a_relation_the_handler_takes_care_of(register):
    with pytest.raises(ImproperlyConfigured, match="Counted but not handled"):
        register(lambda *args: None, relations=[], counts={"things": ["vip.Background.contact"]})
