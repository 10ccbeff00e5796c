"""Stage history: every stage change is recorded once, and the timeline shows time per stage."""

from datetime import date

import pytest
import time_machine

from opportunities import services
from opportunities.models import Opportunity, StageChange
from tests.opportunities.conftest import NOW, at, make_opportunity

pytestmark = pytest.mark.django_db


def history(opportunity: Opportunity) -> list[tuple[str, str]]:
    return [(c.from_status, c.to_status) for c in opportunity.stage_changes.all()]


def test_creating_an_opportunity_records_its_first_stage(alice):
    with time_machine.travel(NOW, tick=False):
        opportunity = make_opportunity(alice, status="applied")

    change = opportunity.stage_changes.get()
    assert (change.from_status, change.to_status, change.changed_at) == ("", "applied", NOW)
    assert opportunity.status_changed_at == NOW


def test_each_move_adds_one_stage_change(alice):
    opportunity = make_opportunity(alice)

    assert services.move(opportunity, "applied") is True
    assert services.move(opportunity, "phone_screen") is True
    assert services.move(opportunity, "rejected") is True

    assert history(opportunity) == [
        ("", "interested"),
        ("interested", "applied"),
        ("applied", "phone_screen"),
        ("phone_screen", "rejected"),
    ]
    opportunity.refresh_from_db()
    assert opportunity.status == "rejected"


def test_moving_to_the_stage_it_is_in_records_nothing(alice):
    with time_machine.travel(at(2026, 3, 1), tick=False):
        opportunity = make_opportunity(alice, status="applied")

    with time_machine.travel(NOW, tick=False):
        assert services.move(opportunity, "applied") is False

    assert history(opportunity) == [("", "applied")]
    opportunity.refresh_from_db()
    assert opportunity.status_changed_at == at(2026, 3, 1)


def test_a_move_updates_the_callers_object_and_the_change_time(alice):
    opportunity = make_opportunity(alice)

    with time_machine.travel(NOW, tick=False):
        services.move(opportunity, "interview")

    assert opportunity.status == "interview"
    assert opportunity.status_changed_at == NOW
    assert StageChange.objects.get(to_status="interview").changed_at == NOW


def test_moving_to_applied_sets_the_application_date_to_today(alice):
    opportunity = make_opportunity(alice)

    with time_machine.travel(NOW, tick=False):
        services.move(opportunity, "applied")

    opportunity.refresh_from_db()
    assert opportunity.applied_on == date(2026, 3, 10)


def test_moving_to_applied_keeps_an_application_date_already_given(alice):
    opportunity = make_opportunity(alice, applied_on=date(2026, 2, 20))

    with time_machine.travel(NOW, tick=False):
        services.move(opportunity, "applied")

    opportunity.refresh_from_db()
    assert opportunity.applied_on == date(2026, 2, 20)


def test_timeline_lists_each_stage_with_its_span_and_days(alice):
    with time_machine.travel(at(2026, 3, 1), tick=False):
        opportunity = make_opportunity(alice)
    with time_machine.travel(at(2026, 3, 4), tick=False):
        services.move(opportunity, "applied")
    with time_machine.travel(at(2026, 3, 14), tick=False):
        services.move(opportunity, "phone_screen")

    with time_machine.travel(at(2026, 3, 20, hour=10), tick=False):
        spans = services.stage_timeline(opportunity)
        days = [span.days for span in spans]

    assert [(s.status, s.label, s.started, s.ended) for s in spans] == [
        ("interested", "Interested", at(2026, 3, 1), at(2026, 3, 4)),
        ("applied", "Applied", at(2026, 3, 4), at(2026, 3, 14)),
        ("phone_screen", "Phone screen", at(2026, 3, 14), None),
    ]
    assert days == [3, 10, 6]


def test_the_current_stage_keeps_counting_until_now(alice):
    with time_machine.travel(at(2026, 3, 1), tick=False):
        opportunity = make_opportunity(alice, status="offer")

    with time_machine.travel(at(2026, 3, 2, hour=8), tick=False):
        assert services.stage_timeline(opportunity)[0].days == 0
    with time_machine.travel(at(2026, 3, 31), tick=False):
        assert services.stage_timeline(opportunity)[0].days == 30


def test_a_stage_visited_twice_appears_twice_in_the_timeline(alice):
    with time_machine.travel(at(2026, 3, 1), tick=False):
        opportunity = make_opportunity(alice, status="phone_screen")
    with time_machine.travel(at(2026, 3, 3), tick=False):
        services.move(opportunity, "interview")
    with time_machine.travel(at(2026, 3, 8), tick=False):
        services.move(opportunity, "phone_screen")

    with time_machine.travel(at(2026, 3, 9), tick=False):
        spans = services.stage_timeline(opportunity)
        assert [(s.status, s.days) for s in spans] == [
            ("phone_screen", 2),
            ("interview", 5),
            ("phone_screen", 1),
        ]
