"""An interaction's owner is always its contact's owner, whichever path wrote it, and a user's
pages show their own interactions only.

The two are in different tables, so no database constraint can hold this; every write path
below ends with `assert_owners_match()`, which looks at every interaction in the database.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from duplicates.merge import merge_contacts
from exports import dump
from exports.restore import restore
from interactions.models import Interaction
from opportunities import services as opportunity_services
from opportunities.models import Opportunity, Participant
from quickconnect import services as quickconnect_services
from reminders.calendar import calendar_for
from tests.conftest import make_contact, make_user
from tests.interactions.conftest import builtin_type, html, interaction_form_data, make_interaction
from tests.quickconnect.owner.conftest import make_code, make_event, submit

pytestmark = pytest.mark.django_db


def assert_owners_match() -> None:
    assert Interaction.objects.exists()
    wrong = Interaction.objects.exclude(owner_id=F("contact__owner_id"))
    assert list(wrong.values_list("pk", "owner_id", "contact__owner_id")) == []


# --- Every write path --------------------------------------------------------------------------


def test_logging_on_the_full_form_sets_the_owner(alice_client, alice):
    ada = make_contact(alice)

    alice_client.post(
        reverse("interactions:create", args=[ada.code]), interaction_form_data(builtin_type(alice))
    )

    assert Interaction.objects.get().owner == alice
    assert_owners_match()


def test_quick_log_sets_the_owner(alice_client, alice):
    ada = make_contact(alice)

    alice_client.post(
        reverse("interactions:quick_log", args=[ada.code]),
        {"quick-type": str(builtin_type(alice).code), "quick-notes": "Coffee"},
    )

    assert Interaction.objects.get().owner == alice
    assert_owners_match()


def test_the_owner_cannot_be_posted(alice_client, alice, charlie):
    ada = make_contact(alice)
    chat = make_interaction(ada)

    alice_client.post(
        reverse("interactions:edit", args=[chat.code]),
        interaction_form_data(builtin_type(alice), subject="Edited", owner=str(charlie.pk)),
    )

    chat.refresh_from_db()
    assert chat.subject == "Edited"
    assert chat.owner == alice
    assert_owners_match()


def test_moving_an_interaction_in_the_admin_takes_the_new_contacts_owner(
    admin_client, alice, charlie
):
    chat = make_interaction(make_contact(alice))
    theirs = make_contact(charlie, name="Mallory")

    response = admin_client.post(
        reverse("admin:interactions_interaction_change", args=[chat.pk]),
        {
            "contact": str(theirs.pk),
            "type": str(chat.type.pk),
            "occurred_at_0": "2026-03-10",
            "occurred_at_1": "10:00:00",
            "outcome": "neutral",
        },
    )

    assert response.status_code == 302, html(response)
    chat.refresh_from_db()
    assert (chat.contact, chat.owner) == (theirs, charlie)
    assert_owners_match()


def test_merging_contacts_keeps_the_owner(alice):
    ada, twin = make_contact(alice), make_contact(alice, name="Ada L.")
    make_interaction(ada)
    moved = make_interaction(twin)

    merge_contacts(alice, ada, [twin], {})

    moved.refresh_from_db()
    assert (moved.contact, moved.owner) == (ada, alice)
    assert_owners_match()


def test_a_restore_gives_the_interactions_to_the_restoring_user(alice):
    make_interaction(make_contact(alice), subject="Compiler hacking")
    document = dump.dump(alice)
    bob = make_user("bob")

    restore(bob, document)

    restored = Interaction.objects.get(subject="Compiler hacking", contact__owner=bob)
    assert restored.owner == bob
    assert_owners_match()


def test_a_backup_made_before_interactions_had_an_owner_still_restores(alice):
    """Exports never carry the owner (the restoring user is), so old files load as they did."""
    make_interaction(make_contact(alice), subject="Old backup")
    document = dump.dump(alice)
    assert all("owner" not in row for row in document["data"]["interactions.Interaction"])
    bob = make_user("bob")

    restore(bob, document)

    assert Interaction.objects.get(contact__owner=bob).owner == bob


def test_quick_connect_submissions_and_conference_adds_set_the_owner(alice):
    submit(make_code(alice, event=make_event(alice)), "Grace Hopper")
    quickconnect_services.conference_add(alice, make_event(alice, name="FOSDEM"), "Ken", "", [])

    assert Interaction.objects.filter(owner=alice).count() == 2
    assert_owners_match()


def test_a_job_discussion_sets_the_owner(alice_client, alice):
    ada = make_contact(alice)
    opportunity = opportunity_services.save_new(
        Opportunity(owner=alice, company="Acme", role_title="Developer")
    )
    Participant.objects.create(opportunity=opportunity, contact=ada)

    alice_client.post(
        reverse("opportunities:log_discussion", args=[opportunity.code]),
        {"talk-contact": str(ada.code), "talk-notes": "Salary"},
    )

    assert Interaction.objects.get().owner == alice
    assert_owners_match()


def test_the_demo_seed_sets_the_owner(db):
    call_command("seed_demo", users=2, contacts_per_user=5, interactions_per_contact=2, verbosity=0)

    assert Interaction.objects.filter(owner__username="demo2").count() == 10
    assert_owners_match()


# --- Isolation ---------------------------------------------------------------------------------


@pytest.fixture
def charlies_interaction(charlie) -> Interaction:
    return make_interaction(
        make_contact(charlie, name="Mallory"),
        notes="Secret plans",
        follow_up_on=dt.date.today() + dt.timedelta(days=3),
    )


def test_another_users_interactions_never_reach_the_list(alice_client, alice, charlies_interaction):
    make_interaction(make_contact(alice), notes="Chat with Ada")

    page = html(alice_client.get(reverse("interactions:list")))

    assert "Chat with Ada" in page
    assert "Secret plans" not in page and "Mallory" not in page


def test_another_users_interactions_never_reach_the_dashboard(
    alice_client, alice, charlies_interaction
):
    make_interaction(make_contact(alice), notes="Chat with Ada")

    page = html(alice_client.get(reverse("home")))

    assert "Chat with Ada" in page
    assert "Secret plans" not in page and "Mallory" not in page


def test_another_users_follow_ups_never_reach_the_calendar(alice, charlies_interaction):
    make_interaction(
        make_contact(alice, name="Grace Hopper"),
        follow_up_on=dt.date.today() + dt.timedelta(days=3),
    )

    calendar = calendar_for(alice).decode()

    assert "Grace Hopper" in calendar
    assert "Mallory" not in calendar
