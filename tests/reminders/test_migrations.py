"""The migrations to stored due dates and foreign-key occasions, run over existing rows."""

import datetime as dt

import pytest
import time_machine

from tests.conftest import make_user
from tests.migrating import latest, migrate, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("contacts", "0008_owner_active_index"),
    ("reminders", "0002_open_check_in_index"),
    ("quickconnect", "0001_initial"),
    ("interactions", "0005_type_name_key_unique"),
    ("opportunities", "0003_fill_company_key"),
]
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def old_apps():
    with time_machine.travel(NOW, tick=False), migrated_to(BEFORE) as apps:
        yield apps


def test_due_dates_statuses_and_occasions_are_filled_from_the_old_rows(old_apps):
    Contact = old_apps.get_model("contacts", "Contact")
    Reminder = old_apps.get_model("reminders", "Reminder")
    Notification = old_apps.get_model("quickconnect", "Notification")
    InteractionType = old_apps.get_model("interactions", "InteractionType")
    Interaction = old_apps.get_model("interactions", "Interaction")
    Opportunity = old_apps.get_model("opportunities", "Opportunity")
    alice = make_user("alice").pk
    # Medium importance (90 days), last contact 100 days ago, stored as regular by a stale run.
    ada = Contact.objects.create(
        owner_id=alice,
        name="Ada",
        last_contacted=dt.date(2025, 11, 30),
        birthday=dt.date(1990, 3, 14),
        status="regular_contact",
    )
    passive = Contact.objects.create(owner_id=alice, name="Quiet", status="passive")
    call = InteractionType.objects.create(owner_id=alice, name="Call")
    talk = Interaction.objects.create(contact=ada, type=call, follow_up_on=dt.date(2026, 3, 20))
    job = Opportunity.objects.create(owner_id=alice, company="Acme", role_title="Engineer")
    old = {
        "check_in": f"contact:{ada.pk}:2025-11-30",
        "birthday": f"contact:{ada.pk}:2026:in a week",
        "conference_follow_up": f"contact:{ada.pk}",
        "follow_up": f"interaction:{talk.code}:2026-03-20",
        "job_application": f"opportunity:{job.pk}:thanks:interviewing",
    }
    for kind, occasion in old.items():
        Reminder.objects.create(
            owner_id=alice,
            contact=ada,
            kind=kind,
            title=kind,
            due_on=dt.date(2026, 3, 10),
            is_automatic=True,
            occasion=occasion,
        )
    Notification.objects.create(owner_id=alice, title="Ada joined", url=f"/contacts/{ada.code}/")

    with time_machine.travel(NOW, tick=False):
        new_apps = migrate(latest())

    Contact = new_apps.get_model("contacts", "Contact")
    Reminder = new_apps.get_model("reminders", "Reminder")
    Notification = new_apps.get_model("quickconnect", "Notification")
    ada = Contact.objects.get(pk=ada.pk)
    assert (ada.added_on, ada.check_in_on, ada.reconnect_on, ada.status) == (
        dt.date(2026, 3, 10),
        dt.date(2026, 2, 28),
        dt.date(2026, 8, 27),
        "check_in_due",
    )
    passive = Contact.objects.get(pk=passive.pk)
    assert (passive.check_in_on, passive.reconnect_on, passive.status) == (None, None, "passive")
    translated = {
        r.kind: (r.occasion, r.occasion_on, r.interaction_id, r.opportunity_id)
        for r in Reminder.objects.all()
    }
    assert translated == {
        "check_in": ("", dt.date(2026, 3, 10), None, None),
        "birthday": ("in a week", dt.date(2026, 3, 14), None, None),
        "conference_follow_up": ("", dt.date(2026, 3, 10), None, None),
        "follow_up": ("", dt.date(2026, 3, 20), talk.pk, None),
        "job_application": ("thanks:interviewing", None, None, job.pk),
    }
    assert Notification.objects.get().contact_id == ada.pk
