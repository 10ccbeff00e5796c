"""An interaction can name the owner's open-source project it was about (a code review, a pairing
session): chosen on the form, shown on the timeline, kept by merges, unlinked when it goes."""

import pytest
from django.urls import reverse

from collaborations import services as collaboration_services
from duplicates.merge import merge_contacts
from interactions import services
from interactions.forms import InteractionForm
from interactions.models import Interaction
from tests.collaborations.conftest import make_collaboration
from tests.conftest import make_contact
from tests.interactions.conftest import (
    at,
    builtin_type,
    html,
    interaction_form_data,
    make_interaction,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(alice):
    return make_contact(alice, name="Ada Lovelace")


@pytest.fixture
def project(alice):
    return make_collaboration(alice, title="Rust in production", kind="open_source")


def create_url(contact) -> str:
    return reverse("interactions:create", args=[contact.code])


def post_review(client, contact, **overrides):
    data = interaction_form_data(builtin_type(contact.owner, "code_review"), **overrides)
    return client.post(create_url(contact), data)


def test_the_form_offers_only_the_owners_open_source_projects(alice, charlie, project):
    make_collaboration(alice, title="A talk", kind="talk")
    make_collaboration(charlie, title="Charlie's crate", kind="open_source")

    field = InteractionForm(owner=alice).fields["collaboration"]

    assert [c.title for c in field.queryset] == ["Rust in production"]
    assert "code reviews and pair programming" in field.help_text


def test_without_an_open_source_project_the_form_has_no_project_field(alice_client, alice, ada):
    make_collaboration(alice, title="A talk", kind="talk")

    assert "collaboration" not in InteractionForm(owner=alice).fields
    assert 'name="collaboration"' not in html(alice_client.get(create_url(ada)))


def test_a_code_review_logged_about_a_project_is_linked(alice_client, ada, project):
    page = html(alice_client.get(create_url(ada)))
    assert 'name="collaboration"' in page and "Rust in production" in page

    response = post_review(alice_client, ada, collaboration=str(project.code), subject="PR #42")

    assert response.status_code == 302
    assert Interaction.objects.get().collaboration == project


def test_pair_programming_can_be_linked_too(alice_client, alice, ada, project):
    data = interaction_form_data(
        builtin_type(alice, "pair_programming"), collaboration=str(project.code)
    )

    assert alice_client.post(create_url(ada), data).status_code == 302
    assert Interaction.objects.get().collaboration == project


def test_another_type_with_a_project_is_refused_with_a_message(alice_client, alice, ada, project):
    data = interaction_form_data(builtin_type(alice, "call"), collaboration=str(project.code))

    response = alice_client.post(create_url(ada), data)

    assert response.status_code == 200
    assert "A project is for code reviews and pair programming" in html(response)
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("value", ["other", "not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_someone_elses_or_a_made_up_project_is_a_form_error(
    alice_client, charlie, ada, project, value
):
    theirs = make_collaboration(charlie, title="Charlie's crate", kind="open_source")
    code = str(theirs.code) if value == "other" else value

    response = post_review(alice_client, ada, collaboration=code)

    assert response.status_code == 200
    assert "Choose one of your open-source projects." in html(response)
    assert not Interaction.objects.exists()


def test_a_talk_is_not_a_project_to_link(alice_client, alice, ada, project):
    talk = make_collaboration(alice, title="A talk", kind="talk")

    response = post_review(alice_client, ada, collaboration=str(talk.code))

    assert "Choose one of your open-source projects." in html(response)


def test_no_project_stays_unlinked(alice_client, ada, project):
    assert post_review(alice_client, ada, collaboration="").status_code == 302
    assert Interaction.objects.get().collaboration is None


def test_editing_shows_the_linked_project_selected_and_can_unlink_it(alice_client, ada, project):
    review = make_interaction(
        ada, type="code_review", collaboration=project, occurred_at=at(2026, 1, 5)
    )
    edit_url = reverse("interactions:edit", args=[review.code])

    page = html(alice_client.get(edit_url))
    assert f'<option value="{project.code}" selected>' in page

    data = interaction_form_data(builtin_type(ada.owner, "code_review"), collaboration="")
    assert alice_client.post(edit_url, data).status_code == 302
    review.refresh_from_db()
    assert review.collaboration is None


def test_the_timeline_names_the_project_with_a_link(alice_client, ada, project):
    make_interaction(ada, type="code_review", collaboration=project, occurred_at=at(2026, 1, 5))

    page = html(alice_client.get(reverse("contacts:detail", args=[ada.code])))

    assert "Project:" in page and "Rust in production" in page
    assert reverse("collaborations:detail", args=[project.code]) in page


def test_the_timeline_reads_the_projects_with_the_interactions(
    ada, project, django_assert_num_queries
):
    for day in (5, 6, 7):
        make_interaction(
            ada, type="code_review", collaboration=project, occurred_at=at(2026, 1, day)
        )

    _, entries, _ = services.timeline_page(ada, 1)

    with django_assert_num_queries(0):
        assert [e.interaction.collaboration.title for e in entries] == ["Rust in production"] * 3


def test_the_service_refuses_another_owners_project(ada, charlie):
    theirs = make_collaboration(charlie, title="Charlie's crate", kind="open_source")

    with pytest.raises(ValueError):
        make_interaction(ada, type="code_review", collaboration=theirs)
    assert not Interaction.objects.exists()


def test_deleting_the_project_keeps_the_interaction_unlinked(ada, project):
    review = make_interaction(ada, type="code_review", collaboration=project)

    collaboration_services.delete(project)

    review.refresh_from_db()
    assert review.collaboration is None


def test_merging_contacts_keeps_the_link(alice, ada, project):
    twin = make_contact(alice, name="Ada L.")
    review = make_interaction(twin, type="code_review", collaboration=project)

    merge_contacts(alice, ada, [twin], {})

    review.refresh_from_db()
    assert (review.contact, review.collaboration) == (ada, project)
