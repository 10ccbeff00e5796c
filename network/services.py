"""Network writes: the reminder to introduce two contacts."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.text import Truncator

from contacts.models import Contact
from contacts.status import local_today
from reminders.models import Reminder
from reminders.services import schedule_reminder

INTRODUCE_WITHIN = dt.timedelta(days=3)
NAME_CHARS = 95  # two names and the words around them fit a reminder's 200-character title


def introduction_title(a: Contact, b: Contact) -> str:
    name = lambda c: Truncator(c.name).chars(NAME_CHARS)  # noqa: E731
    return f"Introduce {name(a)} to {name(b)}"


def open_introductions():
    return Reminder.objects.open().filter(kind=Reminder.Kind.CUSTOM)


@transaction.atomic
def remind_to_introduce(a: Contact, b: Contact) -> tuple[Reminder, bool]:
    """A custom reminder about `a`, due in three days, to introduce them to `b`; none when an
    open one exists for the pair either way round (the existing one is returned)."""
    # Both rows locked (in id order) so that two clicks at once make one reminder.
    list(Contact.objects.select_for_update().filter(pk__in=[a.pk, b.pk]).order_by("pk"))
    either_way = Q(contact=a, title=introduction_title(a, b)) | Q(
        contact=b, title=introduction_title(b, a)
    )
    existing = open_introductions().filter(either_way).first()
    if existing is not None:
        return existing, False
    reminder = schedule_reminder(
        a.owner,
        kind=Reminder.Kind.CUSTOM,
        title=introduction_title(a, b),
        due_on=local_today(a.owner) + INTRODUCE_WITHIN,
        contact=a,
    )
    return reminder, True
