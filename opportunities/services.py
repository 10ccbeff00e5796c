"""Stage changes (with their history and reminders) and the pipeline's numbers."""

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from devhub.lib import stages
from devhub.lib.stages import StageSpan
from opportunities.models import (
    ACTIVE,
    INTERVIEW_STAGES,
    Opportunity,
    StageChange,
    Status,
)
from reminders.models import Reminder
from reminders.services import schedule_reminder

Kind = Reminder.Kind
APPLIED_FOLLOW_UP_AFTER = dt.timedelta(days=7)
HISTORY = stages.History(StageChange, "opportunity", field="status")
STAGE_ORDER = {status: index for index, status in enumerate([*ACTIVE, Status.ACCEPTED])}


@transaction.atomic
def save_new(opportunity: Opportunity) -> Opportunity:
    """Create an opportunity with its first stage-history entry and reminders."""
    HISTORY.start(opportunity)
    _stage_reminders(opportunity, previous="")
    sync_next_action_reminder(opportunity)
    return opportunity


@transaction.atomic
def move(opportunity: Opportunity, status: str) -> bool:
    """Change the stage (board, menu or form), recording it; False if it was already there."""
    previous = HISTORY.move(opportunity, status, also=_applied_today)
    if previous is None:
        return False
    _stage_reminders(opportunity, previous)
    sync_next_action_reminder(opportunity)  # closing an opportunity ends its next-action reminder
    return True


def _applied_today(locked: Opportunity) -> list[str]:
    """Moved to "applied" without an application date: it is today."""
    if locked.status == Status.APPLIED and not locked.applied_on:
        locked.applied_on = timezone.localdate()
    return ["applied_on"]


@transaction.atomic
def delete(opportunity: Opportunity) -> None:
    """Delete it, dismissing the reminders it made (a follow-up for nothing helps nobody)."""
    Reminder.objects.open().filter(opportunity=opportunity).update(dismissed_at=timezone.now())
    opportunity.delete()


def _stage_reminders(opportunity: Opportunity, previous: str) -> None:
    owner, label = opportunity.owner, str(opportunity)
    # Any change answers the "applied, no news for a week" follow-up.
    if previous == Status.APPLIED:
        Reminder.objects.open().filter(opportunity=opportunity, occasion="applied").update(
            dismissed_at=timezone.now()
        )
    sync_applied_follow_up(opportunity)
    if opportunity.status in INTERVIEW_STAGES:
        stage = opportunity.get_status_display().lower()
        schedule_reminder(
            owner,
            kind=Kind.JOB_APPLICATION,
            title=f"Send a thank-you note after the {stage}: {label}",
            due_on=timezone.localdate() + dt.timedelta(days=1),
            opportunity=opportunity,
            occasion=f"thanks:{opportunity.status}",
        )


def sync_applied_follow_up(opportunity: Opportunity) -> None:
    """While applied: a follow-up a week after the application date (a corrected date moves it)."""
    if opportunity.status != Status.APPLIED:
        return
    applied = opportunity.applied_on or timezone.localdate()
    schedule_reminder(
        opportunity.owner,
        kind=Kind.JOB_APPLICATION,
        title=f"Follow up on your application: {opportunity}",
        due_on=applied + APPLIED_FOLLOW_UP_AFTER,
        opportunity=opportunity,
        occasion="applied",
    )


def sync_next_action_reminder(opportunity: Opportunity) -> None:
    """The next action's date is a reminder; moving the date moves it, clearing it dismisses it."""
    occasion = "next-action"
    if opportunity.next_action_on and not opportunity.is_closed:
        title = f"{opportunity.next_action or 'Next step'}: {opportunity}"
        schedule_reminder(
            opportunity.owner,
            kind=Kind.JOB_APPLICATION,
            title=title,
            due_on=opportunity.next_action_on,
            opportunity=opportunity,
            occasion=occasion,
            reopen=True,  # the occasion's one reminder was done or cleared: a new date reopens it
        )
    else:
        Reminder.objects.open().filter(opportunity=opportunity, occasion=occasion).update(
            dismissed_at=timezone.now()
        )


def stage_timeline(opportunity: Opportunity) -> list[StageSpan]:
    """Each stage with when it started and how long it lasted (the current one until now)."""
    return HISTORY.timeline(opportunity, Status.choices)


@dataclass
class Funnel:
    applied: int
    interview: int
    offer: int
    accepted: int
    response_rate: float | None
    median_days_to_response: float | None
    median_days_to_offer: float | None


def funnel(owner) -> Funnel:
    """Counts of opportunities that ever reached each stage, from their stage history."""
    reached: dict[int, set[str]] = {}
    applied_at: dict[int, dt.datetime] = {}
    first_response: dict[int, dt.datetime] = {}
    offer_at: dict[int, dt.datetime] = {}
    changes = StageChange.objects.filter(opportunity__owner=owner).order_by("changed_at", "id")
    for opp_id, to_status, changed_at in changes.values_list(
        "opportunity_id", "to_status", "changed_at"
    ):
        reached.setdefault(opp_id, set()).add(to_status)
        if to_status == Status.APPLIED:
            applied_at.setdefault(opp_id, changed_at)
        elif opp_id in applied_at and opp_id not in first_response and to_status != "withdrawn":
            first_response[opp_id] = changed_at
        if to_status == Status.OFFER:
            offer_at.setdefault(opp_id, changed_at)

    def ever(*statuses) -> int:
        return sum(1 for seen in reached.values() if seen & set(statuses))

    def days(ends: dict) -> float | None:
        spans = [(ends[o] - applied_at[o]).total_seconds() / 86400 for o in ends if o in applied_at]
        return round(statistics.median(spans), 1) if spans else None

    return Funnel(
        applied=ever(*[s for s in STAGE_ORDER if s != Status.INTERESTED]),
        interview=ever(*INTERVIEW_STAGES, Status.OFFER, Status.ACCEPTED),
        offer=ever(Status.OFFER, Status.ACCEPTED),
        accepted=ever(Status.ACCEPTED),
        response_rate=round(len(first_response) / len(applied_at) * 100) if applied_at else None,
        median_days_to_response=days(first_response),
        median_days_to_offer=days(offer_at),
    )
