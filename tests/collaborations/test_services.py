"""Collaborations' writes: stage history through the shared helper, ideas, merges."""

import pytest
import time_machine

from collaborations import services
from collaborations.models import Collaboration, Feedback, Person, Session
from duplicates.merge import merge_contacts
from tests.collaborations.conftest import make_collaboration, make_feedback
from tests.conftest import make_contact, make_tag

pytestmark = pytest.mark.django_db


def history(collaboration) -> list[tuple[str, str]]:
    return list(collaboration.stage_changes.values_list("from_stage", "to_stage"))


def test_a_new_collaboration_starts_its_history(alice):
    talk = make_collaboration(alice, stage="planning")

    assert history(talk) == [("", "planning")]


def test_moving_records_each_change_once_and_says_whether_it_moved(alice):
    with time_machine.travel("2026-03-01 09:00Z"):
        talk = make_collaboration(alice)
    with time_machine.travel("2026-03-10 09:00Z"):
        assert services.move(talk, "in_progress") is True
    assert services.move(talk, "in_progress") is False

    talk.refresh_from_db()
    assert talk.stage == "in_progress"
    assert talk.stage_changed_at.isoformat().startswith("2026-03-10T09:00")
    assert history(talk) == [("", "idea"), ("idea", "in_progress")]


def test_an_edit_that_changes_the_stage_goes_through_the_history(alice):
    talk = make_collaboration(alice)
    talk.title, talk.stage = "Async Django, revisited", "published"
    services.update(talk)

    talk.refresh_from_db()
    assert (talk.title, talk.stage) == ("Async Django, revisited", "published")
    assert history(talk) == [("", "idea"), ("idea", "published")]


def test_the_timeline_lists_each_stage_with_its_span(alice):
    with time_machine.travel("2026-03-01 09:00Z", tick=False):
        talk = make_collaboration(alice)
    with time_machine.travel("2026-03-05 09:00Z", tick=False):
        services.move(talk, "published")
    with time_machine.travel("2026-03-08 09:00Z", tick=False):
        spans = [(s.label, s.days) for s in services.timeline(talk)]

    assert spans == [("Idea", 4), ("Published or done", 3)]


def test_an_idea_turns_into_one_linked_collaboration_with_its_people_and_tags(alice, idea, ada):
    python = make_tag(alice, "Python", kind="technology")
    idea.tags.add(python)

    collaboration = services.start_from_idea(idea, "planning")
    again = services.start_from_idea(idea, "idea")

    assert again == collaboration
    idea.refresh_from_db()
    assert idea.collaboration == collaboration
    assert (collaboration.title, collaboration.stage, collaboration.notes) == (
        "Postgres for Djangonauts",
        "planning",
        "Indexes!",
    )
    assert list(collaboration.tags.all()) == [python]
    assert [(p.contact, p.role) for p in collaboration.people.all()] == [(ada, "co_author")]
    assert history(collaboration) == [("", "planning")]


def test_deleting_the_idea_keeps_the_collaboration(alice, idea):
    collaboration = services.start_from_idea(idea)
    services.delete_idea(idea)

    collaboration.refresh_from_db()
    assert collaboration.idea is None


def test_merging_contacts_moves_roles_feedback_and_idea_places(alice, talk, ada, idea):
    copy = make_contact(alice, name="Ada L.")
    other = make_collaboration(alice, title="Podcast")
    Person.objects.create(collaboration=talk, contact=copy, role="speaker")  # both: kept once
    Person.objects.create(collaboration=other, contact=copy, role="guest")
    feedback = make_feedback(talk, contact=copy)
    idea.people.add(copy)
    session = Session.objects.create(collaboration=talk, topic="Dry run")
    session.attendees.add(copy)

    merge_contacts(alice, ada, [copy], {})

    assert sorted(Person.objects.values_list("collaboration__title", "contact", "role")) == [
        ("Async Django in practice", ada.pk, "speaker"),
        ("Podcast", ada.pk, "guest"),
    ]
    assert Feedback.objects.get(pk=feedback.pk).contact == ada
    assert list(idea.people.all()) == [ada]
    assert list(session.attendees.all()) == [ada]
    assert Collaboration.objects.count() == 2
