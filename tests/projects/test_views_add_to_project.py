"""Adding a contact to one of the open projects from the contact's page."""

import pytest

from projects.models import Member
from tests.conftest import make_contact
from tests.projects.conftest import HX, login_url_for, make_project, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def carla(alice):
    return make_contact(alice, name="Carla Client")


def test_adds_the_contact_with_the_role_and_returns_to_their_page(alice_client, alice, carla):
    shop = make_project(alice, title="Shop")

    response = alice_client.post(
        url("add_to_project", carla.code), {"project": shop.code, "role": "stakeholder"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"/contacts/{carla.code}/#freelance-projects")
    assert Member.objects.get().role == "stakeholder"
    assert Member.objects.get().contact == carla


def test_the_same_role_twice_is_refused_with_a_message(alice_client, alice, carla):
    shop = make_project(alice, title="Shop")
    data = {"project": shop.code, "role": "client"}
    alice_client.post(url("add_to_project", carla.code), data)

    response = alice_client.post(url("add_to_project", carla.code), data, follow=True)

    assert Member.objects.count() == 1
    assert "already has this role" in response.content.decode()


def test_a_closed_or_someone_elses_project_is_refused(alice_client, alice, charlie, carla):
    for project in (make_project(alice, stage="lost"), make_project(charlie)):
        response = alice_client.post(
            url("add_to_project", carla.code), {"project": project.code, "role": "client"}
        )
        assert response.status_code == 302
    assert not Member.objects.exists()


def test_someone_elses_contact_is_404(charlie_client, alice, carla):
    shop = make_project(alice)
    response = charlie_client.post(
        url("add_to_project", carla.code), {"project": shop.code, "role": "client"}
    )
    assert response.status_code == 404


def test_anonymous_is_sent_to_log_in(client, carla):
    response = client.post(url("add_to_project", carla.code), {})
    assert response.status_code == 302
    assert response["Location"].startswith(login_url_for(""))


def test_get_is_not_allowed(alice_client, carla):
    assert alice_client.get(url("add_to_project", carla.code)).status_code == 405


def test_htmx_posts_get_the_same_redirect(alice_client, alice, carla):
    shop = make_project(alice)
    response = alice_client.post(
        url("add_to_project", carla.code), {"project": shop.code, "role": "client"}, **HX
    )
    assert response.status_code == 302
    assert Member.objects.count() == 1
