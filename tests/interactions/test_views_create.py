"""The full interaction form: every field, on its own page."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from contacts.models import Contact, Tag
from interactions.models import Interaction
from tests.conftest import make_tag
from tests.devhub.conftest import find_one
from tests.interactions.conftest import (
    HX,
    builtin_type,
    detail_url,
    html,
    interaction_form_data,
    is_fragment,
    login_url_for,
    missing_htmx_targets,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 20, 30, tzinfo=UTC)


def create_url(contact: Contact) -> str:
    return reverse("interactions:create", args=[contact.code])


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_form_starts_at_now_in_the_users_time_zone(auckland, alice_client, ada):
    response = alice_client.get(create_url(ada))

    assert response.status_code == 200
    assert "Log an interaction with Ada Lovelace" in html(response)
    field = find_one(html(response), "input", name="occurred_at")
    assert field.get("value") == "2026-03-11T09:30"  # 20:30 UTC is 09:30 next day in Auckland


def test_type_menu_uses_uuid_codes_and_leaves_out_retired_types(alice_client, ada):
    email = builtin_type(ada.owner, "email")
    email.is_retired = True
    email.save()

    page = html(alice_client.get(create_url(ada)))

    select = find_one(page, "select", name="type")
    values = [o.get("value") for o in select.descendants() if o.tag == "option"]
    assert str(builtin_type(ada.owner, "code_review").code) in values
    assert str(email.code) not in values
    assert "E-mail" not in select.text
    assert len(values) == 14
    assert all(len(v) == 36 for v in values)


def test_outcome_menu_offers_the_four_outcomes(alice_client, ada):
    page = html(alice_client.get(create_url(ada)))

    select = find_one(page, "select", name="outcome")
    values = [o.get("value") for o in select.descendants() if o.tag == "option"]
    assert values == ["positive", "neutral", "negative", "no_response"]


def test_saving_logs_every_field(alice_client, ada):
    rust = make_tag(ada.owner, "Rust")
    data = interaction_form_data(
        builtin_type(ada.owner, "mentoring_session"),
        occurred_at="2026-03-08T18:15",
        subject="Ownership",
        notes="Went through the borrow checker",
        outcome="positive",
        follow_up_on="2026-03-22",
        topic_names="rust, Lifetimes",
        progress_notes="Ready for async next time",
    )

    response = alice_client.post(create_url(ada), data)

    assert response.status_code == 302
    assert response.url == detail_url(ada) + "#timeline"
    interaction = ada.interactions.get()
    assert interaction.type.builtin_key == "mentoring_session"
    assert interaction.occurred_at == datetime(2026, 3, 8, 18, 15, tzinfo=UTC)
    assert interaction.subject == "Ownership"
    assert interaction.outcome == Interaction.Outcome.POSITIVE
    assert interaction.follow_up_on == date(2026, 3, 22)
    assert interaction.progress_notes == "Ready for async next time"
    assert sorted(t.name for t in interaction.topics.all()) == ["Lifetimes", "Rust"]
    assert rust in interaction.topics.all()
    assert Tag.objects.filter(owner=ada.owner).count() == 2
    ada.refresh_from_db()
    assert ada.last_contacted == date(2026, 3, 8)


def test_success_message_and_entry_appear_on_the_contact_page(alice_client, ada):
    data = interaction_form_data(builtin_type(ada.owner, "code_review"), subject="PR #42")

    response = alice_client.post(create_url(ada), data, follow=True)

    page = html(response)
    assert "Logged a Code review with Ada Lovelace." in page
    assert "PR #42" in page
    assert find_one(page, id="last-contacted").clean_text == "5 Jan 2026"


def test_a_date_more_than_twelve_hours_ahead_is_refused(alice_client, ada):
    data = interaction_form_data(builtin_type(ada.owner), occurred_at="2026-03-11T09:00")

    response = alice_client.post(create_url(ada), data)

    assert response.status_code == 200
    assert "That is in the future" in html(response)
    assert not Interaction.objects.exists()


def test_a_date_a_few_hours_ahead_is_accepted(alice_client, ada):
    data = interaction_form_data(builtin_type(ada.owner), occurred_at="2026-03-11T01:00")

    assert alice_client.post(create_url(ada), data).status_code == 302
    assert ada.interactions.count() == 1


def test_an_integer_type_id_is_refused(alice_client, ada):
    call = builtin_type(ada.owner)
    data = interaction_form_data(call, type=str(call.pk))

    response = alice_client.post(create_url(ada), data)

    assert response.status_code == 200
    assert "Select a valid choice" in html(response)
    assert not Interaction.objects.exists()


def test_someone_elses_type_is_refused(alice_client, ada, charlie):
    response = alice_client.post(create_url(ada), interaction_form_data(builtin_type(charlie)))

    assert "Select a valid choice" in html(response)
    assert not Interaction.objects.exists()


def test_invalid_form_keeps_what_was_typed(alice_client, ada):
    data = interaction_form_data(builtin_type(ada.owner), subject="Kept", outcome="great")

    response = alice_client.post(create_url(ada), data)

    assert response.status_code == 200
    assert 'value="Kept"' in html(response)
    assert "Please correct the fields marked below" in html(response)


def test_outsider_gets_404_and_nothing_is_logged(charlie_client, ada, charlie):
    assert charlie_client.get(create_url(ada)).status_code == 404
    response = charlie_client.post(create_url(ada), interaction_form_data(builtin_type(charlie)))

    assert response.status_code == 404
    assert not Interaction.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, ada):
    response = client.get(create_url(ada))

    assert response.status_code == 302
    assert response.url == login_url_for(create_url(ada))


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_create_answers_only_get_and_post(alice_client, ada, method):
    assert getattr(alice_client, method)(create_url(ada)).status_code == 405


def test_htmx_get_returns_the_form_only(alice_client, ada):
    response = alice_client.get(create_url(ada), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert find_one(html(response), "form").get("action") == create_url(ada)


def test_htmx_invalid_post_returns_the_form_with_errors(alice_client, ada):
    data = interaction_form_data(builtin_type(ada.owner), occurred_at="")

    response = alice_client.post(create_url(ada), data, **HX)

    assert is_fragment(response)
    assert "This field is required." in html(response)
    assert not Interaction.objects.exists()


def test_htmx_valid_post_sends_the_browser_to_the_contact(alice_client, ada):
    response = alice_client.post(
        create_url(ada), interaction_form_data(builtin_type(ada.owner)), **HX
    )

    assert response.headers["HX-Redirect"] == detail_url(ada) + "#timeline"
    assert ada.interactions.count() == 1


def test_every_htmx_target_on_the_page_exists(alice_client, ada):
    assert missing_htmx_targets(html(alice_client.get(create_url(ada)))) == []
