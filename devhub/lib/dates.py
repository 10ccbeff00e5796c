"""Day boundaries as instants, so queries compare stored timestamps with bounds computed in Python
instead of converting every row's timestamp to a local date inside the database."""

import datetime as dt

from django.utils import timezone


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in the current (the user's) time zone, as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
