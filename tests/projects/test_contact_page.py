"""The contact page lists the projects the contact is part of and, for a client, what they paid
and still owe."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Contact
from projects.models import Project
from tests.conftest import make_contact
from tests.contacts.conftest import contact_page
from tests.devhub.conftest import find_all, find_one
from tests.projects.conftest import add_member, make_payment, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def carla(alice) -> Contact:
    return make_contact(alice, name="Carla Client")


def section(page: str):
    return find_one(page, "section", id="freelance-projects")


def money(card) -> dict[str, str]:
    terms = [d.clean_text for d in find_all(card.descendants(), "dt")]
    return dict(zip(terms, [d.clean_text for d in find_all(card.descendants(), "dd")], strict=True))


def test_lists_each_project_with_the_contacts_role_and_its_stage(
    alice_client, alice, carla, frozen_clock
):
    shop = make_project(alice, title="Shop", stage="active")
    site = make_project(alice, title="Site", stage="proposal")
    add_member(shop, carla, role="stakeholder")
    add_member(site, carla, role="collaborator")

    card = section(contact_page(alice_client, carla))

    assert [li.clean_text for li in find_all(card.descendants(), "li")] == [
        "Shop — stakeholder, active",
        "Site — collaborator, proposal sent",
    ]
    assert "As a client" not in card.clean_text


def test_a_client_sees_paid_and_outstanding_per_currency(alice_client, alice, carla, frozen_clock):
    shop = make_project(alice, title="Shop", stage="active", currency="EUR")
    api = make_project(alice, title="API", stage="completed", currency="USD")
    other = make_project(alice, title="Not hers", stage="active")
    for project in (shop, api):
        add_member(project, carla)
    make_payment(
        shop, amount=Decimal("2500"), invoiced_on=date(2026, 1, 5), paid_on=date(2026, 2, 1)
    )
    make_payment(
        shop, amount=Decimal("1000"), invoiced_on=date(2026, 2, 1), due_on=date(2026, 3, 1)
    )
    make_payment(shop, amount=Decimal("400"), invoiced_on=date(2026, 3, 1), due_on=date(2026, 4, 1))
    make_payment(
        api, amount=Decimal("800"), invoiced_on=date(2026, 1, 5), paid_on=date(2026, 1, 20)
    )
    make_payment(
        other, amount=Decimal("9999"), invoiced_on=date(2026, 1, 5), due_on=date(2026, 2, 1)
    )

    card = section(contact_page(alice_client, carla))

    assert [li.clean_text for li in find_all(card.descendants(), "li")] == [
        "API — client, completed",
        "Shop — client, active",
    ]
    assert money(card) == {
        "Paid (EUR)": "2,500.00 EUR",
        "Outstanding (EUR)": "1,400.00 EUR, 1,000.00 overdue",
        "Paid (USD)": "800.00 USD",
        "Outstanding (USD)": "0.00 USD",
    }


def test_no_section_for_an_owner_without_open_projects(alice_client, alice, carla, frozen_clock):
    make_project(alice, stage="completed")

    page = contact_page(alice_client, carla)

    assert not find_all(page, "section", id="freelance-projects")


def test_a_contact_in_no_project_can_be_added_to_an_open_one(
    alice_client, alice, carla, frozen_clock
):
    add_member(make_project(alice, title="Shop"), make_contact(alice, name="Someone Else"))
    make_project(alice, title="Old", stage="lost")

    card = section(contact_page(alice_client, carla))

    assert "Not in any of your projects." in card.clean_text
    options = [o.clean_text for o in find_all(card.descendants(), "option")]
    assert "Shop (Acme)" in options and "Old (Acme)" not in options


def test_the_queries_do_not_grow_with_the_projects(alice_client, alice, carla, frozen_clock):
    contact_page(alice_client, carla)  # the first request of a session does a little more
    with CaptureQueriesContext(connection) as without:
        contact_page(alice_client, carla)
    add_member(make_project(alice, title="Shop"), carla, role="stakeholder")
    with CaptureQueriesContext(connection) as member:
        contact_page(alice_client, carla)
    add_member(make_project(alice, title="Client work"), carla)
    with CaptureQueriesContext(connection) as client:
        contact_page(alice_client, carla)
    for n in range(5):
        add_member(make_project(alice, title=f"More work {n}"), carla)
        make_payment(Project.objects.get(title=f"More work {n}"), paid_on=date(2026, 3, 1))
    with CaptureQueriesContext(connection) as more:
        page = contact_page(alice_client, carla)

    # The roles and the open projects; for a client, the two grouped sums of the totals.
    assert len(member.captured_queries) == len(without.captured_queries)
    assert len(client.captured_queries) == len(member.captured_queries) + 2
    assert len(more.captured_queries) == len(client.captured_queries)
    assert len(find_all(section(page).descendants(), "li")) == 7
    assert len(find_all(section(page).descendants(), "option")) == 7 + 4  # projects, roles
