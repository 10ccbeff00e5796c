"""A study group's weekly meeting and one-off dates: when the next one is, in the owner's time
zone."""

import datetime as dt
import zoneinfo
from collections.abc import Iterable

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


def next_session(
    weekday: int,
    at: dt.time,
    zone: zoneinfo.ZoneInfo,
    now: dt.datetime,
    after: dt.date | None = None,
) -> dt.datetime:
    """The first meeting on `weekday` at `at` (wall-clock time in `zone`) that has not started
    by `now` and falls after `after` (the last session recorded, already held)."""
    local = now.astimezone(zone)
    day = local.date() + dt.timedelta(days=(weekday - local.weekday()) % 7)
    while dt.datetime.combine(day, at, zone) < local or (after is not None and day <= after):
        day += dt.timedelta(days=7)
    return dt.datetime.combine(day, at, zone)


def moment(day: dt.date, time: dt.time, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """A one-off meeting's moment: wall-clock `time` on `day` in `zone`."""
    return dt.datetime.combine(day, time, zone)


def earliest(
    meetings: Iterable[dt.datetime], now: dt.datetime, after: dt.date | None = None
) -> dt.datetime | None:
    """The first of `meetings` that has not started by `now` and falls after `after` (the last
    session recorded: a meeting on or before that day was held, or skipped)."""
    return min(
        (m for m in meetings if m >= now and (after is None or m.date() > after)),
        default=None,
    )


def describe(weekday: int, at: dt.time) -> str:
    """ "Weekly on Tuesdays at 18:00"."""
    return f"Weekly on {WEEKDAYS[weekday][1]}s at {at:%H:%M}"
