"""A rich data set: one of every kind of record a user can own, so the JSON round trip is tested
on every model (tests/exports/test_json_dump.py checks that no dumped model is left empty here)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Invite
from collaborations import services as collaboration_services
from collaborations.models import Collaboration, Feedback, Idea, Person, PlannedSession, Session
from contacts.models import Event
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from opportunities import services as opportunity_services
from opportunities.models import Compensation, Opportunity, Participant, RecruiterNotes
from projects import services as project_services
from projects.models import FreelanceSettings, Member, Milestone, Payment, Project, TimeEntry
from quickconnect.models import Notification, QuickConnectCode, Submission
from reminders.models import DigestDelivery, Reminder
from resources.models import SharedResource
from tests.conftest import make_contact, make_tag
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration


def build_world(user) -> dict:
    """Every kind of record, with awkward values (unicode, commas, newlines, JSON, nulls)."""
    user.time_zone = "Europe/Berlin"
    user.vip_follow_up_days = 10
    user.low_follow_up_days = 365
    user.digest_enabled = True
    user.save()
    python = make_tag(user, "Python", kind="technology", colour="primary")
    pycon = make_tag(user, "PyCon 2026", kind="event", colour="accent")
    event = Event.objects.create(
        owner=user,
        name="PyCon US",
        location="Long Beach",
        starts_on=dt.date(2026, 5, 13),
        ends_on=dt.date(2026, 5, 21),
        notes="Booth 12",
    )
    ada = make_contact(
        user,
        name="Ada Lovelace-Byron",
        email="ada@example.com",
        phone="+44 20 7946 0000",
        company="Analytical Engines, Ltd",
        job_title="Analyst",
        relationship="mentor",
        industry="Computing",
        location="London",
        birthday=dt.date(1815, 12, 10),
        source="conference",
        source_detail="PyCon, after the “async ORM” talk",
        github_username="ada",
        gitlab_username="ada.l",
        linkedin_url="https://www.linkedin.com/in/ada",
        website_url="https://ada.example.com",
        other_links="https://mastodon.social/@ada\nhttps://bsky.app/profile/ada",
        notes="Line one\nLine two, with commas; and “quotes”",
        is_vip=True,
        status="active_collaboration",
        importance="high",
        follow_up_days=21,
        last_contacted=dt.date(2026, 3, 1),
        snoozed_until=dt.date(2026, 4, 1),
        tags=[python, pycon],
    )
    ada.events.add(event)
    grace = make_contact(user, name="Grace Hopper", is_archived=True, tags=[python])
    call = InteractionType.objects.for_owner(user).get(builtin_key="call")
    hackathon = InteractionType.objects.create(owner=user, name="Hackathon", position=50)
    call.name, call.is_retired = "Phone call", True
    call.save()
    interaction = Interaction(
        contact=ada,
        type=hackathon,
        occurred_at=timezone.now() - dt.timedelta(days=3),
        subject="Compiler hacking",
        notes="Ünïcödé ✓",
        outcome="positive",
        follow_up_on=dt.date(2026, 6, 1),
        progress_notes="Doing well",
    )
    interaction_services.save_interaction(interaction, topics=[python])
    resource = SharedResource.objects.create(
        contact=ada, title="SICP", url="https://mitpress.mit.edu/sicp", kind="book", notes="Ch. 1"
    )
    resource.tags.add(python)
    Reminder.objects.create(
        owner=user, contact=ada, title="Ping Ada", due_on=dt.date(2026, 7, 1), notes="About SICP"
    )
    Reminder.objects.create(
        owner=user, title="Renew domain", due_on=dt.date(2026, 8, 1), completed_at=timezone.now()
    )
    Background.objects.create(contact=ada, family="Two cats", likes_dislikes="Likes tea")
    ContactInfo.objects.create(
        contact=ada,
        preferred_channel="signal",
        email="ada@signal.example",
        social_links=[{"label": "Mastodon", "url": "https://mastodon.social/@ada"}],
    )
    profile = DeveloperProfile.objects.create(contact=ada, technical_skills="Rust, Python")
    profile.tech_stack.add(python)
    ProjectCollaboration.objects.create(
        contact=ada, title="Engine", what_we_did="Wrote notes", started_on=dt.date(2025, 1, 1)
    )
    opportunity = opportunity_services.save_new(
        Opportunity(owner=user, company="Acme", role_title="Staff engineer", notes="Remote")
    )
    opportunity_services.move(opportunity, "applied")
    opportunity.interactions.add(interaction)
    opportunity.shared_resources.add(resource)
    Participant.objects.create(opportunity=opportunity, contact=ada, role="referrer")
    Compensation.objects.create(opportunity=opportunity, amount="€100k", who="HR", is_offer=True)
    build_freelance(user, ada, interaction)
    build_collaborations(user, ada)
    build_study_group(user, ada)
    RecruiterNotes.objects.create(contact=grace, specialties="Rust", dealings="Fair")
    code = QuickConnectCode.objects.create(owner=user, event=event, session="Keynote", note="Hi")
    code.tags.add(pycon)
    Submission.objects.create(
        quick_code=code, contact=grace, form_id="0" * 8 + "-0000-4000-8000-" + "0" * 12
    )
    Notification.objects.create(
        owner=user, title="Grace joined", body="via Quick Connect", contact=grace
    )
    DigestDelivery.objects.create(owner=user, day=dt.date(2026, 2, 2), sent_at=timezone.now())
    Invite.objects.create(owner=user, note="Sam, “from work”, 🚀")
    Invite.objects.create(owner=user, used_at=timezone.now())
    return {"ada": ada, "grace": grace, "event": event, "python": python}


@pytest.fixture
def alices_world(alice) -> dict:
    return build_world(alice)


def build_collaborations(user, speaker) -> None:
    """A published talk from a backlog idea, with a speaker, its history and two feedback
    entries (one from a contact, one from a name)."""
    idea = Idea.objects.create(
        owner=user, title="Async «ORM»", kind="talk", pitch="Line one\nLine two, “quoted”"
    )
    idea.people.add(speaker)
    idea.tags.add(*user.tags.all()[:1])
    talk = collaboration_services.start_from_idea(idea, "planning")
    talk.target_on, talk.published_on = dt.date(2026, 5, 1), dt.date(2026, 5, 14)
    talk.url = "https://pycon.example/talks/1"
    collaboration_services.update(talk)
    collaboration_services.move(talk, "published")
    collaboration_services.save_feedback(
        Feedback(collaboration=talk, contact=speaker, kind="request", text="A follow-up post?")
    )
    collaboration_services.save_feedback(
        Feedback(collaboration=talk, name="@sam", channel="Mastodon", text="Great talk 🚀")
    )


def build_study_group(user, member) -> None:
    group = collaboration_services.save_new(
        Collaboration(owner=user, title="SICP, chapter by chapter", kind="study_group")
    )
    Person.objects.create(collaboration=group, contact=member, role="organiser")
    session = Session.objects.create(
        collaboration=group, held_on=dt.date(2026, 3, 3), topic="1.1 «Elements»", notes="Line\nTwo"
    )
    session.attendees.add(member)
    session.resources.add(*SharedResource.objects.filter(contact=member))
    PlannedSession.objects.create(
        collaboration=group, on=dt.date(2026, 3, 10), at=dt.time(18, 30), topic="1.2 «Procedures»"
    )


def build_freelance(user, client, interaction) -> None:
    """A project with a client, a delivered milestone, billed and unbilled time, and payments."""
    project_services.save_settings(
        FreelanceSettings(
            owner=user, invoice_details="Ada Dev\nMain St 1, Berlin", payment_terms_days=14
        )
    )
    project = project_services.save_new(
        Project(
            owner=user,
            title="Shop «rewrite»",
            client="Acme GmbH",
            pricing="hourly",
            rate=Decimal("95.50"),
            currency="EUR",
        )
    )
    project.interactions.add(interaction)
    project.technologies.add(*user.tags.all()[:1])
    Member.objects.create(project=project, contact=client, role="client")
    project_services.move(project, "active")
    milestone = project_services.save_milestone(
        Milestone(
            project=project, title="Beta", due_on=dt.date(2026, 5, 1), amount=Decimal("1200.00")
        )
    )
    project_services.set_milestone_status(milestone, Milestone.Status.DELIVERED)
    entry = project_services.save_time_entry(
        TimeEntry(
            project=project, worked_on=dt.date(2026, 4, 2), hours=Decimal("2.5"), note="Setup"
        )
    )
    project_services.save_time_entry(TimeEntry(project=project, hours=Decimal("1"), billable=False))
    payment = project_services.bill_time(project, [entry], dt.date(2026, 5, 15))
    project_services.mark_invoiced(payment, "2026-007", dt.date(2026, 4, 3), dt.date(2026, 5, 15))
    project_services.save_payment(
        Payment(
            project=project,
            milestone=milestone,
            amount=Decimal("1200.00"),
            currency="EUR",
            due_on=dt.date(2026, 6, 1),
        )
    )
