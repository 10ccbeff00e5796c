"""Every write to collaborations, their people, the ideas backlog and audience feedback.

Reminders: a collaboration's target date and publish date each have one reminder, moved with
the date and dismissed when the date is cleared; publishing completes them, archiving an
unpublished one dismisses them, and moving it back to work opens them again.
"""

from django.db import transaction
from django.utils import timezone

from collaborations.models import (
    OUT_STAGES,
    Collaboration,
    Feedback,
    Idea,
    Person,
    Session,
    Stage,
    StageChange,
)
from contacts.merging import move_roles
from devhub.lib import stages
from reminders.models import Reminder
from reminders.services import schedule_reminder

HISTORY = stages.History(StageChange, "collaboration")
# Occasion -> (the date field it follows, what the reminder says).
DATE_REMINDERS = {"target": ("target_on", "Target date"), "publish": ("published_on", "Publish")}


@transaction.atomic
def save_new(collaboration: Collaboration) -> Collaboration:
    """Create a collaboration with its first stage-history entry."""
    HISTORY.start(collaboration)
    sync_reminders(collaboration)
    return collaboration


@transaction.atomic
def update(collaboration: Collaboration) -> Collaboration:
    """Save an edited collaboration; a changed stage goes through `move`, keeping the history."""
    stage = collaboration.stage
    collaboration.stage = Collaboration.objects.values_list("stage", flat=True).get(
        pk=collaboration.pk
    )
    collaboration.save()
    if not move(collaboration, stage):
        sync_reminders(collaboration)  # its dates or title may have changed
    return collaboration


@transaction.atomic
def move(collaboration: Collaboration, stage: str) -> bool:
    """Change the stage (board, menu or form), recording it; False if it was already there."""
    previous = HISTORY.move(collaboration, stage)
    if previous is None:
        return False
    if previous in OUT_STAGES and stage not in OUT_STAGES:
        # Back to work: its dates count again.
        _reminders(collaboration).update(completed_at=None, dismissed_at=None)
    sync_reminders(collaboration)
    return True


def sync_reminders(collaboration: Collaboration) -> None:
    """Each date set on a collaboration still being made is a reminder; publishing completes
    them, archiving dismisses the ones still open (an abandoned piece has no deadline)."""
    open_ = _reminders(collaboration).open()
    if collaboration.stage == Stage.PUBLISHED:
        open_.update(completed_at=timezone.now())
        return
    if collaboration.stage == Stage.ARCHIVED:
        open_.update(dismissed_at=timezone.now())
        return
    for occasion, (field, what) in DATE_REMINDERS.items():
        due_on = getattr(collaboration, field)
        if due_on is None:
            open_.filter(occasion=occasion).update(dismissed_at=timezone.now())
            continue
        schedule_reminder(
            collaboration.owner,
            kind=Reminder.Kind.COLLABORATION,
            title=f"{what}: {collaboration.title}"[:200],
            due_on=due_on,
            collaboration=collaboration,
            occasion=occasion,
            reopen=True,  # a moved deadline is a new deadline
        )


def _reminders(collaboration: Collaboration):
    return Reminder.objects.filter(collaboration=collaboration, occasion__in=DATE_REMINDERS)


@transaction.atomic
def delete(collaboration: Collaboration) -> None:
    """Delete it with its history, people links and feedback (dismissing its reminders); its
    idea stays in the backlog."""
    _reminders(collaboration).open().update(dismissed_at=timezone.now())
    collaboration.delete()


def delete_idea(idea: Idea) -> None:
    """Delete an idea; a collaboration started from it stays, unlinked."""
    idea.delete()


def timeline(collaboration: Collaboration) -> list[stages.StageSpan]:
    return HISTORY.timeline(collaboration, Stage.choices)


def add_person(collaboration: Collaboration, contact, role: str) -> Person:
    return Person.objects.create(collaboration=collaboration, contact=contact, role=role)


def remove_person(person: Person) -> None:
    person.delete()


@transaction.atomic
def start_from_idea(idea: Idea, stage: str = Stage.IDEA) -> Collaboration:
    """A collaboration made from a backlog idea: its title, kind, pitch (as notes) and tags, its
    people as co-authors; the two stay linked. Starting an idea twice gives the same one."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    existing = Collaboration.objects.filter(idea=idea).first()
    if existing:
        return existing
    collaboration = save_new(
        Collaboration(
            owner=idea.owner,
            kind=idea.kind,
            title=idea.title,
            stage=stage,
            notes=idea.pitch,
            idea=idea,
        )
    )
    collaboration.tags.set(idea.tags.all())
    Person.objects.bulk_create(
        Person(collaboration=collaboration, contact=contact, role=Person.Role.CO_AUTHOR)
        for contact in idea.people.all()
    )
    return collaboration


def save_feedback(feedback: Feedback) -> Feedback:
    feedback.save()
    return feedback


def delete_feedback(feedback: Feedback) -> None:
    feedback.delete()


def save_session(session: Session) -> Session:
    """Create or edit a study-group session (its form then saves who came)."""
    session.save()
    return session


def delete_session(session: Session) -> None:
    session.delete()


def merge_contacts(owner, primary, others) -> None:
    """Contacts merged: their roles move (a role both had is kept once); their feedback, their
    places among an idea's possible people and their study-session attendance move to the
    primary."""
    move_roles(Person, "collaboration", primary, others)
    Feedback.objects.filter(contact__in=others).update(contact=primary)
    for model, name in ((Idea, "people"), (Session, "attendees")):
        for row in model.objects.filter(**{f"{name}__in": others}).distinct():
            getattr(row, name).remove(*others)
            getattr(row, name).add(primary)
