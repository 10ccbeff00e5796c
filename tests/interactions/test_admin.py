"""The admin writes through the same service, so last_contacted stays true there too."""

from datetime import date

import pytest
from django.urls import reverse

from contacts.models import Contact
from interactions.models import Interaction, InteractionType
from tests.conftest import make_contact
from tests.interactions.conftest import at, builtin_type, html, make_interaction

pytestmark = pytest.mark.django_db


def last_contacted(contact: Contact) -> date | None:
    contact.refresh_from_db()
    return contact.last_contacted


def admin_form(interaction_type: InteractionType, contact: Contact, day: str, **extra) -> dict:
    return {
        "contact": str(contact.pk),
        "type": str(interaction_type.pk),
        "occurred_at_0": day,
        "occurred_at_1": "10:00:00",
        "subject": "",
        "notes": "",
        "outcome": "neutral",
        "follow_up_on": "",
        "progress_notes": "",
        "transcript_source": "",
        "ai_suggestions": "",
        "confidence": "",
        **extra,
    }


@pytest.mark.parametrize("model", ["interactions_interaction", "interactions_interactiontype"])
def test_changelist_and_add_pages_open(admin_client, ada, model):
    make_interaction(ada, subject="Visible in admin")

    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 200


def test_changelist_shows_the_owner(admin_client, ada):
    make_interaction(ada, type="code_review")

    page = html(admin_client.get(reverse("admin:interactions_interaction_changelist")))

    assert "Code review" in page
    assert "alice" in page


def test_adding_in_the_admin_sets_last_contacted(admin_client, ada):
    make_interaction(ada, occurred_at=at(2026, 1, 5))

    response = admin_client.post(
        reverse("admin:interactions_interaction_add"),
        admin_form(builtin_type(ada.owner), ada, "2026-03-10", subject="From the admin"),
    )

    assert response.status_code == 302, html(response)
    assert Interaction.objects.filter(subject="From the admin").exists()
    assert last_contacted(ada) == date(2026, 3, 10)


def test_changing_the_date_in_the_admin_moves_last_contacted(admin_client, ada):
    make_interaction(ada, occurred_at=at(2026, 1, 5))
    latest = make_interaction(ada, occurred_at=at(2026, 3, 10))

    response = admin_client.post(
        reverse("admin:interactions_interaction_change", args=[latest.pk]),
        admin_form(latest.type, ada, "2025-12-01"),
    )

    assert response.status_code == 302, html(response)
    assert last_contacted(ada) == date(2026, 1, 5)


def test_moving_an_interaction_to_another_contact_updates_both(admin_client, ada, alice):
    grace = make_contact(alice, name="Grace Hopper")
    make_interaction(ada, occurred_at=at(2026, 1, 5))
    moved = make_interaction(ada, occurred_at=at(2026, 3, 10))

    response = admin_client.post(
        reverse("admin:interactions_interaction_change", args=[moved.pk]),
        admin_form(moved.type, grace, "2026-03-10"),
    )

    assert response.status_code == 302, html(response)
    assert last_contacted(grace) == date(2026, 3, 10)
    assert last_contacted(ada) == date(2026, 1, 5)


def test_deleting_in_the_admin_recomputes_last_contacted(admin_client, ada):
    make_interaction(ada, occurred_at=at(2026, 1, 5))
    latest = make_interaction(ada, occurred_at=at(2026, 3, 10))

    response = admin_client.post(
        reverse("admin:interactions_interaction_delete", args=[latest.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Interaction.objects.filter(pk=latest.pk).exists()
    assert last_contacted(ada) == date(2026, 1, 5)


def test_bulk_delete_in_the_admin_recomputes_every_contact(admin_client, ada, alice):
    grace = make_contact(alice, name="Grace Hopper")
    keep = make_interaction(ada, occurred_at=at(2026, 1, 5))
    ada_latest = make_interaction(ada, occurred_at=at(2026, 3, 10))
    grace_only = make_interaction(grace, occurred_at=at(2026, 2, 2))

    response = admin_client.post(
        reverse("admin:interactions_interaction_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(ada_latest.pk), str(grace_only.pk)],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert list(Interaction.objects.all()) == [keep]
    assert last_contacted(ada) == date(2026, 1, 5)
    assert last_contacted(grace) is None
