"""Helpers for the duplicates tests (`alice`, `charlie` and `make_contact`: tests/conftest.py)."""

import datetime as dt
import uuid
from urllib.parse import urlencode

from django.urls import reverse

from accounts.models import User
from collaborations.models import Collaboration, Feedback, Idea, Person, Session
from contacts.models import Contact, Event
from imports.models import ImportBatch, ImportRow
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from opportunities.models import Opportunity, Participant, RecruiterNotes
from projects.models import Member, Project
from quickconnect.models import QuickConnectCode, Submission
from reminders.models import Reminder
from resources.models import SharedResource
from tests.conftest import make_contact, make_tag
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration

__all__ = [
    "HX",
    "attach_one_of_everything",
    "make_contact",
    "make_tag",
    "merge_url",
    "related_rows",
]

HX = {"HTTP_HX_REQUEST": "true"}


def merge_url(*contacts: Contact) -> str:
    return reverse("duplicates:merge") + "?" + urlencode([("c", c.code) for c in contacts])


def log_interaction(contact: Contact, when: dt.datetime, subject: str = "") -> Interaction:
    call = InteractionType.objects.for_owner(contact.owner).get(builtin_key="call")
    interaction = Interaction(contact=contact, type=call, occurred_at=when, subject=subject)
    interaction_services.save_interaction(interaction)
    return interaction


def attach_one_of_everything(contact: Contact, label: str) -> dict:
    """One row of every kind that can hang off a contact; returns their primary keys by kind."""
    owner: User = contact.owner
    tag = make_tag(owner, f"tag-{label}")
    contact.tags.add(tag)
    event = Event.objects.create(owner=owner, name=f"event-{label}")
    contact.events.add(event)
    interaction = log_interaction(
        contact, dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC), subject=f"call-{label}"
    )
    reminder = Reminder.objects.create(
        owner=owner, contact=contact, title=f"reminder-{label}", due_on=dt.date(2026, 6, 1)
    )
    resource = SharedResource.objects.create(contact=contact, title=f"resource-{label}")
    project = ProjectCollaboration.objects.create(contact=contact, title=f"project-{label}")
    background = Background.objects.create(contact=contact, family=f"family-{label}")
    info = ContactInfo.objects.create(contact=contact, phone=f"+1 555 {len(label)}")
    profile = DeveloperProfile.objects.create(contact=contact, technical_skills=f"skills-{label}")
    profile.tech_stack.add(make_tag(owner, f"stack-{label}"))
    recruiter = RecruiterNotes.objects.create(contact=contact, dealings=f"dealings-{label}")
    opportunity = Opportunity.objects.create(owner=owner, company=f"co-{label}", role_title="Dev")
    participant = Participant.objects.create(opportunity=opportunity, contact=contact)
    freelance = Project.objects.create(owner=owner, title=f"freelance-{label}")
    member = Member.objects.create(project=freelance, contact=contact)
    piece = Collaboration.objects.create(owner=owner, title=f"talk-{label}")
    person = Person.objects.create(collaboration=piece, contact=contact)
    feedback = Feedback.objects.create(collaboration=piece, contact=contact, text=f"q-{label}")
    Idea.objects.create(owner=owner, title=f"idea-{label}").people.add(contact)
    Session.objects.create(collaboration=piece, topic=f"s-{label}").attendees.add(contact)
    code = QuickConnectCode.objects.create(owner=owner, event_name=f"conf-{label}")
    submission = Submission.objects.create(quick_code=code, contact=contact, form_id=uuid.uuid4())
    batch = ImportBatch.objects.create(owner=owner, filename=f"{label}.csv", format="csv")
    import_row = ImportRow.objects.create(
        batch=batch,
        number=1,
        outcome=ImportRow.Outcome.MERGE,
        matched_contact=contact,
        contact=contact,
    )
    return {
        "tag": tag.pk,
        "event": event.pk,
        "interaction": interaction.pk,
        "reminder": reminder.pk,
        "resource": resource.pk,
        "project": project.pk,
        "background": background.pk,
        "info": info.pk,
        "profile": profile.pk,
        "recruiter": recruiter.pk,
        "participant": participant.pk,
        "member": member.pk,
        "person": person.pk,
        "feedback": feedback.pk,
        "submission": submission.pk,
        "import_row": import_row.pk,
    }


def related_rows(contact: Contact) -> dict:
    """Everything hanging off a contact, by kind, as sets of primary keys."""
    return {
        "tags": set(contact.tags.values_list("pk", flat=True)),
        "events": set(contact.events.values_list("pk", flat=True)),
        "interactions": set(contact.interactions.values_list("pk", flat=True)),
        "reminders": set(contact.reminders.values_list("pk", flat=True)),
        "resources": set(contact.resources.values_list("pk", flat=True)),
        "projects": set(contact.vip_projects.values_list("pk", flat=True)),
        "participants": set(contact.opportunity_roles.values_list("pk", flat=True)),
        "members": set(contact.project_roles.values_list("pk", flat=True)),
        "people": set(contact.collaboration_roles.values_list("pk", flat=True)),
        "feedback": set(contact.collaboration_feedback.values_list("pk", flat=True)),
        "ideas": set(contact.collaboration_ideas.values_list("pk", flat=True)),
        "sessions": set(contact.study_sessions.values_list("pk", flat=True)),
        "submissions": set(contact.quick_connect_submissions.values_list("pk", flat=True)),
        "import_rows": set(ImportRow.objects.filter(contact=contact).values_list("pk", flat=True)),
        "import_matches": set(
            ImportRow.objects.filter(matched_contact=contact).values_list("pk", flat=True)
        ),
    }
