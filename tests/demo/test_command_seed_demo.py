import contextlib
import datetime as dt
import io
import types

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

import demo.seed
from accounts.models import User
from collaborations.models import Collaboration, Feedback, Idea, Person
from contacts.models import Contact, Tag
from interactions.models import Interaction
from opportunities.models import Opportunity
from projects.models import Member, Milestone, Payment, Project, TimeEntry
from reminders.models import Reminder
from search import query as search_query
from tests.conftest import make_contact, make_user
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
        # Project reminders have no contact: "" sorts with the e-mail addresses.
        "reminders": sorted(
            (email or "", due_on, title)
            for email, due_on, title in Reminder.objects.values_list(
                "contact__email", "due_on", "title"
            )
        ),
        "projects": sorted(
            Project.objects.values_list("owner__username", "title", "client", "stage", "rate")
        ),
        "members": sorted(Member.objects.values_list("project__title", "contact__email", "role")),
        "milestones": sorted(
            Milestone.objects.values_list("project__owner__username", "title", "due_on", "status")
        ),
        "payments": sorted(
            Payment.objects.values_list(
                "project__owner__username", "project__title", "amount", "due_on", "status"
            )
        ),
        "time": sorted(
            TimeEntry.objects.values_list(
                "project__owner__username", "worked_on", "hours", "note", "payment__amount"
            )
        ),
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


@time_machine.travel(dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC), tick=False)
def test_demo_users_freelance_with_reminders_made_by_the_app():
    seed(users=2, contacts_per_user=12)

    for user in User.objects.all():
        projects = Project.objects.for_owner(user)
        assert set(projects.values_list("pricing", flat=True)) == {"fixed", "hourly", "daily"}
        assert projects.filter(stage="active").count() == 2
        assert Member.objects.filter(project__owner=user, role="client").count() == 5
        payments = Payment.objects.filter(project__owner=user)
        assert set(payments.values_list("status", flat=True)) == {
            "paid",
            "overdue",
            "invoiced",
            "scheduled",
        }
        # The overdue payment got its reminder, the milestone due in 5 days its two.
        reminders = Reminder.objects.for_owner(user).open()
        assert reminders.filter(payment__status="overdue", occasion="overdue").count() == 1
        assert set(
            reminders.filter(milestone__title="Checkout and payments").values_list(
                "occasion", "due_on"
            )
        ) == {("before", dt.date(2026, 5, 3)), ("due", dt.date(2026, 5, 6))}
        time = TimeEntry.objects.filter(project__owner=user)
        assert time.count() == 12
        assert time.filter(payment__status="invoiced").count() == 6  # billed, the rest not yet
        assert Milestone.objects.filter(project__owner=user).count() == 4


@time_machine.travel(dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC), tick=False)
def test_demo_users_collaborate_with_their_contacts():
    seed(users=1, contacts_per_user=12)
    user = User.objects.get()

    pieces = Collaboration.objects.for_owner(user)
    assert set(pieces.values_list("kind", "stage")) == {
        ("talk", "published"),
        ("article", "in_progress"),
        ("open_source", "published"),
        ("video", "planning"),
        ("study_group", "in_progress"),
    }
    talk = pieces.get(kind="talk")
    assert list(talk.stage_changes.values_list("to_stage", flat=True)) == ["idea", "published"]
    assert talk.people.get().role == "speaker"
    assert talk.feedback.filter(kind__in=Feedback.ASKED).count() == 2
    ideas = Idea.objects.for_owner(user)
    assert ideas.count() == 2
    assert ideas.filter(collaboration__isnull=False).get().title == "Live-coding a CRM feature"
    assert Person.objects.filter(collaboration__owner=user).count() == 10
    group = pieces.get(kind="study_group")
    assert [s.attendees.count() for s in group.sessions.order_by("held_on")] == [3, 2]
    planned = group.planned_sessions.get()
    assert planned.topic == "1.3 Abstractions"
    session_reminder = group.reminders.get(occasion__startswith="session ")
    assert session_reminder.due_on == planned.on  # the group has no weekly schedule


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

    user = Contact.objects.first().owner
    found = search_query.rank(user, Contact.objects.for_owner(user), "lovelace")
    assert len(found) == Contact.objects.filter(name__endswith="Lovelace").count() > 0
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

    with pytest.raises(CommandError, match=r"already exist.*Run again with --force"):
        seed(users=1)


def owned_by(username: str) -> dict[str, int]:
    return {
        "contacts": Contact.objects.filter(owner__username=username).count(),
        "interactions": Interaction.objects.filter(owner__username=username).count(),
        "opportunities": Opportunity.objects.filter(owner__username=username).count(),
    }


def test_force_replaces_the_demo_users_and_never_touches_real_ones():
    alice = make_user("alice")
    make_contact(alice, name="Ada Lovelace")
    seed(users=2, force=True)
    make_contact(User.objects.get(username="demo"), name="Added while exploring")

    seed(users=1, contacts_per_user=10, interactions_per_contact=2, force=True)

    assert sorted(User.objects.values_list("username", flat=True)) == ["alice", "demo"]
    assert owned_by("demo") == {"contacts": 10, "interactions": 20, "opportunities": 20}
    assert list(Contact.objects.filter(owner=alice).values_list("name", flat=True)) == [
        "Ada Lovelace"
    ]


def test_a_real_user_with_a_demo_name_is_not_a_demo_user():
    """Demo users are known by seed_demo's own mark, not by their name."""
    real = make_user("demo2")
    make_contact(real, name="Grace Hopper")
    seed(users=1, force=True)

    with pytest.raises(CommandError, match="'demo2' exists and was not made by seed_demo"):
        seed(users=2, force=True)

    assert User.objects.filter(pk=real.pk).exists()
    assert list(Contact.objects.filter(owner=real).values_list("name", flat=True)) == [
        "Grace Hopper"
    ]
    assert owned_by("demo")["contacts"] == 30  # the refused run removed nothing either


class Killed(Exception):
    """Stands for the process being stopped in the middle of a chunk."""


@time_machine.travel(dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC), tick=False)
def test_a_seed_stopped_half_way_leaves_whole_chunks_and_force_redoes_it(monkeypatch):
    monkeypatch.setattr(demo.seed, "CHUNK", 7)
    update_column = demo.seed.update_column
    calls = []

    def update_then_stop_in_the_third_chunk(*args, **kwargs):
        update_column(*args, **kwargs)  # the chunk's contacts are written by now
        calls.append(1)
        if len(calls) == 3:
            raise Killed

    monkeypatch.setattr(demo.seed, "update_column", update_then_stop_in_the_third_chunk)
    with pytest.raises(Killed):
        seed(users=2, contacts_per_user=20, interactions_per_contact=3)

    # Two whole chunks of demo's contacts, each with all its interactions; nothing of the third.
    assert owned_by("demo") == {"contacts": 14, "interactions": 42, "opportunities": 0}
    assert not User.objects.filter(username="demo2").exists()
    with pytest.raises(CommandError, match=r"perhaps interrupted.*--force"):
        seed(users=2, contacts_per_user=20, interactions_per_contact=3)

    monkeypatch.setattr(demo.seed, "update_column", update_column)
    seed(users=2, contacts_per_user=20, interactions_per_contact=3, force=True)
    redone = snapshot()
    User.objects.all().delete()
    seed(users=2, contacts_per_user=20, interactions_per_contact=3)

    assert redone == snapshot()
    assert owned_by("demo2") == {"contacts": 20, "interactions": 60, "opportunities": 20}


def test_every_chunk_of_contacts_is_a_short_transaction_of_its_own(monkeypatch):
    """No transaction around the whole seed or a whole user: each holds at most CHUNK
    contacts, so the app can write between two chunks."""
    monkeypatch.setattr(demo.seed, "CHUNK", 10)
    blocks = []  # (transactions already open when it began, contacts it added)

    @contextlib.contextmanager
    def watched_atomic(*args, **kwargs):
        depth, before = len(connection.savepoint_ids), Contact.objects.count()
        with transaction.atomic(*args, **kwargs):
            yield
        blocks.append((depth, Contact.objects.count() - before))

    monkeypatch.setattr(demo.seed, "transaction", types.SimpleNamespace(atomic=watched_atomic))
    outside = len(connection.savepoint_ids)  # the test's own transaction

    seed(users=2, contacts_per_user=25, interactions_per_contact=2)

    assert {depth for depth, _ in blocks} == {outside}
    assert [added for _, added in blocks if added] == [10, 10, 5, 10, 10, 5]
    assert Contact.objects.count() == 50


def test_rejects_impossible_sizes():
    with pytest.raises(CommandError, match="--users"):
        seed(users=0)
