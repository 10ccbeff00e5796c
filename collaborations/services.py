"""Every write to collaborations, their people, the ideas backlog and audience feedback."""

from django.db import transaction

from collaborations.models import Collaboration, Feedback, Idea, Person, Stage, StageChange
from contacts.merging import move_roles
from devhub.lib import stages

HISTORY = stages.History(StageChange, "collaboration")


@transaction.atomic
def save_new(collaboration: Collaboration) -> Collaboration:
    """Create a collaboration with its first stage-history entry."""
    HISTORY.start(collaboration)
    return collaboration


@transaction.atomic
def update(collaboration: Collaboration) -> Collaboration:
    """Save an edited collaboration; a changed stage goes through `move`, keeping the history."""
    stage = collaboration.stage
    collaboration.stage = Collaboration.objects.values_list("stage", flat=True).get(
        pk=collaboration.pk
    )
    collaboration.save()
    move(collaboration, stage)
    return collaboration


@transaction.atomic
def move(collaboration: Collaboration, stage: str) -> bool:
    """Change the stage (board, menu or form), recording it; False if it was already there."""
    return HISTORY.move(collaboration, stage) is not None


def delete(collaboration: Collaboration) -> None:
    """Delete it with its history, people links and feedback; its idea stays in the backlog."""
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


def merge_contacts(owner, primary, others) -> None:
    """Contacts merged: their roles move (a role both had is kept once), their feedback and
    their places among an idea's possible people move to the primary."""
    move_roles(Person, "collaboration", primary, others)
    Feedback.objects.filter(contact__in=others).update(contact=primary)
    for idea in Idea.objects.filter(people__in=others).distinct():
        idea.people.remove(*others)
        idea.people.add(primary)
