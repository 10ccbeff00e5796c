"""Every write to collaborations, their people, the ideas backlog and audience feedback.

Reminders: a collaboration's target date and publish date each have one reminder, moved with
the date and dismissed when the date is cleared; publishing completes them, archiving an
unpublished one dismisses them, and moving it back to work opens them again.

A study group with a weekly schedule or planned one-off dates has one reminder for its next
session, due that day: a changed schedule or planned date moves it, a cleared one (or archiving
the group) dismisses it, and recording a session on its day completes it, the next meeting's
taking its place.

A member of a study group absent from its last MISSED_IN_A_ROW recorded sessions gets one
check-in reminder for that streak, dismissed once they come again.

A collaboration being made (planning or in progress) with people has a follow-up rhythm: when
none of its people has heard from you for its `follow_up_days` since it entered its stage, the
nightly run adds one reminder to follow up; getting in touch with any of them completes it.
"""

import datetime as dt
import zoneinfo

from django.db import transaction
from django.db.models import Case, F, Max, OuterRef, Q, Subquery, When
from django.utils import timezone

from collaborations.models import (
    FOLLOW_UP_STAGES,
    OUT_STAGES,
    Collaboration,
    Feedback,
    Idea,
    Person,
    PlannedSession,
    Session,
    Stage,
    StageChange,
)
from contacts.merging import move_roles
from contacts.status import local_today
from devhub.lib import stages
from reminders.models import Reminder
from reminders.services import COLLABORATION_FOLLOW_UP, schedule_reminder
from search import index as search_index

HISTORY = stages.History(StageChange, "collaboration")
# Occasion -> (the date field it follows, what the reminder says).
DATE_REMINDERS = {"target": ("target_on", "Target date"), "publish": ("published_on", "Publish")}
# A session reminder's occasion: this plus the session's day, one reminder per meeting.
SESSION = "session "
# How many linked interactions an open-source project's page lists.
LINKED_SHOWN = 20
# A missed-sessions check-in's occasion: this plus the first missed session's day.
MISSED = "missed "
MISSED_IN_A_ROW = 3


@transaction.atomic
def save_new(collaboration: Collaboration) -> Collaboration:
    """Create a collaboration with its first stage-history entry."""
    HISTORY.start(collaboration)
    sync_reminders(collaboration)
    search_index.put_collaboration(collaboration)
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
    search_index.put_collaboration(collaboration)
    return collaboration


@transaction.atomic
def move(collaboration: Collaboration, stage: str) -> bool:
    """Change the stage (board, menu or form), recording it; False if it was already there."""
    previous = HISTORY.move(collaboration, stage)
    if previous is None:
        return False
    if previous in OUT_STAGES and stage not in OUT_STAGES:
        # Back to work: its dates count again, and its sessions (sync keeps only the next).
        _reminders(collaboration).update(completed_at=None, dismissed_at=None)
        _session_reminders(collaboration).filter(completed_at=None).update(dismissed_at=None)
    sync_reminders(collaboration)
    return True


def sync_reminders(collaboration: Collaboration) -> None:
    """Each date set on a collaboration still being made is a reminder; publishing completes
    them, archiving dismisses the ones still open (an abandoned piece has no deadline)."""
    sync_session_reminder(collaboration)
    if collaboration.stage not in FOLLOW_UP_STAGES or collaboration.follow_up_days is None:
        _follow_ups_of([collaboration.owner_id]).filter(collaboration=collaboration).update(
            dismissed_at=timezone.now()
        )
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


def _session_reminders(collaboration: Collaboration):
    return _session_reminders_of([collaboration.owner_id]).filter(collaboration=collaboration)


def _automatic_of(owners, occasion: str):
    """These owners' automatic reminders of collaborations whose occasion starts with
    `occasion` (SESSION, COLLABORATION_FOLLOW_UP): found through the index of collaboration
    reminders (a few), not every reminder of the owners."""
    return Reminder.objects.filter(
        collaboration__isnull=False,
        owner__in=owners,
        is_automatic=True,
        occasion__startswith=occasion,
    )


def _session_reminders_of(owners):
    return _automatic_of(owners, SESSION)


def linked_interactions(collaboration: Collaboration) -> dict:
    """An open-source project's code reviews and pairing sessions, newest first: the latest
    LINKED_SHOWN of them and how many there are (two queries)."""
    linked = collaboration.interactions.all()
    rows = linked.newest_first().select_related("contact", "type")
    rows = rows.only(
        "code", "occurred_at", "subject", "contact__code", "contact__name", "type__name"
    )
    return {"linked": list(rows[:LINKED_SHOWN]), "linked_count": linked.count()}


def last_held_on(collaboration: Collaboration) -> dt.date | None:
    return collaboration.sessions.aggregate(last=Max("held_on"))["last"]


def upcoming_planned(collaboration: Collaboration, now: dt.datetime | None = None):
    """Its one-off dates not yet started (in the owner's time zone), soonest first."""
    local = (now or timezone.now()).astimezone(collaboration.owner.zone)
    later_today = Q(on=local.date(), at__gte=local.time())
    return collaboration.planned_sessions.filter(Q(on__gt=local.date()) | later_today)


def next_session(collaboration: Collaboration, now: dt.datetime | None = None, planned=None):
    """When the group meets next in its owner's time zone, after the last recorded session: the
    weekly meeting or a planned date, whichever comes first. `planned`: its upcoming planned
    dates when the caller has read them already."""
    after = last_held_on(collaboration)
    if planned is None:
        planned = upcoming_planned(collaboration, now)
        if after is not None:
            planned = planned.filter(on__gt=after)
        planned = planned[:1]
    return collaboration.next_session(collaboration.owner.zone, now, after=after, planned=planned)


def sync_session_reminder(collaboration: Collaboration, now: dt.datetime | None = None) -> None:
    """The next scheduled session is the one open session reminder; any other still open (an
    old schedule, a week gone by without a recorded session) is dismissed."""
    upcoming = next_session(collaboration, now)
    stale = _session_reminders(collaboration).open()
    if upcoming is not None:
        stale = stale.exclude(occasion_on=upcoming.date())
    stale.update(dismissed_at=timezone.now())
    if upcoming is None:
        return
    reminder = schedule_reminder(
        collaboration.owner,
        kind=Reminder.Kind.COLLABORATION,
        title=f"Study group: {collaboration.title}"[:190] + f" at {upcoming:%H:%M}",
        due_on=upcoming.date(),
        collaboration=collaboration,
        occasion=f"{SESSION}{upcoming.date().isoformat()}",
        occasion_on=upcoming.date(),
        reopen=True,
    )
    if reminder.dismissed_at is not None and reminder.completed_at is None:
        # Set aside when a sooner date came (a planned one since removed): next again now.
        reminder.dismissed_at = None
        reminder.save(update_fields=["dismissed_at"])


def roll_session_reminders(owners, day: dt.date) -> int:
    """Nightly: a session reminder still open after its day means a week went by without a
    recorded session; each such group's next session takes its place. Returns how many."""
    missed = _session_reminders_of(owners).open().filter(due_on__lt=day)
    groups = Collaboration.objects.filter(reminders__in=missed).distinct()
    groups = list(groups.select_related("owner"))
    for group in groups:
        sync_session_reminder(group)
    return len(groups)


def _follow_ups_of(owners):
    """The open follow-up reminders of these owners' collaborations."""
    return _automatic_of(owners, COLLABORATION_FOLLOW_UP).open()


def quiet_collaborations(owners, day: dt.date) -> list[Reminder]:
    """The follow-up reminder each collaboration of `owners` is due on `day` (not yet saved).

    One query: a collaboration being made, with people and a rhythm, annotated with the person
    you were last in touch with (the first co-author when nobody was). Its quiet spell began on
    the later of that contact and the day it entered its stage, in the owner's time zone."""
    people = Person.objects.filter(collaboration=OuterRef("pk")).order_by(
        F("contact__last_contacted").desc(nulls_last=True),
        Case(When(role=Person.Role.CO_AUTHOR, then=0), default=1),
        "pk",
    )
    rows = (
        Collaboration.objects.filter(
            owner__in=owners, stage__in=FOLLOW_UP_STAGES, follow_up_days__isnull=False
        )
        .annotate(
            who=Subquery(people.values("contact_id")[:1]),
            who_name=Subquery(people.values("contact__name")[:1]),
            heard_on=Subquery(people.values("contact__last_contacted")[:1]),
        )
        .filter(who__isnull=False)
        .order_by()
        .values_list(
            "pk",
            "owner_id",
            "owner__time_zone",
            "title",
            "follow_up_days",
            "stage_changed_at",
            "who",
            "who_name",
            "heard_on",
        )
    )
    zones: dict[str, zoneinfo.ZoneInfo] = {}
    due = []
    for pk, owner_id, zone, title, days, changed_at, who, who_name, heard_on in rows:
        zone = zones.setdefault(zone, zoneinfo.ZoneInfo(zone))
        since = timezone.localtime(changed_at, zone).date()
        if heard_on is not None and heard_on > since:
            since = heard_on
        if (day - since).days <= days:
            continue
        due.append(
            Reminder(
                owner_id=owner_id,
                contact_id=who,
                collaboration_id=pk,
                kind=Reminder.Kind.FOLLOW_UP,
                title=f"Follow up with {who_name} on “{title}”"[:200],
                due_on=day,
                is_automatic=True,
                occasion=f"{COLLABORATION_FOLLOW_UP}{since.isoformat()}",
                occasion_on=since,
            )
        )
    return due


def create_follow_up_reminders(owners, day: dt.date) -> int:
    """Nightly: each quiet collaboration (quiet_collaborations) gets its follow-up reminder,
    due `day`, once per quiet spell: a rerun adds nothing, and a completed one stays done until
    contact is made and the next spell comes. An open one whose spell is over (contact was made,
    it moved on or its rhythm changed) is dismissed. A handful of queries per run, whatever the
    number of collaborations. Returns how many reminders it added."""
    due = {reminder.collaboration_id: reminder for reminder in quiet_collaborations(owners, day)}
    # The open ones, and those (done or not) for the spells that are due.
    known = _automatic_of(owners, COLLABORATION_FOLLOW_UP).filter(
        Q(completed_at=None, dismissed_at=None)
        | Q(collaboration_id__in=due, occasion__in={r.occasion for r in due.values()})
    )
    stale = []
    for pk, collaboration_id, occasion, completed_at, dismissed_at in known.values_list(
        "pk", "collaboration_id", "occasion", "completed_at", "dismissed_at"
    ):
        if collaboration_id in due and due[collaboration_id].occasion == occasion:
            del due[collaboration_id]  # it has its reminder
        elif completed_at is None and dismissed_at is None:
            stale.append(pk)  # its spell is over
    if stale:
        Reminder.objects.filter(pk__in=stale).update(dismissed_at=timezone.now())
    Reminder.objects.bulk_create(list(due.values()), ignore_conflicts=True)
    return len(due)


@transaction.atomic
def delete(collaboration: Collaboration) -> None:
    """Delete it with its history, people links and feedback (dismissing its reminders); its
    idea stays in the backlog."""
    _reminders(collaboration).open().update(dismissed_at=timezone.now())
    _session_reminders(collaboration).open().update(dismissed_at=timezone.now())
    _follow_ups_of([collaboration.owner_id]).filter(collaboration=collaboration).update(
        dismissed_at=timezone.now()
    )
    search_index.remove_collaboration(collaboration.owner_id, collaboration.pk)
    collaboration.delete()


def delete_idea(idea: Idea) -> None:
    """Delete an idea; a collaboration started from it stays, unlinked."""
    idea.delete()


def timeline(collaboration: Collaboration) -> list[stages.StageSpan]:
    return HISTORY.timeline(collaboration, Stage.choices)


@transaction.atomic
def add_person(collaboration: Collaboration, contact, role: str) -> Person:
    person = Person.objects.create(collaboration=collaboration, contact=contact, role=role)
    search_index.put_collaboration(collaboration)
    return person


@transaction.atomic
def remove_person(person: Person) -> None:
    """Take a role away; someone no longer in the group needs no missed-sessions check-in."""
    person.delete()
    group = person.collaboration
    if not group.people.filter(contact=person.contact_id).exists():
        _missed_reminders(group).filter(contact=person.contact_id).open().update(
            dismissed_at=timezone.now()
        )
    search_index.put_collaboration(group)


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
    search_index.put_collaboration(collaboration)
    return collaboration


def save_feedback(feedback: Feedback) -> Feedback:
    feedback.save()
    return feedback


def delete_feedback(feedback: Feedback) -> None:
    feedback.delete()


@transaction.atomic
def save_session(session: Session, attendees=None, resources=None) -> Session:
    """Create or edit a study-group session with who came and the resources it used (None keeps
    them as they are): the reminder for a session on that day is done, the next one is
    scheduled, and the group's people are checked for missed sessions."""
    session.save()
    if attendees is not None:
        session.attendees.set(attendees)
    if resources is not None:
        session.resources.set(resources)
    _session_reminders(session.collaboration).filter(
        occasion_on=session.held_on, completed_at=None
    ).update(completed_at=timezone.now(), dismissed_at=None)
    sync_session_reminder(session.collaboration)
    check_attendance(session.collaboration)
    return session


def check_attendance(collaboration: Collaboration) -> None:
    """Each of the group's people absent from all of its last MISSED_IN_A_ROW sessions gets one
    check-in reminder for that streak (its first missed session names it); one who came to any
    of them has an open one dismissed."""
    recent = list(
        collaboration.sessions.order_by("-held_on", "-id").prefetch_related("attendees")[
            :MISSED_IN_A_ROW
        ]
    )
    came = {contact.pk for session in recent for contact in session.attendees.all()}
    people = {p.contact.pk: p.contact for p in collaboration.people.select_related("contact")}
    _missed_reminders(collaboration).filter(contact__in=came).open().update(
        dismissed_at=timezone.now()
    )
    if len(recent) < MISSED_IN_A_ROW:
        return
    today = local_today(collaboration.owner)
    for contact in people.values():
        if contact.pk in came:
            continue
        schedule_reminder(
            collaboration.owner,
            kind=Reminder.Kind.CHECK_IN,
            title=(
                f"{contact.name} has missed {MISSED_IN_A_ROW} sessions of "
                f"{collaboration.title} — check in?"
            )[:200],
            due_on=today,
            contact=contact,
            collaboration=collaboration,
            occasion=f"{MISSED}{first_missed(collaboration, contact).isoformat()}",
        )


def first_missed(collaboration: Collaboration, contact) -> dt.date:
    """The day of the first session of the group the contact has missed since last coming."""
    sessions = collaboration.sessions.order_by("held_on", "id")
    last_came = sessions.filter(attendees=contact).aggregate(last=Max("held_on"))["last"]
    if last_came is not None:
        sessions = sessions.filter(held_on__gt=last_came)
    return sessions.values_list("held_on", flat=True)[0]


def _missed_reminders(collaboration: Collaboration):
    return Reminder.objects.filter(
        collaboration=collaboration,
        kind=Reminder.Kind.CHECK_IN,
        is_automatic=True,
        occasion__startswith=MISSED,
    )


@transaction.atomic
def add_planned_session(planned: PlannedSession) -> PlannedSession:
    """A one-off meeting date for a study group; it may now be the next session."""
    planned.save()
    sync_session_reminder(planned.collaboration)
    return planned


@transaction.atomic
def remove_planned_session(planned: PlannedSession) -> None:
    planned.delete()
    sync_session_reminder(planned.collaboration)


@transaction.atomic
def delete_session(session: Session) -> None:
    session.delete()
    sync_session_reminder(session.collaboration)


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
