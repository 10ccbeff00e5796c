"""Reminder writes, and the reactions other apps trigger (each through one named function)."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from contacts import services as contact_services
from contacts import status
from contacts.models import Contact
from reminders.models import Reminder

Kind = Reminder.Kind
CONFERENCE_SOURCES = (
    Contact.Source.CONFERENCE,
    Contact.Source.MEETUP,
    Contact.Source.QUICK_CONNECT,
)
CONFERENCE_FOLLOW_UP_AFTER = dt.timedelta(days=2)
BIRTHDAY_NOTICE = dt.timedelta(days=7)
# A collaboration's follow-up reminder's occasion: this plus the day its quiet spell began (its
# people's latest contact, or the day it entered its stage), one reminder per quiet spell.
COLLABORATION_FOLLOW_UP = "follow-up "


def schedule_reminder(
    owner,
    *,
    kind: str,
    title: str,
    due_on: dt.date,
    contact: Contact | None = None,
    interaction=None,
    opportunity=None,
    milestone=None,
    payment=None,
    collaboration=None,
    occasion: str = "",
    occasion_on: dt.date | None = None,
    notes: str = "",
    reopen: bool = False,
) -> Reminder:
    """Public entry point for features that need a reminder (job applications, milestones...).

    With an occasion (what it is about: `interaction`, `opportunity`, `milestone`, `payment`,
    `collaboration` or `contact`, plus `occasion` and/or `occasion_on`), the reminder is automatic
    and exists at most once: calling again updates the due date and title of the open one
    instead of adding a second.
    With `reopen`, a done or cleared one is opened again when its date changes (a moved deadline
    is a new deadline).
    """
    if not occasion and occasion_on is None:
        return Reminder.objects.create(
            owner=owner, contact=contact, kind=kind, title=title, due_on=due_on, notes=notes
        )
    reminder, created = Reminder.objects.get_or_create(
        owner=owner,
        kind=kind,
        contact=contact,
        interaction=interaction,
        opportunity=opportunity,
        milestone=milestone,
        payment=payment,
        collaboration=collaboration,
        occasion=occasion,
        occasion_on=occasion_on,
        is_automatic=True,
        defaults={"title": title, "due_on": due_on, "notes": notes},
    )
    if created or (reminder.due_on, reminder.title) == (due_on, title):
        return reminder
    if reminder.is_open:
        reminder.due_on, reminder.title = due_on, title
        reminder.save(update_fields=["due_on", "title"])
    elif reopen and reminder.due_on != due_on:
        reminder.due_on, reminder.title = due_on, title
        reminder.completed_at = reminder.dismissed_at = reminder.snoozed_until = None
        reminder.save(
            update_fields=["due_on", "title", "completed_at", "dismissed_at", "snoozed_until"]
        )
    return reminder


def after_interaction_change(contact: Contact, interaction=None) -> None:
    """Called by interactions.services after any interaction is saved or deleted (the contact's
    last contact and status are already up to date).

    An interaction with a follow-up date gets its follow-up reminder; having just been in touch
    completes the contact's open check-in reminder.
    """
    if interaction is not None and interaction.pk:
        sync_follow_up(contact, interaction)
        complete_collaboration_follow_ups(contact)
    if contact.status not in status.NEEDS_ATTENTION:
        Reminder.objects.open().filter(contact=contact, kind=Kind.CHECK_IN).update(
            completed_at=timezone.now()
        )


def complete_collaboration_follow_ups(contact: Contact) -> None:
    """Back in touch with someone on a collaboration after its quiet spell began: its open
    follow-up reminder is done."""
    if contact.last_contacted is None:
        return
    # The contact's few collaborations first: the reminders are then found through their
    # collaboration's index, not among every open reminder of the owner.
    collaborations = list(contact.collaboration_roles.values_list("collaboration_id", flat=True))
    if not collaborations:
        return
    Reminder.objects.open().filter(
        collaboration_id__in=collaborations,
        is_automatic=True,
        occasion__startswith=COLLABORATION_FOLLOW_UP,
        occasion_on__lt=contact.last_contacted,
    ).update(completed_at=timezone.now())


def sync_follow_up(contact: Contact, interaction) -> None:
    """One follow-up reminder per follow-up date of an interaction. A new date gets its own
    reminder even if the old one was completed; an open reminder for an old date is dismissed."""
    stale = Reminder.objects.open().filter(
        kind=Kind.FOLLOW_UP, interaction=interaction, is_automatic=True
    )
    if interaction.follow_up_on:
        stale = stale.exclude(occasion_on=interaction.follow_up_on)
        schedule_reminder(
            contact.owner,
            kind=Kind.FOLLOW_UP,
            title=f"Follow up with {contact.name}",
            due_on=interaction.follow_up_on,
            contact=contact,
            interaction=interaction,
            occasion_on=interaction.follow_up_on,
        )
    stale.update(dismissed_at=timezone.now())


def after_rhythm_change(contact: Contact) -> None:
    """Importance, frequency or pin changed (contacts.services has applied the rules): a
    check-in the contact no longer needs (pinned, or not due under the new rhythm) is dismissed;
    a study group's check-in about missed sessions is not about the rhythm and stays."""
    if contact.status not in status.NEEDS_ATTENTION:
        Reminder.objects.open().filter(
            contact=contact, kind=Kind.CHECK_IN, collaboration=None
        ).update(dismissed_at=timezone.now())


def ensure_conference_follow_up(contact: Contact) -> None:
    """Met at a conference or meetup: follow up two days after adding them, while it is fresh."""
    if contact.source not in CONFERENCE_SOURCES:
        return
    schedule_reminder(
        contact.owner,
        kind=Kind.CONFERENCE_FOLLOW_UP,
        title=f"Follow up with {contact.name} ({contact.source_detail or 'met recently'})",
        due_on=contact.added_on + CONFERENCE_FOLLOW_UP_AFTER,
        contact=contact,
        occasion_on=contact.added_on,
    )


def create_check_in_reminders(contacts, today: dt.date) -> int:
    """One check-in reminder per contact that needs attention, until it is done.

    The occasion is the contact's check-in day: completing the reminder without getting in
    touch does not bring it back every night, but the next lapse after a new contact does.
    """
    theirs = Reminder.objects.filter(contact=OuterRef("pk"), kind=Kind.CHECK_IN)
    # An open check-in (for any day), or one for this check-in day already done or dismissed:
    # two lookups, the first through the index of open check-ins.
    candidates = (
        contacts.filter(status__in=status.NEEDS_ATTENTION, is_archived=False)
        .exclude(snoozed_until__gt=today)
        .exclude(Exists(theirs.filter(completed_at=None, dismissed_at=None)))
        .exclude(Exists(theirs.filter(occasion_on=OuterRef("check_in_on"))))
        .values_list("pk", "owner_id", "name", "check_in_on")
        .order_by()  # in table order: sorting tens of thousands of names is wasted work
    )
    reminders = [
        Reminder(
            owner_id=owner_id,
            contact_id=pk,
            kind=Kind.CHECK_IN,
            title=f"Check in with {name}",
            due_on=today,
            is_automatic=True,
            occasion_on=check_in_on,
        )
        for pk, owner_id, name, check_in_on in candidates.iterator(chunk_size=2000)
    ]
    return _insert_new(reminders)


def birthday_in(birthday: dt.date, year: int) -> dt.date:
    """The birthday in `year`; 29 February is celebrated on 28 February in other years."""
    try:
        return birthday.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def next_birthday(birthday: dt.date, today: dt.date) -> dt.date:
    """This year's or next year's birthday."""
    for year in (today.year, today.year + 1):
        if (day := birthday_in(birthday, year)) >= today:
            return day
    raise AssertionError("unreachable")


def birthday_days(today: dt.date, days: int) -> list[tuple[int, int]]:
    """The stored days of the year (`Contact.birthday_day`, 14 March = 314) whose birthdays fall
    from `today` to `days` later, as ranges in calendar order: two when the window crosses New
    Year. 29 February counts as 28 February in other years."""
    end = today + dt.timedelta(days=days)
    first, last = today.month * 100 + today.day, end.month * 100 + end.day
    if last == 228 and not calendar.isleap(end.year):
        last = 229
    if days >= 365:
        return [(101, 1231)]
    if first <= last:
        return [(first, last)]
    return [(first, 1231), (101, last)]


def birthdays_within(contacts, today: dt.date, days: int):
    """`contacts` narrowed by the database to birthdays from `today` to `days` later: a range of
    the stored, indexed day of the year, so callers load only the rows they need."""
    within = Q()
    for first, last in birthday_days(today, days):
        within |= Q(birthday_day__range=(first, last))
    return contacts.filter(within)


def create_birthday_reminders(contacts, today: dt.date) -> int:
    """A reminder a week before each birthday and one on the day.

    Most nights every birthday of the coming week already has its reminders: those are found
    as plain keys (contact, occasion, day), and only the missing reminders are built."""
    wanted = {}
    rows = (
        birthdays_within(contacts.filter(is_archived=False), today, BIRTHDAY_NOTICE.days)
        .values_list("pk", "owner_id", "name", "birthday")
        .order_by()
    )
    for pk, owner_id, name, birthday in rows.iterator(chunk_size=2000):
        day = next_birthday(birthday, today)
        for due, label in ((day - BIRTHDAY_NOTICE, "in a week"), (day, "today")):
            if due < today and day == today:
                continue  # first seen on the day: the "today" reminder says it all
            wanted[(pk, label, day)] = (owner_id, name, due)
    missing = wanted.keys() - _existing_birthday_occasions({pk for pk, _, _ in wanted})
    reminders = []
    for pk, label, day in sorted(missing):
        owner_id, name, due = wanted[(pk, label, day)]
        when = label
        if due < today:  # first seen less than a week ahead: say how far off it really is
            left = (day - today).days
            when = "tomorrow" if left == 1 else f"in {left} days"
        reminders.append(
            Reminder(
                owner_id=owner_id,
                contact_id=pk,
                kind=Kind.BIRTHDAY,
                title=f"{name}'s birthday {when} ({day:%-d %B})",
                due_on=max(due, today),
                is_automatic=True,
                occasion=label,
                occasion_on=day,
            )
        )
    return _insert_new(reminders)


def _existing_birthday_occasions(contact_ids: set[int]) -> set[tuple[int, str, dt.date]]:
    """(contact, occasion, day) of the birthday reminders these contacts already have."""
    ids = sorted(contact_ids)
    existing = set()
    for start in range(0, len(ids), 500):
        existing |= set(
            Reminder.objects.filter(
                is_automatic=True, kind=Kind.BIRTHDAY, contact_id__in=ids[start : start + 500]
            )
            .values_list("contact_id", "occasion", "occasion_on")
            .order_by()
        )
    return existing


def _insert_new(reminders: list[Reminder]) -> int:
    """Insert, skipping any occasion that already has its reminder (the unique constraints with
    ON CONFLICT IGNORE: safe if a writer races). The callers leave out the occasions that have
    their reminder and overlapping runs take turns, so all of `reminders` are new."""
    Reminder.objects.bulk_create(reminders, ignore_conflicts=True, batch_size=500)
    return len(reminders)


def claim(reminder: Reminder, **changes) -> bool:
    """Apply a state change only if the reminder is still open (two tabs cannot double-act)."""
    updated = Reminder.objects.open().filter(pk=reminder.pk).update(**changes)
    if updated:
        for field, value in changes.items():
            setattr(reminder, field, value)
    return bool(updated)


def complete(reminder: Reminder) -> bool:
    return claim(reminder, completed_at=timezone.now())


def dismiss(reminder: Reminder) -> bool:
    return claim(reminder, dismissed_at=timezone.now())


def snooze(reminder: Reminder, until: dt.date) -> bool:
    return claim(reminder, snoozed_until=until)


def snooze_contact(contact: Contact, until: dt.date | None) -> None:
    """Keep a contact out of "needs attention" (and its check-in quiet) until `until`."""
    contact_services.snooze(contact, until)
    # Clearing (None) wakes the check-in too, or it would stay hidden under "later".
    Reminder.objects.open().filter(contact=contact, kind=Kind.CHECK_IN).update(snoozed_until=until)


@dataclass
class LegacyOccasion:
    occasion: str
    occasion_on: dt.date | None
    interaction_code: str | None = None
    opportunity_id: int | None = None


def legacy_occasion(text: str, due_on: dt.date, birthday: dt.date | None = None) -> LegacyOccasion:
    """An occasion written the old way, as a text key holding ids, in the new terms (for the
    migration and for restoring older backups): "contact:<pk>:<last contact>" (check-in),
    "contact:<pk>:<year>:<label>" (birthday), "contact:<pk>" (conference follow-up),
    "interaction:<code>:<date>" and "opportunity:<pk>:<what>". Anything else is kept as it is."""
    parts = text.split(":")
    if parts[0] == "contact" and len(parts) == 4 and parts[2].isdigit():
        # A birthday reminder: its day is the contact's birthday in that year.
        if birthday is not None:
            return LegacyOccasion(parts[3], birthday_in(birthday, int(parts[2])))
        week = parts[3] == "in a week"
        return LegacyOccasion(parts[3], due_on + (BIRTHDAY_NOTICE if week else dt.timedelta()))
    if parts[0] == "contact":
        return LegacyOccasion("", due_on)
    if parts[0] == "interaction" and len(parts) == 3:
        return LegacyOccasion("", dt.date.fromisoformat(parts[2]), interaction_code=parts[1])
    if parts[0] == "opportunity" and len(parts) >= 3 and parts[1].isdigit():
        return LegacyOccasion(":".join(parts[2:]), None, opportunity_id=int(parts[1]))
    return LegacyOccasion(text[:40], None)
