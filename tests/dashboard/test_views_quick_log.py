"""POST /dashboard/contact/<code>/log/: log an interaction straight from "needs attention"."""

import uuid

import pytest
from django.urls import reverse

from contacts.models import Contact
from interactions.models import Interaction, InteractionType
from tests.conftest import make_contact
from tests.dashboard.conftest import (
    HX,
    NOW,
    TODAY,
    attention_names,
    builtin_type,
    days_ago,
    find_one,
    html,
    is_fragment,
    login_url_for,
    section,
    section_text,
    widget_url,
)

pytestmark = pytest.mark.django_db

Status = Contact.Status


def log_url(contact: Contact) -> str:
    return reverse("dashboard:log", args=[contact.code])


def log_data(interaction_type: InteractionType, notes: str = "Talked about Go") -> dict:
    return {"dash-type": str(interaction_type.code), "dash-notes": notes}


@pytest.fixture
def ken(alice) -> Contact:
    return make_contact(
        alice, name="Ken Thompson", last_contacted=days_ago(400), status=Status.RECONNECT
    )


@pytest.fixture
def rob(alice) -> Contact:
    return make_contact(alice, name="Rob Pike", last_contacted=days_ago(200))


def test_htmx_log_saves_the_interaction_and_the_contact_leaves_the_list(
    alice_client, alice, ken, rob
):
    response = alice_client.post(log_url(ken), log_data(builtin_type(alice, "call")), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    interaction = Interaction.objects.get(contact=ken)
    assert (interaction.type.name, interaction.notes, interaction.occurred_at) == (
        "Call",
        "Talked about Go",
        NOW,
    )
    ken.refresh_from_db()
    assert ken.last_contacted == TODAY
    assert ken.status == Status.REGULAR_CONTACT
    page = html(response)
    assert find_one(page, role="status").clean_text == "Logged a Call with Ken Thompson."
    assert attention_names(page) == ["Rob Pike"]


def test_htmx_log_tells_the_other_widgets_to_refresh(alice_client, alice, ken, rob):
    before = section_text(html(alice_client.get(widget_url("stats"), **HX)), "stats")

    response = alice_client.post(log_url(ken), log_data(builtin_type(alice)), **HX)

    assert "crm-changed" in response["HX-Trigger"]
    after = section_text(html(alice_client.get(widget_url("stats"), **HX)), "stats")
    assert "Need attention 2" in before
    assert "Interactions this month 0" in before
    assert "Need attention 1" in after
    assert "Interactions this month 1" in after
    recent = section_text(html(alice_client.get(widget_url("recent"), **HX)), "recent")
    assert "Call with Ken Thompson — Talked about Go" in recent


def test_a_vips_badge_catches_up_after_a_log(alice_client, alice):
    # The nightly job has marked Grace as due for a check-in.
    grace = make_contact(
        alice, name="Grace", is_vip=True, last_contacted=days_ago(20), status=Status.CHECK_IN_DUE
    )
    assert "Grace Check-in due" in section_text(
        html(alice_client.get(widget_url("vips"), **HX)), "vips"
    )

    response = alice_client.post(log_url(grace), log_data(builtin_type(alice)), **HX)

    assert "crm-changed" in response["HX-Trigger"]
    vips = section(html(alice_client.get("/")), "vips")
    assert vips.get("hx-trigger") == "crm-changed from:body"
    refreshed = section_text(html(alice_client.get(vips.get("hx-get"), **HX)), "vips")
    assert "Grace Regular contact" in refreshed


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"dash-type": "", "dash-notes": "hi"},
        {"dash-type": str(uuid.uuid4())},
        {"dash-type": "call"},
    ],
    ids=["nothing", "empty", "unknown-code", "not-a-code"],
)
def test_an_invalid_type_is_explained_and_nothing_is_saved(alice_client, ken, data):
    response = alice_client.post(log_url(ken), data, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    assert find_one(page, role="status").clean_text == "Choose an interaction type to log."
    assert "HX-Trigger" not in response
    assert attention_names(page) == ["Ken Thompson"]
    assert not Interaction.objects.exists()
    ken.refresh_from_db()
    assert ken.last_contacted == days_ago(400)


def test_a_retired_type_cannot_be_logged(alice_client, alice, ken):
    retired = builtin_type(alice, "email")
    retired.is_retired = True
    retired.save(update_fields=["is_retired"])

    response = alice_client.post(log_url(ken), log_data(retired), **HX)

    assert "Choose an interaction type to log." in html(response)
    assert not Interaction.objects.exists()


def test_another_users_type_cannot_be_logged(alice_client, charlie, ken):
    response = alice_client.post(log_url(ken), log_data(builtin_type(charlie)), **HX)

    assert "Choose an interaction type to log." in html(response)
    assert "HX-Trigger" not in response
    assert not Interaction.objects.exists()


def test_without_htmx_it_redirects_home_with_a_message(alice_client, alice, ken):
    response = alice_client.post(log_url(ken), log_data(builtin_type(alice, "call")), follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "Logged a Call with Ken Thompson." in html(response)
    assert Interaction.objects.filter(contact=ken).count() == 1


def test_without_htmx_an_invalid_type_redirects_home_with_an_error(alice_client, ken):
    response = alice_client.post(log_url(ken), {"dash-type": ""}, follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "Choose an interaction type to log." in html(response)
    assert "alert-error" in html(response)
    assert not Interaction.objects.exists()


def test_another_users_contact_is_404_and_nothing_changes(client, alice, charlie):
    secret = make_contact(charlie, name="Charlie's friend", last_contacted=days_ago(400))
    client.force_login(alice)

    for headers in (HX, {}):
        response = client.post(log_url(secret), log_data(builtin_type(alice)), **headers)
        assert response.status_code == 404
    assert not Interaction.objects.exists()
    secret.refresh_from_db()
    assert secret.last_contacted == days_ago(400)


def test_anonymous_is_sent_to_log_in(client, alice, ken):
    response = client.post(log_url(ken), log_data(builtin_type(alice)))

    assert response.status_code == 302
    assert response.url == login_url_for(log_url(ken))
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_only_post_is_allowed(alice_client, ken, method):
    assert getattr(alice_client, method)(log_url(ken)).status_code == 405
    assert not Interaction.objects.exists()
