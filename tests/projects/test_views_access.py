"""Every project page: anonymous visitors go to log in, outsiders get 404 (nothing changes), and
each answers only its methods."""

import pytest

from projects.models import Milestone, Payment, Project, TimeEntry
from tests.projects.conftest import (
    add_member,
    login_url_for,
    make_milestone,
    make_payment,
    make_time,
    url,
)

pytestmark = pytest.mark.django_db

# (URL name, which object's code, the methods it answers)
PAGES = [
    ("board", None, {"get"}),
    ("list", None, {"get"}),
    ("create", None, {"get", "post"}),
    ("settings", None, {"get", "post"}),
    ("detail", "project", {"get"}),
    ("edit", "project", {"get", "post"}),
    ("delete", "project", {"get", "post"}),
    ("move", "project", {"post"}),
    ("add_member", "project", {"post"}),
    ("remove_member", "member", {"post"}),
    ("link_interaction", "project", {"post"}),
    ("unlink_interaction", "project", {"post"}),
    ("milestone_create", "project", {"get", "post"}),
    ("milestone_edit", "milestone", {"get", "post"}),
    ("milestone_status", "milestone", {"post"}),
    ("milestone_delete", "milestone", {"get", "post"}),
    ("payment_create", "project", {"get", "post"}),
    ("payment_edit", "payment", {"get", "post"}),
    ("payment_delete", "payment", {"get", "post"}),
    ("payment_invoiced", "payment", {"get", "post"}),
    ("payment_paid", "payment", {"post"}),
    ("payment_write_off", "payment", {"post"}),
    ("invoice", "payment", {"get"}),
    ("log_time", "project", {"post"}),
    ("bill_time", "project", {"post"}),
    ("time_delete", "time", {"post"}),
]


@pytest.fixture
def things(project):
    milestone = make_milestone(project)
    return {
        "project": project,
        "member": add_member(project),
        "milestone": milestone,
        "payment": make_payment(project, milestone=milestone, invoice_number="INV-1"),
        "time": make_time(project),
    }


def address(name: str, owner_of: str | None, things: dict) -> str:
    return url(name, things[owner_of].code) if owner_of else url(name)


def counts() -> list[int]:
    return [m.objects.count() for m in (Project, Milestone, Payment, TimeEntry)]


@pytest.mark.parametrize("name,owner_of,methods", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, things, name, owner_of, methods):
    path = address(name, owner_of, things)
    response = getattr(client, sorted(methods)[0])(path)
    assert response.status_code == 302
    assert response.url == login_url_for(path)


@pytest.mark.parametrize("name,owner_of,methods", [p for p in PAGES if p[1]])
def test_outsiders_get_404_and_change_nothing(charlie_client, things, name, owner_of, methods):
    before = counts()
    path = address(name, owner_of, things)
    for method in methods:
        data = {"stage": "active", "status": "accepted", "paid_on": "2026-03-10"}
        assert getattr(charlie_client, method)(path, data).status_code == 404
    assert counts() == before
    assert Payment.objects.get().status == "scheduled"


@pytest.mark.parametrize("name,owner_of,methods", PAGES)
def test_other_methods_are_refused(alice_client, things, name, owner_of, methods):
    path = address(name, owner_of, things)
    for method in {"get", "post", "put", "delete"} - methods:
        assert getattr(alice_client, method)(path).status_code == 405, method
