"""Deterministic demo data written in bulk, in batches, so memory stays flat at any size.

Users are called demo, demo2, demo3, ...; every row is derived from one random.Random(seed), so
the same arguments always give the same data (apart from the random UUID codes).

Speed (100,000 contacts and 1,000,000 interactions in a couple of minutes): each batch of contacts
is drawn in full first, as plain values, so every contact is inserted once with its final
last_contacted; contacts and tags go through bulk_create (their fields' pre_save() fill the
folded search keys), while the interactions and the tag and event links, nine rows in ten, go
through demo.bulk.RowWriter as plain tuples.

Every write is a short transaction of its own, never the whole seed: a user with their tags and
events, then each chunk of CHUNK contacts with everything hanging off them, then the user's
opportunities, statuses and reminders. So the app (or a backup) can write between two chunks,
and a seed killed half-way leaves whole chunks. Demo users are members of DEMO_GROUP, which is
how `seed_demo --force` finds them (and only them) to remove an interrupted or earlier seed.
"""

import datetime as dt
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from collaborations import services as collaboration_services
from collaborations.models import Collaboration, Feedback, Idea, Person, PlannedSession, Session
from contacts import services as contact_services
from contacts.models import Contact, Event, Tag
from demo.bulk import RowWriter, update_column
from interactions.models import Interaction, InteractionType, ensure_builtin_types
from opportunities.models import Opportunity, StageChange, Status
from projects import services as project_services
from projects.models import Member, Milestone, Payment, Project, TimeEntry
from reminders.models import Reminder
from reminders.refresh import refresh_statuses
from search import index as search_index
from vip.models import Background, ContactInfo

FIRST = [
    "Ada",
    "Grace",
    "Linus",
    "Guido",
    "Barbara",
    "Ken",
    "Dennis",
    "Margaret",
    "Alan",
    "Radia",
    "Anders",
    "Rich",
    "Yukihiro",
    "Bjarne",
    "Frances",
    "Katherine",
    "Tim",
    "Hedy",
    "Joan",
    "Brian",
    "Sophie",
    "Mary",
    "Rasmus",
    "Jim",
    "Lea",
    "Priya",
    "Wei",
    "Amara",
    "Chen",
    "Diego",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Torvalds",
    "Rossum",
    "Liskov",
    "Thompson",
    "Ritchie",
    "Hamilton",
    "Kay",
    "Perlman",
    "Hejlsberg",
    "Hickey",
    "Matsumoto",
    "Stroustrup",
    "Allen",
    "Johnson",
    "Berners-Lee",
    "Lamarr",
    "Clarke",
    "Kernighan",
    "Wilson",
    "Shaw",
    "Lerdorf",
    "Weirich",
    "Verou",
    "Patel",
    "Zhang",
    "Okafor",
    "Li",
    "Alvarez",
]
COMPANIES = [
    "Acme",
    "Initech",
    "Globex",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Cyberdyne",
    "Aperture",
    "Vandelay",
    "Pied-Piper",
    "Soylent",
    "Tyrell",
    "Wonka",
    "Oscorp",
]
TITLES = [
    "Backend engineer",
    "Staff engineer",
    "SRE",
    "Engineering manager",
    "Frontend developer",
    "Data scientist",
    "CTO",
    "Developer advocate",
    "Recruiter",
    "Security engineer",
]
TECH = [
    "Python",
    "Django",
    "Rust",
    "Go",
    "TypeScript",
    "React",
    "Kubernetes",
    "PostgreSQL",
    "Elixir",
    "Kotlin",
    "Swift",
    "Terraform",
    "AWS",
    "GraphQL",
    "Haskell",
]
EVENTS = [
    "PyCon US",
    "DjangoCon EU",
    "RustConf",
    "KubeCon",
    "GopherCon",
    "JSConf",
    "FOSDEM",
    "Local Python meetup",
]
NOTES = [
    "Talked about async ORM",
    "Reviewed a PR together",
    "Pairing on a flaky test",
    "Asked about their migration to Kubernetes",
    "Shared a talk on observability",
    "Discussed a role on their team",
    "Coffee after the meetup",
]
# Choice lists read once (each .values builds a new list).
RELATIONSHIPS = Contact.Relationship.values
SOURCES = Contact.Source.values
IMPORTANCES = Contact.Importance.values
OUTCOMES = Interaction.Outcome.values
CHANNELS = ContactInfo.Channel.values
# Contacts per transaction: at 10 interactions each, one 5,000-row executemany and well under a
# second of holding SQLite's write lock (5,000 contacts held it for up to 7 s on a busy machine).
CHUNK = 500
# Only seed_demo puts users in this group: the mark that tells demo users from real ones (a real
# user may well be called "demo2").
DEMO_GROUP = "Demo data (seed_demo)"
# For the seed's connection only (restored afterwards): a 32 MB page cache (2 MB by default) keeps
# more of the interaction indexes in memory, which halves the system time of reading them back.
# Durability (journal, synchronous) is left as configured.
SQLITE_PRAGMAS = {"cache_size": -32 * 1024}


@dataclass
class SeedResult:
    users: int = 0
    contacts: int = 0
    interactions: int = 0


@dataclass
class Draft:
    """One contact and everything hanging off it, drawn before anything is inserted."""

    contact: Contact
    created_at: dt.datetime
    tag_ids: list[int]
    event_id: int | None
    interactions: list[tuple[int, dt.datetime, str, str]]  # type id, when, notes, outcome
    channel: str | None = None  # VIPs: preferred channel of their ContactInfo
    reminder_due: dt.date | None = None


@dataclass
class World:
    """What every contact of one user is drawn from."""

    user: User
    tag_ids: list[int]
    event_ids: list[int]
    type_ids: list[int]
    now: dt.datetime
    today: dt.date


@contextmanager
def bulk_settings() -> Iterator[None]:
    """SQLITE_PRAGMAS for the duration of the seed on SQLite; nothing elsewhere."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        before = {}
        for name, value in SQLITE_PRAGMAS.items():
            cursor.execute(f"PRAGMA {name}")
            before[name] = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in before.items():
                cursor.execute(f"PRAGMA {name} = {int(value)}")


def demo_users() -> QuerySet[User]:
    return User.objects.filter(groups__name=DEMO_GROUP)


def username_for(number: int) -> str:
    return "demo" if number == 1 else f"demo{number}"


def remove_demo_users(
    progress: Callable[[str, int, int], None] = lambda label, done, total: None,
) -> int:
    """Delete the demo users and everything they own, CHUNK contacts per transaction (a user's
    10,000 contacts and 100,000 interactions at once would hold the database for ten seconds).
    Returns how many users went."""
    users = list(demo_users().order_by("pk"))
    for user in users:
        contacts = Contact.objects.filter(owner=user).order_by("pk")
        total, done = contacts.count(), 0
        while ids := list(contacts.values_list("pk", flat=True)[:CHUNK]):
            with transaction.atomic():
                Contact.objects.filter(pk__in=ids).delete()
            done += len(ids)
            progress(f"{user.username}: removing", done, total)
        with transaction.atomic():
            user.delete()
    return len(users)


def seed(
    *,
    users: int,
    contacts_per_user: int,
    interactions_per_contact: int,
    seed: int,
    password: str,
    first_user: int = 1,
    progress: Callable[[str, int, int], None] = lambda label, done, total: None,
) -> SeedResult:
    """Users demo, demo2, ... from number `first_user` on (more users for a seeded database)."""
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    result = SeedResult()
    password_hash = make_password(password)  # hashed once, shared by every demo user
    group, _ = Group.objects.get_or_create(name=DEMO_GROUP)
    with bulk_settings():
        for number in range(first_user, first_user + users):
            username = username_for(number)
            with transaction.atomic():
                user = User.objects.create(
                    username=username,
                    email=f"{username}@example.com",
                    password=password_hash,
                    display_name="Demo User" if number == 1 else f"Demo User {number}",
                )
                user.groups.add(group)  # marked from its first moment, so --force finds it
                ensure_builtin_types(user)
                tags = Tag.objects.bulk_create(
                    [Tag(owner=user, name=name, kind=Tag.Kind.TECHNOLOGY) for name in TECH]
                    + [Tag(owner=user, name=name, kind=Tag.Kind.EVENT) for name in EVENTS]
                )
                events = Event.objects.bulk_create(
                    [
                        Event(
                            owner=user,
                            name=name,
                            starts_on=today - dt.timedelta(days=rng.randint(5, 700)),
                        )
                        for name in EVENTS
                    ]
                )
            world = World(
                user=user,
                tag_ids=[tag.pk for tag in tags],
                event_ids=[event.pk for event in events],
                type_ids=list(
                    InteractionType.objects.filter(owner=user).values_list("pk", flat=True)
                ),
                now=now,
                today=today,
            )
            _contacts(world, rng, contacts_per_user, interactions_per_contact, progress, result)
            with transaction.atomic():
                _opportunities(user, rng, now)
            with transaction.atomic():
                # Their own random stream, so adding them changed no other demo row.
                _projects(user, random.Random(seed * 1000 + number), today)
            with transaction.atomic():
                _collaborations(user, today)
            # Due dates and statuses from the rules, set-based, as a restore does; then this
            # user's check-in and birthday reminders (their own short transaction, not one for
            # every user at the end).
            contact_services.apply_rules_to_all(user)
            refresh_statuses(username=username)
            search_index.rebuild(user)  # written in bulk above, so indexed in ranges now
            result.users += 1
    return result


def _draft(world: World, rng: random.Random, number: int, per_contact: int) -> Draft:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    contact = Contact(
        owner=world.user,
        name=f"{first} {last}",
        email=f"{first}.{last}.{number}@example.com".lower(),
        company=rng.choice(COMPANIES),
        job_title=rng.choice(TITLES),
        relationship=rng.choice(RELATIONSHIPS),
        source=rng.choice(SOURCES),
        importance=rng.choice(IMPORTANCES),
        is_vip=rng.random() < 0.05,
        github_username=f"{first}{last}{number}".lower()[:39],
        birthday=dt.date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.3
        else None,
        status=Contact.Status.PASSIVE if rng.random() < 0.05 else Contact.Status.REGULAR_CONTACT,
        notes=rng.choice(NOTES),
    )
    tag_ids = rng.sample(world.tag_ids, rng.randint(1, 4))
    event_id = rng.choice(world.event_ids) if rng.random() < 0.3 else None
    interactions = []
    for _ in range(per_contact):
        when = world.now - dt.timedelta(days=rng.randint(0, 900), minutes=rng.randint(0, 1440))
        interactions.append(
            (
                rng.choice(world.type_ids),
                when,
                rng.choice(NOTES),
                rng.choice(OUTCOMES),
            )
        )
    if interactions:
        contact.last_contacted = timezone.localdate(max(i[1] for i in interactions))
    draft = Draft(
        contact=contact,
        # auto_now_add sets "now" on insert; the added dates are spread over four years.
        created_at=world.now - dt.timedelta(days=rng.randint(0, 1500)),
        tag_ids=tag_ids,
        event_id=event_id,
        interactions=interactions,
    )
    contact.added_on = timezone.localtime(draft.created_at, world.user.zone).date()
    if contact.is_vip:
        draft.channel = rng.choice(CHANNELS)
    if rng.random() < 0.02:
        draft.reminder_due = world.today + dt.timedelta(days=rng.randint(-10, 20))
    return draft


def _contacts(world: World, rng, count, per_contact, progress, result) -> None:
    tag_links = RowWriter(Contact.tags.through, ["contact_id", "tag_id"])
    event_links = RowWriter(Contact.events.through, ["contact_id", "event_id"])
    interactions = RowWriter(
        Interaction, ["owner_id", "contact_id", "type_id", "occurred_at", "notes", "outcome"]
    )
    made = 0
    while made < count:
        size = min(CHUNK, count - made)
        drafts = [_draft(world, rng, made + index, per_contact) for index in range(size)]
        with transaction.atomic():
            # bulk_create sets each draft's contact.pk (RETURNING on SQLite and PostgreSQL); in
            # statements of 500 rows, as the whole batch in one would hold 30 MB of parameters.
            Contact.objects.bulk_create([d.contact for d in drafts], batch_size=500)
            update_column(Contact, "created_at", ((d.contact.pk, d.created_at) for d in drafts))
            tag_links.insert((d.contact.pk, tag_id) for d in drafts for tag_id in d.tag_ids)
            event_links.insert((d.contact.pk, d.event_id) for d in drafts if d.event_id)
            interactions.insert(
                (world.user.pk, d.contact.pk, *row) for d in drafts for row in d.interactions
            )
            vips = [d for d in drafts if d.channel]
            ContactInfo.objects.bulk_create(
                [ContactInfo(contact=d.contact, preferred_channel=d.channel) for d in vips]
            )
            Background.objects.bulk_create(
                [Background(contact=d.contact, likes_dislikes="Likes good tests") for d in vips]
            )
            Reminder.objects.bulk_create(
                [
                    Reminder(
                        owner=world.user,
                        contact=d.contact,
                        title=f"Send {d.contact.name} the article",
                        due_on=d.reminder_due,
                    )
                    for d in drafts
                    if d.reminder_due
                ]
            )
        made += size
        result.contacts += size
        result.interactions += size * per_contact
        progress(f"{world.user.username}: contacts", made, count)


def _opportunities(user, rng, now) -> None:
    statuses = Status.values
    opportunities = Opportunity.objects.bulk_create(
        [
            Opportunity(
                owner=user,
                company=rng.choice(COMPANIES),
                role_title=rng.choice(TITLES),
                status=rng.choice(statuses),
                priority=rng.choice(Opportunity.Priority.values),
            )
            for _ in range(20)
        ]
    )
    StageChange.objects.bulk_create(
        [StageChange(opportunity=o, to_status=o.status, changed_at=now) for o in opportunities]
    )


def _projects(user, rng: random.Random, today: dt.date) -> None:
    """A freelancer's year: a fixed-price and an hourly project under way (one payment overdue,
    time partly billed), a finished one, a proposal and a lost lead, with a few demo contacts as
    their clients. Written through projects.services, so the reminders are the app's own."""

    def days(n: int) -> dt.date:
        return today + dt.timedelta(days=n)

    contacts = list(Contact.objects.for_owner(user).order_by("pk")[:5])
    clients = [c.company or c.name for c in contacts] + ["Acme"] * (5 - len(contacts))

    def project(title: str, client: int, roles=("client",), **fields) -> Project:
        made = project_services.save_new(
            Project(owner=user, title=title, client=clients[client], **fields)
        )
        people = contacts[client : client + len(roles)]
        Member.objects.bulk_create(
            [Member(project=made, contact=c, role=r) for c, r in zip(people, roles, strict=False)]
        )
        return made

    def milestone(project: Project, title: str, due_on: dt.date, status: str) -> Milestone:
        return project_services.save_milestone(
            Milestone(project=project, title=title, due_on=due_on, status=status)
        )

    def payment(project: Project, amount: int, due_on: dt.date, **fields) -> Payment:
        return project_services.save_payment(
            Payment(
                project=project,
                amount=Decimal(amount),
                currency=project.currency,
                due_on=due_on,
                **fields,
            )
        )

    shop = project(
        "Online shop rewrite",
        0,
        roles=("client", "stakeholder"),
        stage="active",
        pricing=Project.Pricing.FIXED,
        rate=Decimal(12000),
        starts_on=days(-60),
        ends_on=days(50),
        repository_url="https://github.com/example/shop",
    )
    prototype = milestone(shop, "Prototype", days(-30), Milestone.Status.ACCEPTED)
    milestone(shop, "Checkout and payments", days(5), Milestone.Status.IN_PROGRESS)
    launch = milestone(shop, "Launch", days(45), Milestone.Status.PLANNED)
    paid = {"invoiced_on": days(-45), "paid_on": days(-28), "invoice_number": "2026-001"}
    payment(shop, 4000, days(-30), milestone=prototype, description="Prototype", **paid)
    late = {"invoiced_on": days(-40), "invoice_number": "2026-004"}
    payment(shop, 4000, days(-10), description="Second instalment", **late)  # overdue
    payment(shop, 4000, days(50), milestone=launch, description="On launch")

    api = project(
        "Payments API integration",
        2,
        stage="active",
        pricing=Project.Pricing.HOURLY,
        rate=Decimal(95),
        currency="USD",
        estimated_hours=Decimal(120),
        starts_on=days(-70),
    )
    payment(
        api, 1900, days(-35), invoiced_on=days(-65), paid_on=days(-40), invoice_number="2026-002"
    )
    entries = [
        project_services.save_time_entry(
            TimeEntry(
                project=api,
                worked_on=days(-2 * n - 1),
                hours=Decimal(rng.choice(["1.5", "2", "3", "4", "5.5", "6"])),
                note=rng.choice(["Webhooks", "Refunds", "Code review", "Retries", "Docs"]),
            )
        )
        for n in range(12)
    ]
    billed = project_services.bill_time(api, entries[6:], due_on=days(25))
    project_services.mark_invoiced(billed, "2026-005", days(-5), days(25))

    audit = project(
        "Performance audit",
        3,
        stage="completed",
        pricing=Project.Pricing.FIXED,
        rate=Decimal(3000),
        starts_on=days(-120),
        ends_on=days(-90),
    )
    report = milestone(audit, "Audit report", days(-95), Milestone.Status.ACCEPTED)
    payment(
        audit,
        3000,
        days(-75),
        milestone=report,
        invoiced_on=days(-90),
        paid_on=days(-70),
        invoice_number="2025-019",
    )
    project(
        "Mobile app",
        4,
        stage="proposal",
        pricing=Project.Pricing.DAILY,
        rate=Decimal(600),
        currency="GBP",
    )
    project("Data pipeline", 1, stage="lost", pricing=Project.Pricing.FIXED, rate=Decimal(8000))


def _collaborations(user, today: dt.date) -> None:
    """A published talk with a co-speaker and what the audience asked, an article under way, an
    open-source project, a study group with two sessions and a planned one, and two backlog ideas
    (one already started). Written through
    collaborations.services, so each has its stage history. No random draws: the other demo
    rows stay as they were."""

    def days(n: int) -> dt.date:
        return today + dt.timedelta(days=n)

    people = list(Contact.objects.for_owner(user).order_by("pk")[5:9])
    python = Tag.objects.filter(owner=user, kind=Tag.Kind.TECHNOLOGY).order_by("pk").first()

    def made(title: str, kind: str, stage: str, roles=(), **fields) -> Collaboration:
        piece = collaboration_services.save_new(
            Collaboration(owner=user, title=title, kind=kind, stage="idea", **fields)
        )
        collaboration_services.move(piece, stage)
        if python:
            piece.tags.add(python)
        Person.objects.bulk_create(
            Person(collaboration=piece, contact=c, role=r)
            for c, r in zip(people, roles, strict=False)
        )
        return piece

    talk = made(
        "Async views in Django, in production",
        "talk",
        "published",
        roles=("speaker",),
        target_on=days(-20),
        published_on=days(-18),
        url="https://djangocon.example/talks/async-views",
    )
    asked = [
        ("question", "Conference Q&A", "How do you test the async views?", days(-18)),
        ("request", "Mastodon", "Please write this up as a blog post!", days(-16)),
        ("praise", "E-mail", "Best talk of the day, thank you.", days(-17)),
        (
            "correction",
            "Slides comments",
            "Slide 12: the setting is called ASGI_APPLICATION.",
            days(-15),
        ),
    ]
    for number, (kind, channel, text, on) in enumerate(asked):
        contact = people[1] if number == 0 and len(people) > 1 else None
        collaboration_services.save_feedback(
            Feedback(
                collaboration=talk,
                kind=kind,
                channel=channel,
                text=text,
                received_on=on,
                contact=contact,
                name="" if contact else f"listener {number + 1}",
            )
        )
    made(
        "Testing HTMX views with pytest",
        "article",
        "in_progress",
        roles=("reviewer", "co_author"),
        target_on=days(14),
    )
    made(
        "django-board-kit",
        "open_source",
        "published",
        roles=("maintainer", "contributor", "contributor"),
        own_role="contributor",
        url="https://github.com/example/django-board-kit",
    )
    group = made(
        "SICP reading group", "study_group", "in_progress", roles=("organiser", "member", "member")
    )
    for week, chapter in enumerate(["1.1 The elements of programming", "1.2 Procedures"]):
        session = Session.objects.create(
            collaboration=group, held_on=days(-14 + 7 * week), topic=chapter
        )
        session.attendees.add(*people[: 3 - week])
    collaboration_services.add_planned_session(
        PlannedSession(
            collaboration=group, on=days(5), at=dt.time(18, 30), topic="1.3 Abstractions"
        )
    )
    stream = Idea.objects.create(
        owner=user,
        title="Live-coding a CRM feature",
        kind="video",
        pitch="Two hours, one feature, from model to Playwright test.",
    )
    stream.people.add(*people[2:3])
    collaboration_services.start_from_idea(stream, "planning")
    Idea.objects.create(
        owner=user,
        title="Postgres indexes for Django developers",
        kind="article",
        pitch="The three indexes every list page needs, measured.",
    ).people.add(*people[:1])
