"""Automatic reminders: a follow-up after applying, a thank-you after each interview stage and
one for the next action's date, never two for the same thing."""

from datetime import date, timedelta

import pytest

from opportunities import services
from opportunities.models import Opportunity
from reminders.models import Reminder
from tests.opportunities.conftest import TODAY, at, job_reminders, make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(frozen_clock):
    yield


def set_next_action(opportunity: Opportunity, day: date | None, what: str = "Call Rita") -> None:
    opportunity.next_action, opportunity.next_action_on = what, day
    opportunity.save()
    services.sync_next_action_reminder(opportunity)


def test_applying_gets_one_follow_up_a_week_after_the_application_date(alice):
    make_opportunity(alice, status="applied", applied_on=date(2026, 3, 2))

    [reminder] = job_reminders(alice, open_only=True)
    assert reminder.due_on == date(2026, 3, 9)
    assert reminder.title == "Follow up on your application: Backend developer at Acme"
    assert reminder.is_automatic


def test_moving_a_card_to_applied_dates_the_follow_up_from_today(alice):
    opportunity = make_opportunity(alice)

    services.move(opportunity, "applied")

    [reminder] = job_reminders(alice, open_only=True)
    assert reminder.due_on == TODAY + timedelta(days=7)


def test_an_interested_opportunity_has_no_reminder(alice):
    make_opportunity(alice, status="interested")

    assert job_reminders(alice) == []


@pytest.mark.parametrize("later", ["phone_screen", "rejected", "withdrawn", "interested"])
def test_any_stage_change_after_applying_dismisses_the_follow_up(alice, later):
    opportunity = make_opportunity(alice, status="applied", applied_on=date(2026, 3, 2))

    services.move(opportunity, later)

    follow_up = Reminder.objects.get(title__startswith="Follow up on your application")
    assert follow_up.dismissed_at is not None
    assert not follow_up.is_open


def test_moving_to_applied_again_does_not_add_a_second_follow_up(alice):
    opportunity = make_opportunity(alice, status="applied")

    services.move(opportunity, "applied")
    services.move(opportunity, "applied")

    assert len(job_reminders(alice)) == 1


@pytest.mark.parametrize(
    ("stage", "label"),
    [("phone_screen", "phone screen"), ("interview", "interview"), ("final_round", "final round")],
)
def test_each_interview_stage_gets_a_thank_you_reminder_for_the_next_day(alice, stage, label):
    opportunity = make_opportunity(alice, status="applied")

    services.move(opportunity, stage)

    [thanks] = job_reminders(alice, open_only=True)
    assert thanks.title == f"Send a thank-you note after the {label}: Backend developer at Acme"
    assert thanks.due_on == TODAY + timedelta(days=1)


def test_creating_at_an_interview_stage_also_gets_the_thank_you(alice):
    make_opportunity(alice, status="interview")

    [thanks] = job_reminders(alice)
    assert thanks.title.startswith("Send a thank-you note after the interview")


def test_moving_back_and_forth_does_not_duplicate_thank_you_reminders(alice):
    opportunity = make_opportunity(alice, status="applied")

    for stage in ["phone_screen", "interview", "phone_screen", "interview", "final_round"]:
        services.move(opportunity, stage)
    services.move(opportunity, "interview")

    thanks = [r for r in job_reminders(alice) if r.title.startswith("Send a thank-you")]
    assert sorted(r.title.split(":")[0] for r in thanks) == [
        "Send a thank-you note after the final round",
        "Send a thank-you note after the interview",
        "Send a thank-you note after the phone screen",
    ]


def test_a_done_thank_you_does_not_come_back_when_the_stage_is_visited_again(alice):
    opportunity = make_opportunity(alice, status="phone_screen")
    [thanks] = job_reminders(alice)
    thanks.completed_at = at(2026, 3, 10)
    thanks.save()

    services.move(opportunity, "interview")
    services.move(opportunity, "phone_screen")

    open_titles = [r.title for r in job_reminders(alice, open_only=True)]
    assert open_titles == ["Send a thank-you note after the interview: Backend developer at Acme"]


def test_a_next_action_date_gets_one_reminder_on_that_date(alice):
    make_opportunity(alice, next_action="Call Rita", next_action_on=date(2026, 3, 12))

    [reminder] = job_reminders(alice, open_only=True)
    assert reminder.due_on == date(2026, 3, 12)
    assert reminder.title == "Call Rita: Backend developer at Acme"


def test_changing_the_next_action_date_moves_the_same_reminder(alice):
    opportunity = make_opportunity(alice, next_action="Call Rita", next_action_on=date(2026, 3, 12))

    set_next_action(opportunity, date(2026, 3, 20), "Send portfolio")
    set_next_action(opportunity, date(2026, 3, 20), "Send portfolio")

    [reminder] = job_reminders(alice)
    assert reminder.is_open
    assert reminder.due_on == date(2026, 3, 20)
    assert reminder.title == "Send portfolio: Backend developer at Acme"


def test_clearing_the_next_action_date_dismisses_its_reminder(alice):
    opportunity = make_opportunity(alice, next_action="Call Rita", next_action_on=date(2026, 3, 12))

    set_next_action(opportunity, None)

    [reminder] = job_reminders(alice)
    assert reminder.dismissed_at is not None


def test_setting_a_next_action_date_again_after_clearing_it_reminds_again(alice):
    opportunity = make_opportunity(alice, next_action="Call Rita", next_action_on=date(2026, 3, 12))
    set_next_action(opportunity, None)

    set_next_action(opportunity, date(2026, 3, 25), "Chase the offer")

    [reminder] = job_reminders(alice, open_only=True)
    assert reminder.due_on == date(2026, 3, 25)
    assert reminder.title == "Chase the offer: Backend developer at Acme"
    assert len(job_reminders(alice)) == 1


@pytest.mark.parametrize("closed", ["accepted", "rejected", "withdrawn"])
def test_closing_the_opportunity_dismisses_the_next_action_reminder(alice, closed):
    opportunity = make_opportunity(alice, next_action="Call Rita", next_action_on=date(2026, 3, 12))

    services.move(opportunity, closed)

    assert job_reminders(alice, open_only=True) == []


def test_a_closed_opportunity_with_a_next_action_date_gets_no_reminder(alice):
    make_opportunity(alice, status="rejected", next_action_on=date(2026, 3, 12))

    assert job_reminders(alice) == []


def test_reminders_belong_to_the_opportunitys_owner_only(alice, charlie):
    make_opportunity(alice, status="applied", next_action_on=date(2026, 3, 12))
    make_opportunity(charlie, status="applied", next_action_on=date(2026, 3, 12))

    assert len(job_reminders(alice)) == 2
    assert len(job_reminders(charlie)) == 2


def test_two_opportunities_each_get_their_own_follow_up(alice):
    make_opportunity(alice, status="applied", company="Acme")
    make_opportunity(alice, status="applied", company="Initech")

    titles = sorted(r.title for r in job_reminders(alice, open_only=True))
    assert titles == [
        "Follow up on your application: Backend developer at Acme",
        "Follow up on your application: Backend developer at Initech",
    ]


def test_a_done_next_action_reminder_stays_done_until_the_date_changes(alice):
    opportunity = make_opportunity(alice, next_action="Call Rita", next_action_on=date(2026, 3, 12))
    [reminder] = job_reminders(alice)
    reminder.completed_at = at(2026, 3, 10)
    reminder.save()

    set_next_action(opportunity, date(2026, 3, 12))
    assert job_reminders(alice, open_only=True) == []

    set_next_action(opportunity, date(2026, 3, 19), "Call Rita again")
    [reopened] = job_reminders(alice, open_only=True)
    assert (reopened.pk, reopened.due_on) == (reminder.pk, date(2026, 3, 19))
