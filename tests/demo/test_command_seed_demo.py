import datetime as dt
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact, Tag
from interactions.models import Interaction
from opportunities.models import Opportunity
from reminders.models import Reminder
from tests.conftest import make_user
from vip.models import Background, ContactInfo

pytestmark = pytest.mark.django_db


def seed(**options) -> None:
    defaults = {"users": 2, "contacts_per_user": 30, "interactions_per_contact": 3, "seed": 7}
    call_command("seed_demo", verbosity=0, password="demo-pass-123", **(defaults | options))


def snapshot() -> dict[str, list[tuple]]:
    """Everything the seed draws, keyed by natural values (ids and UUID codes differ per run)."""
    return {
        "contacts": list(
            Contact.objects.order_by("owner__username", "email").values_list(
                "owner__username",
                "name",
                "email",
                "company",
                "status",
                "last_contacted",
                "is_vip",
                "birthday",
                "created_at",
            )
        ),
        "interactions": list(
            Interaction.objects.order_by(
                "contact__email", "occurred_at", "type__name", "notes", "outcome"
            ).values_list("contact__email", "occurred_at", "type__name", "notes", "outcome")
        ),
        "tags": sorted(Contact.tags.through.objects.values_list("contact__email", "tag__name")),
        "events": sorted(
            Contact.events.through.objects.values_list("contact__email", "event__name")
        ),
        "reminders": sorted(Reminder.objects.values_list("contact__email", "due_on", "title")),
    }


def test_creates_the_requested_amounts_for_demo_users():
    seed()

    assert sorted(User.objects.values_list("username", flat=True)) == ["demo", "demo2"]
    for user in User.objects.all():
        contacts = Contact.objects.for_owner(user)
        assert contacts.count() == 30
        assert Interaction.objects.for_owner(user).count() == 90
        assert Opportunity.objects.for_owner(user).count() == 20
        assert Tag.objects.for_owner(user).filter(contacts__isnull=False).exists()
    # last_contacted always equals the latest interaction's date, as in the app.
    for contact in Contact.objects.all()[:10]:
        latest = contact.interactions.order_by("-occurred_at").first().occurred_at
        assert contact.last_contacted == latest.date()


@time_machine.travel(dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC), tick=False)
def test_the_same_seed_gives_the_same_data():
    seed(seed=3, contacts_per_user=60)
    first = snapshot()
    User.objects.all().delete()
    seed(seed=3, contacts_per_user=60)

    assert snapshot() == first
    User.objects.all().delete()
    seed(seed=4, contacts_per_user=60)
    assert snapshot()["contacts"] != first["contacts"]


def test_the_data_is_spread_like_a_real_network():
    seed(users=1, contacts_per_user=400, interactions_per_contact=4)
    contacts = Contact.objects.all()

    assert 3 <= contacts.filter(is_vip=True).count() <= 50
    vips = contacts.filter(is_vip=True).count()
    assert ContactInfo.objects.count() == Background.objects.count() == vips
    # About 2 % of contacts get a hand-made reminder, due within 10 days either side of today.
    manual = Reminder.objects.filter(is_automatic=False).select_related("contact")
    assert 2 <= manual.count() <= 20
    today = timezone.localdate()
    for reminder in manual:
        assert reminder.title == f"Send {reminder.contact.name} the article"
        assert -10 <= (reminder.due_on - today).days <= 20
    assert manual.values("contact").distinct().count() == manual.count()
    assert contacts.filter(birthday__isnull=False).count() in range(60, 200)
    assert contacts.values("company").distinct().count() > 10
    # Added dates spread over years, not all "now"; every contact has 1 to 4 tags.
    assert contacts.dates("created_at", "year").count() >= 3
    links = Contact.tags.through.objects
    assert links.values("contact").distinct().count() == 400
    assert 400 < links.count() <= 1600
    assert 60 <= Contact.events.through.objects.count() <= 200
    interactions = Interaction.objects.all()
    assert interactions.values("type").distinct().count() >= 10
    assert interactions.values("outcome").distinct().count() == 4
    assert interactions.dates("occurred_at", "year").count() >= 2


def test_seeded_rows_are_searchable_like_rows_the_app_saves():
    seed(users=1)

    assert (
        Contact.objects.search("lovelace").count()
        == Contact.objects.filter(name__endswith="Lovelace").count()
    )
    assert (
        Interaction.objects.search("kubernetes").count()
        == Interaction.objects.filter(notes__contains="Kubernetes").count()
    )
    assert Interaction.objects.search("kubernetes").exists()


def test_shows_progress_and_a_summary():
    out = io.StringIO()
    call_command(
        "seed_demo", users=1, contacts_per_user=12, seed=1, password="demo-pass-123", stdout=out
    )

    assert "1 users, 12 contacts, 60 interactions" in out.getvalue()


def test_leaves_the_connections_sqlite_settings_as_they_were():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only tuning")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        seed(users=1)
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before


def test_demo_users_can_log_in(client):
    seed(users=1)

    response = client.post(
        "/accounts/login/",
        {"username": "demo", "password": "demo-pass-123"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302


def test_refuses_a_database_with_real_users():
    make_user("alice")

    with pytest.raises(CommandError, match="real users"):
        seed()
    assert not Contact.objects.exists()


def test_force_seeds_beside_real_users():
    make_user("alice")

    seed(users=1, force=True)

    assert Contact.objects.filter(owner__username="demo").count() == 30


def test_refuses_to_seed_twice():
    seed(users=1)

    with pytest.raises(CommandError, match="already exist"):
        seed(users=1)


def test_rejects_impossible_sizes():
    with pytest.raises(CommandError, match="--users"):
        seed(users=0)
