"""Deterministic demo data written in bulk, in batches, so memory stays flat at any size.

Users are called demo, demo2, demo3, ...; every row is derived from one random.Random(seed), so
the same arguments always give the same data.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact, Event, Tag
from interactions.models import Interaction, InteractionType, ensure_builtin_types
from opportunities.models import Opportunity, StageChange, Status
from reminders.models import Reminder
from reminders.refresh import refresh_statuses
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
BATCH = 2000


@dataclass
class SeedResult:
    users: int = 0
    contacts: int = 0
    interactions: int = 0


def seed(
    *,
    users: int,
    contacts_per_user: int,
    interactions_per_contact: int,
    seed: int,
    password: str,
    progress: Callable[[str, int, int], None] = lambda label, done, total: None,
) -> SeedResult:
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    result = SeedResult()
    password_hash = make_password(password)  # hashed once, shared by every demo user
    for number in range(1, users + 1):
        username = "demo" if number == 1 else f"demo{number}"
        with transaction.atomic():
            user = User.objects.create(
                username=username, email=f"{username}@example.com", password=password_hash
            )
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
        types = list(InteractionType.objects.filter(owner=user))
        _contacts(
            user,
            rng,
            contacts_per_user,
            interactions_per_contact,
            tags,
            events,
            types,
            now,
            progress,
            result,
        )
        _opportunities(user, rng, now)
        result.users += 1
    refresh_statuses()
    return result


def _contacts(user, rng, count, per_contact, tags, events, types, now, progress, result) -> None:
    tag_link = Contact.tags.through
    event_link = Contact.events.through
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        with transaction.atomic():
            batch = []
            for _ in range(size):
                first, last = rng.choice(FIRST), rng.choice(LAST)
                batch.append(
                    Contact(
                        owner=user,
                        name=f"{first} {last}",
                        email=f"{first}.{last}.{made + len(batch)}@example.com".lower(),
                        company=rng.choice(COMPANIES),
                        job_title=rng.choice(TITLES),
                        relationship=rng.choice(Contact.Relationship.values),
                        source=rng.choice(Contact.Source.values),
                        importance=rng.choice(Contact.Importance.values),
                        is_vip=rng.random() < 0.05,
                        github_username=f"{first}{last}{made + len(batch)}".lower()[:39],
                        birthday=dt.date(
                            rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28)
                        )
                        if rng.random() < 0.3
                        else None,
                        status=Contact.Status.PASSIVE
                        if rng.random() < 0.05
                        else Contact.Status.REGULAR_CONTACT,
                        notes=rng.choice(NOTES),
                    )
                )
            contacts = Contact.objects.bulk_create(batch)
            links, event_links, interactions, infos, backgrounds = [], [], [], [], []
            for contact in contacts:
                for tag in rng.sample(tags, rng.randint(1, 4)):
                    links.append(tag_link(contact_id=contact.pk, tag_id=tag.pk))
                if rng.random() < 0.3:
                    event_links.append(
                        event_link(contact_id=contact.pk, event_id=rng.choice(events).pk)
                    )
                latest = None
                for _ in range(per_contact):
                    when = now - dt.timedelta(
                        days=rng.randint(0, 900), minutes=rng.randint(0, 1440)
                    )
                    latest = max(latest or when, when)
                    interactions.append(
                        Interaction(
                            contact_id=contact.pk,
                            type=rng.choice(types),
                            occurred_at=when,
                            notes=rng.choice(NOTES),
                            outcome=rng.choice(Interaction.Outcome.values),
                        )
                    )
                contact.last_contacted = timezone.localdate(latest) if latest else None
                # auto_now_add set "now" on insert; spread the added dates over four years.
                contact.created_at = now - dt.timedelta(days=rng.randint(0, 1500))
                if contact.is_vip:
                    infos.append(
                        ContactInfo(
                            contact=contact,
                            preferred_channel=rng.choice(ContactInfo.Channel.values),
                        )
                    )
                    backgrounds.append(
                        Background(contact=contact, likes_dislikes="Likes good tests")
                    )
            tag_link.objects.bulk_create(links, batch_size=5000)
            event_link.objects.bulk_create(event_links, batch_size=5000)
            Interaction.objects.bulk_create(interactions, batch_size=5000)
            Contact.objects.bulk_update(contacts, ["last_contacted", "created_at"], batch_size=1000)
            ContactInfo.objects.bulk_create(infos)
            Background.objects.bulk_create(backgrounds)
            Reminder.objects.bulk_create(
                [
                    Reminder(
                        owner=user,
                        contact=contact,
                        title=f"Send {contact.name} the article",
                        due_on=timezone.localdate() + dt.timedelta(days=rng.randint(-10, 20)),
                    )
                    for contact in contacts
                    if rng.random() < 0.02
                ]
            )
        made += size
        result.contacts += size
        result.interactions += size * per_contact
        progress(f"{user.username}: contacts", made, count)


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
