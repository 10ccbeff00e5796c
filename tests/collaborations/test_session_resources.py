"""A study-group session links the owner's shared resources, shown on the group's page."""

import pytest

from collaborations.forms import SessionForm
from collaborations.models import Person, Session
from collaborations.services import save_session
from duplicates.merge import merge_contacts
from resources.models import SharedResource
from tests.collaborations.conftest import html, make_collaboration, url
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(alice, ada):
    group = make_collaboration(alice, title="SICP reading group", kind="study_group")
    Person.objects.create(collaboration=group, contact=ada, role="member")
    return group


@pytest.fixture
def sicp(ada):
    return SharedResource.objects.create(contact=ada, title="SICP", url="https://sicp.example/")


@pytest.fixture
def notes(alice):
    sam = make_contact(alice, name="Sam Outside")
    return SharedResource.objects.create(contact=sam, title="Lecture notes")


def listed(form: SessionForm) -> list[str]:
    return [label for _, label in form.fields["resources"].choices]


def test_a_session_with_its_resources_on_the_groups_page(alice_client, group, sicp, notes):
    data = {
        "held_on": "2026-03-03",
        "topic": "Chapter 1",
        "resources": [str(sicp.code), str(notes.code)],
    }

    response = alice_client.post(url("session_create", group.code), data)

    assert response.url == url("detail", group.code) + "#sessions"
    assert set(Session.objects.get().resources.all()) == {sicp, notes}
    page = html(alice_client.get(url("detail", group.code)))
    assert 'rel="noopener noreferrer" href="https://sicp.example/">SICP</a>' in page
    # One without an address links to its own page.
    assert f'href="/resources/{notes.code}/edit/">Lecture notes</a>' in page


def test_the_form_lists_the_groups_resources_first_then_the_newest(group, sicp, notes):
    form = SessionForm(instance=Session(collaboration=group))

    assert listed(form) == ["SICP (Ada Lovelace)", "Lecture notes (Sam Outside)"]


def test_the_list_is_kept_short_but_picked_ones_stay(alice, group, sicp, notes):
    session = save_session(Session(collaboration=group, topic="Ch 1"), resources=[notes])
    sam = notes.contact
    SharedResource.objects.bulk_create(
        SharedResource(contact=sam, title=f"Post {n}") for n in range(SessionForm.RECENT_RESOURCES)
    )

    new = listed(SessionForm(instance=Session(collaboration=group)))
    editing = listed(SessionForm(instance=session))

    assert len(new) == SessionForm.RECENT_RESOURCES + 1  # the group's own, then the newest
    assert new[0] == "SICP (Ada Lovelace)" and "Lecture notes (Sam Outside)" not in new
    assert "Lecture notes (Sam Outside)" in editing


def test_another_users_resource_cannot_be_linked(alice_client, group, charlie):
    theirs = SharedResource.objects.create(
        contact=make_contact(charlie, name="Charlie's friend"), title="Secret"
    )
    data = {"held_on": "2026-03-03", "topic": "Ch 1", "resources": [str(theirs.code)]}

    response = alice_client.post(url("session_create", group.code), data)

    assert response.status_code == 200
    assert "Select a valid choice" in html(response)
    assert not Session.objects.exists()
    assert "Secret" not in html(alice_client.get(url("session_create", group.code)))


def test_editing_without_resources_clears_them(alice_client, group, sicp):
    session = save_session(Session(collaboration=group, topic="Ch 1"), resources=[sicp])

    alice_client.post(url("session_edit", session.code), {"held_on": "2026-03-03", "topic": "Ch"})

    assert not session.resources.exists()


def test_a_merged_contacts_resources_stay_linked(alice, group, ada, sicp):
    twin = make_contact(alice, name="Ada L.")
    theirs = SharedResource.objects.create(contact=twin, title="Notes on SICP")
    session = save_session(Session(collaboration=group, topic="Ch 1"), resources=[sicp, theirs])

    merge_contacts(alice, ada, [twin], values={})

    assert set(session.resources.all()) == {sicp, theirs}
    assert set(SharedResource.objects.filter(contact=ada)) == {sicp, theirs}


def test_a_deleted_contacts_resources_leave_the_session(alice_client, alice, group, sicp, notes):
    session = save_session(Session(collaboration=group, topic="Ch 1"), resources=[sicp, notes])

    notes.contact.delete()  # as the contact's delete page does

    assert list(session.resources.all()) == [sicp]
    assert alice_client.get(url("detail", group.code)).status_code == 200
