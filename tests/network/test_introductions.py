import pytest

from contacts.models import Contact, Event, Tag
from network import introductions
from opportunities.models import Opportunity, Participant
from projects.models import Member, Project
from tests.conftest import make_tag
from tests.network.conftest import person

pytestmark = pytest.mark.django_db
Status = Contact.Status


def suggested(contact) -> list[tuple[str, list[str]]]:
    return [(s.contact.name, s.shared) for s in introductions.suggestions(contact)]


def test_ranked_by_technologies_shared_then_warmth_then_name(alice):
    ada = person(alice, "Ada", ["Rust", "Python", "Go"])
    person(alice, "Zed", ["Rust", "Python"], status=Status.ACTIVE_COLLABORATION)
    person(alice, "Bob", ["Rust"], stack=["Go", "Python"], status=Status.RECONNECT)
    person(alice, "Cat", ["Go"], status=Status.PASSIVE)
    person(alice, "Dee", ["Go"])  # regular contact: warmer than passive
    person(alice, "Abe", ["Go"])
    person(alice, "Eli", ["Haskell"])  # nothing in common
    person(alice, "Fay", ["Rust"], is_archived=True)

    assert suggested(ada) == [
        ("Bob", ["Go", "Python", "Rust"]),  # three, one of them only in his VIP stack
        ("Zed", ["Python", "Rust"]),
        ("Abe", ["Go"]),
        ("Dee", ["Go"]),
        ("Cat", ["Go"]),
    ]


def test_a_vip_stack_counts_for_the_contact_too(alice):
    ada = person(alice, "Ada", [], stack=["Elixir"])
    person(alice, "Bob", ["Elixir"])
    person(alice, "Cy", [], stack=["Elixir"])

    assert suggested(ada) == [("Bob", ["Elixir"]), ("Cy", ["Elixir"])]


def test_only_technology_tags_count(alice):
    ada = person(alice, "Ada", [make_tag(alice, "Fintech", kind=Tag.Kind.INDUSTRY)])
    person(alice, "Bob", ["Fintech"])

    assert suggested(ada) == []


@pytest.fixture
def trio(alice):
    ada = person(alice, "Ada", ["Rust"])
    return ada, person(alice, "Bob", ["Rust"]), person(alice, "Cy", ["Rust"])


def test_people_already_in_a_project_together_are_left_out(alice, trio):
    ada, bob, _ = trio
    project = Project.objects.create(owner=alice, title="Shop")
    Member.objects.create(project=project, contact=ada, role=Member.Role.CLIENT)
    Member.objects.create(project=project, contact=bob, role=Member.Role.COLLABORATOR)

    assert suggested(ada) == [("Cy", ["Rust"])]
    assert suggested(bob) == [("Cy", ["Rust"])]


def test_people_of_the_same_opportunity_are_left_out(alice, trio):
    ada, bob, _ = trio
    job = Opportunity.objects.create(owner=alice, company="Acme", role_title="Dev")
    Participant.objects.create(opportunity=job, contact=ada)
    Participant.objects.create(opportunity=job, contact=bob)

    assert suggested(ada) == [("Cy", ["Rust"])]


def test_people_met_at_the_same_event_are_left_out(alice, trio):
    ada, bob, cy = trio
    pycon = Event.objects.create(owner=alice, name="PyCon")
    ada.events.add(pycon)
    bob.events.add(pycon)
    fosdem = make_tag(alice, "FOSDEM", kind=Tag.Kind.EVENT)
    ada.tags.add(fosdem)
    cy.tags.add(fosdem)

    assert suggested(ada) == []


def test_nothing_to_suggest_without_technologies(alice):
    ada = person(alice, "Ada")
    person(alice, "Bob", ["Rust"])

    assert suggested(ada) == []


def test_the_section_costs_the_same_queries_however_many_people(
    alice, django_assert_max_num_queries
):
    ada = person(alice, "Ada", ["Rust", "Go"])
    person(alice, "Bob", ["Rust"])
    with django_assert_max_num_queries(6) as few:
        introductions.section(ada)
    for n in range(12):
        person(alice, f"P{n}", ["Rust", "Go"], stack=["Go"] if n % 2 else ())
    with django_assert_max_num_queries(len(few.captured_queries)):
        found = introductions.section(ada)["suggestions"]
    assert len(found) == introductions.LIMIT
