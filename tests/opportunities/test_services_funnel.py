"""The funnel's numbers come from the stage history, on a known data set."""

import pytest
import time_machine

from opportunities import services
from tests.opportunities.conftest import at, build_funnel_data, make_opportunity

pytestmark = pytest.mark.django_db


def test_funnel_counts_every_stage_ever_reached(alice):
    build_funnel_data(alice)

    funnel = services.funnel(alice)

    assert (funnel.applied, funnel.interview, funnel.offer, funnel.accepted) == (5, 3, 2, 1)


def test_response_rate_counts_answers_but_not_withdrawing(alice):
    build_funnel_data(alice)

    # Four of five applications got an answer; the fifth was withdrawn by alice herself.
    assert services.funnel(alice).response_rate == 80


def test_median_days_to_first_response_and_to_offer(alice):
    build_funnel_data(alice)

    funnel = services.funnel(alice)

    assert funnel.median_days_to_response == 5.0  # answers after 2, 4, 6 and 8 days
    assert funnel.median_days_to_offer == 25.0  # offers after 20 and 30 days


def test_other_users_pipelines_do_not_count(alice, charlie):
    build_funnel_data(charlie)
    make_opportunity(alice, status="applied")

    funnel = services.funnel(alice)

    assert (funnel.applied, funnel.interview, funnel.offer, funnel.accepted) == (1, 0, 0, 0)
    assert funnel.response_rate == 0
    assert funnel.median_days_to_response is None


def test_no_applications_means_no_rates(alice):
    make_opportunity(alice, status="interested")

    funnel = services.funnel(alice)

    assert (funnel.applied, funnel.interview, funnel.offer, funnel.accepted) == (0, 0, 0, 0)
    assert funnel.response_rate is None
    assert funnel.median_days_to_response is None
    assert funnel.median_days_to_offer is None


def test_an_answer_after_withdrawing_back_counts_from_the_application(alice):
    with time_machine.travel(at(2026, 1, 1), tick=False):
        opportunity = make_opportunity(alice, status="applied")
    with time_machine.travel(at(2026, 1, 2), tick=False):
        services.move(opportunity, "withdrawn")
    with time_machine.travel(at(2026, 1, 4), tick=False):
        services.move(opportunity, "phone_screen")

    funnel = services.funnel(alice)

    assert funnel.response_rate == 100
    assert funnel.median_days_to_response == 3.0


def test_fractional_days_are_rounded_to_one_decimal(alice):
    with time_machine.travel(at(2026, 1, 1, hour=0), tick=False):
        opportunity = make_opportunity(alice, status="applied")
    with time_machine.travel(at(2026, 1, 2, hour=12), tick=False):
        services.move(opportunity, "offer")

    funnel = services.funnel(alice)

    assert funnel.median_days_to_response == 1.5
    assert funnel.median_days_to_offer == 1.5
    assert (funnel.interview, funnel.offer) == (1, 1)
