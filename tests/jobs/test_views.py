"""The long-change pages: progress driven by the page itself, outcome afterwards, a list."""

import pytest
from django.urls import reverse

from contacts import bulk
from contacts.models import Contact
from jobs import services
from jobs.models import Job
from tests.conftest import bulk_contacts, make_contact

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def deleting(alice):
    """Deleting 450 of alice's contacts: three items of 200, 200 and 50."""
    bulk_contacts(alice, (Contact(owner=alice, name=f"P {i}") for i in range(450)))
    return bulk.start(
        alice,
        "delete",
        Contact.objects.for_owner(alice),
        title="Deleting 450 contacts",
        message="Deleted 450 contacts.",
        next_url=reverse("contacts:list"),
    )


def step_url(job: Job) -> str:
    return reverse("jobs:step", args=[job.code])


def detail_url(job: Job) -> str:
    return reverse("jobs:detail", args=[job.code])


def test_the_progress_page_polls_its_step_and_works_without_javascript(alice_client, deleting):
    response = alice_client.get(detail_url(deleting))

    html = response.content.decode()
    assert response.status_code == 200
    assert "0 of 450" in html
    assert f'hx-post="{step_url(deleting)}"' in html
    assert f'action="{step_url(deleting)}"' in html  # the <noscript> form


def test_each_step_does_a_part_until_done_then_sends_the_user_on(alice_client, alice, deleting):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("jobs.services.step_seconds", lambda: 0)  # one item per request
        first = alice_client.post(step_url(deleting), **HX)
        assert first.status_code == 200
        assert "200 of 450" in first.content.decode()
        assert "<html" not in first.content.decode()  # the fragment only
        alice_client.post(step_url(deleting), **HX)
        alice_client.post(step_url(deleting), **HX)
        # The step that finds nothing left ends the job and sends the user on.
        last = alice_client.post(step_url(deleting), **HX)

    assert last["HX-Redirect"] == reverse("contacts:list")
    assert not Contact.objects.for_owner(alice).exists()
    page = alice_client.get(reverse("contacts:list"))
    assert "Deleted 450 contacts." in page.content.decode()


def test_without_javascript_a_step_redirects_back_to_the_progress(alice_client, deleting):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("jobs.services.step_seconds", lambda: 0)
        response = alice_client.post(step_url(deleting))

    assert response.status_code == 302
    assert response["Location"] == detail_url(deleting)


def test_a_finished_job_shows_its_outcome(alice_client, deleting):
    services.run_to_end(deleting)
    assert deleting.status == "done"

    html = alice_client.get(detail_url(deleting)).content.decode()
    assert "Deleted 450 contacts." in html
    assert "hx-post" not in html


def test_the_list_shows_jobs_newest_first_with_their_state(alice_client, alice, deleting):
    other = bulk.start(
        alice,
        "archive",
        Contact.objects.none(),
        title="Archiving nobody",
        message="Archived 0.",
        next_url="/",
    )
    html = alice_client.get(reverse("jobs:list")).content.decode()

    assert html.index(other.title) < html.index(deleting.title)
    assert "Running" in html


def test_the_list_says_when_there_is_nothing(alice_client):
    assert "No long changes yet." in alice_client.get(reverse("jobs:list")).content.decode()


def test_the_list_answers_htmx_with_its_results_only(alice_client, deleting):
    response = alice_client.get(reverse("jobs:list"), **HX)
    assert deleting.title in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("name", ["detail", "step"])
def test_another_users_job_is_not_found(charlie_client, deleting, name):
    url = reverse(f"jobs:{name}", args=[deleting.code])
    response = charlie_client.post(url) if name == "step" else charlie_client.get(url)
    assert response.status_code == 404
    assert Contact.objects.count() == 450


@pytest.mark.parametrize("name", ["list", "detail", "step"])
def test_anonymous_visitors_are_sent_to_log_in(client, deleting, name):
    args = [] if name == "list" else [deleting.code]
    response = client.get(reverse(f"jobs:{name}", args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_wrong_methods_are_refused(alice_client, deleting):
    assert alice_client.get(step_url(deleting)).status_code == 405
    assert alice_client.post(detail_url(deleting)).status_code == 405
    assert alice_client.post(reverse("jobs:list")).status_code == 405


def test_a_small_bulk_action_is_done_in_its_own_request(alice_client, alice):
    ada = make_contact(alice, name="Ada")
    response = alice_client.post(
        reverse("contacts:bulk"), {"ids": [str(ada.code)], "action": "mark_vip"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:list")
    ada.refresh_from_db()
    assert ada.is_vip
    assert Job.objects.get().status == "done"


def test_a_big_bulk_delete_continues_on_its_progress_page(alice_client, alice, monkeypatch):
    bulk_contacts(alice, (Contact(owner=alice, name=f"P {i}") for i in range(450)))
    monkeypatch.setattr("jobs.services.step_seconds", lambda: 0)
    data = {"all_matching": "1", "query": "", "action": "delete", "confirmed": "1", "count": "450"}

    response = alice_client.post(reverse("contacts:bulk"), data)

    job = Job.objects.get()
    assert response["Location"] == detail_url(job)
    assert Contact.objects.for_owner(alice).count() == 250  # the first 200 went at once
