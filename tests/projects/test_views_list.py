"""The projects list: filters, pagination and its HTMX results."""

from datetime import date

import pytest

from tests.conftest import make_tag
from tests.devhub.conftest import find_all
from tests.projects.conftest import (
    HX,
    html,
    is_fragment,
    make_milestone,
    make_payment,
    make_project,
    url,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    rows = [a for a in find_all(html(response), "a") if "/projects/" in a.get("href", "")]
    return sorted(a.clean_text for a in rows if a.get("href", "").count("-") == 4)


@pytest.fixture
def projects(alice, charlie, frozen_clock):
    django = make_tag(alice, "Django", kind="technology")
    shop = make_project(alice, title="Shop", client="Acme Corp", stage="active")
    shop.technologies.add(django)
    make_project(alice, title="Blog", client="Initech", stage="lead")
    make_project(alice, title="App", client="ACME Labs", stage="lost")
    late = make_project(alice, title="Late milestone", client="Zed")
    make_milestone(late, due_on=date(2026, 3, 1))
    unpaid = make_project(alice, title="Late payment", client="Zed")
    make_payment(unpaid, invoiced_on=date(2026, 1, 1), due_on=date(2026, 2, 1))
    make_project(charlie, title="Theirs", client="Acme")
    return {"django": django}


def test_everything_of_the_owner_is_listed(alice_client, projects):
    assert titles(alice_client.get(url("list"))) == [
        "App",
        "Blog",
        "Late milestone",
        "Late payment",
        "Shop",
    ]


@pytest.mark.parametrize(
    "query,expected",
    [
        ({"stage": "active"}, ["Shop"]),
        ({"client": "acme"}, ["App", "Shop"]),
        ({"overdue": "on"}, ["Late milestone", "Late payment"]),
    ],
)
def test_filters(alice_client, projects, query, expected):
    assert titles(alice_client.get(url("list"), query)) == expected


def test_the_technology_filter(alice_client, projects):
    response = alice_client.get(url("list"), {"technology": str(projects["django"].code)})

    assert titles(response) == ["Shop"]


def test_a_bad_filter_is_reported_and_ignored(alice_client, projects):
    response = alice_client.get(url("list"), {"stage": "won"})

    assert "Some filters were not understood" in html(response)
    assert len(titles(response)) == 5


def test_pages_of_25(alice_client, alice, frozen_clock):
    for index in range(27):
        make_project(alice, title=f"Project {index:02}")

    first = html(alice_client.get(url("list")))
    second = html(alice_client.get(url("list"), {"page": 2}))

    assert first.count("Project ") == 25
    assert "Page 1 of 2" in first
    assert second.count("Project ") == 2


def test_htmx_gets_the_results_only(alice_client, projects):
    response = alice_client.get(url("list"), {"stage": "lead"}, **HX)

    assert is_fragment(response)
    assert "Blog" in html(response)
    assert "Filter projects" not in html(response)


def test_no_projects_invites_to_add_one(alice_client):
    assert "No projects yet." in html(alice_client.get(url("list")))
