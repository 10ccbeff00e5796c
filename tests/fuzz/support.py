"""Shared pieces of the fuzz tests: one of everything alice owns, and per-example isolation.

Hypothesis runs many examples inside one test (and so inside one pytest-django transaction). Each
example runs in `isolated()`: a savepoint rolled back afterwards plus a cleared cache (rate
limits), so every example starts from the same `world` and the function-scoped fixtures are safe
to share between examples."""

import contextlib
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, settings

from accounts.models import FailedLogins, Invite, KnownAddress, User
from collaborations import services as collaboration_services
from collaborations.models import Collaboration, Feedback, Idea, Person, PlannedSession, Session
from contacts import bulk
from contacts.models import Contact, Event, Tag
from imports import services as import_services
from imports.models import ImportBatch
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from jobs.models import Job
from opportunities import services as opportunity_services
from opportunities.models import Opportunity, Participant
from projects import services as project_services
from projects.models import Member, Milestone, Payment, Project, TimeEntry
from push import services as push_services
from push import vapid
from push.models import PushSubscription
from quickconnect.models import Notification, QuickConnectCode
from reminders.models import Reminder
from resources.models import SharedResource
from security.models import Event as SecurityEvent
from security.models import LoginSession
from tests.conftest import make_contact, make_tag
from vip.models import ProjectCollaboration
from webhooks import services as webhook_services
from webhooks.models import Delivery, Hook

# Modest by default so the folder stays well under 90 s on two cores; FUZZ_EXAMPLES=500 for a
# deeper local run. derandomize: CI sees the same examples every run; database=None: no
# .hypothesis folder to go stale.
FUZZ_SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,
    database=None,
    # The fixtures are shared by all examples on purpose; isolated() resets what they built.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Apps whose rows must not change when a submission is refused: every app of this project that
# has models (derived, so a new app is covered without editing this list).
PROJECT_APPS = tuple(
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).parent == django_settings.BASE_DIR and any(config.get_models())
)


WRITE = re.compile(
    r'\s*(?P<verb>INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM|REPLACE INTO)\s+"?(?P<table>\w+)"?',
    re.IGNORECASE,
)


@dataclass
class World:
    alice: User
    charlie: User
    contact: Contact  # a VIP, tagged
    other: Contact  # not a VIP
    tag: Tag
    tag2: Tag
    type: InteractionType  # alice's own type
    interaction: Interaction
    event: Event
    opportunity: Opportunity
    participant: Participant
    resource: SharedResource
    reminder: Reminder
    project: ProjectCollaboration
    quick_code: QuickConnectCode
    notification: Notification
    twin: Contact  # Grace Hopper again: a possible duplicate of `other`
    batch: ImportBatch  # a CSV upload waiting for its columns
    job: Job  # a long change not started yet (archive `other`)
    invite: Invite  # an open invitation link of alice's
    freelance: Project  # an hourly project with Ada as its client
    member: Member
    milestone: Milestone
    payment: Payment  # invoiced, for the milestone
    time_entry: TimeEntry  # unbilled
    push_device: PushSubscription  # at a closed local port: a test push fails fast, offline
    login_session: LoginSession  # alice logged in on another browser
    collaboration: Collaboration  # a published talk with Ada as its speaker
    person: Person
    feedback: Feedback
    idea: Idea
    session: Session  # of a study group with Ada as a member
    planned: PlannedSession  # a one-off date of the same study group
    hook: Hook  # a webhook at a closed local port (stored as is, past the form's address check)
    delivery: Delivery  # a test event queued for it
    foreign: list[str]  # codes of charlie's objects: valid UUIDs alice must not reach


def build_world(alice: User, charlie: User) -> World:
    alice.first_name, alice.last_name = "Alice", "Liddell"
    alice.save(update_fields=["first_name", "last_name"])
    # The install's push keys, made on the first visit to Settings (install-wide, not a user's
    # data): made here, so a refused settings form shows what every later visit writes: nothing.
    vapid.stored_keys()
    contact = make_contact(alice, name="Ada Lovelace", is_vip=True, tags=["Python"])
    other = make_contact(alice, name="Grace Hopper", company="Navy")
    call = InteractionType.objects.for_owner(alice).get(builtin_key="call")
    own_type = InteractionType.objects.create(owner=alice, name="Hackathon")
    interaction = interaction_services.save_interaction(
        Interaction(contact=contact, type=call, notes="first chat")
    )
    interaction = Interaction.objects.filter(contact=contact).first()
    event = Event.objects.create(owner=alice, name="PyCon", location="Pittsburgh")
    opportunity = opportunity_services.save_new(
        Opportunity(owner=alice, company="Acme", role_title="Developer")
    )
    participant = Participant.objects.create(opportunity=opportunity, contact=contact)
    theirs = make_contact(charlie, name="Mallory")
    freelance = project_services.save_new(
        Project(owner=alice, title="Shop rewrite", client="Acme", pricing="hourly", rate=80)
    )
    milestone = project_services.save_milestone(
        Milestone(project=freelance, title="Beta", due_on=dt.date(2030, 1, 1))
    )
    payment = project_services.save_payment(
        Payment(project=freelance, milestone=milestone, amount=500, due_on=dt.date(2030, 2, 1))
    )
    project_services.mark_invoiced(payment, "INV-7", dt.date(2029, 12, 1), dt.date(2030, 2, 1))
    freelance.interactions.add(interaction)
    talk = collaboration_services.save_new(
        Collaboration(owner=alice, title="Async Django", kind="talk", stage="published")
    )

    def push_device(owner) -> PushSubscription:
        return push_services.subscribe(
            owner,
            endpoint=f"https://127.0.0.1:9/{owner.username}",
            p256dh=vapid.new_key_pair()[1],
            auth="AAAAAAAAAAAAAAAAAAAAAA",
        )

    def hook(owner) -> Hook:
        return webhook_services.save_hook(
            Hook(
                owner=owner,
                url=f"https://127.0.0.1:9/{owner.username}",
                events=["reminder.due"],
            )
        )

    alices_hook = hook(alice)

    def archiving(owner, contacts) -> Job:
        return bulk.start(
            owner, "archive", contacts, title="Archiving", message="Archived.", next_url="/"
        )

    return World(
        alice=alice,
        charlie=charlie,
        contact=contact,
        other=other,
        tag=make_tag(alice, "Python"),
        tag2=make_tag(alice, "Rust"),
        type=own_type,
        interaction=interaction,
        event=event,
        opportunity=opportunity,
        participant=participant,
        resource=SharedResource.objects.create(contact=contact, title="SICP"),
        reminder=Reminder.objects.create(
            owner=alice, contact=contact, title="Ping", due_on=dt.date(2030, 1, 1)
        ),
        project=ProjectCollaboration.objects.create(contact=contact, title="Engine"),
        quick_code=QuickConnectCode.objects.create(owner=alice, event=event),
        notification=Notification.objects.create(owner=alice, title="Hello"),
        twin=make_contact(alice, name="Grace Hopper", company="US Navy", email="grace@example.com"),
        batch=import_services.create_batch(
            alice, "people.csv", b"Full name,E-mail,Shoe size\nAlan Turing,alan@example.com,44\n"
        ),
        job=archiving(alice, Contact.objects.filter(pk=other.pk)),
        invite=Invite.objects.create(owner=alice, note="Sam from work"),
        freelance=freelance,
        member=Member.objects.create(project=freelance, contact=contact),
        milestone=milestone,
        payment=payment,
        time_entry=project_services.save_time_entry(
            TimeEntry(project=freelance, worked_on=dt.date(2029, 11, 2), hours=3, note="API")
        ),
        push_device=push_device(alice),
        login_session=LoginSession.objects.create(
            user=alice, session_key="alices-other-browser", device="Safari on iPhone"
        ),
        collaboration=talk,
        person=Person.objects.create(collaboration=talk, contact=contact, role="speaker"),
        feedback=collaboration_services.save_feedback(
            Feedback(collaboration=talk, text="Slides?", name="Sam")
        ),
        idea=Idea.objects.create(owner=alice, title="Live stream", pitch="HTMX"),
        session=(session := _study_session(alice, contact)),
        planned=collaboration_services.add_planned_session(
            PlannedSession(
                collaboration=session.collaboration, on=dt.date(2029, 12, 4), at=dt.time(18)
            )
        ),
        hook=alices_hook,
        delivery=webhook_services.send_test(alices_hook),
        foreign=[
            str(theirs.code),
            str(hook(charlie).code),
            str(archiving(charlie, Contact.objects.filter(pk=theirs.pk)).code),
            str(make_tag(charlie, "Secret").code),
            str(InteractionType.objects.for_owner(charlie).first().code),
            str(project_services.save_new(Project(owner=charlie, title="Theirs")).code),
            str(push_device(charlie).code),
            str(collaboration_services.save_new(Collaboration(owner=charlie, title="T")).code),
            str(Idea.objects.create(owner=charlie, title="Their idea").code),
        ],
    )


def _study_session(alice: User, member: Contact) -> Session:
    group = collaboration_services.save_new(
        Collaboration(owner=alice, title="SICP group", kind="study_group")
    )
    Person.objects.create(collaboration=group, contact=member, role="member")
    return Session.objects.create(collaboration=group, topic="Chapter 1")


@contextlib.contextmanager
def isolated():
    """Run one example and undo everything it wrote (database and cache)."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


# Written by a refused log-in on purpose: the per-username limit counts failures (the way
# django-axes' attempt rows, outside the project's apps, count them per address), and the
# security log records them; a session's row notes when it was last used.
LOG_IN_RECORDS = {
    FailedLogins._meta.db_table,
    KnownAddress._meta.db_table,
    SecurityEvent._meta.db_table,
    LoginSession._meta.db_table,
}


def project_tables() -> set[str]:
    return {
        model._meta.db_table
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    } - LOG_IN_RECORDS


@contextlib.contextmanager
def capture_writes():
    """Collects the project tables written to (INSERT, UPDATE, DELETE) inside the block: a
    refused submission must leave this empty. Sessions, log-in attempts and the like are not
    project data."""
    tables = project_tables()
    written: list[str] = []
    with CaptureQueriesContext(connection) as queries:
        yield written
    for query in queries.captured_queries:
        if (match := WRITE.match(query["sql"])) and match["table"] in tables:
            written.append(f"{match['verb']} {match['table']}")
