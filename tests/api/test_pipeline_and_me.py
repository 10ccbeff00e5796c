import datetime as dt

import pytest

from contacts.models import Contact
from opportunities import services as opportunity_services
from opportunities.models import Opportunity
from projects import services as project_services
from projects.models import Project
from reminders.models import Reminder
from tests.api.conftest import assert_problem, send
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


def opportunity(owner, company: str, **fields) -> Opportunity:
    return opportunity_services.save_new(
        Opportunity(owner=owner, company=company, role_title="Developer", **fields)
    )


def project(owner, title: str, **fields) -> Project:
    return project_services.save_new(Project(owner=owner, title=title, **fields))


def test_opportunities_list_read_and_filter(alice_api, alice, charlie):
    acme = opportunity(alice, "Acme", status="applied")
    opportunity(alice, "Initech")
    opportunity(charlie, "Secret Corp")

    items = alice_api.get("/api/v1/opportunities").json()["items"]

    assert [o["company"] for o in items] == ["Initech", "Acme"]  # newest first
    applied = alice_api.get("/api/v1/opportunities", {"status": "applied"}).json()["items"]
    assert [o["company"] for o in applied] == ["Acme"]
    assert alice_api.get(f"/api/v1/opportunities/{acme.code}").json()["status"] == "applied"
    assert (
        "status"
        in assert_problem(alice_api.get("/api/v1/opportunities", {"status": "dreaming"}), 422)[
            "errors"
        ]
    )


def test_opportunity_moves_stage_through_the_service(alice_api, alice):
    acme = opportunity(alice, "Acme")
    url = f"/api/v1/opportunities/{acme.code}/status"

    moved = send(alice_api, "POST", url, {"status": "interview"})

    assert moved.json()["status"] == "interview"
    assert acme.stage_changes.filter(to_status="interview").exists()
    errors = assert_problem(send(alice_api, "POST", url, {"status": "won"}), 422)["errors"]
    assert "status" in errors


def test_projects_list_read_and_move(alice_api, alice, charlie):
    shop = project(alice, "Shop")
    project(charlie, "Theirs")

    assert [p["title"] for p in alice_api.get("/api/v1/projects").json()["items"]] == ["Shop"]
    assert alice_api.get(f"/api/v1/projects/{shop.code}").json()["stage"] == "lead"
    moved = send(alice_api, "POST", f"/api/v1/projects/{shop.code}/stage", {"stage": "proposal"})
    assert moved.json()["stage"] == "proposal"
    assert shop.stage_changes.filter(to_stage="proposal").exists()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/opportunities/{o}", None),
        ("/api/v1/opportunities/{o}/status", {"status": "offer"}),
    ],
)
def test_another_users_opportunity_is_404(charlie_api, alice, path, body):
    acme = opportunity(alice, "Acme")

    response = send(charlie_api, "POST" if body else "GET", path.format(o=acme.code), body)

    assert_problem(response, 404)
    acme.refresh_from_db()
    assert acme.status == "interested"


@pytest.mark.parametrize(
    ("path", "body"),
    [("/api/v1/projects/{p}", None), ("/api/v1/projects/{p}/stage", {"stage": "completed"})],
)
def test_another_users_project_is_404(charlie_api, alice, path, body):
    shop = project(alice, "Shop")

    response = send(charlie_api, "POST" if body else "GET", path.format(p=shop.code), body)

    assert_problem(response, 404)
    shop.refresh_from_db()
    assert shop.stage == "lead"


def test_me_counts_my_network(alice_api, alice, charlie):
    make_contact(alice, name="Ada", status=Contact.Status.RECONNECT)
    make_contact(alice, name="Bea")
    make_contact(alice, name="Old", is_archived=True)
    make_contact(charlie, name="Mallory")
    Reminder.objects.create(owner=alice, title="Ping", due_on=dt.date(2020, 1, 1))

    me = alice_api.get("/api/v1/me").json()

    assert me["username"] == "alice"
    assert me["contacts"] == 2 and me["archived_contacts"] == 1
    assert me["contacts_by_status"]["reconnect"] == 1
    assert me["contacts_by_status"]["regular_contact"] == 1
    assert me["needs_attention"] == 1 and me["reminders_due"] == 1
