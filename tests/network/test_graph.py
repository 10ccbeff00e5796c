import random

import pytest

from contacts.models import Contact, Event, Tag
from network import graph
from tests.conftest import make_contact, make_tag
from tests.network.conftest import person

pytestmark = pytest.mark.django_db
Status = Contact.Status


@pytest.fixture
def network(alice):
    """Rust: 3 people (2 warm). Python: 4 (1 warm). Go: 1 (warm). Rust+Python together: 2."""
    person(alice, "Ada", ["Rust", "Python"], status=Status.ACTIVE_COLLABORATION)
    person(alice, "Brian", ["Rust"], stack=["Python"])  # regular contact: warm
    person(alice, "Carol", ["Rust"], status=Status.RECONNECT)
    person(alice, "Dan", ["Python"], status=Status.PASSIVE)
    person(alice, "Eve", ["Python", "Go"], stack=["Go"], status=Status.CHECK_IN_DUE)
    person(alice, "Old", ["Rust", "Python"], is_archived=True)  # archived: never counted
    make_tag(alice, "Fintech", kind=Tag.Kind.INDUSTRY)
    person(alice, "Fay", ["Fintech"])


def figures(stack_map) -> list[tuple]:
    return [(t.name, t.people, t.warm, t.band) for t in stack_map.technologies]


def test_sizes_and_warm_shares_count_tags_and_vip_stacks_once_per_person(alice, network):
    stack_map = graph.stack_map(alice)

    assert figures(stack_map) == [
        ("Python", 4, 2, "mixed"),
        ("Rust", 3, 2, "warm"),
        ("Go", 1, 0, "cool"),
    ]
    assert stack_map.people == 5
    assert stack_map.technologies[1].label == "Rust: 3 people, 2 warm"
    assert stack_map.technologies[2].label == "Go: 1 person, 0 warm"
    assert stack_map.technologies[0].warm_percent == 50


def test_lines_join_technologies_at_least_two_people_have_together(alice, network):
    stack_map = graph.stack_map(alice)

    assert [(ln.a.name, ln.b.name, ln.together) for ln in stack_map.lines] == [
        ("Python", "Rust", 2)
    ]  # Python+Go is one person (Eve): no line
    python, rust, go = stack_map.technologies
    assert python.often_with == [("Rust", 2)]
    assert rust.often_with == [("Python", 2)]
    assert go.often_with == []


def test_a_non_vip_stack_is_not_counted(alice):
    brian = person(alice, "Brian", ["Rust"], stack=["Python"])
    Contact.objects.filter(pk=brian.pk).update(is_vip=False)

    assert figures(graph.stack_map(alice)) == [("Rust", 1, 1, "warm")]


def test_filters_by_kind_status_and_event(alice, network):
    pycon = Event.objects.create(owner=alice, name="PyCon")
    Contact.objects.get(name="Dan").events.add(pycon)
    Contact.objects.get(name="Ada").events.add(pycon)

    assert figures(graph.stack_map(alice, kind=Tag.Kind.INDUSTRY)) == [("Fintech", 1, 1, "warm")]
    assert figures(graph.stack_map(alice, status=Status.RECONNECT)) == [("Rust", 1, 0, "cool")]
    assert figures(graph.stack_map(alice, event=pycon)) == [
        ("Python", 2, 1, "mixed"),
        ("Rust", 1, 1, "warm"),
    ]


def test_only_the_largest_technologies_are_drawn_in_a_fixed_order(alice, monkeypatch):
    monkeypatch.setattr(graph, "TOP_TECHNOLOGIES", 2)
    person(alice, "Ada", ["b", "a", "c"])
    person(alice, "Bob", ["c"])

    stack_map = graph.stack_map(alice)

    assert [t.name for t in stack_map.technologies] == ["c", "a"]  # by size, then by name
    assert stack_map.more == 1
    first, second = stack_map.technologies
    assert (first.x, first.y) == (graph.CENTRE, graph.CENTRE - graph.ORBIT)  # at the top
    assert first.radius == graph.MAX_RADIUS and second.radius < first.radius
    assert graph.stack_map(alice).technologies[1].x == second.x  # the same every time


def test_links_go_to_who_knows_the_technology(alice):
    person(alice, "Ada", ["C++", "Node/Deno"], status=Status.RECONNECT)

    urls = {t.name: t.url for t in graph.stack_map(alice).technologies}
    assert urls == {"C++": "/network/tech/C++/", "Node/Deno": "/network/tech/Node/Deno/"}


def test_nobody_else_is_counted(alice, charlie, network):
    make_contact(charlie, name="Mallory", tags=["Rust"])

    assert graph.stack_map(charlie).technologies[0].people == 1
    assert graph.stack_map(alice).technologies[1].people == 3


def test_an_empty_network_has_an_empty_map(alice):
    stack_map = graph.stack_map(alice)

    assert (stack_map.technologies, stack_map.lines, stack_map.people) == ([], [], 0)


def test_query_count_does_not_grow_with_the_network(alice, network, django_assert_num_queries):
    with django_assert_num_queries(2):
        graph.stack_map(alice)
    for n in range(20):
        person(alice, f"More {n}", [f"Tech {n % 7}", "Rust"], stack=[f"Tech {n % 3}"])
    with django_assert_num_queries(2):
        graph.stack_map(alice)


def test_counts_and_lines_agree_with_a_plain_recount(alice, monkeypatch):
    """A seeded network with many ties, counted again the plain way: a set of technologies per
    person, people and warm people per technology, people per pair of drawn technologies."""
    monkeypatch.setattr(graph, "TOP_TECHNOLOGIES", 6)
    rng = random.Random(7)
    names = [f"T{n}" for n in range(9)]
    statuses = list(Status)
    held: dict[str, tuple[set[str], bool]] = {}
    for n in range(40):
        tags = rng.sample(names, rng.randint(0, 4))
        stack = rng.sample(names, rng.randint(0, 2))
        status = rng.choice(statuses)
        person(alice, f"P{n}", tags, stack=stack, status=status)
        if tags or stack:
            held[f"P{n}"] = (set(tags) | set(stack), status in graph.WARM)

    people = {t: sum(t in tags for tags, _ in held.values()) for t in names}
    warm = {t: sum(t in tags and w for tags, w in held.values()) for t in names}
    ranked = sorted((t for t in names if people[t]), key=lambda t: (-people[t], t))
    top = ranked[:6]
    pairs = [
        (a, b, sum({a, b} <= tags for tags, _ in held.values()))
        for i, a in enumerate(top)
        for b in top[i + 1 :]
    ]
    lines = sorted(
        (p for p in pairs if p[2] >= graph.MIN_TOGETHER),
        key=lambda p: (-p[2], top.index(p[0]), top.index(p[1])),
    )

    stack_map = graph.stack_map(alice)

    assert [(t.name, t.people, t.warm) for t in stack_map.technologies] == [
        (t, people[t], warm[t]) for t in top
    ]
    assert (stack_map.people, stack_map.more) == (len(held), len(ranked) - len(top))
    assert [(ln.a.name, ln.b.name, ln.together) for ln in stack_map.lines] == lines
    for tech in stack_map.technologies:
        partners = [(b if a == tech.name else a, n) for a, b, n in lines if tech.name in (a, b)]
        assert tech.often_with == partners[: graph.OFTEN_WITH]
