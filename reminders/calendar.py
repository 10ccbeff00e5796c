"""The per-user iCalendar feed that Google, Apple and other calendars subscribe to.

All events are all-day (DATE values), so they land on the same day in every time zone. UIDs are
stable (derived from the public codes), so a calendar updates an event in place when its date
changes instead of showing it twice.

Birthdays recur yearly from the birth date. A 29 February birthday recurs on the last day of
February (BYMONTH=2;BYMONTHDAY=-1): the 29th in leap years, the 28th otherwise, as the birthday
reminders do (reminders.services.next_birthday).
"""

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event

from contacts import status
from contacts.models import Contact
from interactions.models import Interaction
from reminders.models import Reminder

PRODID = "-//DevHub CRM//Reminders//EN"
ONE_DAY = dt.timedelta(days=1)


def calendar_for(user) -> bytes:
    """Open reminders, upcoming interaction follow-ups and birthdays, as an .ics file."""
    calendar = Calendar.new(prodid=PRODID, name=f"DevHub CRM — {user.username}")
    # How often subscribers should re-fetch (Outlook and Apple read this; Google polls anyway).
    calendar.add("X-PUBLISHED-TTL", dt.timedelta(hours=1))
    stamp = timezone.now()
    for event in (
        *reminder_events(user),
        *follow_up_events(user, status.local_today(user)),
        *birthday_events(user),
    ):
        event.DTSTAMP = stamp
        calendar.add_component(event)
    return calendar.to_ical()


def all_day(uid: str, day: dt.date, summary: str, description: str = "") -> Event:
    event = Event.new(uid=uid, start=day, end=day + ONE_DAY, summary=summary)
    if description:
        event.add("description", description)
    return event


def reminder_events(user) -> list[Event]:
    reminders = (
        Reminder.objects.for_owner(user)
        .open()
        .select_related("contact")
        .order_by("effective_due", "id")
    )
    return [
        all_day(
            f"reminder-{reminder.code}@devhub",
            reminder.effective_due,
            reminder.title,
            "\n\n".join(
                part
                for part in (
                    f"With {reminder.contact.name}" if reminder.contact else "",
                    reminder.notes,
                )
                if part
            ),
        )
        for reminder in reminders
    ]


def follow_up_events(user, today: dt.date) -> list[Event]:
    """Follow-up dates on interactions that have no follow-up reminder of their own.

    An open reminder is already on the calendar; a completed or dismissed one means the
    follow-up was done or dropped, and the date must not come back as a second event.
    """
    covered = set(
        Reminder.objects.for_owner(user)
        .filter(kind=Reminder.Kind.FOLLOW_UP, interaction__isnull=False)
        .values_list("interaction_id", "occasion_on")
    )
    interactions = (
        Interaction.objects.for_owner(user)
        .filter(follow_up_on__gte=today)
        .select_related("contact", "type")
        .order_by("follow_up_on", "id")
    )
    return [
        all_day(
            f"follow-up-{interaction.code}@devhub",
            interaction.follow_up_on,
            f"Follow up with {interaction.contact.name}",
            f"After: {interaction.subject or interaction.type.name} "
            f"on {timezone.localtime(interaction.occurred_at, user.zone):%-d %B %Y}",
        )
        for interaction in interactions
        if (interaction.pk, interaction.follow_up_on) not in covered
    ]


def birthday_events(user) -> list[Event]:
    contacts = (
        Contact.objects.for_owner(user)
        .active()
        .filter(birthday__isnull=False)
        .only("code", "name", "birthday")
    )
    events = []
    for contact in contacts:
        event = all_day(
            f"birthday-{contact.code}@devhub", contact.birthday, f"{contact.name}'s birthday"
        )
        if (contact.birthday.month, contact.birthday.day) == (2, 29):
            event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            event.add("rrule", {"freq": "yearly"})
        events.append(event)
    return events
