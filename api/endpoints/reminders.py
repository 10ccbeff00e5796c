from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from api import pagination
from api.binding import bind, valid
from api.endpoints import next_link, owner
from api.problems import FormInvalid, Problem
from api.schemas import (
    ERRORS,
    ProblemOut,
    ReminderIn,
    ReminderOut,
    ReminderPage,
    ReminderQuery,
    SnoozeIn,
)
from reminders import services
from reminders.forms import ReminderForm, SnoozeForm
from reminders.models import Reminder, get_reminder_for_user

router = Router()
ANSWERS = {**ERRORS, 409: ProblemOut}


@router.get("", response={200: ReminderPage, **ERRORS})
def list_reminders(request: HttpRequest, query: Query[ReminderQuery]):
    """Your open reminders due by `until` (snoozes taken into account), soonest first."""
    until = query.until or timezone.localdate()
    reminders = Reminder.objects.for_owner(owner(request)).open().filter(effective_due__lte=until)
    rows = reminders.select_related("contact")
    found, after = pagination.page(rows, sort="due", cursor=query.cursor, limit=query.limit)
    return {"items": found, "next": next_link(request, after)}


@router.post("", response={201: ReminderOut, **ERRORS})
def create_reminder(request: HttpRequest, payload: ReminderIn):
    data = payload.model_dump(exclude_unset=True)
    form = valid(bind(ReminderForm, data, owner=owner(request)))
    return Status(201, form.save())


@router.get("/{uuid:code}", response={200: ReminderOut, **ERRORS})
def get_reminder(request: HttpRequest, code):
    return get_reminder_for_user(owner(request), code)


def _closed() -> Problem:
    return Problem(409, "The reminder is already done or dismissed.")


@router.post("/{uuid:code}/complete", response={200: ReminderOut, **ANSWERS})
def complete_reminder(request: HttpRequest, code):
    reminder = get_reminder_for_user(owner(request), code)
    if not services.complete(reminder):
        raise _closed()
    return reminder


@router.post("/{uuid:code}/snooze", response={200: ReminderOut, **ANSWERS})
def snooze_reminder(request: HttpRequest, code, payload: SnoozeIn):
    """Remind again on `until`, or in `days` (7 or 30), as the reminders page offers."""
    reminder = get_reminder_for_user(owner(request), code)
    form = SnoozeForm(
        {key: "" if value is None else value for key, value in payload.model_dump().items()}
    )
    if not form.is_valid():
        raise FormInvalid(form)
    if not services.snooze(reminder, form.cleaned_data["until"]):
        raise _closed()
    reminder.refresh_from_db()
    return reminder
