"""The dashboard's "Collaborations" card: study groups' next sessions and the target and publish
dates of the next 14 days, shown only to someone with any."""

import datetime as dt

import pytest

from collaborations.models import Session
from dashboard import widgets
from tests.collaborations.conftest import make_collaboration
from tests.conftest import make_contact
from tests.dashboard.conftest import TODAY, find_all, html, section_text
from tests.dashboard.test_widget_freelance import HOME, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def berlin_alice(alice):
    alice.time_zone = "Europe/Berlin"
    alice.save(update_fields=["time_zone"])
    make_contact(alice, name="Ada Lovelace")  # the dashboard is for people with contacts
    return alice


@pytest.fixture
def making(berlin_alice):
    """A study group meeting Tuesdays at 18:00 (today, 10 March, it is noon UTC), a talk due in
    3 days, and what the card leaves out."""
    alice = berlin_alice
    make_collaboration(
        alice, title="Rust book club", kind="study_group", meets_on=1, meets_at=dt.time(18)
    )
    make_collaboration(alice, title="Async talk", stage="planning", target_on=in_days(3))
    make_collaboration(alice, title="Later talk", target_on=in_days(20))
    make_collaboration(alice, title="Late talk", target_on=in_days(-1))
    make_collaboration(alice, title="Done piece", stage="published", published_on=in_days(2))
    make_collaboration(
        alice,
        title="Old group",
        kind="study_group",
        stage="archived",
        meets_on=2,
        meets_at=dt.time(9),
    )
    return alice


def test_the_card_lists_next_sessions_and_deadlines_soonest_first(alice_client, making):
    page = html(alice_client.get(HOME))
    text = section_text(page, "collaborations")
    group = making.collaborations.get(title="Rust book club")
    session = "Tue 10 Mar, 18:00 — Session: Rust book club"
    assert session in text and "Fri 13 Mar — Target date: Async talk" in text
    assert text.index(session) < text.index("Async talk")
    for left_out in ("Later talk", "Late talk", "Done piece", "Old group"):
        assert left_out not in text
    assert f'href="/collaborations/{group.code}/"' in page


def test_a_recorded_session_moves_the_next_to_the_following_week(alice_client, making):
    group = making.collaborations.get(title="Rust book club")
    Session.objects.create(collaboration=group, held_on=TODAY, topic="Traits")
    text = section_text(html(alice_client.get(HOME)), "collaborations")
    assert "Tue 17 Mar, 18:00 — Session: Rust book club" in text


def test_without_collaborations_there_is_no_card(alice_client, berlin_alice):
    make_collaboration(berlin_alice, title="Someday talk")  # no date, no schedule
    assert not find_all(html(alice_client.get(HOME)), "section", id="widget-collaborations")


def test_only_the_owners_collaborations_show(alice_client, berlin_alice, charlie):
    make_collaboration(charlie, title="Charlie's talk", target_on=in_days(1))
    assert not find_all(html(alice_client.get(HOME)), "section", id="widget-collaborations")


def test_the_card_is_one_query_however_many_rows(making, django_assert_num_queries):
    with django_assert_num_queries(1):
        small = widgets.collaboration_dates(making, TODAY)
    for n in range(20):
        group = make_collaboration(
            making, title=f"Group {n}", kind="study_group", meets_on=n % 7, meets_at=dt.time(9)
        )
        Session.objects.create(collaboration=group, held_on=in_days(-7), topic="Intro")
    with django_assert_num_queries(1):
        large = widgets.collaboration_dates(making, TODAY)
    assert len(small["collaboration_dates"]) == 2
    assert len(large["collaboration_dates"]) == 8 and large["collaboration_more"]


def test_without_any_it_costs_the_one_query(berlin_alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert widgets.collaboration_dates(berlin_alice, TODAY)["collaboration_dates"] == []
